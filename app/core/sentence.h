/* Sentences of a text, for reading aloud: where each begins and ends, in
 * English, Russian and Armenian. Plain UTF-8 in, byte ranges out; no
 * allocation. */
#ifndef HISHATAK_SENTENCE_H
#define HISHATAK_SENTENCE_H

#include <stddef.h>

typedef struct {
	size_t start, end;    /* bytes of the text: [start, end), white space trimmed */
} sentence_span;

/* Splits text[0..len) into sentences for language lang ("en", "ru", "hy",
 * or another: the rules common to all). A sentence ends at . ! ? … or
 * the Armenian full stop ։ (and, in Armenian, the colon typed for it)
 * followed by a space and what can begin a sentence; not after an
 * abbreviation or an initial. Up to max spans go in out; returns how many
 * sentences there are (more than max when out was too small). */
int sentence_split(const char *text, size_t len, const char *lang, sentence_span *out, int max);

/* 1 when a page break cut a sentence: the page's last sentence (last) has
 * no stop at its end, and the next page's first (next) does not begin as a
 * sentence does (a lowercase letter, a comma...). A paragraph's end without
 * a stop (a heading) is followed by what can begin a sentence: not cut. */
int sentence_runs_on(const char *last, const char *next, const char *lang);

/* Blanks out, with spaces, the timestamps of a transcript (00:01:23 or
 * 01:23 standing alone) so that they are neither read nor marked; byte
 * offsets stay as they were. */
void sentence_blank_timestamps(char *text, size_t len);

#endif
