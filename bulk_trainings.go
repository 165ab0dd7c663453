package main

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/gongyou/gongyou/knowledge/listings"
	"github.com/gongyou/gongyou/store"
)

// Trainings are imported and exported as YAML (knowledge/seed/trainings.yaml
// is the format). These commands open the store without seeding the sample
// courses: a first import of real courses means the samples never appear.

func importTrainings(ctx context.Context, a *app, name string, data []byte, csv bool) (int, error) {
	if csv {
		return 0, errors.New("training courses are imported from YAML, not CSV")
	}
	courses, err := listings.ParseTrainingsYAML(data)
	if err != nil {
		return 0, err
	}
	recs, err := listings.CourseRecords(courses)
	if err != nil {
		return 0, err
	}
	st, err := store.Open(ctx, a.cfg.DB, store.WithLogger(a.logger))
	if err != nil {
		return 0, err
	}
	defer st.Close()
	if err := st.PutTrainings(ctx, recs); err != nil {
		if errors.Is(err, store.ErrConflict) {
			return 0, fmt.Errorf("%w\n(a course cannot have fewer seats than workers already signed up)", err)
		}
		return 0, err
	}
	return len(courses), nil
}

func exportTrainings(ctx context.Context, a *app, csv bool) error {
	if csv {
		return errors.New("training courses are exported as YAML only")
	}
	st, err := store.Open(ctx, a.cfg.DB, store.WithLogger(a.logger))
	if err != nil {
		return err
	}
	defer st.Close()
	recs, err := st.Trainings(ctx)
	if err != nil {
		return err
	}
	courses := make([]listings.Course, 0, len(recs))
	for _, r := range recs {
		c, err := listings.CourseFromRecord(r)
		if err != nil {
			return err
		}
		courses = append(courses, c)
	}
	out, err := listings.MarshalTrainingsYAML(courses)
	if err != nil {
		return err
	}
	_, err = a.stdout.Write(out)
	return err
}

// enrollmentHeader is the CSV header of `gongyou export enrollments`.
var enrollmentHeader = []string{"reference", "course_id", "course", "city", "name", "phone", "status", "created"}

// exportEnrollments writes every enrollment as CSV for staff (the format is
// CSV with or without --csv). Cancelled rows have no name or phone.
func exportEnrollments(ctx context.Context, a *app, _ bool) error {
	st, err := store.Open(ctx, a.cfg.DB, store.WithLogger(a.logger))
	if err != nil {
		return err
	}
	defer st.Close()
	recs, err := st.Trainings(ctx)
	if err != nil {
		return err
	}
	courses := make(map[string]listings.Course, len(recs))
	for _, r := range recs {
		c, err := listings.CourseFromRecord(r)
		if err != nil {
			return err
		}
		courses[r.ID] = c
	}
	es, err := st.Enrollments(ctx)
	if err != nil {
		return err
	}
	w := csv.NewWriter(a.stdout)
	if err := w.Write(enrollmentHeader); err != nil {
		return err
	}
	for _, e := range es {
		c := courses[e.TrainingID]
		if err := w.Write([]string{
			e.Ref, e.TrainingID, csvCell(c.TitleZH), c.City, csvCell(e.Name), csvCell(e.Phone), e.Status,
			e.CreatedAt.UTC().Format(time.RFC3339),
		}); err != nil {
			return err
		}
	}
	w.Flush()
	return w.Error()
}

// csvCell keeps a spreadsheet from reading a cell as a formula.
func csvCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
