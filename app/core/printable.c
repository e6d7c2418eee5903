/* Printable text: see printable.h. */
#include "core/printable.h"

#include <stdio.h>
#include <string.h>

/* The length of the well-formed UTF-8 character at s (1-4), or 0. */
static size_t utf8_length(const unsigned char *s)
{
	if (s[0] < 0x80)
		return 1;
	size_t n = s[0] >= 0xC2 && s[0] <= 0xDF ? 2 : s[0] >= 0xE0 && s[0] <= 0xEF ? 3 : s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : 0;
	for (size_t i = 1; i < n; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	/* Overlong forms, surrogates and code points above U+10FFFF. */
	if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] >= 0xA0) || (s[0] == 0xF0 && s[1] < 0x90) ||
	    (s[0] == 0xF4 && s[1] >= 0x90))
		return 0;
	return n;
}

char *printable(const char *s, char *out, size_t size)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t n = 0;
	if (size == 0)
		return out;
	while (*p) {
		char piece[16];
		size_t len = utf8_length(p), piece_len;
		unsigned code = len == 2 ? (unsigned)(p[0] & 0x1F) << 6 | (p[1] & 0x3F)
			      : len == 3 ? (unsigned)(p[0] & 0x0F) << 12 | (unsigned)(p[1] & 0x3F) << 6 | (p[2] & 0x3F) : p[0];
		if (len == 0 || (len == 1 && (code < 0x20 || code == 0x7F)) || (len == 2 && code < 0xA0)) {
			/* A control (C1 as its two bytes) or a byte that is not UTF-8. */
			piece_len = 0;
			for (size_t i = 0; i < (len ? len : 1); i++)
				piece_len += (size_t)snprintf(piece + piece_len, sizeof piece - piece_len, "\\x%02x", p[i]);
			len = len ? len : 1;
		} else if (len == 3 && ((code >= 0x202A && code <= 0x202E) || (code >= 0x2066 && code <= 0x2069))) {
			piece_len = (size_t)snprintf(piece, sizeof piece, "\\u%04X", code);
		} else {
			memcpy(piece, p, len);
			piece_len = len;
		}
		if (n + piece_len >= size)
			break;
		memcpy(out + n, piece, piece_len);
		n += piece_len;
		p += len;
	}
	out[n] = 0;
	return out;
}
