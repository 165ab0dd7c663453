package bot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/gongyou/gongyou/dialog"
)

// Photos and image files sent in a private chat are read for a scam check
// (dialog/image.go). Telegram sends a photo in several sizes; the largest
// under the reading limits (dialog.MaxImageBytes, dialog.MaxImagePixels) is fetched with
// getFile after the turn, into memory only. A screenshot sent "as a file"
// (a document with an image MIME type) is read the same way.

// photoFetchTimeout bounds getFile and the download together.
const photoFetchTimeout = 30 * time.Second

// photoOf is the picture of m for the engine, or nil when m has none.
func (t *Telegram) photoOf(m *models.Message) *dialog.Image {
	var best *models.PhotoSize
	for i := range m.Photo {
		p := &m.Photo[i]
		if int64(p.FileSize) > dialog.MaxImageBytes || p.Width*p.Height > dialog.MaxImagePixels {
			continue
		}
		if best == nil || p.Width*p.Height > best.Width*best.Height {
			best = p
		}
	}
	switch {
	case best != nil:
		return &dialog.Image{Size: int64(best.FileSize), Fetch: t.fetcher(best.FileID)}
	case len(m.Photo) > 0: // every size is over the limits
		return &dialog.Image{Size: dialog.MaxImageBytes + 1, Fetch: t.fetcher(m.Photo[len(m.Photo)-1].FileID)}
	case m.Document != nil && strings.HasPrefix(strings.ToLower(m.Document.MimeType), "image/"):
		return &dialog.Image{Size: m.Document.FileSize, Fetch: t.fetcher(m.Document.FileID)}
	}
	return nil
}

// fetcher fetches a file by id: getFile, then the download, at most
// dialog.MaxImageBytes.
func (t *Telegram) fetcher(fileID string) func(context.Context) ([]byte, error) {
	return func(ctx context.Context) ([]byte, error) {
		ctx, cancel := context.WithTimeout(ctx, photoFetchTimeout)
		defer cancel()
		f, err := t.api.GetFile(ctx, &tgbot.GetFileParams{FileID: fileID})
		if err != nil {
			return nil, fmt.Errorf("telegram: getFile: %w", noURL(err))
		}
		if f.FileSize > dialog.MaxImageBytes {
			return nil, fmt.Errorf("telegram: %w: %d bytes", dialog.ErrImageTooLarge, f.FileSize)
		}
		if f.FilePath == "" {
			return nil, errors.New("telegram: getFile gave no file_path")
		}
		return download(ctx, t.api.FileDownloadLink(f))
	}
}

var photoClient = &http.Client{Timeout: photoFetchTimeout}

// download GETs link into memory, at most dialog.MaxImageBytes. Errors never hold
// the link: it carries the bot token.
func download(ctx context.Context, link string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, link, nil)
	if err != nil {
		return nil, errors.New("telegram: bad file link")
	}
	resp, err := photoClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("telegram: file download: %w", noURL(err))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("telegram: file download: HTTP %d", resp.StatusCode)
	}
	if resp.ContentLength > dialog.MaxImageBytes {
		return nil, fmt.Errorf("telegram: %w: %d bytes", dialog.ErrImageTooLarge, resp.ContentLength)
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, dialog.MaxImageBytes+1))
	if err != nil {
		return nil, fmt.Errorf("telegram: file download: %w", noURL(err))
	}
	if len(b) > dialog.MaxImageBytes {
		return nil, fmt.Errorf("telegram: %w: over %d bytes", dialog.ErrImageTooLarge, dialog.MaxImageBytes)
	}
	return b, nil
}

// noURL drops the URL (with the bot token) from an HTTP client error.
func noURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
