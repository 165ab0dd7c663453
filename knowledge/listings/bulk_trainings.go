package listings

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/gongyou/gongyou/knowledge/importfile"
	"github.com/gongyou/gongyou/store"
)

// Trainings are imported and exported as YAML (knowledge/seed/trainings.yaml
// is the format). These commands open the store without seeding the sample
// courses: a first import of real courses means the samples never appear.

func importTrainings(ctx context.Context, env importfile.Env, name string, data []byte, csv bool) (int, error) {
	if csv {
		return 0, errors.New("training courses are imported from YAML, not CSV")
	}
	courses, err := ParseTrainingsYAML(data)
	if err != nil {
		return 0, err
	}
	recs, err := CourseRecords(courses)
	if err != nil {
		return 0, err
	}
	st := env.Store
	if err := st.PutTrainings(ctx, recs); err != nil {
		if errors.Is(err, store.ErrConflict) {
			return 0, fmt.Errorf("%w\n(a course cannot have fewer seats than workers already signed up)", err)
		}
		return 0, err
	}
	return len(courses), nil
}

func exportTrainings(ctx context.Context, env importfile.Env, w io.Writer, csv bool) error {
	if csv {
		return errors.New("training courses are exported as YAML only")
	}
	st := env.Store
	recs, err := st.Trainings(ctx)
	if err != nil {
		return err
	}
	courses := make([]Course, 0, len(recs))
	for _, r := range recs {
		c, err := CourseFromRecord(r)
		if err != nil {
			return err
		}
		courses = append(courses, c)
	}
	out, err := MarshalTrainingsYAML(courses)
	if err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}

// enrollmentHeader is the CSV header of `gongyou export enrollments`.
var enrollmentHeader = []string{"reference", "course_id", "course", "city", "name", "phone", "status", "created"}

// exportEnrollments writes every enrollment as CSV for staff (the format is
// CSV with or without --csv). Cancelled rows have no name or phone.
func exportEnrollments(ctx context.Context, env importfile.Env, w io.Writer, _ bool) error {
	st := env.Store
	recs, err := st.Trainings(ctx)
	if err != nil {
		return err
	}
	courses := make(map[string]Course, len(recs))
	for _, r := range recs {
		c, err := CourseFromRecord(r)
		if err != nil {
			return err
		}
		courses[r.ID] = c
	}
	es, err := st.Enrollments(ctx)
	if err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(enrollmentHeader); err != nil {
		return err
	}
	for _, e := range es {
		c := courses[e.TrainingID]
		if err := cw.Write([]string{
			e.Ref, e.TrainingID, csvCell(c.TitleZH), c.City, csvCell(e.Name), csvCell(e.Phone), e.Status,
			e.CreatedAt.UTC().Format(time.RFC3339),
		}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvCell keeps a spreadsheet from reading a cell as a formula.
func csvCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// TrainingsFile is `gongyou import/export trainings` (opened without
// seeding the sample courses); EnrollmentsFile is the read-only
// `gongyou export enrollments`.
var (
	TrainingsFile   = importfile.Kind{Import: importTrainings, Export: exportTrainings, YAMLKeys: []string{"provider"}}
	EnrollmentsFile = importfile.Kind{Export: exportEnrollments}
)
