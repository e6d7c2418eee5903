/* The catalogue's recordings (schema 7): what each recording file is, its
 * transcripts, and the time of each passage of its item (a transcript's
 * cue each), so that a search finds a moment. Writes go inside the
 * caller's transaction, after catalog_put of the item. */
#ifndef HISHATAK_CATALOG_RECORDINGS_H
#define HISHATAK_CATALOG_RECORDINGS_H

#include "core/catalog.h"
#include "core/media.h"

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

#endif
