package main

import (
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"time"

	"github.com/gongyou/gongyou/dialog"
	"github.com/gongyou/gongyou/knowledge/ocr"
)

// OCRConfig is the reading of screenshots (issue 16; knowledge/ocr).
type OCRConfig struct {
	Tesseract string        // GONGYOU_TESSERACT: the tesseract program, or "off" (default tesseract from PATH)
	Workers   int           // GONGYOU_OCR_WORKERS: images read at once (default: the CPUs)
	Timeout   time.Duration // GONGYOU_OCR_TIMEOUT: one image's reading (default 20s)
	Daily     int           // GONGYOU_OCR_DAILY: images one worker may have read a day (default 20; 0 = no limit)
}

func loadOCRConfig(get func(k, def string) string, errs []error) (OCRConfig, []error) {
	c := OCRConfig{Tesseract: get("GONGYOU_TESSERACT", "tesseract")}
	w, err := strconv.Atoi(get("GONGYOU_OCR_WORKERS", strconv.Itoa(runtime.NumCPU())))
	if err != nil || w < 1 || w > 64 {
		errs = append(errs, errors.New("GONGYOU_OCR_WORKERS: want the number of images read at once, 1 to 64"))
	}
	c.Workers = w
	d, err := time.ParseDuration(get("GONGYOU_OCR_TIMEOUT", "20s"))
	if err != nil || d < time.Second || d > 5*time.Minute {
		errs = append(errs, errors.New("GONGYOU_OCR_TIMEOUT: want a duration from 1s to 5m, such as 20s"))
	}
	c.Timeout = d
	n, err := strconv.Atoi(get("GONGYOU_OCR_DAILY", strconv.Itoa(dialog.DefaultImageDailyLimit)))
	if err != nil || n < 0 || n > 10000 {
		errs = append(errs, fmt.Errorf("GONGYOU_OCR_DAILY: want images per worker a day, 0 (no limit) to 10000"))
	}
	c.Daily = n
	return c, errs
}

// ocrReader is the process's one screenshot reader (tesseract is looked
// for on first use, so commands that never read an image never run it).
func (a *app) ocrReader() *ocr.Reader {
	if a.ocr == nil {
		a.ocr = ocr.New(ocr.Config{Binary: a.cfg.OCR.Tesseract, Workers: a.cfg.OCR.Workers, Timeout: a.cfg.OCR.Timeout})
	}
	return a.ocr
}

// imageOption connects the reader to the engine; the log says whether
// pictures can be read here and why not.
func (a *app) imageOption() dialog.Option {
	r := a.ocrReader()
	daily := a.cfg.OCR.Daily
	if daily == 0 {
		daily = -1 // no limit
	}
	return dialog.WithImages(r, dialog.ImageConfig{DailyLimit: daily, Timeout: 3*a.cfg.OCR.Timeout + 15*time.Second})
}

// logOCR says at start whether screenshots can be read.
func (a *app) logOCR() {
	r := a.ocrReader()
	if r.Available() {
		a.logger.Info("screenshots are read", "workers", r.Workers(), "timeout", a.cfg.OCR.Timeout, "daily", a.cfg.OCR.Daily)
		return
	}
	a.logger.Info("screenshots are not read: workers are asked for the text", "why", r.Why())
}

// imageGrace is how long a stopping serve waits for the pictures being
// read, so their verdicts are kept for the workers' next message (the
// channels have stopped) before the store closes.
const imageGrace = 10 * time.Second

func (a *app) waitImages(e *dialog.Engine) {
	done := make(chan struct{})
	go func() { e.WaitImages(); close(done) }()
	select {
	case <-done:
	case <-time.After(imageGrace):
		a.logger.Warn("stopping with pictures still being read; their workers get no verdict", "waited", imageGrace)
	}
}
