// Package places knows Chinese cities: names in Chinese and English,
// provinces, codes, and finding a city named inside a text.
package places
