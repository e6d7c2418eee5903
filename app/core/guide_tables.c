/* The guide's tables beside items.csv: see guide_tables.h. Each table is
 * read as items.csv is (table_rows); its header says which column is
 * which, in any order; a column LANG-suffixed (label_hy) is a translation. */
#include "core/guide_tables.h"
#include "core/files.h"
#include "core/langs.h"
#include "core/table.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define GUIDE_TABLE_MAX (4u << 20)

typedef struct {
	const char *file;      /* topics.csv ... */
	const char *const *known; /* its columns; a name ending in _ takes a language */
	const char *columns;   /* the same, for a message */
	findings *found;
	table_row header;
} table;

static const char *const topic_columns[] = {"id", "label", "label_", "notes", NULL};
static const char *const collection_columns[] = {"id", "title", "title_", "intro", "intro_", "items", "picture", "withdraw",
						 "notes", NULL};
static const char *const about_columns[] = {"title", "title_", "intro", "intro_", "notes", NULL};

void guide_tables_print_columns(FILE *f)
{
	fputs("  topics.csv (optional, a row a topic; items.csv's topics name them by id):\n"
	      "    id            the topic as items.csv's topics column writes it (ethnic cleansing)\n"
	      "    label         how visitors see it in English (Ethnic cleansing); label_hy, label_ru: in Armenian, Russian\n"
	      "  collections.csv (optional, a row a collection, shown on Home in this order):\n"
	      "    id            1-64 characters of a-z 0-9 - (voices-of-the-exodus)\n"
	      "    title         its title in English; title_hy, title_ru: in Armenian, Russian\n"
	      "    intro         a sentence or two about it; intro_hy, intro_ru: in Armenian, Russian\n"
	      "    items         the ids of its items, separated by spaces, in the order visitors see them\n"
	      "    picture       a .png or .jpg in the folder (optional; without one, its first item's first page)\n"
	      "    withdraw      yes: take the collection off every kiosk\n"
	      "  about.csv (optional, one row: the archive's name and introduction on Home):\n"
	      "    title, title_hy, title_ru, intro, intro_hy, intro_ru\n"
	      "  A topic, collection or about.csv left out of a bundle stays on the kiosks as it was; one given replaces it.\n",
	      f);
}

/* The column's language ("hy" of "label_hy"), or NULL. */
static const char *column_lang(const table *t, const char *col)
{
	for (int i = 0; t->known[i]; i++) {
		size_t n = strlen(t->known[i]);
		if (t->known[i][n - 1] == '_' && strncmp(col, t->known[i], n) == 0)
			return col + n;
	}
	return NULL;
}

/* Checks the header: every column known (unknown ones are left out with
 * a problem), none twice, the translations' languages real. */
static void check_header(table *t)
{
	for (int i = 0; i < t->header.count; i++) {
		char *name = t->header.cells[i];
		size_t n = strlen(name);
		while (n && isspace((unsigned char)name[n - 1]))
			name[--n] = 0;
		memmove(name, name + strspn(name, " \t"), strlen(name + strspn(name, " \t")) + 1);
		for (char *c = name; *c; c++)
			*c = (char)tolower((unsigned char)*c);
		int ok = 0;
		for (int k = 0; t->known[k] && !ok; k++)
			ok = t->known[k][strlen(t->known[k]) - 1] != '_' && strcmp(name, t->known[k]) == 0;
		const char *lang = column_lang(t, name);
		if (lang && langs_is_tag(lang)) {
			ok = 1;
			if (!langs_is_shown(lang))
				findings_warning(t->found, "%s, column %s: the kiosk shows only %s, so this column is kept but never shown%s",
						 t->file, name, LANGS_SHOWN, strstr(name, "_am") || strstr(name, "_arm") ? " (Armenian is hy)" : "");
		}
		if (!ok) {
			findings_problem(t->found, "%s, row 1: unknown column \"%.40s\": rename it to one of %s (or to notes: not read)",
					 t->file, name, t->columns);
			name[0] = 0;
			continue;
		}
		for (int j = 0; j < i; j++)
			if (strcmp(t->header.cells[j], name) == 0) {
				findings_problem(t->found, "%s, row 1: the column \"%.40s\" is there twice: delete one of them", t->file, name);
				name[0] = 0;
			}
	}
}

static int has_column(const table *t, const char *name)
{
	for (int i = 0; i < t->header.count; i++)
		if (strcmp(t->header.cells[i], name) == 0)
			return 1;
	return 0;
}

/* A cell's text, trimmed in place; "" when the row is short. */
static char *cell(table_row *r, int i)
{
	if (i >= r->count)
		return "";
	char *v = r->cells[i];
	size_t n = strlen(v);
	while (n && isspace((unsigned char)v[n - 1]))
		v[--n] = 0;
	return v + strspn(v, " \t\r\n");
}

/* Where a cell is: "topics.csv row 3 (exodus), column label". */
static const char *where(const table *t, int number, const char *id, const char *col)
{
	static char out[240];
	snprintf(out, sizeof out, "%s row %d%s%.60s%s%s%s", t->file, number, id[0] ? " (" : "", id, id[0] ? ")" : "",
		 col ? ", column " : "", col ? col : "");
	return out;
}

/* A text cell: kept when its letters were not lost. */
static int text_ok(table *t, int number, const char *id, const char *col, const char *v)
{
	if (!table_lost_letters(v))
		return 1;
	findings_problem(t->found, "%s, \"%.40s\": the letters were lost when the table was saved (a spreadsheet's usual CSV export "
			 "writes ? for every Armenian or Russian letter): save it again as CSV UTF-8",
			 where(t, number, id, col), v);
	return 0;
}

/* The rows of source/file, the header checked; 0 rows when it is not there. */
static table_row *read_rows(table *t, const char *source, int *count)
{
	char path[4200], why[256];
	size_t len;
	table_row *rows = NULL;
	*count = 0;
	snprintf(path, sizeof path, "%s/%s", source, t->file);
	if (!files_exists(path))
		return NULL;
	char *text = files_read(path, GUIDE_TABLE_MAX, &len, why);
	if (!text) {
		findings_problem(t->found, "%s: %s", path, why);
		return NULL;
	}
	int rc = table_rows(t->file, text, len, t->found, &rows, count);
	free(text);
	if (rc != 0 || *count == 0) {
		table_rows_free(rows, *count);
		*count = 0;
		return NULL;
	}
	t->header = rows[0];
	check_header(t);
	return rows;
}

static int is_blank(table_row *r)
{
	for (int i = 0; i < r->count; i++)
		if (*cell(r, i))
			return 0;
	return 1;
}

/* True when an item of this bundle or the earlier ones names topic. */
static int topic_is_used(const manifest *m, const history *h, const char *topic)
{
	for (int i = 0; i < m->count; i++)
		if (item_list_has(m->entries[i].meta.topics, m->entries[i].meta.topic_count, topic))
			return 1;
	for (int i = 0; h && i < h->count; i++)
		if (item_list_has(h->items[i].topics, h->items[i].topic_count, topic))
			return 1;
	return 0;
}

static void read_topics(const char *source, const manifest *m, const history *h, findings *found, guide *g)
{
	table t = {"topics.csv", topic_columns, "id, label, label_hy, label_ru", found, {0}};
	int n;
	table_row *rows = read_rows(&t, source, &n);
	if (rows && !has_column(&t, "id"))
		findings_problem(found, "topics.csv, row 1: the first row must name the columns: id, label, label_hy, label_ru");
	for (int r = 1; rows && has_column(&t, "id") && r < n; r++) {
		if (is_blank(&rows[r]))
			continue;
		guide_topic topic = {0};
		size_t id_len = 0;
		for (int c = 0; c < t.header.count; c++)
			if (strcmp(t.header.cells[c], "id") == 0) {
				id_len = strlen(cell(&rows[r], c));
				snprintf(topic.id, sizeof topic.id, "%s", cell(&rows[r], c));
			}
		const char *id = topic.id;
		if (!id[0])
			findings_problem(found, "%s is empty: write the topic as items.csv's topics column writes it", where(&t, r + 1, "", "id"));
		else if (id_len > GUIDE_TOPIC_MAX)
			findings_problem(found, "%s: longer than %d bytes: shorten the topic", where(&t, r + 1, "", "id"), GUIDE_TOPIC_MAX);
		for (int i = 0; id[0] && i < g->topic_count; i++)
			if (strcmp(g->topics[i].id, id) == 0)
				findings_problem(found, "%s, \"%s\": this topic has a row above too: keep one of them", where(&t, r + 1, "", "id"), id);
		for (int c = 0; c < t.header.count; c++) {
			const char *col = t.header.cells[c], *lang = column_lang(&t, col);
			char *v = cell(&rows[r], c);
			if (!v[0] || !col[0] || !strcmp(col, "id") || !strcmp(col, "notes") || !text_ok(&t, r + 1, id, col, v))
				continue;
			if (!strcmp(col, "label"))
				topic.label = strdup(v);
			else if (lang)
				item_text_add(&topic.labels, &topic.label_count, lang, v);
		}
		if (!topic.label)
			findings_problem(found, "%s is empty: write how visitors see the topic in English (the kiosk shows it where a "
					 "translation is missing)", where(&t, r + 1, id, "label"));
		else if (id[0] && !topic_is_used(m, h, id))
			findings_warning(found, "%s, \"%s\": no item has this topic: check that items.csv's topics column writes it the same way",
					 where(&t, r + 1, "", "id"), id);
		guide_topic *more = realloc(g->topics, (size_t)(g->topic_count + 1) * sizeof *more);
		if (more) {
			g->topics = more;
			g->topics[g->topic_count++] = topic;
		}
	}
	table_rows_free(rows, n);
}

/* Whether the kiosks will hold item id once this bundle is applied. */
static int item_will_be_held(const manifest *m, const history *h, const char *id, int *withdrawn)
{
	*withdrawn = 0;
	for (int i = 0; i < m->count; i++)
		if (strcmp(m->entries[i].meta.id, id) == 0) {
			*withdrawn = m->entries[i].withdraw;
			return !*withdrawn;
		}
	return h && history_find(h, id) && !m->snapshot;
}

static void read_items(table *t, int number, const manifest *m, const history *h, guide_collection *col, char *v)
{
	char *save = NULL;
	for (char *id = strtok_r(v, " ,;\t\n", &save); id; id = strtok_r(NULL, " ,;\t\n", &save)) {
		int withdrawn;
		const char *near;
		if (!item_id_is_valid(id))
			findings_problem(t->found, "%s, \"%.64s\": not an item id (1-64 characters of a-z 0-9 -): separate the ids with spaces",
					 where(t, number, col->id, "items"), id);
		else if (item_will_be_held(m, h, id, &withdrawn))
			item_list_add(&col->items, &col->item_count, id);
		else if (withdrawn)
			findings_problem(t->found, "%s, \"%s\": items.csv withdraws this item: take it out of the collection",
					 where(t, number, col->id, "items"), id);
		else if ((near = h ? history_nearest(h, id) : NULL))
			findings_problem(t->found, "%s, \"%s\": no item has this id; did you mean %s?", where(t, number, col->id, "items"), id, near);
		else
			findings_problem(t->found, "%s, \"%s\": no item has this id, in items.csv or the earlier bundles: check its spelling",
					 where(t, number, col->id, "items"), id);
	}
}

static void read_collection_cell(table *t, int number, const manifest *m, const history *h, const char *col, char *v,
				 const char *source, guide_collection *c)
{
	const char *lang = column_lang(t, col);
	if (strcmp(col, "items") && strcmp(col, "picture") && strcmp(col, "withdraw") && !text_ok(t, number, c->id, col, v))
		return;
	if (!strcmp(col, "title"))
		c->title = strdup(v);
	else if (!strcmp(col, "intro"))
		c->intro = strdup(v);
	else if (lang && !strncmp(col, "title_", 6))
		item_text_add(&c->titles, &c->title_count, lang, v);
	else if (lang)
		item_text_add(&c->intros, &c->intro_count, lang, v);
	else if (!strcmp(col, "items"))
		read_items(t, number, m, h, c, v);
	else if (!strcmp(col, "withdraw"))
		c->withdraw = !strcasecmp(v, "yes") || !strcasecmp(v, "true") || !strcmp(v, "1") || !strcasecmp(v, "x");
	else if (!strcmp(col, "picture")) {
		char path[4200], ext[16];
		snprintf(path, sizeof path, "%s/%s", source, v);
		files_extension(v, ext);
		if (strcasecmp(ext, "png") && strcasecmp(ext, "jpg") && strcasecmp(ext, "jpeg"))
			findings_problem(t->found, "%s, \"%.100s\": the picture must be a .png or .jpg file: export it as JPEG",
					 where(t, number, c->id, col), v);
		else if (strstr(v, "..") || v[0] == '/' || !files_exists(path))
			findings_problem(t->found, "%s, \"%.100s\": there is no such file in %s: check the file's name (with its extension) "
					 "and folder", where(t, number, c->id, col), v, source);
		else
			c->picture = strdup(v);
	}
}

/* True when the row's items cell holds something (read_items says what
 * is wrong with it). */
static int items_given(const table *t, table_row *r)
{
	for (int col = 0; col < t->header.count; col++)
		if (strcmp(t->header.cells[col], "items") == 0)
			return *cell(r, col) != 0;
	return 0;
}

static void read_collections(const char *source, const manifest *m, const history *h, findings *found, guide *g)
{
	table t = {"collections.csv", collection_columns,
		   "id, title, title_hy, title_ru, intro, intro_hy, intro_ru, items, picture, withdraw", found, {0}};
	int n;
	table_row *rows = read_rows(&t, source, &n);
	if (rows && !has_column(&t, "id"))
		findings_problem(found, "collections.csv, row 1: the first row must name the columns: %s", t.columns);
	for (int r = 1; rows && has_column(&t, "id") && r < n; r++) {
		if (is_blank(&rows[r]))
			continue;
		guide_collection c = {0};
		c.picture_size = -1;
		for (int i = 0; i < t.header.count; i++)
			if (strcmp(t.header.cells[i], "id") == 0)
				snprintf(c.id, sizeof c.id, "%.64s", cell(&rows[r], i));
		if (!item_id_is_valid(c.id))
			findings_problem(found, "%s%s%s%s: write 1-64 characters of a-z 0-9 - (voices-of-the-exodus)",
					 where(&t, r + 1, "", "id"), c.id[0] ? ", \"" : " is empty", c.id, c.id[0] ? "\"" : "");
		for (int i = 0; c.id[0] && i < g->collection_count; i++)
			if (strcmp(g->collections[i].id, c.id) == 0)
				findings_problem(found, "%s, \"%s\": this collection has a row above too: keep one of them",
						 where(&t, r + 1, "", "id"), c.id);
		for (int col = 0; col < t.header.count; col++) {
			const char *name = t.header.cells[col];
			char *v = cell(&rows[r], col);
			if (v[0] && name[0] && strcmp(name, "id") && strcmp(name, "notes"))
				read_collection_cell(&t, r + 1, m, h, name, v, source, &c);
		}
		if (!c.withdraw && !c.title)
			findings_problem(found, "%s is empty: a collection needs its title in English (the kiosk shows it where a translation "
					 "is missing)", where(&t, r + 1, c.id, "title"));
		if (!c.withdraw && !has_column(&t, "items"))
			findings_problem(found, "%s: there is no items column: add one, with the ids of the collection's items",
					 where(&t, r + 1, c.id, NULL));
		else if (!c.withdraw && c.item_count == 0 && !items_given(&t, &rows[r]))
			findings_problem(found, "%s is empty: write the ids of the collection's items, separated by spaces",
					 where(&t, r + 1, c.id, "items"));
		guide_collection *more = realloc(g->collections, (size_t)(g->collection_count + 1) * sizeof *more);
		if (more) {
			g->collections = more;
			g->collections[g->collection_count++] = c;
		}
	}
	table_rows_free(rows, n);
}

static void read_about(const char *source, findings *found, guide *g)
{
	table t = {"about.csv", about_columns, "title, title_hy, title_ru, intro, intro_hy, intro_ru", found, {0}};
	int n, rows_given = 0;
	table_row *rows = read_rows(&t, source, &n);
	for (int r = 1; rows && r < n; r++) {
		if (is_blank(&rows[r]))
			continue;
		if (rows_given++) {
			findings_problem(found, "%s: about.csv has one row under its header (the archive's name and introduction, "
					 "each language a column): move this row's words into the one above", where(&t, r + 1, "", NULL));
			continue;
		}
		guide_about *a = &g->about;
		g->about_given = 1;
		for (int c = 0; c < t.header.count; c++) {
			const char *col = t.header.cells[c], *lang = column_lang(&t, col);
			char *v = cell(&rows[r], c);
			if (!v[0] || !col[0] || !strcmp(col, "notes") || !text_ok(&t, r + 1, "", col, v))
				continue;
			if (!strcmp(col, "title"))
				a->title = strdup(v);
			else if (!strcmp(col, "intro"))
				a->intro = strdup(v);
			else if (lang && !strncmp(col, "title_", 6))
				item_text_add(&a->titles, &a->title_count, lang, v);
			else if (lang)
				item_text_add(&a->intros, &a->intro_count, lang, v);
		}
		if (!a->title && a->title_count == 0)
			findings_warning(found, "%s is empty: Home shows \"Hishatak\" as the archive's name", where(&t, r + 1, "", "title"));
	}
	if (rows && !rows_given)
		findings_problem(found, "about.csv: no row under the header: write the archive's name and introduction in row 2");
	table_rows_free(rows, n);
}

void guide_tables_read(const char *source, const manifest *m, const history *h, findings *found, guide *out)
{
	memset(out, 0, sizeof *out);
	read_topics(source, m, h, found, out);
	read_collections(source, m, h, found, out);
	read_about(source, found, out);
}
