package dialog

// Public employment stations and odd-job markets by city: /stations and
// the station buttons of the jobs flow.

import (
	"strconv"
	"strings"

	"github.com/gongyou/gongyou/knowledge/listings"
	"github.com/gongyou/gongyou/knowledge/norm"
	"github.com/gongyou/gongyou/knowledge/places"
	"github.com/gongyou/gongyou/store"
)

// stationsCommand is /stations [city].
func (t *turn) stationsCommand(args string) ([]Reply, error) {
	if args != "" {
		c, ok := places.FindCity(args)
		if !ok {
			c, ok = places.FindCityIn(args)
		}
		if !ok {
			t.reset()
			t.state.Jobs = &jobsState{}
			t.dirty = true
			t.setFlow(flowJobs, stepStationsCity)
			return []Reply{t.unknownCityReply(args, cbJobStCity)}, nil
		}
		return t.stations(c)
	}
	if c, ok := places.FindCity(t.user.City); ok {
		return t.stations(c)
	}
	return t.askStationsCity()
}

func (t *turn) askStationsCity() ([]Reply, error) {
	t.reset()
	t.state.Jobs = &jobsState{}
	t.dirty = true
	t.setFlow(flowJobs, stepStationsCity)
	rows := append(t.cityRows(cbJobStCity, ""), []Button{t.btn("menu.back", cbMenu)})
	return []Reply{{Text: t.T("jobs.st_ask_city"), Buttons: rows}}, nil
}

func (t *turn) unknownCityReply(text, prefix string) Reply {
	rows := append(t.cityRows(prefix, ""), []Button{t.btn("menu.back", cbMenu)})
	return Reply{Text: Tf(t.lang, "jobs.city_unknown", norm.Clip(oneLine(text), 20, "…")), Buttons: rows}
}

// stationsShown is how many of a city's stations the short screen names.
const stationsShown = 3

// stations names the stations of a city on one short screen; "📖 更多"
// gives their services, addresses and hours, and the nationwide services.
func (t *turn) stations(c places.City) ([]Reply, error) { return t.stationsScreen(c, false) }

// stationsAll is the whole list: every station and the nationwide ones.
func (t *turn) stationsAll(c places.City) ([]Reply, error) { return t.stationsScreen(c, true) }

func (t *turn) stationsScreen(c places.City, more bool) ([]Reply, error) {
	st, err := t.e.store.Stations(t.ctx, c.ZH, listings.Nationwide)
	if err != nil {
		return nil, err
	}
	var local, national []store.Station
	checked := ""
	for _, s := range st {
		if s.City == listings.Nationwide {
			national = append(national, s)
		} else {
			local = append(local, s)
		}
		checked = max(checked, s.Checked)
	}
	var b strings.Builder
	switch {
	case len(local) == 0:
		b.WriteString(Tf(t.lang, "jobs.st_none", c.Name(t.lang), c.Name(t.lang)))
	case !more:
		b.WriteString(Tf(t.lang, "jobs.st_head", c.Name(t.lang)))
		for i, s := range local[:min(len(local), stationsShown)] {
			b.WriteString("\n" + strconv.Itoa(i+1) + ". " + s.Name)
		}
		b.WriteString("\n" + t.T("jobs.st_where"))
	default:
		b.WriteString(Tf(t.lang, "jobs.st_head", c.Name(t.lang)))
		for i, s := range local {
			b.WriteString("\n\n" + strconv.Itoa(i+1) + ". " + s.Name + "\n" + s.Services)
			addr := s.Address
			if addr == "" {
				addr = s.HowToFind
			}
			b.WriteString("\n" + Tf(t.lang, "jobs.st_address", addr))
			if s.Hours != "" {
				b.WriteString("\n" + Tf(t.lang, "jobs.st_hours", s.Hours))
			}
		}
	}
	if more && len(national) > 0 {
		b.WriteString("\n\n" + t.T("jobs.st_national"))
		for _, s := range national {
			b.WriteString("\n• " + s.Name + "：" + s.Address)
		}
	}
	if checked != "" {
		if more {
			b.WriteString("\n")
		}
		b.WriteString("\n" + Tf(t.lang, "jobs.st_foot", checked))
	}
	// The worker stays where they were: a search in progress keeps its pages.
	if t.sess.Flow == flowJobs && t.sess.Step == stepStationsCity {
		t.reset()
	}
	var rows [][]Button
	if !more && len(local)+len(national) > 0 {
		rows = append(rows, []Button{t.jobsBtn("jobs.btn.more", cbJobStMore+c.Code())})
	}
	rows = append(rows, []Button{t.jobsBtn("jobs.btn.search", cbJobCity+c.Code()), t.btn("menu.back", cbMenu)})
	return []Reply{{Text: b.String(), Buttons: rows}}, nil
}
