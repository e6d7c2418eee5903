/* A growing string, for documents written piece by piece (the text
 * formats' XHTML, a transcript's). On running out of memory it stops
 * growing and says so in oom; data is NUL-terminated throughout. */
#ifndef HISHATAK_SBUF_H
#define HISHATAK_SBUF_H

#include <stddef.h>

typedef struct {
	char *data;
	size_t len, cap;
	int oom;
} sbuf;

void sbuf_put_n(sbuf *b, const char *s, size_t n);
void sbuf_put(sbuf *b, const char *s);
void sbuf_putf(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
