/* The thesaurus: see names.h. */
#include "core/names.h"
#include "core/fold.h"
#include "core/json.h"

#include <csv.h>
#include <ctype.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

static void add_name(names_list *l, const char *name, int set)
{
	char **names = realloc(l->names, (size_t)(l->count + 1) * sizeof *names);
	if (names)
		l->names = names;
	int *sets = realloc(l->set_of, (size_t)(l->count + 1) * sizeof *sets);
	if (sets)
		l->set_of = sets;
	if (names && sets && (l->names[l->count] = strdup(name)))
		l->set_of[l->count++] = set;
}

/* Every set has two names or more, and no name folds as one of another
 * set. where(set) says where a set was given ("names.csv row 4"). */
static int check(const names_list *l, const int *rows, const char *what, char *err, size_t size)
{
	char msg[512];
	fold *f = fold_new(msg);
	if (!f) {
		snprintf(err, size, "%s", msg);
		return -1;
	}
	char **folded = calloc((size_t)l->count + 1, sizeof *folded);
	int rc = folded ? 0 : -1;
	for (int i = 0; rc == 0 && i < l->count; i++)
		if (!(folded[i] = fold_text(f, l->names[i])))
			rc = -1;
	for (int s = 0, i = 0; rc == 0 && s < l->set_count; s++) {
		int n = 0;
		for (; i < l->count && l->set_of[i] == s; i++)
			n++;
		if (n < 2) {
			snprintf(err, size, "%s %d: a set of names needs two or more (one thing's names in any scripts)",
				 what, rows[s]);
			rc = -1;
		}
	}
	for (int i = 0; rc == 0 && i < l->count; i++)
		for (int j = 0; rc == 0 && j < i; j++)
			if (l->set_of[i] != l->set_of[j] && folded[i][0] && !strcmp(folded[i], folded[j])) {
				snprintf(err, size, "%s %d: \"%.60s\" is already on %s %d (as \"%.60s\"): one thing, one row",
					 what, rows[l->set_of[i]], l->names[i], what, rows[l->set_of[j]], l->names[j]);
				rc = -1;
			}
	for (int i = 0; folded && i < l->count; i++)
		free(folded[i]);
	free(folded);
	fold_free(f);
	if (rc != 0 && !err[0])
		snprintf(err, size, "out of memory");
	return rc;
}

typedef struct {
	names_list *l;
	int row, *rows, cells;     /* rows[set]: its row in the file */
} csv_state;

static char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		s[--n] = 0;
	return s;
}

static void on_cell(void *cell, size_t len, void *ctx)
{
	csv_state *st = ctx;
	char *text = malloc(len + 1), *save = NULL;
	if (!text)
		return;
	memcpy(text, cell, len);
	text[len] = 0;
	if (st->cells == 0 && trim(text)[0] == '#')
		st->cells = -1; /* a comment: the rest of the row too */
	if (st->cells >= 0)
		for (char *v = strtok_r(text, ";", &save); v; v = strtok_r(NULL, ";", &save))
			if (*trim(v)) {
				add_name(st->l, trim(v), st->l->set_count);
				st->cells++;
			}
	free(text);
}

static void on_row(int c, void *ctx)
{
	csv_state *st = ctx;
	st->row++;
	if (st->cells > 0) {
		int *rows = realloc(st->rows, (size_t)(st->l->set_count + 1) * sizeof *rows);
		if (rows) {
			st->rows = rows;
			st->rows[st->l->set_count++] = st->row;
		}
	}
	st->cells = 0;
}

int names_parse_csv(const char *text, size_t len, names_list *out, char err[512])
{
	csv_state st = {out};
	struct csv_parser p;
	memset(out, 0, sizeof *out);
	out->given = 1;
	err[0] = 0;
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) { /* a spreadsheet's byte-order mark */
		text += 3;
		len -= 3;
	}
	csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
	int ok = csv_parse(&p, text, len, on_cell, on_row, &st) == len && csv_fini(&p, on_cell, on_row, &st) == 0;
	csv_free(&p);
	int rc = -1;
	if (!ok)
		snprintf(err, 512, "names.csv: not a CSV table (a quote is not closed?)");
	else
		rc = check(out, st.rows, "names.csv row", err, 512);
	free(st.rows);
	if (rc != 0)
		names_free(out);
	return rc;
}

int names_parse_json(const char *json, size_t len, names_list *out, char err[256])
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int rc = -1, *rows = NULL, last = -1;
	memset(out, 0, sizeof *out);
	err[0] = 0;
	if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db,
			       "SELECT json_type(?1, '$.names'), n.key, n.type, s.type, s.value"
			       " FROM (SELECT 1) LEFT JOIN json_each(?1, '$.names') n"
			       " LEFT JOIN json_each(CASE n.type WHEN 'array' THEN n.value ELSE '[]' END) s"
			       " ORDER BY n.key, s.key", -1, &st, NULL) != SQLITE_OK) {
		snprintf(err, 256, "bundle.json: names: %s", db ? sqlite3_errmsg(db) : "out of memory");
		goto done;
	}
	sqlite3_bind_text(st, 1, json, (int)len, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *type = (const char *)sqlite3_column_text(st, 0);
		if (!type) { /* no "names": nothing to say */
			rc = 0;
			goto done;
		}
		out->given = 1;
		if (strcmp(type, "array") != 0 || (sqlite3_column_type(st, 1) != SQLITE_NULL &&
		    (strcmp((const char *)sqlite3_column_text(st, 2), "array") != 0 ||
		     (sqlite3_column_type(st, 3) != SQLITE_NULL && strcmp((const char *)sqlite3_column_text(st, 3), "text") != 0)))) {
			snprintf(err, 256, "bundle.json: names must be a list of lists of names");
			goto done;
		}
		if (sqlite3_column_type(st, 1) == SQLITE_NULL)
			continue; /* "names": [] */
		int set = sqlite3_column_int(st, 1);
		if (set != last) {
			int *bigger = realloc(rows, (size_t)(out->set_count + 1) * sizeof *bigger);
			if (!bigger)
				goto done;
			rows = bigger;
			rows[out->set_count++] = set + 1;
			last = set;
		}
		if (sqlite3_column_type(st, 4) != SQLITE_NULL)
			add_name(out, (const char *)sqlite3_column_text(st, 4), out->set_count - 1);
	}
	rc = out->given ? check(out, rows, "bundle.json: names, list", err, 256) : 0;
done:
	sqlite3_finalize(st);
	sqlite3_close(db);
	free(rows);
	if (rc != 0) {
		if (!err[0])
			snprintf(err, 256, "out of memory");
		names_free(out);
	}
	return rc;
}

void names_write_json(FILE *f, const names_list *l)
{
	if (!l->given)
		return;
	fputs(",\n  \"names\": [", f);
	for (int i = 0; i < l->count; i++) {
		int first = i == 0 || l->set_of[i] != l->set_of[i - 1];
		if (first)
			fputs(i ? "],\n    [" : "\n    [", f);
		else
			fputs(", ", f);
		json_write_string(f, l->names[i]);
	}
	fputs(l->count ? "]\n  ]" : "]", f);
}

void names_free(names_list *l)
{
	for (int i = 0; i < l->count; i++)
		free(l->names[i]);
	free(l->names);
	free(l->set_of);
	memset(l, 0, sizeof *l);
}
