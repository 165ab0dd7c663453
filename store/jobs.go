package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Content kinds of job postings and stations in content_versions. The jobs
// version moves on every import, so a results page can tell that the list
// it was cut from has changed.
const (
	ContentJobs     = "jobs"
	ContentStations = "stations"
)

// Job is one job posting as stored. Times are UTC.
type Job struct {
	ID        string    `db:"id"`
	Sample    bool      `db:"sample"`
	Title     string    `db:"title"`
	Employer  string    `db:"employer"`
	Verified  string    `db:"verified"` // "" | "licence" | "public"
	Licence   string    `db:"licence"`
	City      string    `db:"city"`
	District  string    `db:"district"`
	Trade     string    `db:"trade"`
	PayMin    float64   `db:"pay_min"`
	PayMax    float64   `db:"pay_max"`
	PayUnit   string    `db:"pay_unit"`
	Hours     string    `db:"hours"`
	Housing   string    `db:"housing"`
	Meals     string    `db:"meals"`
	Contract  bool      `db:"contract"`
	Insurance bool      `db:"insurance"`
	Apply     string    `db:"apply"`
	Details   string    `db:"details"`
	Source    string    `db:"source"`
	PostedAt  time.Time `db:"posted_at"`
	ExpiresAt time.Time `db:"expires_at"`
	UpdatedAt time.Time `db:"updated_at"`
}

const jobColumns = `id, sample, title, employer, verified, licence, city, district, trade, pay_min, pay_max, pay_unit,
	hours, housing, meals, contract, insurance, apply, details, source, posted_at, expires_at, updated_at`

// JobQuery is one job search. City is required; the other filters are
// optional. Postings that expired by Now are never returned.
type JobQuery struct {
	City    string
	Trade   string  // "" for every trade
	PayUnit string  // "" for every unit
	MinPay  float64 // with PayUnit: the top of the range must reach it
	Now     time.Time
	Offset  int
	Limit   int // 1..100; 0 means 5
}

// MaxJobPage caps JobQuery.Limit.
const MaxJobPage = 100

func (q JobQuery) where() (string, []any) {
	conds := []string{"city = $1", "expires_at > $2"}
	args := []any{q.City, q.Now.UTC()}
	add := func(cond string, v any) {
		args = append(args, v)
		conds = append(conds, strings.ReplaceAll(cond, "?", "$"+strconv.Itoa(len(args))))
	}
	if q.Trade != "" {
		add("trade = ?", q.Trade)
	}
	if q.PayUnit != "" {
		add("pay_unit = ?", q.PayUnit)
		if q.MinPay > 0 {
			add("pay_max >= ?", q.MinPay)
		}
	}
	return strings.Join(conds, " AND "), args
}

// JobCountCap bounds the work of counting matches: SearchJobs counts
// exactly up to JobCountCap and reports JobCountCap+1 for "more than that"
// (nobody pages through forty pages of five). This keeps a search in a
// big city as cheap as one in a small one.
const JobCountCap = 200

// SearchJobs returns one page of the postings matching q, newest first, and
// how many match in all (at most JobCountCap+1, meaning more than
// JobCountCap).
func (s *Store) SearchJobs(ctx context.Context, q JobQuery) ([]Job, int, error) {
	if q.City == "" {
		return nil, 0, errors.New("store: search jobs: no city")
	}
	if q.Now.IsZero() {
		q.Now = s.nowUTC()
	}
	if q.Limit <= 0 {
		q.Limit = 5
	}
	q.Limit = min(q.Limit, MaxJobPage)
	q.Offset = max(q.Offset, 0)
	where, args := q.where()
	var total int
	err := s.rdb.GetContext(ctx, &total, fmt.Sprintf(`SELECT COUNT(*) FROM (SELECT 1 FROM jobs WHERE %s LIMIT %d) AS m`,
		where, JobCountCap+1), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("store: count jobs: %w", err)
	}
	if q.Offset >= total {
		return nil, total, nil
	}
	n := len(args)
	args = append(args, q.Limit, q.Offset)
	var jobs []Job
	err = s.rdb.SelectContext(ctx, &jobs, fmt.Sprintf(`SELECT %s FROM jobs WHERE %s
		ORDER BY posted_at DESC, id LIMIT $%d OFFSET $%d`, jobColumns, where, n+1, n+2), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("store: search jobs: %w", err)
	}
	return jobs, total, nil
}

// Job loads one posting, expired or not; ErrNotFound when there is none.
func (s *Store) Job(ctx context.Context, id string) (Job, error) {
	var j Job
	if err := s.rdb.GetContext(ctx, &j, `SELECT `+jobColumns+` FROM jobs WHERE id = $1`, id); err != nil {
		return Job{}, fmt.Errorf("store: job %q: %w", id, notFound(err))
	}
	return j, nil
}

// AllJobs lists every stored posting (expired ones not yet pruned too), by id.
func (s *Store) AllJobs(ctx context.Context) ([]Job, error) {
	var jobs []Job
	if err := s.rdb.SelectContext(ctx, &jobs, `SELECT `+jobColumns+` FROM jobs ORDER BY id`); err != nil {
		return nil, fmt.Errorf("store: list jobs: %w", err)
	}
	return jobs, nil
}

// CityCount is a city and how many live postings it has.
type CityCount struct {
	City  string `db:"city"`
	Count int    `db:"n"`
}

// JobCities lists the cities with live postings, most postings first.
func (s *Store) JobCities(ctx context.Context, now time.Time, limit int) ([]CityCount, error) {
	var cs []CityCount
	err := s.rdb.SelectContext(ctx, &cs, `SELECT city, COUNT(*) AS n FROM jobs WHERE expires_at > $1
		GROUP BY city ORDER BY n DESC, city LIMIT $2`, now.UTC(), limit)
	if err != nil {
		return nil, fmt.Errorf("store: job cities: %w", err)
	}
	return cs, nil
}

// ImportJobs writes postings in one transaction: new ids are added, known
// ids replaced. Postings that expired by now are pruned in the same
// transaction, and the jobs version moves on. The first import of real
// postings (any posting that is not a sample) also removes the shipped
// sample postings the file does not name, so workers never see samples
// beside real offers. It returns how many postings were added and how many
// replaced.
func (s *Store) ImportJobs(ctx context.Context, jobs []Job) (added, replaced int, err error) {
	now := s.nowUTC()
	err = s.inTx(ctx, func(tx *sqlxTx) error {
		added, replaced = 0, 0
		for _, j := range jobs {
			var one int
			err := tx.GetContext(ctx, &one, `SELECT 1 FROM jobs WHERE id = $1`, j.ID)
			switch err = notFound(err); {
			case errors.Is(err, ErrNotFound):
				added++
			case err != nil:
				return fmt.Errorf("store: import job %q: %w", j.ID, err)
			default:
				replaced++
			}
			if err := putJob(ctx, tx, j, now); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM jobs WHERE expires_at <= $1`, now); err != nil {
			return fmt.Errorf("store: prune jobs: %w", err)
		}
		if hasReal(jobs) {
			if err := removeSamplesNotIn(ctx, tx, jobs); err != nil {
				return err
			}
		}
		return bumpVersion(ctx, tx, ContentJobs)
	})
	if err != nil {
		return 0, 0, err
	}
	return added, replaced, nil
}

func hasReal(jobs []Job) bool {
	for _, j := range jobs {
		if !j.Sample {
			return true
		}
	}
	return false
}

// removeSamplesNotIn deletes the sample postings whose ids are not in jobs.
func removeSamplesNotIn(ctx context.Context, tx *sqlxTx, jobs []Job) error {
	keep := make(map[string]bool, len(jobs))
	for _, j := range jobs {
		keep[j.ID] = true
	}
	var ids []string
	if err := tx.SelectContext(ctx, &ids, `SELECT id FROM jobs WHERE sample`); err != nil {
		return fmt.Errorf("store: list sample jobs: %w", err)
	}
	for _, id := range ids {
		if keep[id] {
			continue
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM jobs WHERE id = $1`, id); err != nil {
			return fmt.Errorf("store: remove sample job %q: %w", id, err)
		}
	}
	return nil
}

func putJob(ctx context.Context, tx *sqlxTx, j Job, now time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO jobs (`+jobColumns+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)
		ON CONFLICT (id) DO UPDATE SET sample = excluded.sample, title = excluded.title, employer = excluded.employer,
		  verified = excluded.verified, licence = excluded.licence, city = excluded.city, district = excluded.district,
		  trade = excluded.trade, pay_min = excluded.pay_min, pay_max = excluded.pay_max, pay_unit = excluded.pay_unit,
		  hours = excluded.hours, housing = excluded.housing, meals = excluded.meals, contract = excluded.contract,
		  insurance = excluded.insurance, apply = excluded.apply, details = excluded.details, source = excluded.source,
		  posted_at = excluded.posted_at, expires_at = excluded.expires_at, updated_at = excluded.updated_at`,
		j.ID, j.Sample, j.Title, j.Employer, j.Verified, j.Licence, j.City, j.District, j.Trade, j.PayMin, j.PayMax,
		j.PayUnit, j.Hours, j.Housing, j.Meals, j.Contract, j.Insurance, j.Apply, j.Details, j.Source,
		j.PostedAt.UTC(), j.ExpiresAt.UTC(), now)
	if err != nil {
		return fmt.Errorf("store: put job %q: %w", j.ID, err)
	}
	return nil
}

// SeedJobs inserts the shipped sample postings on first start only: when
// postings were never seeded or imported (the jobs version is 0). Once the
// samples expire or staff import real postings, they are not brought back.
func (s *Store) SeedJobs(ctx context.Context, jobs []Job) (int, error) {
	now := s.nowUTC()
	n := 0
	err := s.inTx(ctx, func(tx *sqlxTx) error {
		if v, err := versionTx(ctx, tx, ContentJobs); err != nil || v > 0 {
			return err
		}
		for _, j := range jobs {
			if err := putJob(ctx, tx, j, now); err != nil {
				return err
			}
			n++
		}
		return bumpVersion(ctx, tx, ContentJobs)
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// PruneJobs deletes postings that expired by now. Searches never show them
// anyway, so the jobs version does not move.
func (s *Store) PruneJobs(ctx context.Context, now time.Time) (int64, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM jobs WHERE expires_at <= $1`, now.UTC())
	if err != nil {
		return 0, fmt.Errorf("store: prune jobs: %w", err)
	}
	n, _ := res.RowsAffected()
	return n, nil
}

func versionTx(ctx context.Context, tx *sqlxTx, kind string) (int64, error) {
	var v int64
	err := tx.GetContext(ctx, &v, `SELECT version FROM content_versions WHERE kind = $1`, kind)
	if err = notFound(err); errors.Is(err, ErrNotFound) {
		return 0, nil
	} else if err != nil {
		return 0, fmt.Errorf("store: content version %q: %w", kind, err)
	}
	return v, nil
}

// Station is a public employment service centre, an odd-job market or an
// official online service.
type Station struct {
	ID        string    `db:"id"`
	City      string    `db:"city"` // a city or 全国
	District  string    `db:"district"`
	Name      string    `db:"name"`
	Kind      string    `db:"kind"`
	Address   string    `db:"address"`
	Hours     string    `db:"hours"`
	Services  string    `db:"services"`
	HowToFind string    `db:"how_to_find"`
	Source    string    `db:"source"`
	Checked   string    `db:"checked"`
	UpdatedAt time.Time `db:"updated_at"`
}

const stationColumns = `id, city, district, name, kind, address, hours, services, how_to_find, source, checked, updated_at`

// Stations lists the stations of a city, then those of every city
// (nationwide: the city's stations come first).
func (s *Store) Stations(ctx context.Context, city, nationwide string) ([]Station, error) {
	var st []Station
	err := s.rdb.SelectContext(ctx, &st, `SELECT `+stationColumns+` FROM stations WHERE city = $1 OR city = $2
		ORDER BY CASE WHEN city = $1 THEN 0 ELSE 1 END, kind DESC, id`, city, nationwide)
	if err != nil {
		return nil, fmt.Errorf("store: stations of %q: %w", city, err)
	}
	return st, nil
}

// AllStations lists every station by id.
func (s *Store) AllStations(ctx context.Context) ([]Station, error) {
	var st []Station
	if err := s.rdb.SelectContext(ctx, &st, `SELECT `+stationColumns+` FROM stations ORDER BY id`); err != nil {
		return nil, fmt.Errorf("store: list stations: %w", err)
	}
	return st, nil
}

// ImportStations adds or replaces stations in one transaction.
func (s *Store) ImportStations(ctx context.Context, st []Station) (int, error) {
	now := s.nowUTC()
	err := s.inTx(ctx, func(tx *sqlxTx) error {
		for _, x := range st {
			if err := putStation(ctx, tx, x, now); err != nil {
				return err
			}
		}
		return bumpVersion(ctx, tx, ContentStations)
	})
	if err != nil {
		return 0, err
	}
	return len(st), nil
}

// SeedStations inserts the shipped stations when stations were never
// seeded or imported.
func (s *Store) SeedStations(ctx context.Context, st []Station) (int, error) {
	now := s.nowUTC()
	n := 0
	err := s.inTx(ctx, func(tx *sqlxTx) error {
		if v, err := versionTx(ctx, tx, ContentStations); err != nil || v > 0 {
			return err
		}
		for _, x := range st {
			if err := putStation(ctx, tx, x, now); err != nil {
				return err
			}
			n++
		}
		return bumpVersion(ctx, tx, ContentStations)
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

func putStation(ctx context.Context, tx *sqlxTx, x Station, now time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO stations (`+stationColumns+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
		ON CONFLICT (id) DO UPDATE SET city = excluded.city, district = excluded.district, name = excluded.name,
		  kind = excluded.kind, address = excluded.address, hours = excluded.hours, services = excluded.services,
		  how_to_find = excluded.how_to_find, source = excluded.source, checked = excluded.checked,
		  updated_at = excluded.updated_at`,
		x.ID, x.City, x.District, x.Name, x.Kind, x.Address, x.Hours, x.Services, x.HowToFind, x.Source, x.Checked, now)
	if err != nil {
		return fmt.Errorf("store: put station %q: %w", x.ID, err)
	}
	return nil
}
