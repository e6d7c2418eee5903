/* What the libFuzzer targets share (make fuzz; see tests/fuzz/README.md). */
#ifndef HISHATAK_FUZZ_H
#define HISHATAK_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input as a C string, for parsers of text files (a NUL ends it early,
 * as it would a file read as text). Freed by the caller. */
static inline char *fuzz_text(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (s) {
		memcpy(s, data, size);
		s[size] = 0;
	}
	return s;
}

#endif
