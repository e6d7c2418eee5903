/* Ingesting recordings: see recording.h. */
#include "core/recording.h"
#include "core/catalog_recordings.h"
#include "core/files.h"
#include "core/segments.h"
#include "core/subtitles.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TRANSCRIPT_SIZE (64u << 20)

/* Stores the file at fd and checks it is the one expected. */
static int store_checked(store *s, int fd, const char *name, long long expected_size, const char *expected_sha256,
			 char sha256[65], long long *size, char err[256])
{
	char why[256];
	if (store_put_fd(s, fd, name, expected_size, sha256, size, why) != 0) {
		snprintf(err, 256, "file %s", why);
		return -1;
	}
	if (expected_size >= 0 && *size != expected_size) {
		snprintf(err, 256, "file %s: size is %lld bytes, bundle.json says %lld", name, *size, expected_size);
		return -1;
	}
	if (expected_sha256 && expected_sha256[0] && strcmp(sha256, expected_sha256) != 0) {
		snprintf(err, 256, "file %s: SHA-256 does not match", name);
		return -1;
	}
	return 0;
}

int recording_is_transcript(const char *ext)
{
	return subtitles_handles(ext);
}

static int read_transcript(const char *path, const char *name, subtitles *subs, char err[256])
{
	char ext[16], why[256];
	size_t len;
	files_extension(name, ext);
	if (!subtitles_timed(ext)) {
		snprintf(err, 256, "transcript %s: the kiosk reads WebVTT (.vtt), SRT (.srt), OHMS XML (.xml) and Markdown (.md, "
			 "with timestamp anchors) transcripts of recordings, not .%s",
			 name, ext[0] ? ext : "(no extension)");
		return -1;
	}
	char *text = files_read(path, MAX_TRANSCRIPT_SIZE, &len, why);
	if (!text) {
		snprintf(err, 256, "transcript %s: %s", name, why);
		return -1;
	}
	int rc = subtitles_parse(text, len, ext, subs, why);
	free(text);
	if (rc != 0)
		snprintf(err, 256, "transcript %s: %s", name, why);
	return rc;
}

int recording_check_transcript(const char *path, const char *name, long long duration_ms, char err[256])
{
	subtitles subs;
	char why[256];
	if (read_transcript(path, name, &subs, err) != 0)
		return -1;
	int rc = duration_ms > 0 ? subtitles_fit(&subs, duration_ms, why) : 0;
	if (rc != 0)
		snprintf(err, 256, "transcript %s: %s", name, why);
	subtitles_free(&subs);
	return rc;
}

static int read_segments(const char *path, const char *name, segments *g, char err[256])
{
	char ext[16], why[256];
	size_t len;
	files_extension(name, ext);
	if (!segments_handles(ext)) {
		snprintf(err, 256, "segments %s: the kiosk reads segments from an OHMS index (.xml) or WebVTT chapters (.vtt), not .%s",
			 name, ext[0] ? ext : "(no extension)");
		return -1;
	}
	char *text = files_read(path, MAX_TRANSCRIPT_SIZE, &len, why);
	if (!text) {
		snprintf(err, 256, "segments %s: %s", name, why);
		return -1;
	}
	int rc = segments_parse(text, len, ext, g, why);
	free(text);
	if (rc != 0)
		snprintf(err, 256, "segments %s: %s", name, why);
	return rc;
}

int recording_check_segments(const char *path, const char *name, long long duration_ms, char err[256])
{
	segments g;
	char why[256];
	if (read_segments(path, name, &g, err) != 0)
		return -1;
	int rc = duration_ms > 0 ? segments_fit(&g, duration_ms, why) : 0;
	if (rc != 0)
		snprintf(err, 256, "segments %s: %s", name, why);
	segments_free(&g);
	return rc;
}

/* Adds a cue as a passage ("Speaker: words", so that names are found too). */
static int add_passage(char ***passages, catalog_time **times, int *count, const subtitle_cue *cue, int track)
{
	char **p = realloc(*passages, (size_t)(*count + 1) * sizeof *p);
	if (p)
		*passages = p;
	catalog_time *t = realloc(*times, (size_t)(*count + 1) * sizeof *t);
	if (t)
		*times = t;
	if (!p || !t)
		return -1;
	size_t n = strlen(cue->text) + (cue->speaker ? strlen(cue->speaker) + 2 : 0) + 1;
	if (!(p[*count] = malloc(n)))
		return -1;
	snprintf(p[*count], n, "%s%s%s", cue->speaker ? cue->speaker : "", cue->speaker ? ": " : "", cue->text);
	t[*count] = (catalog_time){cue->start_ms, cue->end_ms, track};
	(*count)++;
	return 0;
}

/* The segments' texts as passages at their times (track -1), so that a
 * search finds a chapter too. */
static int add_segment_passages(char ***passages, catalog_time **times, int *count, const segments *g)
{
	for (int i = 0; i < g->count; i++) {
		const segment *s = &g->items[i];
		size_t n = strlen(s->title) + (s->synopsis ? strlen(s->synopsis) : 0) + (s->keywords ? strlen(s->keywords) : 0) + 8;
		char *text = malloc(n);
		if (!text)
			return -1;
		snprintf(text, n, "%s. %s %s", s->title, s->synopsis ? s->synopsis : "", s->keywords ? s->keywords : "");
		subtitle_cue cue = {s->start_ms, s->end_ms, NULL, text};
		int rc = add_passage(passages, times, count, &cue, -1);
		free(text);
		if (rc != 0)
			return -1;
	}
	return 0;
}

/* The content notes as the catalogue keeps them: the original, then each translation. */
static catalog_note *notes_rows(const recording_extras *x, int *count)
{
	int n = 0;
	*count = 0;
	for (int i = 0; i < x->note_count; i++)
		n += 1 + x->notes[i].warning_count;
	catalog_note *rows = n ? calloc((size_t)n, sizeof *rows) : NULL;
	if (!rows)
		return NULL;
	for (int i = 0; i < x->note_count; i++) {
		const manifest_note *m = &x->notes[i];
		for (int t = -1; t < m->warning_count; t++) {
			catalog_note *r = &rows[(*count)++];
			r->seq = i;
			snprintf(r->lang, sizeof r->lang, "%s", t < 0 ? "" : m->warnings[t].lang);
			r->start_ms = m->start_ms;
			r->end_ms = m->end_ms;
			r->warning = strdup(t < 0 ? m->warning : m->warnings[t].text);
		}
	}
	return rows;
}

int recording_ingest(catalog *c, store *s, const ingest_reader *reader, item *meta, int fd, const char *name,
		     long long expected_size, const char *expected_sha256, const recording_track_source *tracks,
		     int track_count, const recording_extras *extras, char err[256])
{
	segments marks = {0};
	catalog_note *notes = NULL;
	int note_count = 0;
	char stored[4096], why[256];
	catalog_recording rec = {0};
	catalog_time *times = NULL;
	char **passages = NULL;
	int passage_count = 0, rc = -1;
	unsigned char *png = NULL;
	size_t png_len = 0;
	if (!reader->probe) {
		snprintf(err, 256, "file %s: recordings cannot be read here", name);
		return -1;
	}
	if (store_checked(s, fd, name, expected_size, expected_sha256, meta->sha256, &meta->size, err) != 0)
		return -1;
	/* From here on only the stored copy is read: the stick may change. */
	store_path(s, meta->sha256, stored);
	if (reader->probe(reader->ctx, stored, name, &rec.facts, &png, &png_len, why) != 0) {
		snprintf(err, 256, "file %s: %s", name, why);
		return -1;
	}
	if (store_put_buffer(s, png, png_len, meta->doc_sha256, why) != 0) {
		snprintf(err, 256, "file %s: its poster: %s", name, why);
		goto out;
	}
	snprintf(rec.sha256, sizeof rec.sha256, "%s", meta->sha256);
	snprintf(meta->format, sizeof meta->format, "png");
	meta->doc_size = (long long)png_len;
	meta->pages = 1;
	meta->reflowable = 0;
	meta->duration_ms = rec.facts.duration_ms;
	if (track_count > 0 && !(rec.tracks = calloc((size_t)track_count, sizeof *rec.tracks))) {
		snprintf(err, 256, "out of memory");
		goto out;
	}
	for (int i = 0; i < track_count; i++) {
		const recording_track_source *src = &tracks[i];
		catalog_track *t = &rec.tracks[rec.track_count++];
		long long size;
		char ext[16];
		if (store_checked(s, src->fd, src->name, src->size, src->sha256, t->sha256, &size, err) != 0)
			goto out;
		files_extension(src->name, ext);
		snprintf(t->lang, sizeof t->lang, "%s", src->language);
		snprintf(t->format, sizeof t->format, "%s", ext);
		store_path(s, t->sha256, stored);
		subtitles subs;
		if (read_transcript(stored, src->name, &subs, err) != 0)
			goto out;
		if (subtitles_fit(&subs, rec.facts.duration_ms, why) != 0) {
			snprintf(err, 256, "transcript %s: %s", src->name, why);
			subtitles_free(&subs);
			goto out;
		}
		int added = 0;
		for (int k = 0; k < subs.count && added == 0; k++)
			added = add_passage(&passages, &times, &passage_count, &subs.cues[k], i);
		subtitles_free(&subs);
		if (added != 0 || catalog_put_file(c, t->sha256, size, why) != 0) {
			snprintf(err, 256, "transcript %s: %s", src->name, added ? "out of memory" : why);
			goto out;
		}
	}
	if (extras && extras->segments) { /* read from the stick's file (checked by size and hash); not kept */
		const recording_track_source *g = extras->segments;
		char scratch[4096];
		long long size;
		char sha256[65];
		if (store_checked(s, g->fd, g->name, g->size, g->sha256, sha256, &size, err) != 0)
			goto out;
		store_path(s, sha256, scratch);
		if (read_segments(scratch, g->name, &marks, err) != 0)
			goto out;
		if (segments_fit(&marks, rec.facts.duration_ms, why) != 0) {
			snprintf(err, 256, "segments %s: %s", g->name, why);
			goto out;
		}
		if (add_segment_passages(&passages, &times, &passage_count, &marks) != 0) {
			snprintf(err, 256, "out of memory");
			goto out;
		}
	}
	if (extras && extras->note_count && !(notes = notes_rows(extras, &note_count))) {
		snprintf(err, 256, "out of memory");
		goto out;
	}
	for (int i = 0; i < note_count; i++)
		if (notes[i].start_ms > rec.facts.duration_ms) {
			char at[16], length[16];
			subtitles_format_time(notes[i].start_ms, at, sizeof at);
			subtitles_format_time(rec.facts.duration_ms, length, sizeof length);
			snprintf(err, 256, "file %s: the content note at %s starts after the recording's end (%s)", name, at, length);
			goto out;
		}
	if (catalog_put(c, meta, passages, passage_count) != 0) {
		snprintf(err, 256, "%s", catalog_error(c));
		goto out;
	}
	if (catalog_put_recording(c, &rec, times, passage_count, err) != 0 ||
	    catalog_put_recording_marks(c, rec.sha256, &marks, notes, note_count, err) != 0)
		goto out;
	rc = 0;
out:
	segments_free(&marks);
	catalog_notes_free(notes, note_count);
	for (int i = 0; i < passage_count; i++)
		free(passages[i]);
	free(passages);
	free(times);
	free(png);
	catalog_recording_free(&rec);
	return rc;
}

int recording_update_notes(catalog *c, const item *it, const manifest_note *notes, int note_count, char err[256])
{
	recording_extras x = {NULL, notes, note_count};
	int count = 0;
	catalog_note *rows = notes_rows(&x, &count);
	if (note_count && !rows) {
		snprintf(err, 256, "out of memory");
		return -1;
	}
	int rc = 0;
	for (int i = 0; i < count && rc == 0; i++)
		if (rows[i].start_ms > it->duration_ms) {
			char at[16];
			subtitles_format_time(rows[i].start_ms, at, sizeof at);
			snprintf(err, 256, "the content note at %s starts after the recording's end", at);
			rc = -1;
		}
	if (rc == 0 && (rc = catalog_replace_recording_notes(c, it->sha256, rows, count, err)) == 1) {
		snprintf(err, 256, "warnings_at: content notes at times are a recording's, and %s is not one", it->id);
		rc = -1;
	}
	catalog_notes_free(rows, count);
	return rc;
}
