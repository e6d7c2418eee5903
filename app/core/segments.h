/* A recording's index of segments (chapters): each a time, a title, a
 * synopsis and keywords, in the index's language and in translations
 * (OHMS's *_alt fields). Read from an OHMS XML index (ohms.c) or a WebVTT
 * file of chapters (a cue's words its title). */
#ifndef HISHATAK_SEGMENTS_H
#define HISHATAK_SEGMENTS_H

#include <stddef.h>

#define SEGMENTS_MAX 10000

typedef struct {
	int seq;                  /* the segment's number, from 0; its translations share it */
	char lang[16];            /* "" : the index's own language, not said */
	long long start_ms, end_ms; /* end: the next segment's start (the last: its own start) */
	char *title, *synopsis, *keywords; /* keywords joined by "; "; synopsis, keywords may be NULL */
} segment;

typedef struct {
	segment *items;           /* by seq, then the original before translations */
	int count;                /* rows (a segment in each of its languages) */
	int segment_count;        /* segments */
} segments;

/* True for the formats read: xml (OHMS), vtt (chapters). */
int segments_handles(const char *ext);

/* Parses len bytes of src as ext. 0 and out filled (free with
 * segments_free), or -1 with the reason in err. */
int segments_parse(const char *src, size_t len, const char *ext, segments *out, char err[256]);
void segments_free(segments *s);

/* Adds a row (copying the texts; title required); for the readers. */
int segments_add(segments *s, int seq, const char *lang, long long start_ms, const char *title, const char *synopsis,
		 const char *keywords, char err[256]);

/* 0 when every segment starts within duration_ms, else -1 and which. */
int segments_fit(const segments *s, long long duration_ms, char err[256]);

#endif
