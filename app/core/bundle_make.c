/* Making a bundle: see bundle_make.h. libcsv reads the table (quoted cells,
 * cells over several lines); the manifest module writes and re-checks the
 * JSON, so a bundle made here passes the kiosk's own parser. */
#include "core/bundle_make.h"
#include "core/bundle.h"
#include "core/convert.h"
#include "core/doc.h"
#include "core/files.h"
#include "core/manifest.h"
#include "core/media.h"
#include "core/recording.h"
#include "core/store.h"

#include <csv.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define TABLE_MAX (16u << 20)

typedef struct {
	char **cells;
	int count;
} row;

typedef struct {
	row *rows;
	int count;
	row current;
	int failed;
} table;

static void on_cell(void *s, size_t len, void *ctx)
{
	table *t = ctx;
	char *cell = strndup(s ? s : "", len);
	char **bigger = realloc(t->current.cells, (size_t)(t->current.count + 1) * sizeof *bigger);
	if (!cell || !bigger) {
		free(cell);
		t->failed = 1;
		return;
	}
	t->current.cells = bigger;
	bigger[t->current.count++] = cell;
}

static void on_row(int c, void *ctx)
{
	table *t = ctx;
	row *bigger = realloc(t->rows, (size_t)(t->count + 1) * sizeof *bigger);
	if (!bigger) {
		t->failed = 1;
		return;
	}
	t->rows = bigger;
	bigger[t->count++] = t->current;
	memset(&t->current, 0, sizeof t->current);
}

static void row_free(row *r)
{
	for (int j = 0; j < r->count; j++)
		free(r->cells[j]);
	free(r->cells);
}

static void table_free(table *t)
{
	for (int i = 0; i < t->count; i++)
		row_free(&t->rows[i]);
	free(t->rows);
	row_free(&t->current); /* the cells of a row the parser stopped in */
}

/* Reads text as CSV. Spreadsheets set to some languages separate cells with
 * ';' and start the file with a byte-order mark: both are accepted. */
static int table_parse(const char *text, size_t len, table *t, char err[512])
{
	const char *start = text;
	memset(t, 0, sizeof *t);
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		start += 3;
		len -= 3;
	}
	if (!convert_is_utf8(start, len)) {
		snprintf(err, 512, "items.csv: not UTF-8 (in the spreadsheet, save as \"CSV UTF-8\")");
		return -1;
	}
	size_t first = 0;
	int commas = 0, semicolons = 0;
	for (; first < len && start[first] != '\n'; first++) {
		commas += start[first] == ',';
		semicolons += start[first] == ';';
	}
	struct csv_parser p;
	csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
	if (semicolons > commas)
		csv_set_delim(&p, ';');
	int ok = csv_parse(&p, start, len, on_cell, on_row, t) == len && csv_fini(&p, on_cell, on_row, t) == 0;
	if (!ok || t->failed)
		snprintf(err, 512, "items.csv: %s", t->failed ? "out of memory" : "not a CSV table (a quote is not closed?)");
	csv_free(&p);
	return ok && !t->failed ? 0 : -1;
}

/* Trims white space at both ends, in place. */
static char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		s[--n] = 0;
	return s;
}

/* Splits a cell of several values ("a; b" or one a line) into list. */
static void split_list(char *cell, char ***list, int *count)
{
	char *save = NULL;
	for (char *v = strtok_r(cell, ";\n", &save); v; v = strtok_r(NULL, ";\n", &save))
		if (*trim(v))
			item_list_add(list, count, trim(v));
}

static int is_yes(const char *v)
{
	return !strcasecmp(v, "yes") || !strcasecmp(v, "true") || !strcmp(v, "1") || !strcasecmp(v, "x");
}

static int is_no(const char *v)
{
	return !v[0] || !strcasecmp(v, "no") || !strcasecmp(v, "false") || !strcmp(v, "0");
}

static int is_language_tag(const char *s)
{
	size_t n = strlen(s);
	if (n < 2 || n > 35)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '-')
			return 0;
	return 1;
}

/* Checks the header: every column known. */
static int check_header(row *h, char err[512])
{
	static const char *known[] = {"id", "kind", "file", "title", "date", "authors", "language", "topics",
				      "summary", "source", "warning", "withdraw", "reason", "transcript", NULL};
	int has_id = 0;
	for (int i = 0; i < h->count; i++) {
		char *name = h->cells[i];
		memmove(name, trim(name), strlen(trim(name)) + 1); /* read_row compares the cells */
		for (char *c = name; *c; c++)
			*c = (char)tolower((unsigned char)*c);
		int ok = 0;
		for (int k = 0; known[k] && !ok; k++)
			ok = strcmp(name, known[k]) == 0;
		if (!strncmp(name, "title_", 6))
			ok = is_language_tag(name + 6);
		if (!strncmp(name, "warning_", 8))
			ok = is_language_tag(name + 8);
		if (!strncmp(name, "transcript_", 11))
			ok = is_language_tag(name + 11);
		if (!ok) {
			snprintf(err, 512, "items.csv: unknown column \"%.40s\" (known: id, kind, file, title, title_LANG, date, "
				 "authors, language, topics, summary, source, warning, warning_LANG, withdraw, reason, "
				 "transcript, transcript_LANG)", name);
			return -1;
		}
		for (int j = 0; j < i; j++)
			if (strcmp(h->cells[j], name) == 0) {
				snprintf(err, 512, "items.csv: the column \"%.40s\" is there twice", name);
				return -1;
			}
		has_id |= strcmp(name, "id") == 0;
	}
	if (!has_id) {
		snprintf(err, 512, "items.csv: the first row must name the columns, one of them \"id\"");
		return -1;
	}
	return 0;
}

/* A recording's transcript from the columns transcript (the original: at
 * the front) and transcript_LANG. */
static int add_track(manifest_entry *e, const char *lang, const char *file)
{
	manifest_track *more = realloc(e->transcripts, (size_t)(e->transcript_count + 1) * sizeof *more);
	if (!more)
		return -1;
	e->transcripts = more;
	int at = lang ? e->transcript_count : 0;
	memmove(more + at + 1, more + at, (size_t)(e->transcript_count - at) * sizeof *more);
	e->transcript_count++;
	manifest_track *t = &more[at];
	memset(t, 0, sizeof *t);
	snprintf(t->language, sizeof t->language, "%s", lang ? lang : "");
	t->size = -1;
	return (t->file = strdup(file)) ? 0 : -1;
}

/* One row of the table as a manifest entry (file still the source's path). */
static int read_row(row *h, row *r, int number, manifest_entry *e, char err[512])
{
	char where[96];
	const char *kind = "", *withdraw = "";
	snprintf(where, sizeof where, "items.csv row %d", number);
	if (r->count > h->count) {
		snprintf(err, 512, "%s: more cells than the first row has columns", where);
		return -1;
	}
	e->size = -1;
	for (int i = 0; i < r->count; i++) {
		const char *col = h->cells[i];
		char *v = trim(r->cells[i]);
		if (!v[0])
			continue;
		if (!strcmp(col, "id"))
			snprintf(e->meta.id, sizeof e->meta.id, "%.64s", strlen(v) > 64 ? "" : v);
		else if (!strcmp(col, "kind"))
			kind = v;
		else if (!strcmp(col, "withdraw"))
			withdraw = v;
		else if (!strcmp(col, "reason"))
			e->reason = strdup(v);
		else if (!strcmp(col, "file"))
			e->file = strdup(v);
		else if (!strcmp(col, "title"))
			e->meta.title = strdup(v);
		else if (!strncmp(col, "title_", 6))
			item_text_add(&e->meta.titles, &e->meta.title_count, col + 6, v);
		else if (!strcmp(col, "warning"))
			e->meta.warning = strdup(v);
		else if (!strncmp(col, "warning_", 8))
			item_text_add(&e->meta.warnings, &e->meta.warning_count, col + 8, v);
		else if (!strcmp(col, "date"))
			snprintf(e->meta.date, sizeof e->meta.date, "%.10s", strlen(v) > 10 ? "bad" : v);
		else if (!strcmp(col, "language"))
			snprintf(e->meta.language, sizeof e->meta.language, "%.35s", v);
		else if (!strcmp(col, "summary"))
			e->meta.summary = strdup(v);
		else if (!strcmp(col, "source"))
			e->meta.source = strdup(v);
		else if (!strcmp(col, "authors"))
			split_list(v, &e->meta.authors, &e->meta.author_count);
		else if (!strcmp(col, "topics"))
			split_list(v, &e->meta.topics, &e->meta.topic_count);
		else if (!strncmp(col, "transcript", 10))
			add_track(e, col[10] ? col + 11 : NULL, v);
	}
	/* The original transcript is in the recording's language. */
	for (int i = 0; i < e->transcript_count; i++)
		if (!e->transcripts[i].language[0])
			snprintf(e->transcripts[i].language, sizeof e->transcripts[i].language, "%s",
				 e->meta.language[0] ? e->meta.language : "und");
	if (!item_id_is_valid(e->meta.id)) {
		snprintf(err, 512, "%s: id must be 1-64 characters of a-z 0-9 -", where);
		return -1;
	}
	snprintf(where, sizeof where, "items.csv row %d (%s)", number, e->meta.id);
	if (is_yes(withdraw)) {
		e->withdraw = 1;
		return 0;
	}
	if (!is_no(withdraw)) {
		snprintf(err, 512, "%s: withdraw must be yes or empty", where);
		return -1;
	}
	int k = item_kind_parse(kind);
	if (k < 0) {
		snprintf(err, 512, "%s: kind must be report, testimony, transcript, article, photo or other", where);
		return -1;
	}
	e->meta.kind = (item_kind)k;
	if (!e->meta.title) {
		snprintf(err, 512, "%s: the title is empty", where);
		return -1;
	}
	if (e->meta.date[0] && !item_date_is_valid(e->meta.date)) {
		snprintf(err, 512, "%s: date must be YYYY, YYYY-MM or YYYY-MM-DD (format the column as text)", where);
		return -1;
	}
	if (e->transcript_count) {
		char ext[16];
		files_extension(e->file ? e->file : "", ext);
		if (!media_handles(ext)) {
			snprintf(err, 512, "%s: a transcript column is for a recording (.mp3, .m4a, .ogg, .opus, .flac, .wav, "
				 ".mp4, .m4v, .webm, .mkv) in the file column", where);
			return -1;
		}
	}
	return 0;
}

/* Copies src to dst. */
static int copy_file(const char *src, const char *dst, char err[256])
{
	int in = open(src, O_RDONLY | O_CLOEXEC), out = -1;
	char buf[1 << 16];
	ssize_t n = 0;
	if (in >= 0)
		out = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	while (out >= 0 && (n = read(in, buf, sizeof buf)) > 0)
		if (write(out, buf, (size_t)n) != n)
			n = -1;
	int ok = in >= 0 && out >= 0 && n == 0 && fsync(out) == 0;
	if (!ok)
		snprintf(err, 256, "%s", strerror(errno));
	if (in >= 0)
		close(in);
	if (out >= 0 && close(out) != 0)
		ok = 0;
	return ok ? 0 : -1;
}

/* Opens the copied document as the kiosk will: one it cannot show is
 * caught here, by the archivist, not on the wall. */
static int check_document(const char *path, const char *ext, char err[256])
{
	if (recording_is_transcript(ext))
		return recording_check_transcript(path, path, 0, err);
	if (convert_handles(ext)) {
		size_t len;
		char *text = files_read(path, 64u << 20, &len, err);
		convert_result r;
		if (!text)
			return -1;
		int rc = convert_to_xhtml(text, len, ext, "", &r, err);
		free(text);
		if (rc == 0)
			convert_result_free(&r);
		return rc;
	}
	doc *d = doc_open(path, doc_format_for_extension(ext), err);
	int ok = d && doc_page_count(d, err) > 0;
	doc_close(d);
	return ok ? 0 : -1;
}

/* A recording, probed as the kiosk will (here, in the staff's own
 * process), for its length: the transcripts must fit it. */
static int check_recording(const char *path, const char *name, long long *duration_ms, char err[256])
{
	media_facts f;
	unsigned char *png;
	size_t len;
	if (media_probe_here(path, name, &f, &png, &len, err) != 0)
		return -1;
	free(png);
	*duration_ms = f.duration_ms;
	return 0;
}

/* One more than the highest sequence of this archive's bundles in out. */
static long long next_sequence(const char *out, const char *archive)
{
	char **dirs;
	int n;
	long long highest = 0;
	if (bundle_find(out, &dirs, &n) != 0)
		return 1;
	for (int i = 0; i < n; i++) {
		char path[4200], why[256];
		size_t len;
		snprintf(path, sizeof path, "%s/bundle.json", dirs[i]);
		char *json = files_read(path, MANIFEST_MAX_SIZE, &len, why);
		manifest *m = json ? manifest_parse(json, len, why) : NULL;
		if (m && strcmp(m->archive, archive) == 0 && m->sequence > highest)
			highest = m->sequence;
		manifest_free(m);
		free(json);
		free(dirs[i]);
	}
	free(dirs);
	return highest + 1;
}

/* Copies and checks each document, then writes bundle.json. */
static int write_bundle(manifest *m, const char *source, const char *dir, bundle_make_progress progress, void *ctx,
			char err[512])
{
	char path[4200], why[256];
	snprintf(path, sizeof path, "%s/files", dir);
	if (files_make_dirs(path, why) != 0) {
		snprintf(err, 512, "%s", why);
		return -1;
	}
	for (int i = 0; i < m->count; i++) {
		manifest_entry *e = &m->entries[i];
		if (progress)
			progress(ctx, e->meta.id, i, m->count);
		if (!e->file)
			continue;
		char ext[16], src[4200], name[128];
		files_extension(e->file, ext);
		if (!doc_format_for_extension(ext) && !convert_handles(ext) && !media_handles(ext) &&
		    !recording_is_transcript(ext)) {
			snprintf(err, 512, "%s: Hishatak cannot show .%s files", e->file, ext[0] ? ext : "(no extension)");
			return -1;
		}
		snprintf(src, sizeof src, "%s/%s", source, e->file);
		snprintf(name, sizeof name, "files/%s.%s", e->meta.id, ext);
		snprintf(path, sizeof path, "%s/%s", dir, name);
		long long duration_ms = 0;
		if (copy_file(src, path, why) != 0 || store_hash_file(path, e->sha256, &e->size, why) != 0 ||
		    (media_handles(ext) ? check_recording(path, e->file, &duration_ms, why)
					: check_document(path, ext, why)) != 0) {
			snprintf(err, 512, "%s: %s", src, why);
			return -1;
		}
		free(e->file);
		e->file = strdup(name);
		for (int t = 0; t < e->transcript_count; t++) {
			manifest_track *tr = &e->transcripts[t];
			files_extension(tr->file, ext);
			snprintf(src, sizeof src, "%s/%s", source, tr->file);
			snprintf(name, sizeof name, "files/%s.%s.%s", e->meta.id, tr->language, ext);
			snprintf(path, sizeof path, "%s/%s", dir, name);
			if (copy_file(src, path, why) != 0 || store_hash_file(path, tr->sha256, &tr->size, why) != 0 ||
			    recording_check_transcript(path, tr->file, duration_ms, why) != 0) {
				snprintf(err, 512, "%s: %s", src, why);
				return -1;
			}
			free(tr->file);
			tr->file = strdup(name);
		}
	}
	if (progress)
		progress(ctx, "", m->count, m->count);
	char *json = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&json, &len);
	if (!f) {
		snprintf(err, 512, "out of memory");
		return -1;
	}
	manifest_write(f, m);
	fclose(f);
	manifest *again = manifest_parse(json, len, why);
	snprintf(path, sizeof path, "%s/bundle.json", dir);
	int rc = again ? files_write_durably(path, json, len, why) : -1;
	if (rc != 0)
		snprintf(err, 512, "%s", why);
	manifest_free(again);
	free(json);
	return rc;
}

manifest *bundle_table_parse(const char *text, size_t len, char err[512])
{
	table t;
	manifest *m = NULL;
	int ok = 0;
	if (table_parse(text, len, &t, err) != 0)
		goto done;
	if (t.count < 2) {
		snprintf(err, 512, "items.csv: no items (the first row names the columns, then one row per item)");
		goto done;
	}
	if (check_header(&t.rows[0], err) != 0)
		goto done;
	m = calloc(1, sizeof *m);
	if (m)
		m->entries = calloc((size_t)t.count, sizeof *m->entries);
	if (!m || !m->entries) {
		snprintf(err, 512, "out of memory");
		goto done;
	}
	for (int i = 1; i < t.count; i++) {
		int blank = 1;
		for (int j = 0; j < t.rows[i].count; j++)
			blank &= !*trim(t.rows[i].cells[j]);
		if (blank)
			continue;
		manifest_entry *e = &m->entries[m->count++];
		if (read_row(&t.rows[0], &t.rows[i], i + 1, e, err) != 0)
			goto done;
		for (int j = 0; j < m->count - 1; j++)
			if (strcmp(m->entries[j].meta.id, e->meta.id) == 0) {
				snprintf(err, 512, "items.csv row %d: id %s is already on an earlier row", i + 1, e->meta.id);
				goto done;
			}
	}
	ok = 1;
done:
	table_free(&t);
	if (!ok) {
		manifest_free(m);
		return NULL;
	}
	return m;
}

int bundle_make(const bundle_make_options *o, bundle_make_progress progress, void *ctx, char made[4096],
		char err[512])
{
	char path[4200];
	manifest *m = NULL;
	int rc = -1;
	made[0] = 0;
	snprintf(path, sizeof path, "%s/items.csv", o->source);
	if (!item_id_is_valid(o->archive)) {
		snprintf(err, 512, "archive id must be 1-64 characters of a-z 0-9 -");
		return -1;
	}
	char why[256];
	size_t len;
	char *text = files_read(path, TABLE_MAX, &len, why);
	if (!text) {
		snprintf(err, 512, "%s", why);
		return -1;
	}
	m = bundle_table_parse(text, len, err);
	free(text);
	if (!m)
		return -1;
	/* The thesaurus, when the folder has one (names.h). */
	snprintf(path, sizeof path, "%s/names.csv", o->source);
	if (files_exists(path)) {
		text = files_read(path, TABLE_MAX, &len, why);
		if (!text || names_parse_csv(text, len, &m->names, err) != 0) {
			if (!text)
				snprintf(err, 512, "%s", why);
			free(text);
			manifest_free(m);
			return -1;
		}
		free(text);
	}
	snprintf(m->archive, sizeof m->archive, "%s", o->archive);
	m->sequence = o->sequence > 0 ? o->sequence : next_sequence(o->out, o->archive);
	m->snapshot = o->snapshot;
	for (int i = 0; i < o->trust_count; i++)
		item_list_add(&m->trust, &m->trust_count, o->trust[i]);
	for (int i = 0; i < o->retire_count; i++)
		item_list_add(&m->retire, &m->retire_count, o->retire[i]);
	time_t now = time(NULL);
	strftime(m->created, sizeof m->created, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
	snprintf(made, 4096, "%s/%s-%lld", o->out, o->archive, m->sequence);
	if (files_exists(made)) {
		snprintf(err, 512, "%s already exists (sequence %lld was made before)", made, m->sequence);
		made[0] = 0;
		goto done;
	}
	rc = write_bundle(m, o->source, made, progress, ctx, err);
	if (rc != 0) {
		files_remove_tree(made);
		made[0] = 0;
	}
done:
	manifest_free(m);
	return rc;
}
