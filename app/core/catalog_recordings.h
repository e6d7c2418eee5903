/* The catalogue's recordings (schema 7): what each recording file is, its
 * transcripts, and the time of each passage of its item (a transcript's
 * cue each), so that a search finds a moment. Writes go inside the
 * caller's transaction, after catalog_put of the item. */
#ifndef HISHATAK_CATALOG_RECORDINGS_H
#define HISHATAK_CATALOG_RECORDINGS_H

#include "core/catalog.h"
#include "core/media.h"
#include "core/segments.h"

/* The migration (one string, so that it can take whichever number comes
 * next in catalog.c) that adds each recording's segments (a row for each
 * language of each) and content notes at times (a row for each language of
 * each; lang "" the original). */
#define CATALOG_RECORDING_SEGMENTS_MIGRATION \
	"CREATE TABLE recording_segments(recording TEXT NOT NULL REFERENCES recordings ON DELETE CASCADE," \
	"  row INTEGER NOT NULL, seq INTEGER NOT NULL, lang TEXT NOT NULL, start_ms INTEGER NOT NULL," \
	"  end_ms INTEGER NOT NULL, title TEXT NOT NULL, synopsis TEXT, keywords TEXT, PRIMARY KEY(recording, row));" \
	"CREATE TABLE recording_notes(recording TEXT NOT NULL REFERENCES recordings ON DELETE CASCADE," \
	"  seq INTEGER NOT NULL, lang TEXT NOT NULL, start_ms INTEGER NOT NULL, end_ms INTEGER NOT NULL," \
	"  warning TEXT NOT NULL, PRIMARY KEY(recording, seq, lang));"

/* A content note of a recording in one language ("" the original). */
typedef struct {
	int seq;
	char lang[36];
	long long start_ms, end_ms;
	char *warning;
} catalog_note;

typedef struct {
	char lang[36];
	char sha256[65];        /* the stored transcript file */
	char format[8];         /* vtt, srt */
} catalog_track;

typedef struct {
	long long start_ms, end_ms;
	int track;              /* which transcript the passage is a cue of */
} catalog_time;

typedef struct {
	char sha256[65];        /* the recording file */
	media_facts facts;
	catalog_track *tracks;  /* the original first */
	int track_count;
} catalog_recording;

/* Writes (replacing) the recording with its tracks and the times of its
 * item's passages 0..time_count-1. The track files must be in the files
 * table already (catalog_put_file). 0, or -1 with the reason in err. */
int catalog_put_recording(catalog *c, const catalog_recording *r, const catalog_time *times, int time_count,
			  char err[256]);

/* Adds a stored file to the files table (a transcript). */
int catalog_put_file(catalog *c, const char *sha256, long long size, char err[256]);

/* The recording whose file is sha256: 0 and out filled (free with
 * catalog_recording_free), 1 when it is not one, -1 on error. */
int catalog_get_recording(catalog *c, const char *sha256, catalog_recording *out, char err[256]);
void catalog_recording_free(catalog_recording *r);

/* The start of each of count passages (numbers from 0) of the recording,
 * in ms, into starts (-1 for a passage without a time). */
int catalog_passage_times(catalog *c, const char *sha256, const int *passages, int count, long long *starts,
			  char err[256]);

/* Writes the segments and notes of the recording sha256 (after
 * catalog_put_recording, which clears them), inside the transaction. */
int catalog_put_recording_marks(catalog *c, const char *sha256, const segments *g, const catalog_note *notes,
				int note_count, char err[256]);

/* Replaces the content notes alone of the recording sha256 (an update of
 * its metadata), inside the transaction; 1 when it is not a recording. */
int catalog_replace_recording_notes(catalog *c, const char *sha256, const catalog_note *notes, int note_count,
				    char err[256]);

/* Reads them: 0 with g filled (segments_free) and *notes (free with
 * catalog_notes_free), -1 on error. */
int catalog_get_recording_marks(catalog *c, const char *sha256, segments *g, catalog_note **notes, int *note_count,
				char err[256]);
void catalog_notes_free(catalog_note *notes, int count);

#endif
