package main

import "context"

func importJobs(ctx context.Context, a *app, name string, data []byte, csv bool) (int, error) {
	return 0, errNotYet
}

func exportJobs(ctx context.Context, a *app, csv bool) error { return errNotYet }
