package main

import "context"

func importTrainings(ctx context.Context, a *app, name string, data []byte, csv bool) (int, error) {
	return 0, errNotYet
}

func exportTrainings(ctx context.Context, a *app, csv bool) error { return errNotYet }

// exportEnrollments writes every enrollment as CSV for staff.
func exportEnrollments(ctx context.Context, a *app, csv bool) error { return errNotYet }
