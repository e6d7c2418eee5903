/* The catalogue: migrations, insert and replace, date order, withdrawal,
 * full-text search in Latin, Armenian and Cyrillic, damaged files. */
#include "helpers.h"
#include "core/catalog.h"
#include "core/fold.h"

#include <sqlite3.h>

static char db_path[300];

static int setup(void **state)
{
	setup_test_dir(state);
	snprintf(db_path, sizeof db_path, "%s/catalog.db", test_dir);
	return 0;
}

static void put(catalog *c, const char *id, const char *title, const char *date, const char *body)
{
	item it = {0};
	snprintf(it.id, sizeof it.id, "%s", id);
	it.kind = KIND_ARTICLE;
	it.title = (char *)title;
	snprintf(it.date, sizeof it.date, "%s", date);
	snprintf(it.sha256, sizeof it.sha256, "%064d", 1);
	snprintf(it.doc_sha256, sizeof it.doc_sha256, "%064d", 2);
	snprintf(it.format, sizeof it.format, "xhtml");
	it.pages = 1;
	char *passages[] = {(char *)body};
	assert_int_equal(catalog_begin(c), 0);
	assert_int_equal(catalog_put(c, &it, passages, 1), 0);
	assert_int_equal(catalog_commit(c), 0);
}

static int found(catalog *c, const char *query, const char *id)
{
	catalog_hit *hits;
	int n, yes = 0;
	assert_int_equal(catalog_search(c, query, 0, &hits, &n), 0);
	for (int i = 0; i < n; i++)
		yes |= strcmp(hits[i].id, id) == 0;
	catalog_free_hits(hits, n);
	return yes;
}

static void test_a_new_catalogue_is_at_the_latest_version_in_wal_mode(void **state)
{
	char err[256];
	catalog *c = catalog_open(db_path, err);
	assert_non_null(c);
	assert_int_equal(catalog_version(c), CATALOG_VERSION);
	catalog_close(c);
	sqlite3 *db;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
	sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
	sqlite3_finalize(st);
	sqlite3_close(db);
}

/* A catalogue as schema version made it, holding what sql writes there
 * with plain SQLite. */
static void old_catalog(int version, const char *sql)
{
	char err[256];
	catalog *c = catalog_open_at(db_path, version, err);
	assert_non_null(c);
	assert_int_equal(catalog_version(c), version);
	catalog_close(c);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static void test_migration_from_version_1_keeps_items_and_makes_them_searchable(void **state)
{
	char err[256];
	/* An archive as schema 1 held it. */
	old_catalog(1, "INSERT INTO files VALUES ('a', 10);"
		       "INSERT INTO items(item_no, id, kind, title, date, file_sha256, doc_sha256, format, pages, reflowable, added)"
		       " VALUES (7, 'old-report', 'report', 'An Old Report', '2021', 'a', 'a', 'pdf', 2, 0, '2024-01-01T00:00:00Z');"
		       "INSERT INTO item_topics VALUES (7, 0, 'blockade');"
		       "INSERT INTO passages(item, seq, text) VALUES (7, 0, 'first page'), (7, 1, 'the Lachin corridor');");
	catalog *c = catalog_open(db_path, err);
	assert_non_null(c);
	assert_int_equal(catalog_version(c), CATALOG_VERSION);
	item it;
	assert_int_equal(catalog_get(c, "old-report", &it), 0);
	assert_string_equal(it.title, "An Old Report");
	assert_int_equal(it.topic_count, 1);
	item_clear(&it);
	catalog_hit *hits;
	int n;
	assert_int_equal(catalog_search(c, "lachin", 0, &hits, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(hits[0].passage_count, 1);
	assert_int_equal(hits[0].passages[0], 1);
	catalog_free_hits(hits, n);
	assert_true(found(c, "blockade", "old-report"));
	char problem[256];
	assert_int_equal(catalog_check(c, problem), 0);
	catalog_close(c);
}

/* Search within one document: each matching passage, in reading order,
 * and nothing from another document or from the metadata. */
static void test_search_within_an_item_gives_its_passages_in_order(void **state)
{
	char err[256];
	catalog *c = catalog_open(db_path, err);
	put(c, "other", "Lachin elsewhere", "2020", "the Lachin corridor again");
	item it = {0};
	snprintf(it.id, sizeof it.id, "long-report");
	it.kind = KIND_REPORT;
	it.title = "Lachin report";
	snprintf(it.date, sizeof it.date, "2023");
	snprintf(it.sha256, sizeof it.sha256, "%064d", 3);
	snprintf(it.doc_sha256, sizeof it.doc_sha256, "%064d", 4);
	snprintf(it.format, sizeof it.format, "pdf");
	it.pages = 4;
	char *passages[] = {"nothing here", "the Lachin corridor was closed", "bread and medicine", "after Lachin, the exodus"};
	assert_int_equal(catalog_begin(c), 0);
	assert_int_equal(catalog_put(c, &it, passages, 4), 0);
	assert_int_equal(catalog_commit(c), 0);
	catalog_hit *hits;
	int n;
	assert_int_equal(catalog_search_within(c, "long-report", "lach", 0, &hits, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(hits[0].passages[0], 1);
	assert_int_equal(hits[1].passages[0], 3);
	assert_non_null(strstr(hits[0].snippet, "[Lachin]"));
	catalog_free_hits(hits, n);
	assert_int_equal(catalog_search_within(c, "long-report", "exodus bread", 0, &hits, &n), 0);
	assert_int_equal(n, 0); /* every word in the same passage */
	catalog_close(c);
}

static void test_an_item_with_the_same_id_is_replaced(void **state)
{
	char err[256];
	catalog *c = catalog_open(db_path, err);
	put(c, "a-report", "First title", "2020", "apples");
	put(c, "a-report", "Second title", "2021", "oranges");
	item *items;
	int n;
	assert_int_equal(catalog_list(c, &items, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(items[0].title, "Second title");
	catalog_free_items(items, n);
	assert_false(found(c, "apples", "a-report"));
	assert_true(found(c, "oranges", "a-report"));
	catalog_close(c);
}

static void test_partial_dates_sort_newest_first_and_undated_last(void **state)
{
	char err[256];
	catalog *c = catalog_open(db_path, err);
	put(c, "undated", "U", "", "x");
	put(c, "year", "Y", "2022", "x");
	put(c, "month", "M", "2022-11", "x");
	put(c, "day", "D", "2023-01-05", "x");
	put(c, "older", "O", "1994-05", "x");
	item *items;
	int n;
	assert_int_equal(catalog_list(c, &items, &n), 0);
	assert_int_equal(n, 5);
	const char *order[] = {"day", "month", "year", "older", "undated"};
	for (int i = 0; i < 5; i++)
		assert_string_equal(items[i].id, order[i]);
	catalog_free_items(items, n);
	catalog_close(c);
}

static void put_arrival(catalog *c, const char *id, item_kind kind, const char *added)
{
	item it = {0};
	snprintf(it.id, sizeof it.id, "%s", id);
	it.kind = kind;
	it.title = (char *)id;
	snprintf(it.added, sizeof it.added, "%s", added);
	snprintf(it.sha256, sizeof it.sha256, "%064d", 1);
	snprintf(it.doc_sha256, sizeof it.doc_sha256, "%064d", 2);
	snprintf(it.format, sizeof it.format, "xhtml");
	it.pages = 1;
	char *passages[] = {"x"};
	assert_int_equal(catalog_begin(c), 0);
	assert_int_equal(catalog_put(c, &it, passages, 1), 0);
	assert_int_equal(catalog_commit(c), 0);
}

/* What Home shows before the whole list is read: the newest arrivals (in
 * the order they came, though the clock went back between them, as on a
 * Pi without a clock) and the count of each kind. */
static void test_the_newest_arrivals_and_the_counts_come_without_the_whole_list(void **state)
{
	char err[256];
	catalog *c = catalog_open(db_path, err);
	put_arrival(c, "first", KIND_REPORT, "2026-05-01T10:00:00Z");
	put_arrival(c, "second", KIND_TESTIMONY, "2020-01-01T10:00:00Z");
	put_arrival(c, "third", KIND_PHOTO, "2019-01-01T10:00:00Z");
	put_arrival(c, "fourth", KIND_REPORT, "2018-01-01T10:00:00Z");
	put_arrival(c, "second", KIND_TESTIMONY, "2020-01-01T10:00:00Z"); /* an update keeps its place */
	assert_int_equal(catalog_begin(c), 0);
	assert_int_equal(catalog_withdraw(c, "fourth", "asked"), 0);
	assert_int_equal(catalog_commit(c), 0);

	item *items;
	int n;
	assert_int_equal(catalog_recent(c, 2, &items, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(items[0].id, "third");
	assert_string_equal(items[1].id, "second");
	assert_true(items[0].number > items[1].number);
	assert_null(items[0].summary);
	catalog_free_items(items, n);
	assert_int_equal(catalog_recent(c, 24, &items, &n), 0);
	assert_int_equal(n, 3);
	assert_string_equal(items[2].id, "first");
	catalog_free_items(items, n);

	int counts[KIND_COUNT];
	assert_int_equal(catalog_count_kinds(c, counts), 0);
	assert_int_equal(counts[KIND_REPORT], 1);
	assert_int_equal(counts[KIND_TESTIMONY], 1);
	assert_int_equal(counts[KIND_PHOTO], 1);
	assert_int_equal(counts[KIND_ARTICLE], 0);
	catalog_close(c);
}

static void test_search_folds_case_and_accents_in_three_scripts(void **state)
{
	char err[256];
	catalog *c = catalog_open(db_path, err);
	put(c, "hy", "Հայերեն", "2023", "ԼԱՉԻՆԻ միջանցքը փակված էր");
	put(c, "ru", "Русский", "2023", "Лачинский коридор был закрыт");
	put(c, "en", "English", "2023", "Ethnic Cléansing and the Café");
	assert_true(found(c, "լաչինի", "hy"));       /* upper-case Armenian found in lower case */
	assert_true(found(c, "Միջանց", "hy"));       /* a prefix, as typed */
	assert_true(found(c, "ЛАЧИН", "ru"));
	assert_true(found(c, "коридор", "ru"));
	assert_true(found(c, "cleansing cafe", "en")); /* accents folded, every word */
	assert_false(found(c, "cleansing коридор", "en"));
	assert_false(found(c, "\"; DROP TABLE items; --", "en")); /* FTS syntax means nothing */
	catalog_close(c);
}

/* One letter matches most of an archive: it waits for the next; a word
 * of one letter beside others is left out. Armenian letters are two bytes. */
static void test_a_word_of_one_letter_is_not_searched(void **state)
{
	char err[256];
	catalog *c = catalog_open(db_path, err);
	put(c, "hy", "Հայերեն", "2023", "ԼԱՉԻՆԻ միջանցքը փակված էր");
	put(c, "en", "English", "2023", "Lachin and a corridor");
	assert_false(catalog_searchable("l"));
	assert_false(catalog_searchable(" a  b "));
	assert_false(catalog_searchable("լ"));
	assert_true(catalog_searchable("լա"));
	assert_true(catalog_searchable("la"));
	assert_false(found(c, "l", "en"));
	assert_false(found(c, "լ", "hy"));
	assert_true(found(c, "լա", "hy"));
	assert_true(found(c, "a lachin", "en")); /* "a" left out, not required */
	assert_true(found(c, "lachin c", "en"));
	catalog_close(c);
}

/* A word in thousands of passages is ranked among the newest of them and
 * among the newest titles: an old item with the word in its title still
 * comes first, though newer passages hold the word too. */
static void test_a_title_match_comes_first_among_thousands_of_passages(void **state)
{
	char err[256];
	catalog *c = catalog_open(db_path, err);
	put(c, "old-title", "The Lachin corridor", "2020", "the road to Goris");
	enum { MANY = 7000 };
	char **passages = malloc(MANY * sizeof *passages);
	for (int i = 0; i < MANY; i++) {
		passages[i] = malloc(64);
		snprintf(passages[i], 64, "page %d: the Lachin road, the Lachin corridor", i);
	}
	item it = {0};
	snprintf(it.id, sizeof it.id, "many-pages");
	it.kind = KIND_REPORT;
	it.title = "A long diary";
	snprintf(it.date, sizeof it.date, "2023");
	snprintf(it.sha256, sizeof it.sha256, "%064d", 5);
	snprintf(it.doc_sha256, sizeof it.doc_sha256, "%064d", 6);
	snprintf(it.format, sizeof it.format, "pdf");
	it.pages = MANY;
	assert_int_equal(catalog_begin(c), 0);
	assert_int_equal(catalog_put(c, &it, passages, MANY), 0);
	assert_int_equal(catalog_commit(c), 0);
	for (int i = 0; i < MANY; i++)
		free(passages[i]);
	free(passages);
	put(c, "newest", "Notes", "2024", "nothing about it");

	catalog_hit *hits;
	int n;
	assert_int_equal(catalog_search(c, "lachin", 10, &hits, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(hits[0].id, "old-title");
	assert_true(hits[0].in_metadata);
	assert_string_equal(hits[1].id, "many-pages");
	assert_true(hits[1].passage_count > 0);
	catalog_free_hits(hits, n);
	catalog_close(c);
}

static void test_withdrawn_items_leave_the_list_and_search(void **state)
{
	char err[256];
	catalog *c = catalog_open(db_path, err);
	put(c, "keep", "Keep", "2020", "shared word");
	put(c, "gone", "Gone", "2020", "shared word");
	assert_int_equal(catalog_begin(c), 0);
	assert_int_equal(catalog_withdraw(c, "gone", "at the witness's request"), 0);
	assert_int_equal(catalog_withdraw(c, "never-was", NULL), 1);
	assert_int_equal(catalog_commit(c), 0);
	item *items;
	int n;
	assert_int_equal(catalog_list(c, &items, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(items[0].id, "keep");
	catalog_free_items(items, n);
	assert_false(found(c, "shared", "gone"));
	assert_true(found(c, "shared", "keep"));
	item it;
	assert_int_equal(catalog_get(c, "gone", &it), 1);
	catalog_close(c);
}

static void test_a_rolled_back_change_leaves_the_catalogue_as_it_was(void **state)
{
	char err[256];
	catalog *c = catalog_open(db_path, err);
	put(c, "first", "First", "2020", "x");
	assert_int_equal(catalog_begin(c), 0);
	assert_int_equal(catalog_withdraw(c, "first", NULL), 0);
	catalog_rollback(c);
	catalog_close(c);
	c = catalog_open(db_path, err);
	item it;
	assert_int_equal(catalog_get(c, "first", &it), 0);
	item_clear(&it);
	catalog_close(c);
}

/* A prefix is searched as the words of search_terms it begins; a word of
 * an import rolled back is not there, and the next import that brings it
 * puts it there (the words put are remembered for one transaction only). */
static void test_a_word_of_a_rolled_back_import_is_found_when_it_comes_again(void **state)
{
	char err[256];
	catalog *c = catalog_open(db_path, err);
	put(c, "first", "First", "2020", "The zyzzyx was seen.");
	item it = {0};
	snprintf(it.id, sizeof it.id, "lost");
	it.kind = KIND_ARTICLE;
	it.title = "Lost";
	snprintf(it.sha256, sizeof it.sha256, "%064d", 3);
	snprintf(it.doc_sha256, sizeof it.doc_sha256, "%064d", 3);
	snprintf(it.format, sizeof it.format, "xhtml");
	char *passages[] = {"A zyzzyva crossed the road."};
	assert_int_equal(catalog_begin(c), 0);
	assert_int_equal(catalog_put(c, &it, passages, 1), 0);
	catalog_rollback(c);
	put(c, "again", "Again", "2021", "The zyzzyva came back.");
	assert_true(found(c, "zyzzy", "again"));
	assert_true(found(c, "zyzzy", "first"));
	assert_false(found(c, "zyzzy", "lost"));
	catalog_close(c);
}

static void test_a_file_that_is_not_a_database_is_refused_unchanged(void **state)
{
	char err[256] = "";
	write_text(db_path, "this is not a database, but somebody's notes\n");
	assert_null(catalog_open(db_path, err));
	assert_non_null(strstr(err, "not a database"));
	char buf[128] = "";
	FILE *f = fopen(db_path, "rb");
	assert_non_null(fgets(buf, sizeof buf, f));
	fclose(f);
	assert_string_equal(buf, "this is not a database, but somebody's notes\n");
}

/* The first hit's id and whether it came through the folded index. */
static const char *first(catalog *c, const char *query, int *folded, int *count)
{
	static char id[65];
	catalog_hit *hits;
	int n;
	assert_int_equal(catalog_search(c, query, 0, &hits, &n), 0);
	snprintf(id, sizeof id, "%s", n ? hits[0].id : "");
	if (folded)
		*folded = n ? hits[0].folded : -1;
	if (count)
		*count = n;
	catalog_free_hits(hits, n);
	return id;
}

/* A visitor types in Armenian or Cyrillic letters; the documents say it in
 * Latin ones, or the other way round; a match in the query's own script
 * comes first. */
static void test_a_name_typed_in_any_script_finds_the_others_own_script_first(void **state)
{
	char err[256];
	catalog *c = catalog_open(db_path, err);
	put(c, "en", "English", "2023", "Shelling of Stepanakert and the Lachin corridor");
	put(c, "ru", "Русский", "2023", "Обстрел Степанакерта и Лачинский коридор");
	put(c, "gy", "Gyumri", "2020", "The Kumayri district of Gyumri");
	int folded, n;
	assert_string_equal(first(c, "Степанакерт", &folded, &n), "ru");
	assert_int_equal(folded, 0);
	assert_int_equal(n, 2);
	assert_string_equal(first(c, "Stepanakert", &folded, &n), "en");
	assert_int_equal(n, 2);
	assert_true(found(c, "Ստեփանակերտ", "en"));
	assert_true(found(c, "Ստեփանակերտ", "ru"));
	assert_true(found(c, "Лачин", "en"));
	assert_true(found(c, "Լաչին", "en"));
	assert_true(found(c, "Гюмри", "gy"));       /* words from outside the archive */
	assert_true(found(c, "Գյումրի", "gy"));
	assert_false(found(c, "Гюмри", "en"));
	/* where it matched, and the word as it stands there */
	catalog_hit *hits;
	assert_int_equal(catalog_search(c, "Ստեփանակերտ", 0, &hits, &n), 0);
	for (int i = 0; i < n; i++) {
		assert_int_equal(hits[i].folded, 1);
		assert_true(hits[i].match_count >= 1);
		assert_string_equal(hits[i].matched[0].field, "text");
		assert_string_equal(hits[i].matched[0].form, !strcmp(hits[i].id, "en") ? "Stepanakert" : "Степанакерта");
		assert_non_null(strstr(hits[i].snippet, "["));
	}
	catalog_free_hits(hits, n);
	/* Within one document too: its passages in reading order. */
	assert_int_equal(catalog_search_within(c, "en", "Ստեփանակերտ", 0, &hits, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(hits[0].folded, 1);
	assert_string_equal(hits[0].matched[0].form, "Stepanakert");
	assert_non_null(strstr(hits[0].snippet, "[Stepanakert]"));
	catalog_free_hits(hits, n);
	catalog_close(c);
}

/* Snowball's stems: another form of a word finds it; the form typed first. */
static void test_other_forms_of_a_word_are_found_the_form_typed_first(void **state)
{
	char err[256];
	catalog *c = catalog_open(db_path, err);
	put(c, "base", "Карабах", "2020", "Карабах и Армения");
	put(c, "in", "В Карабахе", "2021", "Жизнь в Карабахе");
	put(c, "one", "A refugee", "2022", "One refugee speaks");
	put(c, "hy", "Հայերեն", "2022", "Ստեփանակերտում ապրող մարդիկ");
	int folded, n;
	assert_string_equal(first(c, "Карабахе", &folded, &n), "in");
	assert_int_equal(folded, 0);
	assert_int_equal(n, 2);
	assert_true(found(c, "Карабахе", "base"));
	assert_true(found(c, "refugees", "one"));
	assert_true(found(c, "Stepanakert", "hy")); /* "in Stepanakert", in Armenian */
	catalog_close(c);
}

/* A slip of the finger: a word in no passage is taken for the nearest word
 * of the index, and the hits say so; as typed, nothing. */
static void test_a_mistyped_word_is_taken_for_the_nearest_word_of_the_archive(void **state)
{
	char err[256];
	catalog *c = catalog_open(db_path, err);
	put(c, "en", "English", "2023", "The Lachin corridor was closed");
	put(c, "hy", "Հայերեն", "2023", "Վանաձորում բացվեց նոր դպրոց");
	catalog_hit *hits;
	int n;
	const char *typos[][2] = {{"lachn", "lachin"}, {"Лачн", "lachin"}, {"lacihn corridr", "lachin corridor"},
				  {"Վանաձր", "vanadzorum"}}; /* begun: "in Vanadzor" */
	for (int t = 0; t < 4; t++) {
		assert_int_equal(catalog_search(c, typos[t][0], 0, &hits, &n), 0);
		assert_int_equal(n, 1);
		assert_string_equal(hits[0].corrected, typos[t][1]);
		catalog_free_hits(hits, n);
	}
	assert_int_equal(catalog_search(c, "=lachn", 0, &hits, &n), 0); /* as typed */
	assert_int_equal(n, 0);
	assert_int_equal(catalog_search(c, "lachin", 0, &hits, &n), 0); /* nothing to correct */
	assert_int_equal(n, 1);
	assert_string_equal(hits[0].corrected, "");
	catalog_free_hits(hits, n);
	catalog_close(c);
}

/* The thesaurus: any name of a thing finds the documents that use another. */
static void test_every_name_of_a_thing_in_the_thesaurus_finds_the_others(void **state)
{
	char err[256];
	catalog *c = catalog_open(db_path, err);
	put(c, "nk", "Nagorno-Karabakh", "2023", "The exodus from Nagorno-Karabakh");
	put(c, "ber", "Berdzor", "2023", "The road through Berdzor");
	char *names[] = {"Artsakh", "Nagorno-Karabakh", "Нагорный Карабах", "Արցախ", "Լեռնային Ղարաբաղ",
			 "Lachin", "Berdzor", "Бердзор", "Լաչին"};
	int sets[] = {0, 0, 0, 0, 0, 1, 1, 1, 1};
	assert_false(found(c, "Արցախ", "nk"));
	assert_int_equal(catalog_begin(c), 0);
	assert_int_equal(catalog_set_names(c, names, sets, 9), 0);
	assert_int_equal(catalog_commit(c), 0);
	assert_true(found(c, "Արցախ", "nk"));
	assert_true(found(c, "Artsakh", "nk"));
	assert_true(found(c, "Լեռնային Ղարաբաղ", "nk"));
	assert_true(found(c, "Нагорный Карабах", "nk"));
	assert_true(found(c, "Lachin", "ber"));
	assert_false(found(c, "Lachin", "nk"));
	assert_false(found(c, "Artsakh", "ber"));
	catalog_close(c);
}

/* Schema 6 makes the folded index of an archive that has items already. */
static void test_migration_to_version_6_makes_an_existing_archive_searchable_from_any_script(void **state)
{
	char err[256];
	old_catalog(1, "INSERT INTO files VALUES ('a', 10);"
		       "INSERT INTO items(item_no, id, kind, title, date, file_sha256, doc_sha256, format, pages, reflowable, added)"
		       " VALUES (7, 'old-report', 'report', 'An Old Report', '2021', 'a', 'a', 'pdf', 2, 0, '2024-01-01T00:00:00Z');"
		       "INSERT INTO passages(item, seq, text) VALUES (7, 0, 'first page'), (7, 1, 'the Lachin corridor');");
	catalog *c = catalog_open_at(db_path, 5, err);
	assert_non_null(c);
	catalog_close(c);
	c = catalog_open(db_path, err);
	assert_non_null(c);
	assert_int_equal(catalog_version(c), CATALOG_VERSION);
	assert_true(found(c, "Լաչին", "old-report"));
	assert_true(found(c, "Лачин", "old-report"));
	char problem[256];
	assert_int_equal(catalog_check(c, problem), 0);
	catalog_close(c);
}

/* Schema 14 gives an existing archive's items their sources' translations
 * (none yet), keeping what schema 13 held; an item put afterwards keeps its
 * own, read back in the order of their languages. */
static void test_migration_to_version_14_keeps_the_summaries_and_takes_sources_in_languages(void **state)
{
	char err[256], problem[256];
	old_catalog(13, "INSERT INTO files VALUES ('a', 10);"
			"INSERT INTO items(item_no, id, kind, title, date, source, file_sha256, doc_sha256, format, pages, reflowable, added)"
			" VALUES (7, 'old-report', 'report', 'An Old Report', '2021', 'A blog', 'a', 'a', 'pdf', 1, 0, '2024-01-01T00:00:00Z');"
			"INSERT INTO item_summaries VALUES (7, 'ru', 'Старый доклад.');"
			"INSERT INTO passages(item, seq, text) VALUES (7, -1, ''), (7, 0, 'the Lachin corridor');");
	catalog *c = catalog_open(db_path, err);
	assert_non_null(c);
	assert_int_equal(catalog_version(c), CATALOG_VERSION);
	item it;
	assert_int_equal(catalog_get(c, "old-report", &it), 0);
	assert_int_equal(it.summary_count, 1);
	assert_string_equal(item_source_in(&it, "hy"), "A blog");
	assert_int_equal(it.source_count, 0);
	item_clear(&it);

	item fresh = {0};
	snprintf(fresh.id, sizeof fresh.id, "new-report");
	fresh.kind = KIND_REPORT;
	fresh.title = "A New Report";
	fresh.source = "A blog";
	item_text sources[] = {{"ru", "Блог"}, {"hy", "Բլոգ"}};
	fresh.sources = sources;
	fresh.source_count = 2;
	snprintf(fresh.sha256, sizeof fresh.sha256, "%064d", 1);
	snprintf(fresh.doc_sha256, sizeof fresh.doc_sha256, "%064d", 2);
	snprintf(fresh.format, sizeof fresh.format, "pdf");
	fresh.pages = 1;
	char *passages[] = {"the Lachin corridor again"};
	assert_int_equal(catalog_begin(c), 0);
	assert_int_equal(catalog_put(c, &fresh, passages, 1), 0);
	assert_int_equal(catalog_commit(c), 0);
	assert_int_equal(catalog_get(c, "new-report", &it), 0);
	assert_int_equal(it.source_count, 2);
	assert_string_equal(it.sources[0].lang, "hy");
	assert_string_equal(item_source_in(&it, "ru"), "Блог");
	assert_string_equal(item_source_in(&it, "en"), "A blog");
	item_clear(&it);
	assert_int_equal(catalog_check(c, problem), 0);
	catalog_close(c);
}

/* What a visitor may type or paste gets an answer, never an error. */
static void test_symbols_three_scripts_a_long_paste_and_a_huge_word_get_an_answer(void **state)
{
	char err[256];
	catalog *c = catalog_open(db_path, err);
	put(c, "en", "English", "2023", "The Lachin corridor was closed");
	int n;
	first(c, "!@#$%^&*() «» — …", NULL, &n);
	assert_int_equal(n, 0);
	assert_string_equal(first(c, "Лачин Lachin Լաչին", NULL, &n), "en");
	char *paste = malloc(10001);
	for (int i = 0; i < 10000; i++)
		paste[i] = "corridor Lachin, "[i % 17];
	paste[10000] = 0;
	assert_string_equal(first(c, paste, NULL, &n), "en");
	for (int i = 0; i < 10000; i++)
		paste[i] = (char)('a' + i % 26);
	first(c, paste, NULL, &n); /* one word longer than any in the index */
	assert_int_equal(n, 0);
	free(paste);
	catalog_close(c);
}

/* Replacing and withdrawing keep the two indexes in step. */
static void test_replaced_and_withdrawn_items_leave_the_folded_index_whole(void **state)
{
	char err[256], problem[256];
	catalog *c = catalog_open(db_path, err);
	put(c, "a", "One", "2023", "Степанакерт");
	put(c, "a", "One", "2023", "Ереван");
	put(c, "b", "Two", "2023", "Stepanakert");
	assert_false(found(c, "Stepanakert", "a"));
	assert_true(found(c, "Yerevan", "a"));
	assert_int_equal(catalog_begin(c), 0);
	assert_int_equal(catalog_withdraw(c, "b", "test"), 0);
	assert_int_equal(catalog_commit(c), 0);
	assert_false(found(c, "Степанакерт", "b"));
	assert_int_equal(catalog_check(c, problem), 0);
	catalog_close(c);
}

/* An index folded by another ICU (or other rules) cannot have its rows
 * taken out again: it is made anew when the catalogue is opened. */
static void test_a_folded_index_made_by_another_icu_is_made_again(void **state)
{
	char err[256], problem[256];
	catalog *c = catalog_open(db_path, err);
	put(c, "en", "English", "2023", "The Lachin corridor");
	catalog_close(c);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "INSERT INTO search_folded(search_folded) VALUES ('delete-all');"
				      "UPDATE settings SET value = '0 icu 1.0' WHERE key = 'fold_version'", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	c = catalog_open(db_path, err);
	assert_non_null(c);
	assert_true(found(c, "Лачин", "en"));
	put(c, "en", "English", "2023", "The Lachin corridor, again");
	assert_int_equal(catalog_check(c, problem), 0);
	char *by = catalog_get_setting(c, "fold_version");
	assert_string_equal(by, fold_version());
	free(by);
	catalog_close(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_a_new_catalogue_is_at_the_latest_version_in_wal_mode, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_migration_from_version_1_keeps_items_and_makes_them_searchable, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_search_within_an_item_gives_its_passages_in_order, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_an_item_with_the_same_id_is_replaced, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_partial_dates_sort_newest_first_and_undated_last, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_search_folds_case_and_accents_in_three_scripts, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_word_of_one_letter_is_not_searched, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_title_match_comes_first_among_thousands_of_passages, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_withdrawn_items_leave_the_list_and_search, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_the_newest_arrivals_and_the_counts_come_without_the_whole_list, setup,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_rolled_back_change_leaves_the_catalogue_as_it_was, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_word_of_a_rolled_back_import_is_found_when_it_comes_again, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_file_that_is_not_a_database_is_refused_unchanged, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_name_typed_in_any_script_finds_the_others_own_script_first, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_other_forms_of_a_word_are_found_the_form_typed_first, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_mistyped_word_is_taken_for_the_nearest_word_of_the_archive, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_every_name_of_a_thing_in_the_thesaurus_finds_the_others, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_migration_to_version_6_makes_an_existing_archive_searchable_from_any_script, setup,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_migration_to_version_14_keeps_the_summaries_and_takes_sources_in_languages, setup,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_symbols_three_scripts_a_long_paste_and_a_huge_word_get_an_answer, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_replaced_and_withdrawn_items_leave_the_folded_index_whole, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_folded_index_made_by_another_icu_is_made_again, setup, teardown_test_dir),
	};
	return cmocka_run_group_tests_name("catalogue", tests, NULL, NULL);
}
