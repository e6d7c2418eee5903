/* Making a bundle: see bundle_make.h. libcsv reads the table (quoted cells,
 * cells over several lines); the manifest module writes and re-checks the
 * JSON, so a bundle made here passes the kiosk's own parser. Nothing stops
 * at the first mistake: every problem goes into the report, and a bundle
 * is only written when there is none. */
#include "core/bundle_make.h"
#include "core/bundle.h"
#include "core/convert.h"
#include "core/dates.h"
#include "core/doc.h"
#include "core/files.h"
#include "core/langs.h"
#include "core/manifest.h"
#include "core/office.h"
#include "core/store.h"

#include <csv.h>
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
	{"source", "where the document comes from"},
	{"warning", "a content note visitors see before the document opens"},
	{"warning_LANG", "the content note in another language: warning_hy, warning_ru"},
	{"withdraw", "yes: take the item off every kiosk"},
	{"reason", "why it was withdrawn (kept in the kiosks' log)"},
	{"notes", "for staff's own use: not read"},
};
#define COLUMN_COUNT (sizeof columns / sizeof columns[0])

void bundle_make_print_columns(FILE *f)
{
	for (size_t i = 0; i < COLUMN_COUNT; i++)
		fprintf(f, "  %-13s %s\n", columns[i].name, columns[i].help);
	fputs("  An empty cell on an update leaves the field as it was; a cell holding - clears it.\n", f);
}

void bundle_make_report_free(bundle_make_report *r)
{
	char **lists[] = {r->problems, r->warnings, r->notes, r->changes, r->key_ids};
	int counts[] = {r->problem_count, r->warning_count, r->note_count, r->change_count, r->key_count};
	for (int l = 0; l < 5; l++) {
		for (int i = 0; i < counts[l]; i++)
			free(lists[l][i]);
		free(lists[l]);
	}
	memset(r, 0, sizeof *r);
}

static void add_line(char ***list, int *count, const char *fmt, va_list ap)
{
	char line[1200];
	vsnprintf(line, sizeof line, fmt, ap);
	item_list_add(list, count, line);
}

static void problem(bundle_make_report *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void warning(bundle_make_report *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(bundle_make_report *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void change(bundle_make_report *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void problem(bundle_make_report *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add_line(&r->problems, &r->problem_count, fmt, ap);
	va_end(ap);
}

static void warning(bundle_make_report *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add_line(&r->warnings, &r->warning_count, fmt, ap);
	va_end(ap);
}

static void note(bundle_make_report *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add_line(&r->notes, &r->note_count, fmt, ap);
	va_end(ap);
}

static void change(bundle_make_report *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add_line(&r->changes, &r->change_count, fmt, ap);
	va_end(ap);
}

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

/* How checking a table names things: its file's name ("items.csv", or
 * "items.xlsx" when LibreOffice read that), the earlier bundles, where
 * the problems go. */
typedef struct {
	const char *name;
	const history *h;        /* may be NULL */
	const char *bundles;     /* the bundles folder, for messages */
	bundle_make_report *r;
} checking;

/* Reads text as CSV. Spreadsheets set to some languages separate cells with
 * ';' and start the file with a byte-order mark: both are accepted. */
static int table_parse(checking *ck, const char *text, size_t len, table *t)
{
	const char *start = text;
	memset(t, 0, sizeof *t);
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		start += 3;
		len -= 3;
	}
	if (!convert_is_utf8(start, len)) {
		problem(ck->r, "%s: not UTF-8, so its letters cannot be read: %s", ck->name, SAVE_AS_UTF8);
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
		problem(ck->r, "%s: %s", ck->name,
			t->failed ? "out of memory" : "not a CSV table: a quote is not closed (a cell that starts with \" needs one at its end)");
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

/* The language of a title_LANG or warning_LANG column. */
static const char *column_lang(const char *col)
{
	return !strncmp(col, "title_", 6) ? col + 6 : !strncmp(col, "warning_", 8) ? col + 8 : NULL;
}

/* Checks the header: every column known, none twice, the languages of the
 * translated columns ones the kiosk shows. Unknown columns are reported
 * and left out, so that the rows are still checked. */
static int check_header(checking *ck, row *h)
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
		if (lang && langs_is_tag(lang)) {
			ok = 1;
			const char *what = langs_name(lang);
			if (!langs_is_shown(lang))
				warning(ck->r, "%s, column %s: %s%s%s; the kiosk shows titles and content notes only in %s, so these "
					"are kept but never shown%s", ck->name, name, lang, what ? " is " : " is not a language code Hishatak knows",
					what ? what : "", LANGS_SHOWN, strstr(name, "_am") || strstr(name, "_arm") ? " (Armenian is hy: "
					"call the column title_hy or warning_hy)" : "");
		}
		if (!ok) {
			problem(ck->r, "%s, row 1: unknown column \"%.40s\": rename it to a column Hishatak reads, or to notes "
				"(not read): id, kind, file, title, title_LANG, date, authors, language, topics, summary, source, "
				"warning, warning_LANG, withdraw, reason", ck->name, name);
			name[0] = 0; /* left out of the rows */
			continue;
		}
		for (int j = 0; j < i; j++)
			if (strcmp(h->cells[j], name) == 0) {
				problem(ck->r, "%s, row 1: the column \"%.40s\" is there twice: delete one of them", ck->name, name);
				name[0] = 0;
				break;
			}
		has_id |= strcmp(name, "id") == 0;
	}
	if (!has_id) {
		problem(ck->r, "%s, row 1: the first row must name the columns, one of them \"id\" (see hishatak bundle --help)", ck->name);
		return -1;
	}
	return 0;
}

/* Where a cell is, for a message: "items.csv row 4 (gamma), column date". */
static const char *where(const checking *ck, int number, const char *id, const char *col)
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
static void read_language(checking *ck, int number, const char *id, char *v, manifest_entry *e)
{
	const char *at = where(ck, number, id, "language"), *code = langs_code_for_name(v);
	if (is_clear(v)) {
		e->cleared |= MANIFEST_CLEAR_LANGUAGE;
		return;
	}
	if (code) {
		problem(ck->r, "%s, \"%.40s\": write the language's code, %s", at, v, code);
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
		problem(ck->r, "%s, \"%.40s\": one language only, the one the document is written in (%s); its titles in "
			"other languages go in title_LANG columns", at, v, codes);
		return;
	}
	if (!langs_is_tag(v)) {
		problem(ck->r, "%s, \"%.40s\": not a language code: write one like en, hy or ru", at, v);
		return;
	}
	for (char *c = v; *c && *c != '-'; c++)
		*c = (char)tolower((unsigned char)*c);
	if (!langs_name(v))
		warning(ck->r, "%s, \"%.40s\": not a language code Hishatak knows (en, hy, ru ...): check it", at, v);
	snprintf(e->meta.language, sizeof e->meta.language, "%s", v);
}

/* One text cell: refused when its letters were lost. */
static int text_ok(checking *ck, int number, const char *id, const char *col, const char *v)
{
	if (!lost_letters(v))
		return 1;
	problem(ck->r, "%s, \"%.40s\": the letters were lost when the table was saved (a spreadsheet's usual CSV "
		"export writes ? for every Armenian or Russian letter): %s", where(ck, number, id, col), v, SAVE_AS_UTF8);
	return 0;
}

/* One row of the table as a manifest entry (file still the source's path),
 * every cell checked; problems go to the report. */
static void read_row(checking *ck, row *h, row *r, int number, manifest_entry *e)
{
	char id[80] = "";
	const char *kind = "", *withdraw = "";
	translations titles = {0}, warnings = {0};
	e->size = -1;
	if (r->count > h->count)
		problem(ck->r, "%s row %d: more cells than the first row has columns: give the extra cells a column name "
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
		problem(ck->r, "%s, \"%.64s\": an id is 1-64 characters of a-z 0-9 -%s%s%s", where(ck, number, "", "id"), id,
			n ? " (for example " : "", better, n ? ")" : "");
		id[0] = 0;
	}
	snprintf(e->meta.id, sizeof e->meta.id, "%s", id);
	const item *known = ck->h && id[0] ? history_find(ck->h, id) : NULL;
	for (int i = 0; i < r->count && i < h->count; i++) {
		const char *col = h->cells[i], *lang = column_lang(col);
		char *v = trim(r->cells[i]);
		if (!v[0] || !col[0] || !strcmp(col, "id") || !strcmp(col, "notes"))
			continue;
		if (strcmp(col, "kind") && strcmp(col, "withdraw") && strcmp(col, "file") && strcmp(col, "date") &&
		    strcmp(col, "language"))
			text_ok(ck, number, id, col, v);
		if (!strcmp(col, "kind"))
			kind = v;
		else if (!strcmp(col, "withdraw"))
			withdraw = v;
		else if (!strcmp(col, "reason"))
			e->reason = strdup(v);
		else if ((!strcmp(col, "file") || !strcmp(col, "title")) && is_clear(v))
			problem(ck->r, "%s: a %s cannot be cleared (to take the item off the kiosks, write yes in withdraw)",
				where(ck, number, id, col), col);
		else if (!strcmp(col, "file"))
			e->file = strdup(v);
		else if (!strcmp(col, "title"))
			e->meta.title = strdup(v);
		else if (lang && is_clear(v))
			item_list_add(!strncmp(col, "title_", 6) ? &titles.cleared : &warnings.cleared,
				      !strncmp(col, "title_", 6) ? &titles.cleared_count : &warnings.cleared_count, lang);
		else if (lang)
			item_text_add(!strncmp(col, "title_", 6) ? &titles.given : &warnings.given,
				      !strncmp(col, "title_", 6) ? &titles.given_count : &warnings.given_count, lang, v);
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
				problem(ck->r, "%s: %s", where(ck, number, id, col), why);
			else if (rc == DATES_SERIAL)
				warning(ck->r, "%s: %s read as %s (a date cell saved as its number): check it", where(ck, number, id, col),
					v, e->meta.date);
		} else if (!strcmp(col, "language"))
			read_language(ck, number, id, v, e);
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
				warning(ck->r, "%s, \"%.60s\": topics are separated by ; and this cell has none, so it is one topic; "
					"if it is several, put ; between them", where(ck, number, id, col), v);
			split_list(v, &e->meta.topics, &e->meta.topic_count);
		}
	}
	if (is_yes(withdraw)) {
		e->withdraw = 1;
		goto done;
	}
	if (!is_no(withdraw))
		problem(ck->r, "%s, \"%.20s\": write yes to withdraw the item, or leave the cell empty",
			where(ck, number, id, "withdraw"), withdraw);
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
		problem(ck->r, "%s%s%.20s%s: write report, testimony, transcript, article, photo or other", where(ck, number, id, "kind"),
			kind[0] ? ", \"" : " is empty", kind, kind[0] ? "\"" : "");
	e->meta.kind = k < 0 ? KIND_OTHER : (item_kind)k;
	if (!e->meta.title && known)
		e->meta.title = strdup(known->title);
	if (!e->meta.title && expected)
		problem(ck->r, "%s is empty: a new item needs its title", where(ck, number, id, "title"));
	merge_translations(&titles, known ? known->titles : NULL, known ? known->title_count : 0, &e->meta.titles,
			   &e->meta.title_count, &e->cleared, MANIFEST_CLEAR_TITLES);
	if (!(e->cleared & MANIFEST_CLEAR_WARNING))
		merge_translations(&warnings, known ? known->warnings : NULL, known ? known->warning_count : 0,
				   &e->meta.warnings, &e->meta.warning_count, &e->cleared, MANIFEST_CLEAR_WARNINGS);
	if (!e->meta.warning && e->meta.warning_count && !(e->cleared & MANIFEST_CLEAR_WARNING) && known && known->warning)
		e->meta.warning = strdup(known->warning); /* a translation added to a note the item has */
done:
	translations_free(&titles);
	translations_free(&warnings);
}

/* A withdrawal or an update must name an item the earlier bundles hold:
 * a typo in an id would otherwise do nothing on the kiosks, silently. */
static void check_known(checking *ck, int number, const manifest_entry *e)
{
	const history *h = ck->h;
	const char *id = e->meta.id;
	if (!id[0] || (!e->withdraw && e->file) || !h || history_find(h, id))
		return;
	if (e->withdraw && history_withdrew(h, id)) {
		warning(ck->r, "%s: %s was withdrawn by an earlier bundle already; kiosks that have it will say they do "
			"not hold %s", where(ck, number, id, "withdraw"), id, id);
		return;
	}
	if (!e->withdraw && history_withdrew(h, id)) {
		problem(ck->r, "%s is empty, and %s was withdrawn by an earlier bundle: give its file to bring it back",
			where(ck, number, id, "file"), id);
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
		problem(ck->r, "%s, \"%s\": no earlier bundle in %s holds this id, so there is nothing to withdraw%s",
			where(ck, number, "", "id"), id, ck->bundles, hint);
	else
		problem(ck->r, "%s, \"%s\": the file cell is empty, so this row would change an item the kiosks hold, but "
			"no earlier bundle in %s holds this id%s; a new item needs its file", where(ck, number, "", "id"), id,
			ck->bundles, hint);
}

/* The table read and checked: see bundle_table_parse. */
static manifest *parse_table(checking *ck, const char *text, size_t len, int **rows_out)
{
	table t;
	manifest *m = NULL;
	int *rows = NULL;
	if (table_parse(ck, text, len, &t) != 0)
		goto done;
	if (t.count < 2) {
		problem(ck->r, "%s: no items (the first row names the columns, then one row per item)", ck->name);
		goto done;
	}
	if (check_header(ck, &t.rows[0]) != 0)
		goto done;
	m = calloc(1, sizeof *m);
	rows = calloc((size_t)t.count, sizeof *rows);
	if (m)
		m->entries = calloc((size_t)t.count, sizeof *m->entries);
	if (!m || !m->entries || !rows) {
		problem(ck->r, "out of memory");
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
				problem(ck->r, "%s, \"%s\": this id is on row %d too: give each item its own id, or merge the rows",
					where(ck, i + 1, "", "id"), e->meta.id, rows[j]);
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
done:
	table_free(&t);
	if (rows_out && m)
		*rows_out = rows;
	else
		free(rows);
	return m;
}

manifest *bundle_table_parse(const char *text, size_t len, const history *h, int **rows, bundle_make_report *report)
{
	checking ck = {"items.csv", h, "the bundles folder", report};
	memset(report, 0, sizeof *report);
	return parse_table(&ck, text, len, rows);
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
static void take_file(checking *ck, int number, manifest_entry *e, const char *source, const char *dir, const char *scratch)
{
	char ext[16], src[4200], name[160], path[4300], why[512], at[200];
	struct stat st;
	snprintf(at, sizeof at, "%s", where(ck, number, e->meta.id, "file"));
	files_extension(e->file, ext);
	snprintf(src, sizeof src, "%s/%s", source, e->file);
	if (stat(src, &st) != 0 || !S_ISREG(st.st_mode)) {
		problem(ck->r, "%s, \"%.100s\": %s in %s: check the file's name (with its extension) and folder", at, e->file,
			stat(src, &st) != 0 ? "there is no such file" : "a folder, not a file", source);
		return;
	}
	if (is_office_document(ext)) {
		char folder[4300], pdf[4096];
		snprintf(folder, sizeof folder, "%s/row-%d", scratch, number);
		if (!office_available()) {
			problem(ck->r, "%s, \"%.100s\": a .%s file is made into a PDF with LibreOffice, which is not installed: %s; "
				"or export it as PDF yourself (File > Export as PDF) and name the PDF here", at, e->file, ext, OFFICE_INSTALL);
			return;
		}
		if (files_make_dirs(folder, why) != 0 || office_convert(src, "pdf", folder, pdf, why) != 0) {
			problem(ck->r, "%s, \"%.100s\": %s; export it as PDF yourself (File > Export as PDF) and name the PDF here",
				at, e->file, why);
			return;
		}
		note(ck->r, "%s: %s made into a PDF with LibreOffice; the bundle carries the PDF", at, e->file);
		snprintf(src, sizeof src, "%s", pdf);
		snprintf(ext, sizeof ext, "pdf");
	} else if (!doc_format_for_extension(ext) && !convert_handles(ext)) {
		problem(ck->r, "%s, \"%.100s\": the kiosk cannot show .%s files: export it as %s and name that file here", at,
			e->file, ext[0] ? ext : "(no extension)", export_as(ext));
		return;
	}
	if (e->meta.id[0])
		snprintf(name, sizeof name, "files/%s.%s", e->meta.id, ext);
	else
		snprintf(name, sizeof name, "files/row-%d.%s", number, ext);
	snprintf(path, sizeof path, "%s/%s", dir, name);
	char err[256];
	if (copy_file(src, path, err) != 0 || store_hash_file(path, e->sha256, &e->size, err) != 0 ||
	    check_document(path, ext, err) != 0) {
		problem(ck->r, "%s, \"%.100s\": %s: the kiosk could not show it; open it, save it again (or export it as %s), "
			"and make the bundle again", at, e->file, err, export_as(ext));
		return;
	}
	free(e->file);
	e->file = strdup(name);
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
static void describe(checking *ck, int number, const manifest_entry *e)
{
	const item *known = ck->h ? history_find(ck->h, e->meta.id) : NULL;
	char at[120], line[1000] = "", a[600], b[600], t[64];
	snprintf(at, sizeof at, "row %d (%s)", number, e->meta.id);
	if (e->withdraw) {
		if (known)
			change(ck->r, "%s: withdrawn from the kiosks: \"%s\"%s%s%s", at, shown(known->title, t),
			       e->reason ? " (reason: " : "", e->reason ? e->reason : "", e->reason ? ")" : "");
		else
			change(ck->r, "%s: nothing: it was withdrawn already", at);
		return;
	}
	if (!known) {
		change(ck->r, "%s: added: \"%s\" (%s)", at, shown(e->meta.title ? e->meta.title : "", t), item_kind_name(e->meta.kind));
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
	said_text(line, sizeof line, "source", known->source, after.source);
	said_text(line, sizeof line, "warning", known->warning, after.warning);
	said_texts(line, sizeof line, "warning", known->warnings, known->warning_count, after.warnings, after.warning_count);
	if (e->file && strcmp(e->sha256, known->sha256) != 0)
		said(line, sizeof line, "a new file");
	item_clear(&after);
	change(ck->r, "%s: %s", at, line[0] ? line : "no change");
}

/* Finds and reads the table in source: items.csv, else items.ods or
 * items.xlsx made into UTF-8 CSV by LibreOffice (into scratch). NULL after
 * a problem that names what is there instead. */
static char *read_table(checking *ck, const char *source, const char *scratch, size_t *len)
{
	static const char *sheets[] = {"items.ods", "items.xlsx", "items.xls"};
	char path[4200], csv[4096], why[512];
	snprintf(path, sizeof path, "%s/items.csv", source);
	if (files_exists(path)) {
		for (int i = 0; i < 3; i++) {
			snprintf(csv, sizeof csv, "%s/%s", source, sheets[i]);
			if (files_exists(csv))
				warning(ck->r, "%s is there too and was not read: the bundle is made from items.csv (move the one "
					"you do not mean out of the folder)", csv);
		}
		char *text = files_read(path, TABLE_MAX, len, why);
		if (!text)
			problem(ck->r, "%s: %s", path, why);
		return text;
	}
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s/%s", source, sheets[i]);
		if (!files_exists(path))
			continue;
		ck->name = sheets[i];
		if (!office_available()) {
			problem(ck->r, "%s: LibreOffice reads a .%s table, and it is not installed: %s; or save the table as "
				"CSV UTF-8, named items.csv", path, strrchr(sheets[i], '.') + 1, OFFICE_INSTALL);
			return NULL;
		}
		if (office_convert(path, "csv", scratch, csv, why) != 0) {
			problem(ck->r, "%s: %s; or save the table as CSV UTF-8, named items.csv", path, why);
			return NULL;
		}
		note(ck->r, "%s read with LibreOffice (its first sheet, as UTF-8)", path);
		char *text = files_read(csv, TABLE_MAX, len, why);
		if (!text)
			problem(ck->r, "%s: %s", csv, why);
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
		problem(ck->r, "%s: %s", source, strerror(errno));
	else if (found[0])
		problem(ck->r, "%s: there is no items.csv, but there is %s: if that is the table, rename it items.csv (or "
			"items.ods, items.xlsx), in small letters", source, found);
	else
		problem(ck->r, "%s: there is no items.csv, the table of the items (see hishatak bundle --help for its columns)", source);
	return NULL;
}

/* Writes bundle.json, checked again by the kiosk's own parser. */
static void write_manifest(checking *ck, const manifest *m, const char *dir)
{
	char path[4200], why[256];
	char *json = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&json, &len);
	if (!f) {
		problem(ck->r, "out of memory");
		return;
	}
	manifest_write(f, m);
	fclose(f);
	manifest *again = manifest_parse(json, len, why);
	snprintf(path, sizeof path, "%s/bundle.json", dir);
	if (!again || files_write_durably(path, json, len, why) != 0)
		problem(ck->r, "%s: %s", path, why);
	manifest_free(again);
	free(json);
}

/* The row a report line names (" row N"), 0 for the table as a whole. */
static int row_of(const char *line)
{
	const char *r = strstr(line, " row ");
	return r && r - line < 80 ? atoi(r + 5) : 0;
}

/* Puts the problems in the order of the table's rows (a file's problem
 * beside its row's others), keeping the order within a row. */
static void sort_by_row(char **lines, int count)
{
	for (int i = 1; i < count; i++) {
		char *line = lines[i];
		int j = i;
		for (; j > 0 && row_of(lines[j - 1]) > row_of(line); j--)
			lines[j] = lines[j - 1];
		lines[j] = line;
	}
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
		problem(report, "--archive %s: an archive id is 1-64 characters of a-z 0-9 -", o->archive);
		return -1;
	}
	if (!mkdtemp(scratch)) {
		problem(report, "cannot make a folder in /tmp: %s", strerror(errno));
		return -1;
	}
	history_load(o->out, o->archive, o->sequence, &h);
	for (int i = 0; i < h.unreadable_count; i++)
		warning(report, "%s (not counted as an earlier bundle)", h.unreadable[i]);
	checking ck = {"items.csv", &h, o->out, report};
	size_t len;
	char *text = read_table(&ck, o->source, scratch, &len);
	if (text)
		m = parse_table(&ck, text, len, &rows);
	free(text);
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
			problem(report, "%s already exists (sequence %lld was made before): leave out --sequence to take the "
				"next one, or move that folder away", made, m->sequence);
		else if (files_make_dirs(path, why) != 0)
			problem(report, "%s: %s", path, why);
		else
			created = 1;
	}
	for (int i = 0; created && i < m->count; i++) {
		if (progress)
			progress(ctx, m->entries[i].meta.id, i, m->count);
		if (m->entries[i].file)
			take_file(&ck, rows[i], &m->entries[i], o->source, made, scratch);
	}
	if (created && progress)
		progress(ctx, "", m->count, m->count);
	if (created && report->problem_count == 0) {
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
			change(report, "not in this snapshot, so withdrawn from the kiosks: %s", gone);
		write_manifest(&ck, m, made);
	}
	for (int i = 0; i < h.key_count; i++)
		item_list_add(&report->key_ids, &report->key_count, h.key_ids[i]);
	report->earlier_bundles = h.bundles;
	sort_by_row(report->problems, report->problem_count);
	sort_by_row(report->warnings, report->warning_count);
	if (report->problem_count) {
		if (created)
			files_remove_tree(made);
		made[0] = 0;
	}
	files_remove_tree(scratch);
	manifest_free(m);
	free(rows);
	history_free(&h);
	return report->problem_count ? -1 : 0;
}
