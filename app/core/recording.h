/* Taking a recording into the archive: the file stored as it is (hashed as
 * it is copied), probed in a worker (ingest_reader.probe: what no Pi can
 * play is refused, with the ffmpeg command that converts it), its poster
 * stored as the item's document (tiles and the slideshow show it as they
 * show a first page), and its transcripts read, checked against its
 * length and indexed, a passage a cue, each with its time. */
#ifndef HISHATAK_RECORDING_H
#define HISHATAK_RECORDING_H

#include "core/ingest.h"
#include "core/manifest.h"

/* A transcript as it comes: open file fd, called name (its extension says
 * its format: vtt, srt, xml (OHMS) or md), in language. */
typedef struct {
	const char *language;
	int fd;
	const char *name;
	long long size;        /* expected, or -1 */
	const char *sha256;    /* expected, or NULL */
} recording_track_source;

/* What else a recording may carry: its index of segments (read, checked
 * against its length; the file itself is not kept) and content notes at
 * times. */
typedef struct {
	const recording_track_source *segments;   /* or NULL */
	const manifest_note *notes;
	int note_count;
} recording_extras;

/* As ingest_item (inside a catalogue transaction; nothing written on
 * failure), for a recording and its transcripts, the first the original,
 * and extras (NULL: none). */
int recording_ingest(catalog *c, store *s, const ingest_reader *reader, item *meta, int fd, const char *name,
		     long long expected_size, const char *expected_sha256, const recording_track_source *tracks,
		     int track_count, const recording_extras *extras, char err[256]);

/* An update of a recording's metadata that gives its content notes: they
 * replace the ones it had (inside the transaction). 0, or -1 with the
 * reason (also when the item is not a recording). */
int recording_update_notes(catalog *c, const item *it, const manifest_note *notes, int note_count, char err[256]);

/* Reads an index of segments (OHMS .xml or WebVTT chapters) and checks it
 * against a recording of duration_ms (0: not known). */
int recording_check_segments(const char *path, const char *name, long long duration_ms, char err[256]);

/* True for the transcript formats read as documents of their own (a
 * transcript without its recording): vtt, srt. */
int recording_is_transcript(const char *ext);

/* Reads a transcript file (vtt, srt, xml or md, by the name's extension) and checks
 * it against a recording of duration_ms (0: not known yet). For the staff's
 * bundle tool too. */
int recording_check_transcript(const char *path, const char *name, long long duration_ms, char err[256]);

#endif
