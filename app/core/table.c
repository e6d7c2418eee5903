/* The metadata table (items.csv: one row per item, as a spreadsheet saves
 * it), read and checked as entries of a manifest against the earlier
 * bundles: an empty cell on an update keeps the field (the entry leaves it
 * out), a cell holding - clears it. Every cell is checked; what is wrong
 * goes to the findings, with its row, column and value. */
#include "core/table.h"
#include "core/convert.h"
#include "core/dates.h"
#include "core/langs.h"
#include "core/files.h"
#include "core/media.h"
#include "core/subtitles.h"

#include <csv.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* What the archivist does about a table whose letters are lost. */
#define SAVE_AS_UTF8 "save the table again as UTF-8 (LibreOffice Calc: File > Save As, type Text CSV, tick " \
		     "\"Edit filter settings\", Character set \"Unicode (UTF-8)\"; Excel: File > Save As, " \
		     "\"CSV UTF-8 (Comma delimited)\"), or put items.ods or items.xlsx in the folder instead"

static const struct {
	const char *name, *help;
} columns[] = {
	{"id", "required: 1-64 characters of a-z 0-9 -, never reused for another document"},
	{"kind", "report, testimony, transcript, article, photo or other (empty on an update: kept)"},
	{"file", "the document in the folder; empty: an update of the metadata of an item the kiosks hold"},
	{"title", "required for a new item (empty on an update: kept)"},
	{"title_LANG", "the title in another language: title_hy (Armenian), title_ru (Russian)"},
	{"date", "2023, 2023-06, 2023-06-01, or as spreadsheets write them (28.09.2023, June 2023)"},
	{"authors", "several separated by ;"},
	{"language", "the document's language, one code: en, hy, ru"},
	{"topics", "several separated by ;"},
	{"summary", "a few sentences for visitors"},
	{"summary_LANG", "the summary in another language: summary_hy, summary_ru"},
	{"source", "where the document comes from"},
	{"source_LANG", "the source in another language: source_hy, source_ru"},
	{"warning", "a content note visitors see before the document opens"},
	{"warning_LANG", "the content note in another language: warning_hy, warning_ru"},
	{"curator_note", "for curators (how the document was prepared): kept, never shown to visitors"},
	{"withdraw", "yes: take the item off every kiosk"},
	{"reason", "why it was withdrawn (kept in the kiosks' log)"},
	{"transcript", "a recording's transcript (.vtt, .srt, OHMS .xml or the archive's timed .md), timed against it, in its language"},
	{"transcript_LANG", "the transcript translated, timed the same: transcript_hy, transcript_ru"},
	{"segments", "a recording's index of segments (chapters): an OHMS .xml, or a WebVTT .vtt of chapters"},
	{"warnings_at", "content notes at times of a recording: 04:10-05:00 describes a killing (several separated by ;)"},
	{"warnings_at_LANG", "the same notes translated, with the same times: warnings_at_hy, warnings_at_ru"},
	{"notes", "for staff's own use: not read"},
};
#define COLUMN_COUNT (sizeof columns / sizeof columns[0])

void table_print_columns(FILE *f)
{
	for (size_t i = 0; i < COLUMN_COUNT; i++)
		fprintf(f, "  %-13s %s\n", columns[i].name, columns[i].help);
	fputs("  An empty cell on an update leaves the field as it was; a cell holding - clears it.\n", f);
}

typedef table_row row;

typedef struct {
	row *rows;
	int count;
	row current;
	int failed;
} sheet;

static void on_cell(void *s, size_t len, void *ctx)
{
	sheet *t = ctx;
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
	sheet *t = ctx;
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

static void sheet_free(sheet *t)
{
	for (int i = 0; i < t->count; i++)
		row_free(&t->rows[i]);
	free(t->rows);
	row_free(&t->current); /* the cells of a row the parser stopped in */
}

/* Reads text as CSV. Spreadsheets set to some languages separate cells with
 * ';' and start the file with a byte-order mark: both are accepted. */
static int parse_csv(const table_check *ck, const char *text, size_t len, sheet *t)
{
	const char *start = text;
	memset(t, 0, sizeof *t);
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		start += 3;
		len -= 3;
	}
	if (!convert_is_utf8(start, len)) {
		findings_problem(ck->found, "%s: not UTF-8, so its letters cannot be read: %s", ck->name, SAVE_AS_UTF8);
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
		findings_problem(ck->found, "%s: %s", ck->name,
			t->failed ? "out of memory" : "not a CSV table: a quote is not closed (a cell that starts with \" needs one at its end)");
	csv_free(&p);
	return ok && !t->failed ? 0 : -1;
}

int table_rows(const char *name, const char *text, size_t len, findings *found, table_row **rows, int *count)
{
	table_check ck = {name, NULL, NULL, found};
	sheet t;
	*rows = NULL;
	*count = 0;
	if (parse_csv(&ck, text, len, &t) != 0) {
		sheet_free(&t);
		return -1;
	}
	*rows = t.rows;
	*count = t.count;
	row_free(&t.current);
	return 0;
}

void table_rows_free(table_row *rows, int count)
{
	for (int i = 0; i < count; i++)
		row_free(&rows[i]);
	free(rows);
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

/* A cell that clears its field on an update. */
static int is_clear(const char *v)
{
	return strcmp(v, "-") == 0;
}

/* True when text has lost its letters: a spreadsheet that saved it in a
 * character set without them wrote one '?' for each. */
static int lost_letters(const char *v)
{
	int run = 0, marks = 0, others = 0;
	for (; *v; v++) {
		run = *v == '?' ? run + 1 : 0;
		if (run >= 3)
			return 1;
		marks += *v == '?';
		others += *v != '?' && !isspace((unsigned char)*v);
	}
	return marks >= 4 && marks >= others;
}

int table_lost_letters(const char *v)
{
	return lost_letters(v);
}

/* The translated columns: title_LANG, warning_LANG, summary_LANG and
 * source_LANG. */
enum { TITLES, WARNINGS, SUMMARIES, SOURCES, TRANSLATED };
static const char *const translated[TRANSLATED] = {"title_", "warning_", "summary_", "source_"};

/* Which of them col is (-1: none), and its language. */
static int column_translates(const char *col, const char **lang)
{
	for (int t = 0; t < TRANSLATED; t++)
		if (!strncmp(col, translated[t], strlen(translated[t]))) {
			*lang = col + strlen(translated[t]);
			return t;
		}
	*lang = NULL;
	return -1;
}

static const char *column_lang(const char *col)
{
	const char *lang;
	column_translates(col, &lang);
	return lang;
}

/* Checks the header: every column known, none twice, the languages of the
 * translated columns ones the kiosk shows. Unknown columns are reported
 * and left out, so that the rows are still checked. */
static int check_header(const table_check *ck, row *h)
{
	int has_id = 0;
	for (int i = 0; i < h->count; i++) {
		char *name = h->cells[i];
		memmove(name, trim(name), strlen(trim(name)) + 1); /* read_row compares the cells */
		for (char *c = name; *c; c++)
			*c = (char)tolower((unsigned char)*c);
		int ok = 0;
		for (size_t k = 0; k < COLUMN_COUNT && !ok; k++)
			ok = strcmp(name, columns[k].name) == 0;
		const char *lang = column_lang(name);
		if ((!strncmp(name, "transcript_", 11) && langs_is_tag(name + 11)) ||
		    (!strncmp(name, "warnings_at_", 12) && langs_is_tag(name + 12)))
			ok = 1;
		if (lang && langs_is_tag(lang)) {
			ok = 1;
			const char *what = langs_name(lang);
			if (!langs_is_shown(lang))
				findings_warning(ck->found, "%s, column %s: %s%s%s; the kiosk shows titles, summaries, sources and content notes only in %s, so these "
					"are kept but never shown%s", ck->name, name, lang, what ? " is " : " is not a language code Hishatak knows",
					what ? what : "", LANGS_SHOWN, strstr(name, "_am") || strstr(name, "_arm") ? " (Armenian is hy: "
					"call the column title_hy or warning_hy)" : "");
		}
		if (!ok) {
			findings_problem(ck->found, "%s, row 1: unknown column \"%.40s\": rename it to a column Hishatak reads, or to notes "
				"(not read): id, kind, file, title, title_LANG, date, authors, language, topics, summary, source, "
				"warning, warning_LANG, summary_LANG, source_LANG, curator_note, withdraw, reason, transcript, transcript_LANG, segments, "
				"warnings_at, warnings_at_LANG",
				ck->name, name);
			name[0] = 0; /* left out of the rows */
			continue;
		}
		for (int j = 0; j < i; j++)
			if (strcmp(h->cells[j], name) == 0) {
				findings_problem(ck->found, "%s, row 1: the column \"%.40s\" is there twice: delete one of them", ck->name, name);
				name[0] = 0;
				break;
			}
		has_id |= strcmp(name, "id") == 0;
	}
	if (!has_id) {
		findings_problem(ck->found, "%s, row 1: the first row must name the columns, one of them \"id\" "
				 "(see hishatak bundle --help)", ck->name);
		return -1;
	}
	return 0;
}

/* Where a cell is, for a message: "items.csv row 4 (gamma), column date". */
const char *table_where(const table_check *ck, int number, const char *id, const char *col)
{
	static char out[200];
	snprintf(out, sizeof out, "%s row %d%s%s%s%s%s", ck->name, number, id[0] ? " (" : "", id, id[0] ? ")" : "",
		 col ? ", column " : "", col ? col : "");
	return out;
}

/* The translations of a title or note as the row leaves them: known (the
 * item's, on an update) less those cleared, with those given. */
typedef struct {
	item_text *given;
	int given_count;
	char **cleared;
	int cleared_count;
} translations;

static void translations_free(translations *t)
{
	for (int i = 0; i < t->given_count; i++)
		free(t->given[i].text);
	free(t->given);
	for (int i = 0; i < t->cleared_count; i++)
		free(t->cleared[i]);
	free(t->cleared);
}

/* Puts the merged translations in list, or marks them cleared when none
 * is left: bundle.json carries the whole set (a kiosk replaces it whole). */
static void merge_translations(translations *t, const item_text *known, int known_count, item_text **list, int *count,
			       unsigned *cleared, unsigned flag)
{
	if (!t->given_count && !t->cleared_count)
		return;
	for (int i = 0; i < known_count; i++)
		if (!item_list_has(t->cleared, t->cleared_count, known[i].lang)) {
			int given = 0;
			for (int j = 0; j < t->given_count && !given; j++)
				given = strcmp(t->given[j].lang, known[i].lang) == 0;
			if (!given)
				item_text_add(list, count, known[i].lang, known[i].text);
		}
	for (int j = 0; j < t->given_count; j++)
		item_text_add(list, count, t->given[j].lang, t->given[j].text);
	if (*count == 0)
		*cleared |= flag;
}

/* The language cell: one BCP 47 tag. Staff write names ("Armenian") and
 * lists ("ru, hy"): both refused, with the code to write. */
static void read_language(const table_check *ck, int number, const char *id, char *v, manifest_entry *e)
{
	const char *at = table_where(ck, number, id, "language"), *code = langs_code_for_name(v);
	if (is_clear(v)) {
		e->cleared |= MANIFEST_CLEAR_LANGUAGE;
		return;
	}
	if (code) {
		findings_problem(ck->found, "%s, \"%.40s\": write the language's code, %s", at, v, code);
		return;
	}
	if (strpbrk(v, ",;/ ")) {
		char codes[120] = "", copy[120], *save = NULL;
		snprintf(copy, sizeof copy, "%s", v);
		for (char *w = strtok_r(copy, ",;/ ", &save); w; w = strtok_r(NULL, ",;/ ", &save)) {
			const char *c = langs_code_for_name(w) ? langs_code_for_name(w) : w;
			size_t n = strlen(codes);
			snprintf(codes + n, sizeof codes - n, "%s%s", n ? " or " : "", c);
		}
		findings_problem(ck->found, "%s, \"%.40s\": one language only, the one the document is written in (%s); its titles in "
			"other languages go in title_LANG columns", at, v, codes);
		return;
	}
	if (!langs_is_tag(v)) {
		findings_problem(ck->found, "%s, \"%.40s\": not a language code: write one like en, hy or ru", at, v);
		return;
	}
	for (char *c = v; *c && *c != '-'; c++)
		*c = (char)tolower((unsigned char)*c);
	if (!langs_name(v))
		findings_warning(ck->found, "%s, \"%.40s\": not a language code Hishatak knows (en, hy, ru ...): check it", at, v);
	snprintf(e->meta.language, sizeof e->meta.language, "%s", v);
}

/* One text cell: refused when its letters were lost. */
static int text_ok(const table_check *ck, int number, const char *id, const char *col, const char *v)
{
	if (!lost_letters(v))
		return 1;
	findings_problem(ck->found, "%s, \"%.40s\": the letters were lost when the table was saved (a spreadsheet's usual CSV "
		"export writes ? for every Armenian or Russian letter): %s", table_where(ck, number, id, col), v, SAVE_AS_UTF8);
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

/* A warnings_at cell (lang NULL) or warnings_at_LANG: "04:10-05:00 what
 * it holds", several separated by ';'. A translation goes to the note of
 * the same start (made, without its warning, when the original's column
 * comes later: bundle_make says when it never does). */
static void read_notes(const table_check *ck, int number, const char *id, const char *col, const char *lang, const char *v,
		       manifest_entry *e)
{
	const char *p = v;
	while (*p) {
		while (*p == ' ' || *p == ';' || *p == '\n' || *p == '\r' || *p == '\t')
			p++;
		if (!*p)
			break;
		const char *end = p + strcspn(p, ";\n");
		long long start, stop;
		const char *q = subtitles_parse_time(p, end, &start);
		while (q && q < end && *q == ' ')
			q++;
		if (q && q < end && (*q == '-' || !strncmp(q, "\xe2\x80\x93", 3))) /* - or an en dash, as a spreadsheet may make it */
			q += *q == '-' ? 1 : 3;
		else
			q = NULL;
		while (q && q < end && *q == ' ')
			q++;
		q = q ? subtitles_parse_time(q, end, &stop) : NULL;
		while (q && q < end && *q == ' ')
			q++;
		if (!q || q == end || stop <= start) {
			findings_problem(ck->found, "%s, \"%.60s\": a content note is its times and what the passage holds, "
				"like 04:10-05:00 describes a killing (several separated by ;)", table_where(ck, number, id, col), p);
			return;
		}
		manifest_note *n = NULL;
		for (int i = 0; i < e->note_count && !n; i++)
			if (e->notes[i].start_ms == start)
				n = &e->notes[i];
		if (!n) {
			manifest_note *more = realloc(e->notes, (size_t)(e->note_count + 1) * sizeof *more);
			if (!more)
				return;
			e->notes = more;
			n = &e->notes[e->note_count++];
			memset(n, 0, sizeof *n);
			n->start_ms = start;
		}
		char *text = strndup(q, (size_t)(end - q));
		while (text && text[0] && strchr(" \r\t", text[strlen(text) - 1]))
			text[strlen(text) - 1] = 0;
		if (lang) {
			item_text_add(&n->warnings, &n->warning_count, lang, text ? text : "");
		} else {
			free(n->warning);
			n->warning = text;
			text = NULL;
			n->end_ms = stop;
		}
		if (!n->end_ms)
			n->end_ms = stop;
		free(text);
		p = end;
	}
}

/* One cell of a row, by its column: into the entry, or the findings. */
static void read_cell(const table_check *ck, int number, const char *id, const char *col, char *v, manifest_entry *e,
		      translations tr[TRANSLATED], const char **kind, const char **withdraw)
{
	const char *lang;
	int t = column_translates(col, &lang);
	if (strcmp(col, "kind") && strcmp(col, "withdraw") && strcmp(col, "file") && strcmp(col, "date") &&
	    strcmp(col, "language") && strncmp(col, "transcript", 10) && strcmp(col, "segments"))
		text_ok(ck, number, id, col, v);
	if (!strncmp(col, "transcript", 10))
		add_track(e, col[10] ? col + 11 : NULL, v);
	else if (!strcmp(col, "segments")) {
		free(e->segments ? e->segments->file : NULL);
		free(e->segments);
		if ((e->segments = calloc(1, sizeof *e->segments))) {
			e->segments->size = -1;
			e->segments->file = strdup(v);
		}
	} else if (!strncmp(col, "warnings_at", 11))
		read_notes(ck, number, id, col, col[11] ? col + 12 : NULL, v, e);
	else if (!strcmp(col, "kind"))
		*kind = v;
	else if (!strcmp(col, "withdraw"))
		*withdraw = v;
	else if (!strcmp(col, "reason"))
		e->reason = strdup(v);
	else if ((!strcmp(col, "file") || !strcmp(col, "title")) && is_clear(v))
		findings_problem(ck->found, "%s: a %s cannot be cleared (to take the item off the kiosks, write yes in withdraw)",
			table_where(ck, number, id, col), col);
	else if (!strcmp(col, "file"))
		e->file = strdup(v);
	else if (!strcmp(col, "title"))
		e->meta.title = strdup(v);
	else if (lang && is_clear(v))
		item_list_add(&tr[t].cleared, &tr[t].cleared_count, lang);
	else if (lang)
		item_text_add(&tr[t].given, &tr[t].given_count, lang, v);
	else if (!strcmp(col, "warning") && is_clear(v))
		e->cleared |= MANIFEST_CLEAR_WARNING;
	else if (!strcmp(col, "warning"))
		e->meta.warning = strdup(v);
	else if (!strcmp(col, "date") && is_clear(v))
		e->cleared |= MANIFEST_CLEAR_DATE;
	else if (!strcmp(col, "date")) {
		char why[512];
		int rc = dates_parse(v, e->meta.date, why);
		if (rc < 0)
			findings_problem(ck->found, "%s: %s", table_where(ck, number, id, col), why);
		else if (rc == DATES_SERIAL)
			findings_warning(ck->found, "%s: %s read as %s (a date cell saved as its number): check it",
					 table_where(ck, number, id, col), v, e->meta.date);
	} else if (!strcmp(col, "language"))
		read_language(ck, number, id, v, e);
	else if (!strcmp(col, "curator_note") && is_clear(v))
		e->cleared |= MANIFEST_CLEAR_CURATOR_NOTE;
	else if (!strcmp(col, "curator_note"))
		e->meta.curator_note = strdup(v);
	else if (!strcmp(col, "summary") || !strcmp(col, "source")) {
		int is_summary = !strcmp(col, "summary");
		if (is_clear(v))
			e->cleared |= is_summary ? MANIFEST_CLEAR_SUMMARY : MANIFEST_CLEAR_SOURCE;
		else
			*(is_summary ? &e->meta.summary : &e->meta.source) = strdup(v);
	} else if (!strcmp(col, "authors") && is_clear(v))
		e->cleared |= MANIFEST_CLEAR_AUTHORS;
	else if (!strcmp(col, "topics") && is_clear(v))
		e->cleared |= MANIFEST_CLEAR_TOPICS;
	else if (!strcmp(col, "authors"))
		split_list(v, &e->meta.authors, &e->meta.author_count);
	else if (!strcmp(col, "topics")) {
		if (!strchr(v, ';') && !strchr(v, '\n') && strpbrk(v, ",|"))
			findings_warning(ck->found, "%s, \"%.60s\": topics are separated by ; and this cell has none, so it is one topic; "
				"if it is several, put ; between them", table_where(ck, number, id, col), v);
		split_list(v, &e->meta.topics, &e->meta.topic_count);
	}
}

/* One row of the table as a manifest entry (file still the source's path),
 * every cell checked; problems go to the report. */
static void read_row(const table_check *ck, row *h, row *r, int number, manifest_entry *e)
{
	char id[80] = "";
	const char *kind = "", *withdraw = "";
	translations tr[TRANSLATED] = {0};
	e->size = -1;
	if (r->count > h->count)
		findings_problem(ck->found, "%s row %d: more cells than the first row has columns: give the extra cells a column name "
			"in row 1, or delete them", ck->name, number);
	for (int i = 0; i < r->count && i < h->count; i++)
		if (!strcmp(h->cells[i], "id"))
			snprintf(id, sizeof id, "%.64s", trim(r->cells[i]));
	if (!item_id_is_valid(id)) {
		char better[80];
		size_t n = 0;
		for (const char *c = id; *c && n < 64; c++)
			if (isalnum((unsigned char)*c) || ((*c == ' ' || *c == '_' || *c == '-') && n && better[n - 1] != '-'))
				better[n++] = isalnum((unsigned char)*c) ? (char)tolower((unsigned char)*c) : '-';
		better[n] = 0;
		findings_problem(ck->found, "%s, \"%.64s\": an id is 1-64 characters of a-z 0-9 -%s%s%s",
				 table_where(ck, number, "", "id"), id, n ? " (for example " : "", better, n ? ")" : "");
		id[0] = 0;
	}
	snprintf(e->meta.id, sizeof e->meta.id, "%s", id);
	const item *known = ck->h && id[0] ? history_find(ck->h, id) : NULL;
	for (int i = 0; i < r->count && i < h->count; i++) {
		const char *col = h->cells[i];
		char *v = trim(r->cells[i]);
		if (!v[0] || !col[0] || !strcmp(col, "id") || !strcmp(col, "notes"))
			continue;
		read_cell(ck, number, id, col, v, e, tr, &kind, &withdraw);
	}
	if (is_yes(withdraw)) {
		e->withdraw = 1;
		goto done;
	}
	/* The original transcript is in the recording's language. */
	for (int i = 0; i < e->transcript_count; i++)
		if (!e->transcripts[i].language[0])
			snprintf(e->transcripts[i].language, sizeof e->transcripts[i].language, "%s",
				 e->meta.language[0] ? e->meta.language : "und");
	char ext[16];
	files_extension(e->file ? e->file : "", ext);
	if (e->transcript_count && !media_handles(ext))
		findings_problem(ck->found, "%s: a transcript column is for a recording (.mp3, .m4a, .ogg, .opus, .flac, .wav, .mp4, "
			"m4v, .webm, .mkv) in the file column", table_where(ck, number, id, "transcript"));
	if (!is_no(withdraw))
		findings_problem(ck->found, "%s, \"%.20s\": write yes to withdraw the item, or leave the cell empty",
			table_where(ck, number, id, "withdraw"), withdraw);
	char lower[16];
	snprintf(lower, sizeof lower, "%s", kind);
	for (char *c = lower; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	int k = item_kind_parse(lower);
	if (k < 0 && !kind[0] && known)
		k = (int)known->kind; /* an update: kept */
	/* A row that names no file and no item the kiosks hold is reported
	 * once, by check_known. */
	int expected = e->file || known || !ck->h;
	if (k < 0 && expected)
		findings_problem(ck->found, "%s%s%.20s%s: write report, testimony, transcript, article, photo or other",
				 table_where(ck, number, id, "kind"), kind[0] ? ", \"" : " is empty", kind, kind[0] ? "\"" : "");
	e->meta.kind = k < 0 ? KIND_OTHER : (item_kind)k;
	if (!e->meta.title && known)
		e->meta.title = strdup(known->title);
	if (!e->meta.title && expected)
		findings_problem(ck->found, "%s is empty: a new item needs its title", table_where(ck, number, id, "title"));
	merge_translations(&tr[TITLES], known ? known->titles : NULL, known ? known->title_count : 0, &e->meta.titles,
			   &e->meta.title_count, &e->cleared, MANIFEST_CLEAR_TITLES);
	if (!(e->cleared & MANIFEST_CLEAR_WARNING))
		merge_translations(&tr[WARNINGS], known ? known->warnings : NULL, known ? known->warning_count : 0,
				   &e->meta.warnings, &e->meta.warning_count, &e->cleared, MANIFEST_CLEAR_WARNINGS);
	if (!(e->cleared & MANIFEST_CLEAR_SUMMARY))
		merge_translations(&tr[SUMMARIES], known ? known->summaries : NULL, known ? known->summary_count : 0,
				   &e->meta.summaries, &e->meta.summary_count, &e->cleared, MANIFEST_CLEAR_SUMMARIES);
	if (!(e->cleared & MANIFEST_CLEAR_SOURCE))
		merge_translations(&tr[SOURCES], known ? known->sources : NULL, known ? known->source_count : 0,
				   &e->meta.sources, &e->meta.source_count, &e->cleared, MANIFEST_CLEAR_SOURCES);
	if (!e->meta.warning && e->meta.warning_count && !(e->cleared & MANIFEST_CLEAR_WARNING) && known && known->warning)
		e->meta.warning = strdup(known->warning); /* a translation added to a note the item has */
done:
	for (int t = 0; t < TRANSLATED; t++)
		translations_free(&tr[t]);
}

/* A withdrawal or an update must name an item the earlier bundles hold:
 * a typo in an id would otherwise do nothing on the kiosks, silently. */
static void check_known(const table_check *ck, int number, const manifest_entry *e)
{
	const history *h = ck->h;
	const char *id = e->meta.id;
	if (!id[0] || (!e->withdraw && e->file) || !h || history_find(h, id))
		return;
	if (e->withdraw && history_withdrew(h, id)) {
		findings_warning(ck->found, "%s: %s was withdrawn by an earlier bundle already; kiosks that have it will say they do "
			"not hold %s", table_where(ck, number, id, "withdraw"), id, id);
		return;
	}
	if (!e->withdraw && history_withdrew(h, id)) {
		findings_problem(ck->found, "%s is empty, and %s was withdrawn by an earlier bundle: give its file to bring it back",
			table_where(ck, number, id, "file"), id);
		return;
	}
	const char *near = history_nearest(h, id);
	char hint[200] = "";
	if (near)
		snprintf(hint, sizeof hint, " (did you mean %s?)", near);
	else if (h->bundles == 0)
		snprintf(hint, sizeof hint, " (%s holds no earlier bundle of this archive: keep every bundle there, or "
			 "copy them back into it)", ck->bundles);
	if (e->withdraw)
		findings_problem(ck->found, "%s, \"%s\": no earlier bundle in %s holds this id, so there is nothing to withdraw%s",
			table_where(ck, number, "", "id"), id, ck->bundles, hint);
	else
		findings_problem(ck->found, "%s, \"%s\": the file cell is empty, so this row would change an item the kiosks hold, but "
			"no earlier bundle in %s holds this id%s; a new item needs its file", table_where(ck, number, "", "id"), id,
			ck->bundles, hint);
}

static int by_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* A year far from the table's others is most likely a typing mistake (0202
 * for 2023): the kiosks would show it, on the Timeline too. Said, not
 * refused: an archive may hold a document of 1920 beside those of 2023. */
static void check_far_dates(const table_check *ck, const manifest *m, const int *rows)
{
	int *years = malloc(((size_t)m->count + 1) * sizeof *years), n = 0;
	if (!years)
		return;
	for (int i = 0; i < m->count; i++)
		if (m->entries[i].meta.date[0])
			years[n++] = atoi(m->entries[i].meta.date);
	qsort(years, (size_t)n, sizeof *years, by_int);
	int median = n ? years[n / 2] : 0;
	free(years);
	for (int i = 0; n >= 3 && i < m->count; i++) {
		const manifest_entry *e = &m->entries[i];
		int y = e->meta.date[0] ? atoi(e->meta.date) : median;
		if (abs(y - median) > 50)
			findings_warning(ck->found, "%s, \"%s\": %d is far from the other documents' years (most are near %d): check it",
					 table_where(ck, rows[i], e->meta.id, "date"), e->meta.date, y, median);
	}
}

manifest *table_read(const table_check *ck, const char *text, size_t len, int **rows_out)
{
	sheet t;
	manifest *m = NULL;
	int *rows = NULL;
	if (parse_csv(ck, text, len, &t) != 0)
		goto done;
	if (t.count < 2) {
		findings_problem(ck->found, "%s: no items (the first row names the columns, then one row per item)", ck->name);
		goto done;
	}
	if (check_header(ck, &t.rows[0]) != 0)
		goto done;
	m = calloc(1, sizeof *m);
	rows = calloc((size_t)t.count, sizeof *rows);
	if (m)
		m->entries = calloc((size_t)t.count, sizeof *m->entries);
	if (!m || !m->entries || !rows) {
		findings_problem(ck->found, "out of memory");
		manifest_free(m);
		m = NULL;
		goto done;
	}
	for (int i = 1; i < t.count; i++) {
		int blank = 1;
		for (int j = 0; j < t.rows[i].count; j++)
			blank &= !*trim(t.rows[i].cells[j]);
		if (blank)
			continue;
		manifest_entry *e = &m->entries[m->count];
		read_row(ck, &t.rows[0], &t.rows[i], i + 1, e);
		int twice = 0;
		for (int j = 0; j < m->count && e->meta.id[0] && !twice; j++)
			if (strcmp(m->entries[j].meta.id, e->meta.id) == 0) {
				findings_problem(ck->found, "%s, \"%s\": this id is on row %d too: give each item its own id, or merge the rows",
					table_where(ck, i + 1, "", "id"), e->meta.id, rows[j]);
				twice = 1;
			}
		if (twice) {
			item_clear(&e->meta);
			free(e->file);
			free(e->reason);
			memset(e, 0, sizeof *e);
			continue;
		}
		check_known(ck, i + 1, e);
		rows[m->count++] = i + 1;
	}
	check_far_dates(ck, m, rows);
done:
	sheet_free(&t);
	if (rows_out && m)
		*rows_out = rows;
	else
		free(rows);
	return m;
}

