// Command routeeval prints the free-text router's accuracy on a labelled
// routing set and its confusion table:
//
//	go run ./dialog/cmd/routeeval [-v] [dialog/testdata/routing.jsonl]
//
// -v also lists every miss with the points each intent got.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/gongyou/gongyou/dialog"
)

func main() {
	verbose := flag.Bool("v", false, "list the misses")
	flag.Parse()
	path := "dialog/testdata/routing.jsonl"
	if flag.NArg() > 0 {
		path = flag.Arg(0)
	}
	f, err := os.Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "routeeval:", err)
		os.Exit(1)
	}
	defer f.Close()
	set, err := dialog.ReadRoutingSet(f)
	if err != nil {
		fmt.Fprintln(os.Stderr, "routeeval:", path+":", err)
		os.Exit(1)
	}
	dialog.EvaluateRouting(set).Print(os.Stdout, *verbose)
}
