/* Making a bundle: see bundle_make.h. The table module reads items.csv;
 * this one finds the table, takes each row's document into the bundle
 * (opened as the kiosk will), says what each row changes, and writes
 * bundle.json with the manifest module, which re-checks it, so a bundle
 * made here passes the kiosk's own parser. */
#include "core/bundle_make.h"
#include "core/convert.h"
#include "core/doc.h"
#include "core/epub.h"
#include "core/files.h"
#include "core/guide_tables.h"
#include "core/media_client.h"
#include "core/names.h"
#include "core/office.h"
#include "core/recording.h"
#include "core/store.h"
#include "core/subtitles.h"
#include "core/table.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define TABLE_MAX (16u << 20)

void bundle_make_report_free(bundle_make_report *r)
{
	findings_free(&r->found);
	for (int i = 0; i < r->key_count; i++)
		free(r->key_ids[i]);
	free(r->key_ids);
	memset(r, 0, sizeof *r);
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
static int check_document(const char *path, const char *ext, char repaired[256], char err[256])
{
	repaired[0] = 0;
	if (recording_is_transcript(ext)) /* a transcript without its recording: read as a document */
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
	/* An EPUB the kiosks mend as they take it in (epub.h) is checked mended. */
	char mended[4200], why[256];
	unsigned char *copy = NULL;
	size_t len;
	snprintf(mended, sizeof mended, "%s.mended", path);
	int repair = strcmp(ext, "epub") == 0 ? epub_repair(path, &copy, &len, repaired, why) : 0;
	if (repair == 1 && files_write_durably(mended, copy, len, err) != 0)
		repair = -1;
	free(copy);
	doc *d = repair >= 0 ? doc_open(repair == 1 ? mended : path, doc_format_for_extension(ext), err) : NULL;
	int ok = d && doc_page_count(d, err) > 0;
	doc_close(d);
	if (repair == 1)
		remove(mended);
	return ok ? 0 : -1;
}

/* A recording, probed as the kiosk will (by the media program beside
 * this one), for its length: the transcripts must fit it. */
static int check_recording(const char *path, const char *name, long long *duration_ms, char err[256])
{
	media_facts f;
	unsigned char *png;
	size_t len;
	char program[4096];
	media_client_program(NULL, program);
	if (media_probe_file(program, path, name, &f, &png, &len, err) != 0)
		return -1;
	free(png);
	*duration_ms = f.duration_ms;
	return 0;
}

/* A recording's transcripts into the bundle beside it, each checked
 * against its length. */
static void take_transcripts(const table_check *ck, int number, manifest_entry *e, const char *source, const char *dir,
			     long long duration_ms)
{
	for (int t = 0; t < e->transcript_count; t++) {
		manifest_track *tr = &e->transcripts[t];
		char ext[16], src[4200], name[200], path[4300], why[256], col[48];
		files_extension(tr->file, ext);
		snprintf(col, sizeof col, t ? "transcript_%.30s" : "transcript", tr->language);
		snprintf(src, sizeof src, "%s/%s", source, tr->file);
		snprintf(name, sizeof name, "files/%s.%s.%s", e->meta.id, tr->language, ext);
		snprintf(path, sizeof path, "%s/%s", dir, name);
		if (copy_file(src, path, why) != 0 || store_hash_file(path, tr->sha256, &tr->size, why) != 0 ||
		    recording_check_transcript(path, tr->file, duration_ms, why) != 0) {
			findings_problem(ck->found, "%s, \"%.100s\": %s", table_where(ck, number, e->meta.id, col), tr->file, why);
			continue;
		}
		free(tr->file);
		tr->file = strdup(name);
	}
}

/* A recording's segments into the bundle, and its content notes checked:
 * each with its words, within the recording. */
static void take_recording_extras(const table_check *ck, int number, manifest_entry *e, const char *source, const char *dir,
				  long long duration_ms, int is_recording)
{
	if ((e->segments || e->note_count) && !is_recording) {
		findings_problem(ck->found, "%s: segments and warnings_at are a recording's (an audio or video file in file)",
				 table_where(ck, number, e->meta.id, e->segments ? "segments" : "warnings_at"));
		return;
	}
	if (e->segments) {
		manifest_track *g = e->segments;
		char ext[16], src[4200], name[200], path[4300], why[256];
		files_extension(g->file, ext);
		snprintf(src, sizeof src, "%s/%s", source, g->file);
		snprintf(name, sizeof name, "files/%s.segments.%s", e->meta.id, ext);
		snprintf(path, sizeof path, "%s/%s", dir, name);
		snprintf(g->language, sizeof g->language, "und");
		if (copy_file(src, path, why) != 0 || store_hash_file(path, g->sha256, &g->size, why) != 0 ||
		    recording_check_segments(path, g->file, duration_ms, why) != 0) {
			findings_problem(ck->found, "%s, \"%.100s\": %s", table_where(ck, number, e->meta.id, "segments"), g->file, why);
		} else {
			free(g->file);
			g->file = strdup(name);
		}
	}
	for (int i = 0; i < e->note_count; i++) {
		const manifest_note *n = &e->notes[i];
		char at[16], length[16];
		subtitles_format_time(n->start_ms, at, sizeof at);
		subtitles_format_time(duration_ms, length, sizeof length);
		if (!n->warning || !n->warning[0])
			findings_problem(ck->found, "%s: the note at %s is translated but has no original in warnings_at",
					 table_where(ck, number, e->meta.id, "warnings_at"), at);
		else if (duration_ms > 0 && n->start_ms > duration_ms)
			findings_problem(ck->found, "%s: the note at %s starts after the recording's end (%s)",
					 table_where(ck, number, e->meta.id, "warnings_at"), at, length);
	}
}

/* Formats a word processor writes, made into PDFs with LibreOffice. */
static int is_office_document(const char *ext)
{
	return !strcmp(ext, "docx") || !strcmp(ext, "odt") || !strcmp(ext, "rtf") || !strcmp(ext, "doc");
}

/* What to export a file the kiosk cannot show as. */
static const char *export_as(const char *ext)
{
	static const struct {
		const char *exts, *as;
	} hints[] = {
		{" xls xlsx ods csv numbers ", "PDF (in the spreadsheet: File > Export as PDF)"},
		{" ppt pptx odp key ", "PDF (in the presentation program: File > Export as PDF)"},
		{" gif bmp webp heic heif svg psd ", "PNG or JPEG"},
		{" mobi azw azw3 fb2 djvu ", "PDF or EPUB"},
		{" zip rar 7z ", "the documents inside it, each on its own row"},
	};
	char key[20];
	snprintf(key, sizeof key, " %s ", ext);
	for (size_t i = 0; i < sizeof hints / sizeof hints[0]; i++)
		if (strstr(hints[i].exts, key))
			return hints[i].as;
	return "PDF (most programs can: File > Export as PDF, or Print to PDF)";
}

/* Copies one row's document into the bundle (a .docx, .odt or .rtf made
 * into a PDF first) and opens it as the kiosk will. */
static void take_file(const table_check *ck, int number, manifest_entry *e, const char *source, const char *dir,
		      const char *scratch)
{
	char ext[16], src[4200], name[160], path[4300], why[512], at[200];
	struct stat st;
	snprintf(at, sizeof at, "%s", table_where(ck, number, e->meta.id, "file"));
	files_extension(e->file, ext);
	snprintf(src, sizeof src, "%s/%s", source, e->file);
	if (stat(src, &st) != 0 || !S_ISREG(st.st_mode)) {
		findings_problem(ck->found, "%s, \"%.100s\": %s in %s: check the file's name (with its extension) and folder", at, e->file,
			stat(src, &st) != 0 ? "there is no such file" : "a folder, not a file", source);
		return;
	}
	if (is_office_document(ext)) {
		char folder[4300], pdf[4096];
		snprintf(folder, sizeof folder, "%s/row-%d", scratch, number);
		if (!office_available()) {
			findings_problem(ck->found, "%s, \"%.100s\": a .%s file is made into a PDF with LibreOffice, which is not installed: %s; "
				"or export it as PDF yourself (File > Export as PDF) and name the PDF here", at, e->file, ext, OFFICE_INSTALL);
			return;
		}
		if (files_make_dirs(folder, why) != 0 || office_convert(src, "pdf", folder, pdf, why) != 0) {
			findings_problem(ck->found, "%s, \"%.100s\": %s; export it as PDF yourself (File > Export as PDF) and name the PDF here",
				at, e->file, why);
			return;
		}
		findings_note(ck->found, "%s: %s made into a PDF with LibreOffice; the bundle carries the PDF", at, e->file);
		snprintf(src, sizeof src, "%s", pdf);
		snprintf(ext, sizeof ext, "pdf");
	} else if (!doc_format_for_extension(ext) && !convert_handles(ext) && !media_handles(ext) && !recording_is_transcript(ext)) {
		findings_problem(ck->found, "%s, \"%.100s\": the kiosk cannot show .%s files: export it as %s and name that file here", at,
			e->file, ext[0] ? ext : "(no extension)", export_as(ext));
		return;
	}
	if (e->meta.id[0])
		snprintf(name, sizeof name, "files/%s.%s", e->meta.id, ext);
	else
		snprintf(name, sizeof name, "files/row-%d.%s", number, ext);
	snprintf(path, sizeof path, "%s/%s", dir, name);
	char err[256], repaired[256] = "";
	long long duration_ms = 0;
	if (copy_file(src, path, err) != 0 || store_hash_file(path, e->sha256, &e->size, err) != 0 ||
	    (media_handles(ext) ? check_recording(path, e->file, &duration_ms, err) : check_document(path, ext, repaired, err)) != 0) {
		findings_problem(ck->found, "%s, \"%.100s\": %s: the kiosk could not show it; open it, save it again (or export it as %s), "
			"and make the bundle again", at, e->file, err, export_as(ext));
		return;
	}
	if (repaired[0])
		findings_note(ck->found, "%s: %s has %s, which MuPDF cannot open; the kiosks mend it as they take it in "
			      "(the bundle carries the original)", at, e->file, repaired);
	free(e->file);
	e->file = strdup(name);
	take_transcripts(ck, number, e, source, dir, duration_ms);
	take_recording_extras(ck, number, e, source, dir, duration_ms, media_handles(ext));
}

/* Copies each collection's picture into the bundle as
 * files/collection-ID.EXT, with its size and SHA-256. */
static void take_pictures(guide *g, const char *source, const char *dir, findings *found)
{
	for (int i = 0; i < g->collection_count; i++) {
		guide_collection *c = &g->collections[i];
		if (!c->picture)
			continue;
		char ext[16], src[4200], name[160], path[4300], err[256];
		files_extension(c->picture, ext);
		for (char *e = ext; *e; e++)
			*e = (char)tolower((unsigned char)*e);
		snprintf(src, sizeof src, "%s/%s", source, c->picture);
		snprintf(name, sizeof name, "files/collection-%s.%s", c->id, ext);
		snprintf(path, sizeof path, "%s/%s", dir, name);
		if (copy_file(src, path, err) != 0 || store_hash_file(path, c->picture_sha256, &c->picture_size, err) != 0) {
			findings_problem(found, "collections.csv (%s), column picture, \"%.100s\": %s", c->id, c->picture, err);
			continue;
		}
		free(c->picture);
		c->picture = strdup(name);
	}
}

/* What the guide's tables change on the kiosks, for the archivist. */
static void describe_guide(const guide *g, findings *found)
{
	if (g->about_given)
		findings_change(found, "about.csv: the archive's name and introduction on Home: \"%.60s\"",
				g->about.title ? g->about.title : g->about.title_count ? g->about.titles[0].text : "");
	if (g->topic_count)
		findings_change(found, "topics.csv: %d topic%s labelled for visitors", g->topic_count, g->topic_count == 1 ? "" : "s");
	for (int i = 0; i < g->collection_count; i++) {
		const guide_collection *c = &g->collections[i];
		if (c->withdraw)
			findings_change(found, "collections.csv (%s): taken off Home", c->id);
		else
			findings_change(found, "collections.csv (%s): on Home: \"%.60s\", %d item%s%s", c->id, c->title ? c->title : "",
					c->item_count, c->item_count == 1 ? "" : "s", c->picture ? ", with its picture" : "");
	}
}

/* Appends "; " and a change to line. */
static void said(char *line, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void said(char *line, size_t size, const char *fmt, ...)
{
	size_t n = strlen(line);
	va_list ap;
	if (n + 8 >= size)
		return;
	if (n)
		n += (size_t)snprintf(line + n, size - n, "; ");
	va_start(ap, fmt);
	vsnprintf(line + n, size - n, fmt, ap);
	va_end(ap);
}

/* A value in a change, shortened at a letter's end: "Alpha, rena...". */
static const char *shown(const char *v, char out[64])
{
	size_t n = 41;
	if (strlen(v) <= 44)
		return v;
	while (n > 0 && ((unsigned char)v[n] & 0xC0) == 0x80)
		n--;
	snprintf(out, 64, "%.*s...", (int)n, v);
	return out;
}

static void said_text(char *line, size_t size, const char *field, const char *before, const char *after)
{
	char a[64], b[64];
	before = before ? before : "";
	after = after ? after : "";
	if (strcmp(before, after) == 0)
		return;
	if (!after[0])
		said(line, size, "%s cleared", field);
	else if (!before[0])
		said(line, size, "%s set to \"%s\"", field, shown(after, b));
	else
		said(line, size, "%s \"%s\" -> \"%s\"", field, shown(before, a), shown(after, b));
}

static void said_texts(char *line, size_t size, const char *field, const item_text *before, int nb, const item_text *after,
		       int na)
{
	char name[60];
	for (int i = 0; i < na; i++) {
		const char *old = NULL;
		for (int j = 0; j < nb; j++)
			if (!strcmp(before[j].lang, after[i].lang))
				old = before[j].text;
		snprintf(name, sizeof name, "%s_%s", field, after[i].lang);
		said_text(line, size, name, old, after[i].text);
	}
	for (int j = 0; j < nb; j++) {
		int kept = 0;
		for (int i = 0; i < na && !kept; i++)
			kept = !strcmp(before[j].lang, after[i].lang);
		snprintf(name, sizeof name, "%s_%s", field, before[j].lang);
		if (!kept)
			said_text(line, size, name, before[j].text, NULL);
	}
}

static void joined(char *const *list, int count, char *out, size_t size)
{
	out[0] = 0;
	for (int i = 0; i < count; i++) {
		size_t n = strlen(out);
		snprintf(out + n, size - n, "%s%s", i ? "; " : "", list[i]);
	}
}

/* What one row will change on the kiosks that hold the earlier bundles. */
static void describe(const table_check *ck, int number, const manifest_entry *e)
{
	const item *known = ck->h ? history_find(ck->h, e->meta.id) : NULL;
	char at[120], line[1000] = "", a[600], b[600], t[64];
	snprintf(at, sizeof at, "row %d (%s)", number, e->meta.id);
	if (e->withdraw) {
		if (known)
			findings_change(ck->found, "%s: withdrawn from the kiosks: \"%s\"%s%s%s", at, shown(known->title, t),
			       e->reason ? " (reason: " : "", e->reason ? e->reason : "", e->reason ? ")" : "");
		else
			findings_change(ck->found, "%s: nothing: it was withdrawn already", at);
		return;
	}
	if (!known) {
		findings_change(ck->found, "%s: added: \"%s\" (%s)", at, shown(e->meta.title ? e->meta.title : "", t),
				item_kind_name(e->meta.kind));
		return;
	}
	manifest_entry as_known = {.meta = *known}; /* shallow: only read by the merge */
	item after = {0};
	manifest_merge(&after, &as_known);
	manifest_merge(&after, e);
	if (after.kind != known->kind)
		said(line, sizeof line, "kind %s -> %s", item_kind_name(known->kind), item_kind_name(after.kind));
	said_text(line, sizeof line, "title", known->title, after.title);
	said_texts(line, sizeof line, "title", known->titles, known->title_count, after.titles, after.title_count);
	said_text(line, sizeof line, "date", known->date, after.date);
	joined(known->authors, known->author_count, a, sizeof a);
	joined(after.authors, after.author_count, b, sizeof b);
	said_text(line, sizeof line, "authors", a, b);
	said_text(line, sizeof line, "language", known->language, after.language);
	joined(known->topics, known->topic_count, a, sizeof a);
	joined(after.topics, after.topic_count, b, sizeof b);
	said_text(line, sizeof line, "topics", a, b);
	said_text(line, sizeof line, "summary", known->summary, after.summary);
	said_texts(line, sizeof line, "summary", known->summaries, known->summary_count, after.summaries, after.summary_count);
	said_text(line, sizeof line, "source", known->source, after.source);
	said_texts(line, sizeof line, "source", known->sources, known->source_count, after.sources, after.source_count);
	said_text(line, sizeof line, "warning", known->warning, after.warning);
	said_texts(line, sizeof line, "warning", known->warnings, known->warning_count, after.warnings, after.warning_count);
	if (e->file && strcmp(e->sha256, known->sha256) != 0)
		said(line, sizeof line, "a new file");
	item_clear(&after);
	findings_change(ck->found, "%s: %s", at, line[0] ? line : "no change");
}

/* Finds and reads the table in source: items.csv, else items.ods or
 * items.xlsx made into UTF-8 CSV by LibreOffice (into scratch). NULL after
 * a problem that names what is there instead. */
static char *read_table(table_check *ck, const char *source, const char *scratch, size_t *len)
{
	static const char *sheets[] = {"items.ods", "items.xlsx", "items.xls"};
	char path[4200], csv[4096], why[512];
	snprintf(path, sizeof path, "%s/items.csv", source);
	if (files_exists(path)) {
		for (int i = 0; i < 3; i++) {
			snprintf(csv, sizeof csv, "%s/%s", source, sheets[i]);
			if (files_exists(csv))
				findings_warning(ck->found, "%s is there too and was not read: the bundle is made from items.csv (move the one "
					"you do not mean out of the folder)", csv);
		}
		char *text = files_read(path, TABLE_MAX, len, why);
		if (!text)
			findings_problem(ck->found, "%s: %s", path, why);
		return text;
	}
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s/%s", source, sheets[i]);
		if (!files_exists(path))
			continue;
		ck->name = sheets[i];
		if (!office_available()) {
			findings_problem(ck->found, "%s: LibreOffice reads a .%s table, and it is not installed: %s; or save the table as "
				"CSV UTF-8, named items.csv", path, strrchr(sheets[i], '.') + 1, OFFICE_INSTALL);
			return NULL;
		}
		if (office_convert(path, "csv", scratch, csv, why) != 0) {
			findings_problem(ck->found, "%s: %s; or save the table as CSV UTF-8, named items.csv", path, why);
			return NULL;
		}
		findings_note(ck->found, "%s read with LibreOffice (its first sheet, as UTF-8)", path);
		char *text = files_read(csv, TABLE_MAX, len, why);
		if (!text)
			findings_problem(ck->found, "%s: %s", csv, why);
		return text;
	}
	/* Nothing by that name: say what is there. */
	char found[600] = "";
	DIR *dp = opendir(source);
	struct dirent *d;
	while (dp && (d = readdir(dp))) {
		char ext[16];
		files_extension(d->d_name, ext);
		int like_table = !strcmp(ext, "csv") || !strcmp(ext, "ods") || !strcmp(ext, "xlsx") || !strcmp(ext, "xls") ||
			    !strcmp(ext, "tsv") || !strncasecmp(d->d_name, "items", 5);
		size_t n = strlen(found);
		if (like_table && n + strlen(d->d_name) + 8 < sizeof found)
			snprintf(found + n, sizeof found - n, "%s\"%s\"", n ? ", " : "", d->d_name);
	}
	if (dp)
		closedir(dp);
	if (!dp)
		findings_problem(ck->found, "%s: %s", source, strerror(errno));
	else if (found[0])
		findings_problem(ck->found, "%s: there is no items.csv, but there is %s: if that is the table, rename it items.csv (or "
			"items.ods, items.xlsx), in small letters", source, found);
	else
		findings_problem(ck->found, "%s: there is no items.csv, the table of the items (see hishatak bundle --help "
				 "for its columns)", source);
	return NULL;
}

/* Writes bundle.json, checked again by the kiosk's own parser. */
static void write_manifest(const table_check *ck, const manifest *m, const char *dir)
{
	char path[4200], why[256];
	char *json = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&json, &len);
	if (!f) {
		findings_problem(ck->found, "out of memory");
		return;
	}
	manifest_write(f, m);
	fclose(f);
	manifest *again = manifest_parse(json, len, why);
	snprintf(path, sizeof path, "%s/bundle.json", dir);
	if (!again || files_write_durably(path, json, len, why) != 0)
		findings_problem(ck->found, "%s: %s", path, why);
	manifest_free(again);
	free(json);
}

int bundle_make(const bundle_make_options *o, bundle_make_progress progress, void *ctx, char made[4096],
		bundle_make_report *report)
{
	char scratch[] = "/tmp/hishatak-bundle-XXXXXX", path[4300], why[256];
	manifest *m = NULL;
	int *rows = NULL, created = 0;
	history h;
	memset(report, 0, sizeof *report);
	made[0] = 0;
	if (!item_id_is_valid(o->archive)) {
		findings_problem(&report->found, "--archive %s: an archive id is 1-64 characters of a-z 0-9 -", o->archive);
		return -1;
	}
	if (!mkdtemp(scratch)) {
		findings_problem(&report->found, "cannot make a folder in /tmp: %s", strerror(errno));
		return -1;
	}
	history_load(o->out, o->archive, o->sequence, &h);
	for (int i = 0; i < h.unreadable_count; i++)
		findings_warning(&report->found, "%s (not counted as an earlier bundle)", h.unreadable[i]);
	table_check ck = {"items.csv", &h, o->out, &report->found};
	size_t len;
	char *text = read_table(&ck, o->source, scratch, &len);
	if (text)
		m = table_read(&ck, text, len, &rows);
	free(text);
	/* The thesaurus, when the folder has one (names.h). */
	snprintf(path, sizeof path, "%s/names.csv", o->source);
	if (m && files_exists(path)) {
		char err[512];
		if (!(text = files_read(path, TABLE_MAX, &len, why)))
			findings_problem(&report->found, "%s: %s", path, why);
		else if (names_parse_csv(text, len, &m->names, err) != 0)
			findings_problem(&report->found, "%s", err);
		free(text);
	}
	/* What the archive tells visitors: topics.csv, collections.csv, about.csv. */
	if (m)
		guide_tables_read(o->source, m, &h, &report->found, &m->guide);
	if (m) {
		snprintf(m->archive, sizeof m->archive, "%s", o->archive);
		m->sequence = o->sequence > 0 ? o->sequence : h.last_sequence + 1;
		m->snapshot = o->snapshot;
		for (int i = 0; i < o->trust_count; i++)
			item_list_add(&m->trust, &m->trust_count, o->trust[i]);
		for (int i = 0; i < o->retire_count; i++)
			item_list_add(&m->retire, &m->retire_count, o->retire[i]);
		time_t now = time(NULL);
		strftime(m->created, sizeof m->created, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
		snprintf(made, 4096, "%s/%s-%lld", o->out, o->archive, m->sequence);
		snprintf(path, sizeof path, "%s/files", made);
		if (files_exists(made))
			findings_problem(&report->found, "%s already exists (sequence %lld was made before): leave out --sequence to take the "
				"next one, or move that folder away", made, m->sequence);
		else if (files_make_dirs(path, why) != 0)
			findings_problem(&report->found, "%s: %s", path, why);
		else
			created = 1;
	}
	for (int i = 0; created && i < m->count; i++) {
		if (progress)
			progress(ctx, m->entries[i].meta.id, i, m->count);
		if (m->entries[i].file)
			take_file(&ck, rows[i], &m->entries[i], o->source, made, scratch);
	}
	if (created)
		take_pictures(&m->guide, o->source, made, &report->found);
	if (created && progress)
		progress(ctx, "", m->count, m->count);
	if (created && report->found.problem_count == 0) {
		for (int i = 0; i < m->count; i++)
			describe(&ck, rows[i], &m->entries[i]);
		char gone[1000] = "";
		for (int i = 0; m->snapshot && i < h.count; i++) {
			int listed = 0;
			for (int j = 0; j < m->count && !listed; j++)
				listed = !m->entries[j].withdraw && !strcmp(m->entries[j].meta.id, h.items[i].id);
			size_t n = strlen(gone);
			if (!listed && n + 70 < sizeof gone)
				snprintf(gone + n, sizeof gone - n, "%s%s", n ? ", " : "", h.items[i].id);
		}
		if (gone[0])
			findings_change(&report->found, "not in this snapshot, so withdrawn from the kiosks: %s", gone);
		describe_guide(&m->guide, &report->found);
		write_manifest(&ck, m, made);
	}
	for (int i = 0; i < h.key_count; i++)
		item_list_add(&report->key_ids, &report->key_count, h.key_ids[i]);
	report->earlier_bundles = h.bundles;
	findings_sort(&report->found);
	if (report->found.problem_count) {
		if (created)
			files_remove_tree(made);
		made[0] = 0;
	}
	files_remove_tree(scratch);
	manifest_free(m);
	free(rows);
	history_free(&h);
	return report->found.problem_count ? -1 : 0;
}
