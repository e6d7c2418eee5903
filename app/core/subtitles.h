/* Timed transcripts: WebVTT (.vtt), SRT (.srt), OHMS XML (.xml, through
 * ohms.c) and the archive's Markdown transcript (.md, with timestamp
 * anchors) read into cues, each with
 * its times, its speaker (WebVTT's <v Name>) and its words on one line.
 * Files come from sticks: what is not a sound transcript (NUL bytes, bad
 * UTF-8, a cue that ends before it starts or starts before the one before
 * it, a cue over SUBTITLES_MAX_CUE bytes) is refused with the line. */
#ifndef HISHATAK_SUBTITLES_H
#define HISHATAK_SUBTITLES_H

#include <stddef.h>

#define SUBTITLES_MAX_CUE   (64 * 1024)   /* bytes of one cue's text */
#define SUBTITLES_MAX_CUES  200000

typedef struct {
	long long start_ms, end_ms;
	char *speaker;          /* from <v Speaker>, or NULL */
	char *text;             /* tags removed, entities decoded, lines joined by a space */
} subtitle_cue;

typedef struct {
	subtitle_cue *cues;     /* by start time */
	int count;
	long long end_ms;       /* the latest end of any cue */
	int notes;              /* NOTE blocks (comments for the archivist) left out */
} subtitles;

/* True for the extensions read here: vtt, srt. */
int subtitles_handles(const char *ext);
/* True for every timed transcript of a recording: vtt, srt, xml (OHMS), md. */
int subtitles_timed(const char *ext);

/* Parses len bytes of src (no NUL needed) as ext ("vtt", "srt", "xml", "md"). 0 and
 * out filled (free with subtitles_free), or -1 with the reason in err. */
int subtitles_parse(const char *src, size_t len, const char *ext, subtitles *out, char err[256]);
void subtitles_free(subtitles *s);

/* For the readers of other formats: adds a cue from raw (tags left out,
 * entities decoded, white space made single spaces; nothing added when no
 * words are left) with speaker (speaker_len bytes; 0: none, or a <v> in
 * raw), after those in out; cap is out->cues's room, 0 at first. The
 * caller keeps the cues in order. 0, or -1 with the reason. */
int subtitles_add(subtitles *out, int *cap, long long start, long long end, const char *speaker, size_t speaker_len,
		  const char *raw, size_t len, char err[256]);

/* Reads [h:]mm:ss[.fff] at p (before e) into ms; the place after it, or NULL. */
const char *subtitles_parse_time(const char *p, const char *e, long long *ms);

/* 0 when every cue ends within duration_ms (a second of grace, for the
 * rounding of encoders); else -1 and which cue does not. */
int subtitles_fit(const subtitles *s, long long duration_ms, char err[256]);

/* The cue being spoken at t_ms: the last one started at or before t and
 * not yet ended, else the last one started before t (the line the
 * visitor has just heard); -1 before the first. */
int subtitles_at(const subtitles *s, long long t_ms);

/* "1:02:03" or "2:03" for ms (out of at least 16 bytes). */
void subtitles_format_time(long long ms, char *out, size_t size);

/* The transcript as XHTML for MuPDF (a transcript read without its
 * recording): the time of each cue in a column beside its words, the
 * speaker named where it changes. Caller frees; NULL when out of memory. */
char *subtitles_to_xhtml(const subtitles *s, const char *title, const char *lang, size_t *len);

#endif
