package cli

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"strings"
)

const (
	MaxStdinText  = 16 << 20 // bytes read for one text from stdin
	MaxBatchLine  = 32 << 20 // bytes of one batch line
	BatchInFlight = 4        // queued lines per worker
)

// cliMatch is a case (check) or FAQ entry (ask) in a CLI reply.
type Match struct {
	ID    string  `json:"id"`
	Title string  `json:"title"`
	Score float64 `json:"score"`
}

type Options struct {
	JSON, Batch bool
	Lang        string
	Text        []string
	Image       string // --image FILE: check the text read from a screenshot (check only)
}

func ParseArgs(args []string) (Options, error) {
	o := Options{Lang: "zh"}
	flagsDone := false
	for i := 0; i < len(args); i++ {
		a := args[i]
		if flagsDone || !LooksLikeFlag(a) {
			o.Text = append(o.Text, a)
			continue
		}
		name, val, hasVal := strings.Cut(strings.TrimLeft(a, "-"), "=")
		switch name {
		case "":
			flagsDone = true // "--"
		case "json":
			o.JSON = true
		case "batch":
			o.Batch = true
		case "lang":
			if !hasVal {
				if i+1 >= len(args) {
					return o, errors.New("--lang needs a value: zh or en")
				}
				i++
				val = args[i]
			}
			switch strings.ToLower(val) {
			case "zh", "zh-hans", "zh-cn", "cn":
				o.Lang = "zh"
			case "en":
				o.Lang = "en"
			default:
				return o, fmt.Errorf("--lang: want zh or en, got %q", val)
			}
		case "image":
			if !hasVal {
				if i+1 >= len(args) {
					return o, errors.New("--image needs a file: --image shot.png")
				}
				i++
				val = args[i]
			}
			if val == "" {
				return o, errors.New("--image needs a file: --image shot.png")
			}
			o.Image = val
		case "h", "help":
			return o, ErrHelp
		default:
			return o, fmt.Errorf("unknown flag %s", a)
		}
	}
	if o.Batch && len(o.Text) > 0 {
		return o, errors.New("--batch reads standard input; give no TEXT")
	}
	if o.Image != "" && (o.Batch || len(o.Text) > 0) {
		return o, errors.New("--image checks one screenshot; give no TEXT and no --batch (a batch line may carry \"image\")")
	}
	return o, nil
}

var ErrHelp = errors.New("help")

// looksLikeFlag: "-x…" or "--x…" with an ASCII letter, or "--". Text such as
// "-300元" is not a flag.
func LooksLikeFlag(a string) bool {
	if a == "--" {
		return true
	}
	b := strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-")
	if len(b) == len(a) || b == "" {
		return false
	}
	c := b[0]
	return ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
}

// readLine reads one line (without the newline) of at most max bytes; a
// longer line is consumed and reported as tooLong.
func ReadLine(br *bufio.Reader, max int) (line []byte, tooLong bool, err error) {
	for {
		frag, e := br.ReadSlice('\n')
		if !tooLong {
			if len(line)+len(frag) > max {
				tooLong = true
				line = nil
			} else {
				line = append(line, frag...)
			}
		}
		if e == bufio.ErrBufferFull {
			continue
		}
		if e != nil {
			err = e
		}
		break
	}
	line = bytes.TrimRight(line, "\r\n")
	return line, tooLong, err
}
