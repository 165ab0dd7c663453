package main

import "context"

func importStations(ctx context.Context, a *app, name string, data []byte, csv bool) (int, error) {
	return 0, errNotYet
}

func exportStations(ctx context.Context, a *app, csv bool) error { return errNotYet }
