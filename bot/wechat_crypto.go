package bot

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha1"
	"crypto/subtle"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// WeChat's callback signatures and its safe mode (消息加解密, the
// WXBizMsgCrypt scheme), written out here: a few dozen lines over the
// standard library, tested against messages the tests encrypt.
//
//	signature     = sha1(sort(token, timestamp, nonce))              every request
//	msg_signature = sha1(sort(token, timestamp, nonce, Encrypt))     safe mode
//	Encrypt       = base64(AES-256-CBC(key, iv = key[:16],
//	                  PKCS#7/32(16 random bytes ‖ len(msg) as uint32 BE ‖ msg ‖ appID)))
//	key           = base64(EncodingAESKey + "=")                     43 characters → 32 bytes

// wechatSign is WeChat's signature of parts.
func wechatSign(parts ...string) string {
	p := append([]string(nil), parts...)
	sort.Strings(p)
	sum := sha1.Sum([]byte(strings.Join(p, "")))
	return hex.EncodeToString(sum[:])
}

// signatureOK compares a signature in constant time.
func signatureOK(got, want string) bool {
	return len(got) == len(want) && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// ParseWeChatAESKey decodes an EncodingAESKey (43 characters).
func ParseWeChatAESKey(s string) ([]byte, error) {
	if len(s) != 43 {
		return nil, errors.New("want 43 characters")
	}
	key, err := base64.StdEncoding.DecodeString(s + "=")
	if err != nil || len(key) != 32 {
		return nil, errors.New("not a base64 key of 32 bytes")
	}
	return key, nil
}

const wechatPad = 32

// wechatEncrypt encrypts msg for appID in safe mode.
func wechatEncrypt(key []byte, appID string, msg []byte) (string, error) {
	var buf bytes.Buffer
	var rnd [16]byte
	if _, err := rand.Read(rnd[:]); err != nil {
		return "", err
	}
	buf.Write(rnd[:])
	_ = binary.Write(&buf, binary.BigEndian, uint32(len(msg)))
	buf.Write(msg)
	buf.WriteString(appID)
	n := wechatPad - buf.Len()%wechatPad
	buf.Write(bytes.Repeat([]byte{byte(n)}, n))
	block, err := aes.NewCipher(key)
	if err != nil {
		return "", err
	}
	out := make([]byte, buf.Len())
	cipher.NewCBCEncrypter(block, key[:16]).CryptBlocks(out, buf.Bytes())
	return base64.StdEncoding.EncodeToString(out), nil
}

// wechatDecrypt decrypts a safe-mode Encrypt field and checks that it was
// sealed for appID.
func wechatDecrypt(key []byte, appID, enc string) ([]byte, error) {
	raw, err := base64.StdEncoding.DecodeString(enc)
	if err != nil || len(raw) == 0 || len(raw)%aes.BlockSize != 0 {
		return nil, errors.New("wechat: bad ciphertext")
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	plain := make([]byte, len(raw))
	cipher.NewCBCDecrypter(block, key[:16]).CryptBlocks(plain, raw)
	n := int(plain[len(plain)-1])
	if n < 1 || n > wechatPad || n > len(plain) {
		return nil, errors.New("wechat: bad padding")
	}
	plain = plain[:len(plain)-n]
	if len(plain) < 20 {
		return nil, errors.New("wechat: short message")
	}
	l := int(binary.BigEndian.Uint32(plain[16:20]))
	if l < 0 || 20+l > len(plain) {
		return nil, errors.New("wechat: bad length")
	}
	msg, from := plain[20:20+l], string(plain[20+l:])
	if subtle.ConstantTimeCompare([]byte(from), []byte(appID)) != 1 {
		return nil, fmt.Errorf("wechat: message sealed for another account")
	}
	return msg, nil
}
