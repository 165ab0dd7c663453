package model

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
)

// Weights file format (FileFormat, FileVersion):
//
//	"GYSM"                      magic, 4 bytes
//	uint32 LE                   length of the header
//	header                      JSON: Meta (featurizer, training, provenance,
//	                            bias, calibration, thresholds)
//	uvarint                     number of stored weights K
//	K × uvarint                 feature indices, delta-coded (ascending)
//	K × float32 LE              weights
//	uint32 LE                   CRC-32 (IEEE) of everything above
//
// Only weights with |w| ≥ PruneBelow are stored. The file holds no
// timestamp, so training the same data twice gives the same bytes; it is
// small enough to embed with go:embed and load with Load(bytes.NewReader(b)).
const (
	FileFormat  = "gongyou-scam-logreg"
	FileVersion = 1
	fileMagic   = "GYSM"
)

// Meta is the readable header of a weights file.
type Meta struct {
	Format     string       `json:"format"`
	Version    int          `json:"version"`
	Bits       uint         `json:"bits"` // feature dimension is 2^Bits
	MaxCJK     int          `json:"max_cjk"`
	MaxLatin   int          `json:"max_latin"`
	DenseScale float64      `json:"dense_scale"`
	MaxRunes   int          `json:"max_runes"`
	Lambda     float64      `json:"lambda"`
	Folds      int          `json:"folds"`
	Seed       uint64       `json:"seed"`
	Rows       int          `json:"rows"`
	Pos        int          `json:"pos"`
	Neg        int          `json:"neg"`
	BaseRate   float64      `json:"base_rate"` // share of scams in the calibration data: Score is a probability at this prevalence
	Provenance []Provenance `json:"provenance,omitempty"`
	Note       string       `json:"note,omitempty"`

	Bias       float64    `json:"bias"`
	PlattA     float64    `json:"platt_a"`
	PlattB     float64    `json:"platt_b"`
	Thresholds Thresholds `json:"thresholds"`
	// LatinThresholds apply to texts in Latin script (English): chosen on
	// those texts alone, whose scores spread differently. Zero: Thresholds.
	LatinThresholds Thresholds `json:"latin_thresholds"`
	Weights         int        `json:"weights"` // number stored
}

// Model is a trained, calibrated scorer. It is safe for concurrent use;
// each goroutine needs its own Features.
type Model struct {
	fz             Featurizer
	w              []float32 // dense over 2^Bits
	bias           float32
	plattA, plattB float64
	thr            Thresholds
	thrLatin       Thresholds
	meta           Meta
	pruneLt        float64
}

// Featurizer returns the featurizer the model was trained with; featurise
// texts with it before Predict.
func (m *Model) Featurizer() *Featurizer { return &m.fz }

// Thresholds returns the stored thresholds.
func (m *Model) Thresholds() Thresholds { return m.thr }

// SetThresholds replaces the stored thresholds (e.g. after choosing them on
// a larger out-of-fold set).
func (m *Model) SetThresholds(t Thresholds) { m.thr = t }

// ThresholdsFor returns the thresholds for a text in Latin script (latin)
// or not; Thresholds when no separate Latin ones are stored.
func (m *Model) ThresholdsFor(latin bool) Thresholds {
	if latin && m.thrLatin.High > 0 {
		return m.thrLatin
	}
	return m.thr
}

// SetLatinThresholds stores separate thresholds for texts in Latin script.
func (m *Model) SetLatinThresholds(t Thresholds) { m.thrLatin = t }

// Meta returns the header (provenance, training settings, calibration).
func (m *Model) Meta() Meta {
	mt := m.meta
	mt.Format, mt.Version = FileFormat, FileVersion
	mt.Bias, mt.PlattA, mt.PlattB, mt.Thresholds, mt.LatinThresholds = float64(m.bias), m.plattA, m.plattB, m.thr, m.thrLatin
	mt.Weights = 0
	for _, v := range m.w {
		if v != 0 {
			mt.Weights++
		}
	}
	return mt
}

// Margin is the raw linear score b + w·x.
func (m *Model) Margin(f *Features) float64 {
	z := float64(m.bias)
	w := m.w
	mask := uint32(len(w) - 1)
	for i, ix := range f.Idx {
		z += float64(w[ix&mask]) * float64(f.Val[i])
	}
	return z
}

// Predict is the calibrated probability that the featurised text is a scam,
// at the base rate of the training data (Meta().BaseRate; see PriorShift).
func (m *Model) Predict(f *Features) float64 {
	return sigmoid(m.plattA*m.Margin(f) + m.plattB)
}

// Level is Thresholds().Level(Predict(f)).
func (m *Model) Level(f *Features) string { return m.thr.Level(m.Predict(f)) }

// SignalWeight is the learned weight of the dense feature name (a red flag
// is expected to be positive, a legitimacy signal negative). Collisions
// with n-grams are possible but rare at 2^18.
func (m *Model) SignalWeight(name string) float64 {
	return float64(m.w[m.fz.DenseIndex(name)])
}

// Contribution is one feature's share of a margin.
type Contribution struct {
	Index uint32
	Value float64 // weight × feature value
}

// Top returns the k features of f that push its margin up the most
// (positive contributions, largest first). Useful in tests and reviews.
func (m *Model) Top(f *Features, k int) []Contribution {
	var out []Contribution
	for i, ix := range f.Idx {
		c := float64(m.w[ix&uint32(len(m.w)-1)]) * float64(f.Val[i])
		if c > 0 {
			out = append(out, Contribution{ix, c})
		}
	}
	for a := 1; a < len(out); a++ {
		for b := a; b > 0 && out[b].Value > out[b-1].Value; b-- {
			out[b], out[b-1] = out[b-1], out[b]
		}
	}
	if len(out) > k {
		out = out[:k]
	}
	return out
}

// Save writes the weights file.
func (m *Model) Save(w io.Writer) error {
	var buf bytes.Buffer
	mt := m.Meta()
	hdr, err := json.Marshal(mt)
	if err != nil {
		return err
	}
	buf.WriteString(fileMagic)
	_ = binary.Write(&buf, binary.LittleEndian, uint32(len(hdr)))
	buf.Write(hdr)
	var tmp [binary.MaxVarintLen64]byte
	buf.Write(tmp[:binary.PutUvarint(tmp[:], uint64(mt.Weights))])
	prev := uint32(0)
	for i, v := range m.w {
		if v != 0 {
			buf.Write(tmp[:binary.PutUvarint(tmp[:], uint64(uint32(i)-prev))])
			prev = uint32(i)
		}
	}
	for _, v := range m.w {
		if v != 0 {
			_ = binary.Write(&buf, binary.LittleEndian, math.Float32bits(v))
		}
	}
	_ = binary.Write(&buf, binary.LittleEndian, crc32.ChecksumIEEE(buf.Bytes()))
	_, err = w.Write(buf.Bytes())
	return err
}

// ErrBadFile is returned by Load for anything that is not a valid weights
// file of a known version.
var ErrBadFile = errors.New("model: not a valid weights file")

// Load reads a weights file written by Save.
func Load(r io.Reader) (*Model, error) {
	data, err := io.ReadAll(bufio.NewReader(r))
	if err != nil {
		return nil, err
	}
	if len(data) < 12 || string(data[:4]) != fileMagic {
		return nil, ErrBadFile
	}
	body, sum := data[:len(data)-4], binary.LittleEndian.Uint32(data[len(data)-4:])
	if crc32.ChecksumIEEE(body) != sum {
		return nil, fmt.Errorf("%w: checksum mismatch", ErrBadFile)
	}
	hl := int(binary.LittleEndian.Uint32(body[4:8]))
	if hl < 0 || 8+hl > len(body) {
		return nil, ErrBadFile
	}
	var mt Meta
	if err := json.Unmarshal(body[8:8+hl], &mt); err != nil {
		return nil, fmt.Errorf("%w: header: %v", ErrBadFile, err)
	}
	if mt.Format != FileFormat || mt.Version != FileVersion {
		return nil, fmt.Errorf("%w: format %q version %d", ErrBadFile, mt.Format, mt.Version)
	}
	if mt.Bits < 8 || mt.Bits > 26 {
		return nil, fmt.Errorf("%w: bits %d", ErrBadFile, mt.Bits)
	}
	rest := body[8+hl:]
	k, n := binary.Uvarint(rest)
	if n <= 0 || k > 1<<mt.Bits {
		return nil, ErrBadFile
	}
	rest = rest[n:]
	m := &Model{
		fz:       Featurizer{Bits: mt.Bits, MaxCJK: mt.MaxCJK, MaxLatin: mt.MaxLatin, DenseScale: mt.DenseScale, MaxRunes: mt.MaxRunes},
		w:        make([]float32, 1<<mt.Bits),
		bias:     float32(mt.Bias),
		plattA:   mt.PlattA,
		plattB:   mt.PlattB,
		thr:      mt.Thresholds,
		thrLatin: mt.LatinThresholds,
		meta:     mt,
	}
	idx := make([]uint32, k)
	cur := uint64(0)
	for i := range idx {
		d, n := binary.Uvarint(rest)
		if n <= 0 {
			return nil, ErrBadFile
		}
		rest = rest[n:]
		cur += d
		if cur >= 1<<mt.Bits || (i > 0 && d == 0) {
			return nil, ErrBadFile
		}
		idx[i] = uint32(cur)
	}
	if uint64(len(rest)) != 4*k {
		return nil, ErrBadFile
	}
	for i, ix := range idx {
		m.w[ix] = math.Float32frombits(binary.LittleEndian.Uint32(rest[4*i:]))
	}
	return m, nil
}
