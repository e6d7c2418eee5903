/* The catalogue's recordings: see catalog_recordings.h. */
#include "core/catalog_recordings.h"
#include "core/catalog_db.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Steps a statement that returns no rows, then finalizes it. */
static int done(sqlite3 *db, sqlite3_stmt *st, const char *what, char err[256])
{
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : catalog_db_failed(db, what, err);
}

static sqlite3_stmt *prepare(sqlite3 *db, const char *sql, char err[256])
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		catalog_db_failed(db, "prepare", err);
	return st;
}

int catalog_put_file(catalog *c, const char *sha256, long long size, char err[256])
{
	sqlite3 *db = catalog_db(c);
	sqlite3_stmt *st = prepare(db, "INSERT OR IGNORE INTO files(sha256, size) VALUES (?1, ?2)", err);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, sha256, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, size);
	return done(db, st, "files", err);
}

int catalog_put_recording(catalog *c, const catalog_recording *r, const catalog_time *times, int time_count,
			  char err[256])
{
	sqlite3 *db = catalog_db(c);
	assert(!sqlite3_get_autocommit(db)); /* inside the caller's transaction */
	sqlite3_stmt *st = prepare(db, "DELETE FROM recordings WHERE sha256 = ?1", err);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, r->sha256, -1, SQLITE_TRANSIENT);
	if (done(db, st, "replace recording", err) != 0)
		return -1;
	const media_facts *f = &r->facts;
	if (!(st = prepare(db, "INSERT INTO recordings(sha256, duration_ms, video, width, height, container, video_codec,"
			       " audio_codec) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", err)))
		return -1;
	sqlite3_bind_text(st, 1, r->sha256, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, f->duration_ms);
	sqlite3_bind_int(st, 3, f->video);
	sqlite3_bind_int(st, 4, f->width);
	sqlite3_bind_int(st, 5, f->height);
	sqlite3_bind_text(st, 6, f->container, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 7, f->video_codec, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 8, f->audio_codec, -1, SQLITE_TRANSIENT);
	if (done(db, st, "recording", err) != 0)
		return -1;
	for (int i = 0; i < r->track_count; i++) {
		if (!(st = prepare(db, "INSERT INTO recording_tracks(recording, pos, lang, file_sha256, format)"
				       " VALUES (?1, ?2, ?3, ?4, ?5)", err)))
			return -1;
		sqlite3_bind_text(st, 1, r->sha256, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 2, i);
		sqlite3_bind_text(st, 3, r->tracks[i].lang, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 4, r->tracks[i].sha256, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 5, r->tracks[i].format, -1, SQLITE_TRANSIENT);
		if (done(db, st, "recording track", err) != 0)
			return -1;
	}
	/* Its marks go with it (the tables' rows cascade only when foreign keys are on). */
	static const char *const marks[] = {"DELETE FROM recording_segments WHERE recording = ?1",
					    "DELETE FROM recording_notes WHERE recording = ?1"};
	for (int i = 0; i < 2; i++) {
		if (!(st = prepare(db, marks[i], err)))
			return -1;
		sqlite3_bind_text(st, 1, r->sha256, -1, SQLITE_TRANSIENT);
		if (done(db, st, "replace recording marks", err) != 0)
			return -1;
	}
	if (!(st = prepare(db, "INSERT INTO recording_times(recording, seq, start_ms, end_ms, track) VALUES (?1, ?2, ?3, ?4, ?5)",
			   err)))
		return -1;
	for (int i = 0; i < time_count; i++) {
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, r->sha256, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 2, i);
		sqlite3_bind_int64(st, 3, times[i].start_ms);
		sqlite3_bind_int64(st, 4, times[i].end_ms);
		sqlite3_bind_int(st, 5, times[i].track);
		if (sqlite3_step(st) != SQLITE_DONE) {
			sqlite3_finalize(st);
			return catalog_db_failed(db, "recording times", err);
		}
	}
	sqlite3_finalize(st);
	return 0;
}

static void copy_text(sqlite3_stmt *st, int i, char *out, size_t size)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	snprintf(out, size, "%s", t ? (const char *)t : "");
}

int catalog_get_recording(catalog *c, const char *sha256, catalog_recording *out, char err[256])
{
	sqlite3 *db = catalog_db(c);
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = prepare(db, "SELECT duration_ms, video, width, height, container, video_codec, audio_codec"
				       " FROM recordings WHERE sha256 = ?1", err);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, sha256, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(st);
		return rc == SQLITE_DONE ? 1 : catalog_db_failed(db, "recording", err);
	}
	snprintf(out->sha256, sizeof out->sha256, "%s", sha256);
	media_facts *f = &out->facts;
	f->duration_ms = sqlite3_column_int64(st, 0);
	f->video = sqlite3_column_int(st, 1);
	f->width = sqlite3_column_int(st, 2);
	f->height = sqlite3_column_int(st, 3);
	copy_text(st, 4, f->container, sizeof f->container);
	copy_text(st, 5, f->video_codec, sizeof f->video_codec);
	copy_text(st, 6, f->audio_codec, sizeof f->audio_codec);
	sqlite3_finalize(st);
	if (!(st = prepare(db, "SELECT lang, file_sha256, format FROM recording_tracks WHERE recording = ?1 ORDER BY pos", err)))
		return -1;
	sqlite3_bind_text(st, 1, sha256, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		catalog_track *more = realloc(out->tracks, (size_t)(out->track_count + 1) * sizeof *more);
		if (!more)
			break;
		out->tracks = more;
		catalog_track *t = &out->tracks[out->track_count++];
		copy_text(st, 0, t->lang, sizeof t->lang);
		copy_text(st, 1, t->sha256, sizeof t->sha256);
		copy_text(st, 2, t->format, sizeof t->format);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		catalog_recording_free(out);
		return catalog_db_failed(db, "recording tracks", err);
	}
	return 0;
}

void catalog_recording_free(catalog_recording *r)
{
	free(r->tracks);
	memset(r, 0, sizeof *r);
}

int catalog_passage_times(catalog *c, const char *sha256, const int *passages, int count, long long *starts,
			  char err[256])
{
	sqlite3 *db = catalog_db(c);
	sqlite3_stmt *st = prepare(db, "SELECT start_ms FROM recording_times WHERE recording = ?1 AND seq = ?2", err);
	if (!st)
		return -1;
	for (int i = 0; i < count; i++) {
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, sha256, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 2, passages[i]);
		int rc = sqlite3_step(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
			sqlite3_finalize(st);
			return catalog_db_failed(db, "passage times", err);
		}
		starts[i] = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	}
	sqlite3_finalize(st);
	return 0;
}

int catalog_put_recording_marks(catalog *c, const char *sha256, const segments *g, const catalog_note *notes,
				int note_count, char err[256])
{
	sqlite3 *db = catalog_db(c);
	assert(!sqlite3_get_autocommit(db));
	sqlite3_stmt *st;
	for (int i = 0; g && i < g->count; i++) {
		const segment *s = &g->items[i];
		if (!(st = prepare(db, "INSERT INTO recording_segments(recording, row, seq, lang, start_ms, end_ms, title, synopsis,"
				       " keywords) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", err)))
			return -1;
		sqlite3_bind_text(st, 1, sha256, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 2, i);
		sqlite3_bind_int(st, 3, s->seq);
		sqlite3_bind_text(st, 4, s->lang, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 5, s->start_ms);
		sqlite3_bind_int64(st, 6, s->end_ms);
		sqlite3_bind_text(st, 7, s->title, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 8, s->synopsis, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 9, s->keywords, -1, SQLITE_TRANSIENT);
		if (done(db, st, "recording segment", err) != 0)
			return -1;
	}
	for (int i = 0; i < note_count; i++) {
		if (!(st = prepare(db, "INSERT OR REPLACE INTO recording_notes(recording, seq, lang, start_ms, end_ms, warning)"
				       " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", err)))
			return -1;
		sqlite3_bind_text(st, 1, sha256, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 2, notes[i].seq);
		sqlite3_bind_text(st, 3, notes[i].lang, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 4, notes[i].start_ms);
		sqlite3_bind_int64(st, 5, notes[i].end_ms);
		sqlite3_bind_text(st, 6, notes[i].warning, -1, SQLITE_TRANSIENT);
		if (done(db, st, "recording note", err) != 0)
			return -1;
	}
	return 0;
}

void catalog_notes_free(catalog_note *notes, int count)
{
	for (int i = 0; i < count; i++)
		free(notes[i].warning);
	free(notes);
}

int catalog_get_recording_marks(catalog *c, const char *sha256, segments *g, catalog_note **notes, int *note_count,
				char err[256])
{
	sqlite3 *db = catalog_db(c);
	memset(g, 0, sizeof *g);
	*notes = NULL;
	*note_count = 0;
	sqlite3_stmt *st = prepare(db, "SELECT seq, lang, start_ms, end_ms, title, synopsis, keywords FROM recording_segments"
				       " WHERE recording = ?1 ORDER BY row", err);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, sha256, -1, SQLITE_TRANSIENT);
	int rc;
	char why[256];
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *synopsis = (const char *)sqlite3_column_text(st, 5), *keywords = (const char *)sqlite3_column_text(st, 6);
		if (segments_add(g, sqlite3_column_int(st, 0), (const char *)sqlite3_column_text(st, 1), sqlite3_column_int64(st, 2),
				 (const char *)sqlite3_column_text(st, 4), synopsis, keywords, why) != 0)
			break;
		g->items[g->count - 1].end_ms = sqlite3_column_int64(st, 3);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		segments_free(g);
		return catalog_db_failed(db, "recording segments", err);
	}
	if (!(st = prepare(db, "SELECT seq, lang, start_ms, end_ms, warning FROM recording_notes WHERE recording = ?1"
			       " ORDER BY start_ms, seq, lang", err))) {
		segments_free(g);
		return -1;
	}
	sqlite3_bind_text(st, 1, sha256, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		catalog_note *more = realloc(*notes, (size_t)(*note_count + 1) * sizeof *more);
		if (!more)
			break;
		*notes = more;
		catalog_note *n = &more[(*note_count)++];
		n->seq = sqlite3_column_int(st, 0);
		copy_text(st, 1, n->lang, sizeof n->lang);
		n->start_ms = sqlite3_column_int64(st, 2);
		n->end_ms = sqlite3_column_int64(st, 3);
		n->warning = strdup((const char *)sqlite3_column_text(st, 4));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		segments_free(g);
		catalog_notes_free(*notes, *note_count);
		*notes = NULL;
		*note_count = 0;
		return catalog_db_failed(db, "recording notes", err);
	}
	return 0;
}

int catalog_replace_recording_notes(catalog *c, const char *sha256, const catalog_note *notes, int note_count,
				    char err[256])
{
	sqlite3 *db = catalog_db(c);
	assert(!sqlite3_get_autocommit(db));
	sqlite3_stmt *st = prepare(db, "SELECT 1 FROM recordings WHERE sha256 = ?1", err);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, sha256, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? 1 : catalog_db_failed(db, "recording", err);
	if (!(st = prepare(db, "DELETE FROM recording_notes WHERE recording = ?1", err)))
		return -1;
	sqlite3_bind_text(st, 1, sha256, -1, SQLITE_TRANSIENT);
	if (done(db, st, "replace recording notes", err) != 0)
		return -1;
	return catalog_put_recording_marks(c, sha256, NULL, notes, note_count, err);
}
