/* The staff's report: see report.h. The counts are summed here from the
 * catalogue's day rows; report.json is written first, report.html from
 * the same sums. */
#include "core/report.h"
#include "core/catalog_usage.h"
#include "core/files.h"
#include "core/json.h"
#include "core/sbuf.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define IMPORTS_SHOWN 10
#define DAYS_CHARTED 31
#define TOP_SHOWN 10

typedef struct {
	char key[72];
	char *title;             /* a document's, or NULL */
	long long count, seconds, listens;
} tally;

typedef struct {
	char day[16];
	long long opened, seconds, searches, nothing, listens;
} day_tally;

typedef struct {
	char archive[72], kiosk[72], generated[24];
	long long sequence;
	int kinds[KIND_COUNT], items;
	long long free_bytes;
	catalog_log_entry *imports;
	int import_count;
	day_tally *days;
	int day_count;
	tally *docs, *words, *langs;
	int doc_count, word_count, lang_count;
	day_tally total;
} report;

/* The tally of key in *list, made when new. */
static tally *tally_of(tally **list, int *count, const char *key)
{
	for (int i = 0; i < *count; i++)
		if (strcmp((*list)[i].key, key) == 0)
			return &(*list)[i];
	tally *grown = realloc(*list, ((size_t)*count + 1) * sizeof **list);
	if (!grown)
		return NULL;
	*list = grown;
	tally *t = &grown[(*count)++];
	memset(t, 0, sizeof *t);
	snprintf(t->key, sizeof t->key, "%s", key);
	return t;
}

static int by_count(const void *a, const void *b)
{
	const tally *x = a, *y = b;
	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return strcmp(x->key, y->key);
}

static void report_free(report *r)
{
	free(r->imports);
	free(r->days);
	for (int i = 0; i < r->doc_count; i++)
		free(r->docs[i].title);
	free(r->docs);
	free(r->words);
	free(r->langs);
}

/* Sums the catalogue's rows: by day, by document, by word, by language. */
static int sum_usage(catalog *c, report *r, char err[256])
{
	catalog_usage_row *rows;
	int n;
	if (catalog_usage_rows(c, &rows, &n, err) != 0)
		return -1;
	for (int i = 0; i < n; i++) {
		const catalog_usage_row *u = &rows[i];
		if (r->day_count == 0 || strcmp(r->days[r->day_count - 1].day, u->day) != 0) { /* rows come by day */
			day_tally *grown = realloc(r->days, ((size_t)r->day_count + 1) * sizeof *r->days);
			if (!grown)
				goto oom;
			r->days = grown;
			memset(&grown[r->day_count], 0, sizeof *grown);
			snprintf(grown[r->day_count++].day, sizeof grown->day, "%s", u->day);
		}
		day_tally *d = &r->days[r->day_count - 1];
		tally *t = NULL;
		if (strcmp(u->what, "open") == 0) {
			d->opened += u->count;
			d->seconds += u->seconds;
			if (!(t = tally_of(&r->docs, &r->doc_count, u->key)))
				goto oom;
			t->count += u->count;
			t->seconds += u->seconds;
		} else if (strcmp(u->what, "listen") == 0) {
			d->listens += u->count;
			if (!(t = tally_of(&r->docs, &r->doc_count, u->key)))
				goto oom;
			t->listens += u->count;
		} else if (strcmp(u->what, "search") == 0) {
			d->searches += u->count;
			if (strcmp(u->key, "nothing") == 0)
				d->nothing += u->count;
		} else if (strcmp(u->what, "miss") == 0) {
			if (!(t = tally_of(&r->words, &r->word_count, u->key)))
				goto oom;
			t->count += u->count;
		} else if (strcmp(u->what, "lang") == 0) {
			if (!(t = tally_of(&r->langs, &r->lang_count, u->key)))
				goto oom;
			t->count += u->count;
		}
	}
	free(rows);
	for (int i = 0; i < r->day_count; i++) {
		r->total.opened += r->days[i].opened;
		r->total.seconds += r->days[i].seconds;
		r->total.searches += r->days[i].searches;
		r->total.nothing += r->days[i].nothing;
		r->total.listens += r->days[i].listens;
	}
	if (r->doc_count)
		qsort(r->docs, (size_t)r->doc_count, sizeof *r->docs, by_count);
	if (r->word_count)
		qsort(r->words, (size_t)r->word_count, sizeof *r->words, by_count);
	if (r->lang_count)
		qsort(r->langs, (size_t)r->lang_count, sizeof *r->langs, by_count);
	for (int i = 0; i < r->doc_count; i++) { /* a withdrawn one keeps only its id */
		item it;
		if (catalog_get(c, r->docs[i].key, &it) == 0) {
			r->docs[i].title = strdup(it.title ? it.title : "");
			item_clear(&it);
		}
	}
	return 0;
oom:
	free(rows);
	snprintf(err, 256, "report: out of memory");
	return -1;
}

static int gather(data_folder *d, report *r, time_t now, char err[256])
{
	catalog *c = d->cat;
	memset(r, 0, sizeof *r);
	char *archive = catalog_get_setting(c, "archive"), *last = catalog_get_setting(c, "last_sequence");
	snprintf(r->archive, sizeof r->archive, "%s", archive ? archive : "");
	r->sequence = last ? atoll(last) : 0;
	free(archive);
	free(last);
	if (gethostname(r->kiosk, sizeof r->kiosk - 1) != 0)
		snprintf(r->kiosk, sizeof r->kiosk, "kiosk");
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(r->generated, sizeof r->generated, "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (catalog_count_kinds(c, r->kinds) != 0) {
		snprintf(err, 256, "%s", catalog_error(c));
		return -1;
	}
	for (int i = 0; i < KIND_COUNT; i++)
		r->items += r->kinds[i];
	r->free_bytes = -1;
	data_usable_space(d, &r->free_bytes, NULL);
	if (catalog_log_list(c, IMPORTS_SHOWN, &r->imports, &r->import_count) != 0) {
		snprintf(err, 256, "%s", catalog_error(c));
		return -1;
	}
	return sum_usage(c, r, err);
}

/* --- report.json --- */

static void json_tallies(FILE *f, const char *name, const tally *t, int n, const char *key_name)
{
	fprintf(f, ",\n    \"%s\": [", name);
	for (int i = 0; i < n; i++) {
		fprintf(f, "%s\n      {\"%s\": ", i ? "," : "", key_name);
		json_write_string(f, t[i].key);
		fprintf(f, ", \"count\": %lld}", t[i].count);
	}
	fputs(n ? "\n    ]" : "]", f);
}

static void write_json(FILE *f, const report *r)
{
	fputs("{\n  \"format\": \"hishatak-report/1\",\n  \"archive\": ", f);
	json_write_string(f, r->archive);
	fputs(",\n  \"kiosk\": ", f);
	json_write_string(f, r->kiosk);
	fprintf(f, ",\n  \"generated\": \"%s\",\n  \"sequence\": %lld,\n  \"items\": %d,\n  \"kinds\": {", r->generated,
		r->sequence, r->items);
	for (int i = 0; i < KIND_COUNT; i++)
		fprintf(f, "%s\"%s\": %d", i ? ", " : "", item_kind_name((item_kind)i), r->kinds[i]);
	fprintf(f, "},\n  \"free_bytes\": %lld,\n  \"imports\": [", r->free_bytes);
	for (int i = 0; i < r->import_count; i++) {
		const catalog_log_entry *e = &r->imports[i];
		fprintf(f, "%s\n    {\"time\": ", i ? "," : "");
		json_write_string(f, e->time);
		fputs(", \"source\": ", f);
		json_write_string(f, e->source);
		fprintf(f, ", \"sequence\": %lld, \"result\": ", e->sequence);
		json_write_string(f, e->result);
		fprintf(f, ", \"added\": %d, \"changed\": %d, \"withdrawn\": %d, \"reason\": ", e->added, e->changed, e->withdrawn);
		json_write_string(f, e->reason);
		fputs("}", f);
	}
	fputs(r->import_count ? "\n  ],\n" : "],\n", f);
	const day_tally *t = &r->total;
	fprintf(f,
		"  \"usage\": {\n    \"totals\": {\"opened\": %lld, \"seconds_read\": %lld, \"searches\": %lld,"
		" \"searches_found_nothing\": %lld, \"listens\": %lld},\n    \"days\": [",
		t->opened, t->seconds, t->searches, t->nothing, t->listens);
	for (int i = 0; i < r->day_count; i++) {
		const day_tally *d = &r->days[i];
		fprintf(f,
			"%s\n      {\"day\": \"%s\", \"opened\": %lld, \"seconds_read\": %lld, \"searches\": %lld,"
			" \"searches_found_nothing\": %lld, \"listens\": %lld}",
			i ? "," : "", d->day, d->opened, d->seconds, d->searches, d->nothing, d->listens);
	}
	fputs(r->day_count ? "\n    ],\n    \"documents\": [" : "],\n    \"documents\": [", f);
	for (int i = 0; i < r->doc_count; i++) {
		const tally *doc = &r->docs[i];
		fprintf(f, "%s\n      {\"id\": ", i ? "," : "");
		json_write_string(f, doc->key);
		fputs(", \"title\": ", f);
		if (doc->title)
			json_write_string(f, doc->title);
		else
			fputs("null", f);
		fprintf(f, ", \"opened\": %lld, \"seconds_read\": %lld, \"listens\": %lld}", doc->count, doc->seconds, doc->listens);
	}
	fputs(r->doc_count ? "\n    ]" : "]", f);
	json_tallies(f, "words_found_nothing", r->words, r->word_count, "word");
	json_tallies(f, "languages", r->langs, r->lang_count, "language");
	fputs("\n  }\n}\n", f);
}

/* --- report.html --- */

static void html_text(sbuf *b, const char *s)
{
	for (; s && *s; s++)
		switch (*s) {
		case '&': sbuf_put(b, "&amp;"); break;
		case '<': sbuf_put(b, "&lt;"); break;
		case '>': sbuf_put(b, "&gt;"); break;
		case '"': sbuf_put(b, "&quot;"); break;
		case '\'': sbuf_put(b, "&#39;"); break;
		default: sbuf_put_n(b, s, 1);
		}
}

/* A label cut to max bytes between letters, with an ellipsis. */
static void html_label(sbuf *b, const char *s, size_t max)
{
	size_t n = strlen(s);
	if (n <= max) {
		html_text(b, s);
		return;
	}
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	char cut[256];
	snprintf(cut, sizeof cut, "%.*s", (int)max, s);
	html_text(b, cut);
	sbuf_put(b, "…");
}

/* Horizontal bars: a label, its bar and its figure a line. */
static void svg_bars(sbuf *b, const char *title, const char *const *labels, const long long *values, int n,
		     const char *empty)
{
	sbuf_put(b, "<section><h2>");
	html_text(b, title);
	sbuf_put(b, "</h2>\n");
	if (n == 0) {
		sbuf_put(b, "<p class=\"none\">");
		html_text(b, empty);
		sbuf_put(b, "</p></section>\n");
		return;
	}
	long long max = 1;
	for (int i = 0; i < n; i++)
		if (values[i] > max)
			max = values[i];
	int line = 26, label_w = 340, bar_w = 320, h = n * line + 4;
	sbuf_putf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">\n",
		  label_w + bar_w + 70, h, label_w + bar_w + 70, h);
	for (int i = 0; i < n; i++) {
		int y = i * line + 2, w = (int)((double)values[i] / (double)max * bar_w);
		sbuf_putf(b, "<text x=\"0\" y=\"%d\">", y + 17);
		html_label(b, labels[i], 42);
		sbuf_putf(b, "</text><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"bar\"/>", label_w, y + 3,
			  w > 1 ? w : 1, line - 8);
		sbuf_putf(b, "<text x=\"%d\" y=\"%d\">%lld</text>\n", label_w + (w > 1 ? w : 1) + 6, y + 17, values[i]);
	}
	sbuf_put(b, "</svg></section>\n");
}

/* The day after day (YYYY-MM-DD), in out. */
static void next_day(const char *day, char out[16])
{
	struct tm tm = {0};
	if (sscanf(day, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3) {
		snprintf(out, 16, "%s", day);
		return;
	}
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_mday += 1;
	tm.tm_hour = 12; /* away from a change of summer time */
	timegm(&tm);
	strftime(out, 16, "%Y-%m-%d", &tm);
}

/* Columns, one a day: the documents opened on each of the last days
 * counted, the days between with nothing as empty columns. A day the
 * clock could not be believed ("unknown") is in the totals only. */
static void svg_days(sbuf *b, const report *r)
{
	sbuf_put(b, "<section><h2>Documents opened, per day</h2>\n");
	int last = r->day_count - 1;
	while (last >= 0 && !isdigit((unsigned char)r->days[last].day[0]))
		last--;
	if (last < 0) {
		sbuf_put(b, "<p class=\"none\">Nothing counted yet.</p></section>\n");
		return;
	}
	/* The days charted: back from the last, at most DAYS_CHARTED, as far as the first counted. */
	char days[DAYS_CHARTED][16];
	long long opened[DAYS_CHARTED] = {0}, max = 1;
	int n = 0, first = 0;
	while (first < last && !isdigit((unsigned char)r->days[first].day[0]))
		first++;
	for (int i = first; i <= last; i++) { /* the earliest day within reach of the last */
		char d[16];
		int span = 1;
		snprintf(d, sizeof d, "%s", r->days[i].day);
		while (strcmp(d, r->days[last].day) < 0 && span <= DAYS_CHARTED)
			next_day(d, d), span++;
		if (span <= DAYS_CHARTED) {
			first = i;
			break;
		}
	}
	snprintf(days[0], sizeof days[0], "%s", r->days[first].day);
	for (n = 1; n < DAYS_CHARTED && strcmp(days[n - 1], r->days[last].day) < 0; n++)
		next_day(days[n - 1], days[n]);
	for (int i = first; i <= last; i++)
		for (int j = 0; j < n; j++)
			if (strcmp(days[j], r->days[i].day) == 0)
				opened[j] = r->days[i].opened;
	for (int j = 0; j < n; j++)
		if (opened[j] > max)
			max = opened[j];
	int col = 640 / (n < 8 ? 8 : n), chart_h = 180, top = 18, w = col * n + 60, h = top + chart_h + 70;
	sbuf_putf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">\n", w,
		  h, w, h);
	sbuf_putf(b, "<line x1=\"40\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"axis\"/>", top + chart_h, w, top + chart_h);
	sbuf_putf(b, "<text x=\"34\" y=\"%d\" text-anchor=\"end\">%lld</text><text x=\"34\" y=\"%d\" text-anchor=\"end\">0</text>\n",
		  top + 5, max, top + chart_h);
	for (int j = 0; j < n; j++) {
		int x = 44 + j * col, bh = (int)((double)opened[j] / (double)max * chart_h);
		sbuf_putf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"bar\"><title>%s: %lld</title></rect>", x,
			  top + chart_h - bh, col - 4 > 2 ? col - 4 : 2, bh, days[j], opened[j]);
		if (opened[j])
			sbuf_putf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" class=\"small\">%lld</text>", x + (col - 4) / 2,
				  top + chart_h - bh - 4, opened[j]);
		/* the day's label turned, under its column */
		sbuf_putf(b, "<text transform=\"translate(%d %d) rotate(-45)\" text-anchor=\"end\" class=\"small\">%s</text>\n",
			  x + (col - 4) / 2 + 4, top + chart_h + 14, days[j] + 5);
	}
	sbuf_put(b, "</svg></section>\n");
}

static void format_bytes(long long n, char out[32])
{
	if (n < 0)
		snprintf(out, 32, "unknown");
	else if (n >= 1LL << 30)
		snprintf(out, 32, "%.1f GB", (double)n / (1 << 30));
	else
		snprintf(out, 32, "%.1f MB", (double)n / (1 << 20));
}

static void format_duration(long long s, char out[32])
{
	if (s >= 3600)
		snprintf(out, 32, "%lld h %02lld min", s / 3600, s / 60 % 60);
	else
		snprintf(out, 32, "%lld min %02lld s", s / 60, s % 60);
}

static void write_html(sbuf *b, const report *r)
{
	char n1[32], n2[32];
	sbuf_put(b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Hishatak report: ");
	html_text(b, r->archive);
	sbuf_put(b, "</title>\n<style>\n"
		    "body{font-family:\"Noto Sans\",\"DejaVu Sans\",Arial,sans-serif;color:#1d2433;max-width:60em;margin:1.5em auto;"
		    "padding:0 1em;line-height:1.4}\n"
		    "h1{font-size:1.6em;margin:0 0 .2em}h2{font-size:1.1em;margin:1.2em 0 .4em;color:#23325a}\n"
		    ".sub{color:#5b6478;margin:0 0 1em}\n"
		    ".figures{display:flex;flex-wrap:wrap;gap:.6em}.figure{border:1px solid #ccd2de;border-radius:6px;"
		    "padding:.4em .8em;min-width:9em}.figure b{display:block;font-size:1.4em}\n"
		    "table{border-collapse:collapse;font-size:.9em}td,th{border-bottom:1px solid #dde2ea;padding:.2em .6em;"
		    "text-align:left;vertical-align:top}\n"
		    "svg text{font-size:13px;fill:#1d2433}svg .small{font-size:11px}svg .bar{fill:#2f5d9e}"
		    "svg .axis{stroke:#8891a5}\n"
		    ".none{color:#5b6478;font-style:italic}.refused{color:#a0281e}\n"
		    "@page{size:A4;margin:12mm}\n"
		    "@media print{body{margin:0;max-width:none;font-size:9pt;zoom:.72}section{break-inside:avoid}"
		    "h2{margin:.8em 0 .3em}}\n"
		    "</style></head><body>\n<h1>");
	html_text(b, r->archive[0] ? r->archive : "Hishatak archive");
	sbuf_put(b, "</h1>\n<p class=\"sub\">Kiosk ");
	html_text(b, r->kiosk);
	sbuf_putf(b, " · report of %s (UTC) · anonymous counts, one sum a day: no visitor's path is kept</p>\n",
		  r->generated);
	format_bytes(r->free_bytes, n1);
	format_duration(r->total.seconds, n2);
	sbuf_putf(b,
		  "<div class=\"figures\"><div class=\"figure\"><b>%d</b>items</div><div class=\"figure\"><b>%lld</b>last "
		  "bundle</div><div class=\"figure\"><b>%s</b>free</div><div class=\"figure\"><b>%lld</b>documents "
		  "opened</div><div class=\"figure\"><b>%s</b>read</div><div class=\"figure\"><b>%lld</b>searches (%lld found "
		  "nothing)</div><div class=\"figure\"><b>%lld</b>Listen</div></div>\n",
		  r->items, r->sequence, n1, r->total.opened, n2, r->total.searches, r->total.nothing, r->total.listens);
	svg_days(b, r);

	const char *labels[TOP_SHOWN + 20];
	long long values[TOP_SHOWN + 20];
	int n = r->doc_count < TOP_SHOWN ? r->doc_count : TOP_SHOWN;
	for (int i = 0; i < n; i++) {
		labels[i] = r->docs[i].title && r->docs[i].title[0] ? r->docs[i].title : r->docs[i].key;
		values[i] = r->docs[i].count;
	}
	svg_bars(b, "Documents opened most", labels, values, n, "No document opened yet.");
	n = r->word_count < TOP_SHOWN + 5 ? r->word_count : TOP_SHOWN + 5;
	for (int i = 0; i < n; i++) {
		labels[i] = r->words[i].key;
		values[i] = r->words[i].count;
	}
	svg_bars(b, "Words searched for that found nothing", labels, values, n, "Every search found something.");
	static const char *const lang_names[][2] = {{"en", "English"}, {"hy", "Armenian"}, {"ru", "Russian"}};
	n = r->lang_count < TOP_SHOWN ? r->lang_count : TOP_SHOWN;
	for (int i = 0; i < n; i++) {
		labels[i] = r->langs[i].key;
		for (size_t j = 0; j < sizeof lang_names / sizeof *lang_names; j++)
			if (strcmp(r->langs[i].key, lang_names[j][0]) == 0)
				labels[i] = lang_names[j][1];
		values[i] = r->langs[i].count;
	}
	svg_bars(b, "Languages chosen", labels, values, n, "No language chosen on the screen yet.");

	sbuf_put(b, "<section><h2>Last imports</h2>\n");
	if (r->import_count == 0)
		sbuf_put(b, "<p class=\"none\">No stick imported yet.</p>\n");
	else
		sbuf_put(b, "<table><tr><th>time (UTC)</th><th>bundle</th><th>result</th><th>added</th><th>changed</th>"
			    "<th>withdrawn</th><th>reason</th></tr>\n");
	for (int i = 0; i < r->import_count; i++) {
		const catalog_log_entry *e = &r->imports[i];
		sbuf_put(b, "<tr><td>");
		html_text(b, e->time);
		sbuf_putf(b, "</td><td>%lld</td><td%s>", e->sequence, strcmp(e->result, "refused") == 0 ? " class=\"refused\"" : "");
		html_text(b, e->result);
		sbuf_putf(b, "</td><td>%d</td><td>%d</td><td>%d</td><td>", e->added, e->changed, e->withdrawn);
		html_label(b, e->reason, 200);
		sbuf_put(b, "</td></tr>\n");
	}
	if (r->import_count)
		sbuf_put(b, "</table>\n");
	sbuf_put(b, "</section>\n</body></html>\n");
}

void report_name(data_folder *d, time_t now, char out[200])
{
	char *archive = catalog_get_setting(d->cat, "archive"), host[72] = "kiosk", stamp[32];
	if (gethostname(host, sizeof host - 1) != 0)
		snprintf(host, sizeof host, "kiosk");
	host[sizeof host - 1] = 0;
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M", &tm);
	snprintf(out, 200, "%.64s-%.64s-%s", archive && archive[0] ? archive : "archive", host, stamp);
	free(archive);
	for (char *c = out; *c; c++) /* what FAT and every shell take */
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || *c == '-' ||
		      *c == '_'))
			*c = '_';
}

int report_write(data_folder *d, const char *out_dir, time_t now, char err[256])
{
	report r;
	char path[4200];
	char *json = NULL;
	size_t json_size = 0;
	sbuf html = {0};
	int rc = -1;
	if (gather(d, &r, now, err) != 0)
		goto done;
	FILE *f = open_memstream(&json, &json_size);
	if (!f) {
		snprintf(err, 256, "report: out of memory");
		goto done;
	}
	write_json(f, &r);
	if (fclose(f) != 0) {
		snprintf(err, 256, "report: out of memory");
		goto done;
	}
	write_html(&html, &r);
	if (html.oom) {
		snprintf(err, 256, "report: out of memory");
		goto done;
	}
	if (files_make_dirs(out_dir, err) != 0)
		goto done;
	snprintf(path, sizeof path, "%s/report.json", out_dir);
	if (files_write_durably(path, json, json_size, err) != 0)
		goto done;
	snprintf(path, sizeof path, "%s/report.html", out_dir);
	if (files_write_durably(path, html.data, html.len, err) != 0)
		goto done;
	rc = 0;
done:
	report_free(&r);
	free(json);
	free(html.data);
	return rc;
}

/* --- several kiosks' reports --- */

/* Adds a copy of path to *found. */
static int add_path(char ***found, int *count, const char *path, char err[256])
{
	char **grown = realloc(*found, ((size_t)*count + 1) * sizeof **found);
	if (!grown) {
		snprintf(err, 256, "report: out of memory");
		return -1;
	}
	*found = grown;
	if (!(grown[*count] = strdup(path))) {
		snprintf(err, 256, "report: out of memory");
		return -1;
	}
	(*count)++;
	return 0;
}

/* The report.json files at path: itself, inside it, or in the folders
 * inside it (a stick's hishatak-reports/), in the order of their names. */
static int find_reports(const char *path, char ***found, int *count, char err[256])
{
	char p[4200];
	if (!files_is_dir(path)) {
		if (!files_exists(path)) {
			snprintf(err, 256, "%s: no such file or folder", path);
			return -1;
		}
		return add_path(found, count, path, err);
	}
	snprintf(p, sizeof p, "%s/report.json", path);
	if (files_exists(p))
		return add_path(found, count, p, err);
	struct dirent **names = NULL;
	int n = scandir(path, &names, NULL, alphasort), before = *count, rc = 0;
	for (int i = 0; i < n; i++) {
		snprintf(p, sizeof p, "%s/%s/report.json", path, names[i]->d_name);
		if (rc == 0 && names[i]->d_name[0] != '.' && files_exists(p))
			rc = add_path(found, count, p, err);
		free(names[i]);
	}
	free(names);
	if (rc == 0 && *count == before) {
		snprintf(err, 256, "%s: no report.json in it or in the folders in it", path);
		rc = -1;
	}
	return rc;
}

/* What a row of the table holds of one report, read by SQLite's JSON1. */
static const char *row_sql =
	"SELECT json_extract(?1, '$.archive'), json_extract(?1, '$.kiosk'), json_extract(?1, '$.generated'),"
	" json_extract(?1, '$.sequence'), json_extract(?1, '$.items'), json_extract(?1, '$.free_bytes'),"
	" json_extract(?1, '$.usage.totals.opened'), json_extract(?1, '$.usage.totals.seconds_read'),"
	" json_extract(?1, '$.usage.totals.searches'), json_extract(?1, '$.usage.totals.searches_found_nothing'),"
	" json_extract(?1, '$.usage.totals.listens'),"
	" (SELECT min(json_extract(value, '$.day')) || ' to ' || max(json_extract(value, '$.day'))"
	"  FROM json_each(?1, '$.usage.days')),"
	" (SELECT json_extract(value, '$.time') || ' ' || json_extract(value, '$.result') || ' ' ||"
	"  json_extract(value, '$.sequence') FROM json_each(?1, '$.imports') WHERE key = 0),"
	" (SELECT group_concat(json_extract(value, '$.id') || ' ' || json_extract(value, '$.opened'), '; ')"
	"  FROM (SELECT value FROM json_each(?1, '$.usage.documents') LIMIT 3)),"
	" json_extract(?1, '$.format') = 'hishatak-report/1'";

static const char *const columns[] = {"archive", "kiosk", "generated", "sequence", "items", "free_mb", "opened",
				      "minutes_read", "searches", "found_nothing", "listens", "days", "last_import",
				      "top_documents"};
#define COLUMN_COUNT ((int)(sizeof columns / sizeof *columns))

static void csv_field(FILE *f, const char *s)
{
	if (!strpbrk(s, ",\"\n\r")) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

int report_merge(const char *const *paths, int count, FILE *out, FILE *csv, char err[256])
{
	char **files = NULL;
	int file_count = 0, rc = -1, rows = 0;
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	char *(*cells)[COLUMN_COUNT] = NULL;
	for (int i = 0; i < count; i++)
		if (find_reports(paths[i], &files, &file_count, err) != 0)
			goto done;
	if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, row_sql, -1, &st, NULL) != SQLITE_OK) {
		snprintf(err, 256, "report: %s", db ? sqlite3_errmsg(db) : "out of memory");
		goto done;
	}
	if (!(cells = calloc((size_t)file_count + 1, sizeof *cells))) {
		snprintf(err, 256, "report: out of memory");
		goto done;
	}
	for (int i = 0; i < file_count; i++) {
		char *text = files_read(files[i], 64 << 20, NULL, err);
		if (!text)
			goto done;
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, text, -1, SQLITE_TRANSIENT);
		free(text);
		if (sqlite3_step(st) != SQLITE_ROW || !sqlite3_column_int(st, COLUMN_COUNT)) {
			snprintf(err, 256, "%s: not a Hishatak report (%s)", files[i],
				 sqlite3_errcode(db) == SQLITE_ROW || sqlite3_errcode(db) == SQLITE_OK ? "no format hishatak-report/1"
												      : sqlite3_errmsg(db));
			goto done;
		}
		for (int c = 0; c < COLUMN_COUNT; c++) {
			const char *v = (const char *)sqlite3_column_text(st, c);
			char figure[64];
			if (c == 5 && v) { /* free bytes as megabytes */
				snprintf(figure, sizeof figure, "%lld", sqlite3_column_int64(st, c) / (1 << 20));
				v = figure;
			} else if (c == 7 && v) { /* seconds as minutes */
				snprintf(figure, sizeof figure, "%lld", sqlite3_column_int64(st, c) / 60);
				v = figure;
			}
			cells[rows][c] = strdup(v ? v : "");
		}
		rows++;
	}
	/* The table: each column as wide as its widest cell (in bytes, up to 40). */
	int width[COLUMN_COUNT];
	for (int c = 0; c < COLUMN_COUNT; c++) {
		width[c] = (int)strlen(columns[c]);
		for (int i = 0; i < rows; i++)
			if (cells[i][c] && (int)strlen(cells[i][c]) > width[c])
				width[c] = (int)strlen(cells[i][c]) > 40 ? 40 : (int)strlen(cells[i][c]);
	}
	width[COLUMN_COUNT - 1] = 0; /* the last as long as it is, no spaces after it */
	for (int c = 0; c < COLUMN_COUNT; c++)
		fprintf(out, "%-*s%s", width[c], columns[c], c + 1 < COLUMN_COUNT ? "  " : "\n");
	for (int i = 0; i < rows; i++)
		for (int c = 0; c < COLUMN_COUNT; c++)
			fprintf(out, "%-*.*s%s", width[c], c + 1 < COLUMN_COUNT ? 40 : 400, cells[i][c] ? cells[i][c] : "",
				c + 1 < COLUMN_COUNT ? "  " : "\n");
	if (csv) {
		for (int c = 0; c < COLUMN_COUNT; c++)
			fprintf(csv, "%s%s", columns[c], c + 1 < COLUMN_COUNT ? "," : "\r\n");
		for (int i = 0; i < rows; i++)
			for (int c = 0; c < COLUMN_COUNT; c++) {
				csv_field(csv, cells[i][c] ? cells[i][c] : "");
				fputs(c + 1 < COLUMN_COUNT ? "," : "\r\n", csv);
			}
	}
	rc = rows;
done:
	for (int i = 0; cells && i < rows; i++)
		for (int c = 0; c < COLUMN_COUNT; c++)
			free(cells[i][c]);
	free(cells);
	sqlite3_finalize(st);
	sqlite3_close(db);
	for (int i = 0; i < file_count; i++)
		free(files[i]);
	free(files);
	return rc;
}
