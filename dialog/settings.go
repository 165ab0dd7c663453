package dialog

// Settings (issue 4): language, city, announcement topics. Owned by the
// training feature.

const (
	flowSettings     = "settings"
	cbSettingsPrefix = "set:"
)

// SettingsStore is what settings need from persistence.
type SettingsStore interface{}

// settingsState is the settings flow's session payload.
type settingsState struct{}

var settingsCatalog = map[string]map[string]string{LangZH: {}, LangEN: {}}

func (t *turn) settingsCommand() ([]Reply, error) { return []Reply{t.menu()}, nil }

func (t *turn) onSettingsButton(data string) ([]Reply, error) { return t.stale() }

func (t *turn) settingsText(text string) ([]Reply, bool, error) { return nil, false, nil }
