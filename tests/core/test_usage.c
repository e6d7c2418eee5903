/* The anonymous usage counts: what the kiosk tells, summed a day into a
 * real catalogue file, and nothing that could tell one visitor's path. */
#include "helpers.h"
#include "core/catalog.h"
#include "core/catalog_usage.h"
#include "core/usage.h"

#include <sqlite3.h>
#include <time.h>

static char db_path[300];

static int setup(void **state)
{
	setup_test_dir(state);
	snprintf(db_path, sizeof db_path, "%s/catalog.db", test_dir);
	return 0;
}

/* The row (day, what, key) as "count/seconds", or "none". */
static const char *row(catalog *c, const char *day, const char *what, const char *key)
{
	static char out[64];
	catalog_usage_row *rows;
	int n;
	char err[256];
	assert_int_equal(catalog_usage_rows(c, &rows, &n, err), 0);
	snprintf(out, sizeof out, "none");
	for (int i = 0; i < n; i++)
		if (strcmp(rows[i].day, day) == 0 && strcmp(rows[i].what, what) == 0 && strcmp(rows[i].key, key) == 0)
			snprintf(out, sizeof out, "%lld/%lld", rows[i].count, rows[i].seconds);
	free(rows);
	return out;
}

static int row_count(catalog *c)
{
	catalog_usage_row *rows;
	int n;
	char err[256];
	assert_int_equal(catalog_usage_rows(c, &rows, &n, err), 0);
	free(rows);
	return n;
}

static void test_a_reading_counts_once_with_its_seconds_to_the_last_touch(void **state)
{
	char err[256];
	catalog *c = catalog_open(db_path, err);
	assert_non_null(c);
	usage *u = usage_new();
	usage_open(u, "report-a", 1000);
	usage_open(u, "report-a", 5000);     /* its cover, then its reader: the same reading */
	usage_close(u, 1000 + 65500);        /* the last touch, 65.5 s in */
	usage_open(u, "report-b", 70000);
	usage_open(u, "report-a", 80000);    /* another document ends b's reading: 10 s */
	usage_close(u, 79000);               /* a last touch before the opening: nothing read */
	assert_int_equal(usage_flush(u, c, "2026-12-01", 90000, err), 0);
	assert_string_equal(row(c, "2026-12-01", "open", "report-a"), "2/65");
	assert_string_equal(row(c, "2026-12-01", "open", "report-b"), "1/10");
	/* Back to the search it came from: paused; the same document again
	 * from there goes on with the same reading, another is another. */
	usage_open(u, "report-c", 200000);
	usage_pause(u, 203000);
	usage_open(u, "report-c", 260000);
	usage_close(u, 262000);
	usage_open(u, "report-d", 300000);
	usage_pause(u, 301000);
	usage_open(u, "report-c", 302000);
	usage_close(u, 302000);
	assert_int_equal(usage_flush(u, c, "2026-11-30", 0, err), 0);
	assert_string_equal(row(c, "2026-11-30", "open", "report-c"), "2/5");
	assert_string_equal(row(c, "2026-11-30", "open", "report-d"), "1/1");
	/* A second flush adds to the day's rows, another day has its own. */
	usage_open(u, "report-a", 100000);
	assert_int_equal(usage_flush(u, c, "2026-12-01", 130000, err), 0); /* still open: 30 s so far */
	usage_close(u, 145000);
	assert_int_equal(usage_flush(u, c, "2026-12-02", 150000, err), 0);
	assert_string_equal(row(c, "2026-12-01", "open", "report-a"), "3/95");
	assert_string_equal(row(c, "2026-12-02", "open", "report-a"), "0/15");
	usage_free(u);
	catalog_close(c);
}

static void test_a_search_typed_letter_by_letter_counts_once_with_its_words_that_found_nothing(void **state)
{
	char err[256];
	catalog *c = catalog_open(db_path, err);
	usage *u = usage_new();
	const char *typed[] = {"ka", "kar", "kara", "karab", "karabakh"};
	for (int i = 0; i < 5; i++)
		usage_search(u, typed[i], 3);
	usage_search(u, "karaba", 3);        /* a letter taken back: the same search */
	usage_search(u, "Shushi Zzqx", 0);   /* another search, found nothing */
	usage_search(u, "", 0);              /* cleared */
	usage_search(u, "=lachin", 2);
	usage_listen(u, "report-a");
	usage_lang(u, "hy");
	usage_lang(u, "hy");
	assert_int_equal(usage_flush(u, c, "2026-12-01", 0, err), 0);
	assert_string_equal(row(c, "2026-12-01", "search", "found"), "2/0");
	assert_string_equal(row(c, "2026-12-01", "search", "nothing"), "1/0");
	assert_string_equal(row(c, "2026-12-01", "miss", "shushi"), "1/0");
	assert_string_equal(row(c, "2026-12-01", "miss", "zzqx"), "1/0");
	assert_string_equal(row(c, "2026-12-01", "miss", "karabakh"), "none");
	assert_string_equal(row(c, "2026-12-01", "listen", "report-a"), "1/0");
	assert_string_equal(row(c, "2026-12-01", "lang", "hy"), "2/0");
	usage_free(u);
	catalog_close(c);
}

static void test_the_words_that_found_nothing_are_bounded_a_day(void **state)
{
	char err[256], word[64];
	catalog *c = catalog_open(db_path, err);
	usage *u = usage_new();
	for (int i = 0; i < USAGE_MISSES_A_DAY + 50; i++) {
		snprintf(word, sizeof word, "w%dx", i);
		usage_search(u, word, 0);
		usage_search(u, "", 0);
	}
	/* A long word is kept short, cut between letters (Armenian: two bytes each). */
	usage_search(u, "Ստեփանակերտստեփանակերտստեփանակերտ", 0);
	assert_int_equal(usage_flush(u, c, "2026-12-01", 0, err), 0);
	assert_int_equal(row_count(c), USAGE_MISSES_A_DAY + 2); /* the words, the others, the searches */
	assert_string_equal(row(c, "2026-12-01", "miss", USAGE_OTHER_WORDS), "51/0");
	assert_string_equal(row(c, "2026-12-01", "miss", "w0x"), "1/0");
	/* Another day has room again. */
	usage_search(u, "Ստեփանակերտստեփանակերտստեփանակերտ", 0);
	assert_int_equal(usage_flush(u, c, "2026-12-02", 0, err), 0);
	assert_string_equal(row(c, "2026-12-02", "miss", "Ստեփանակերտստեփան"), "none");
	assert_string_equal(row(c, "2026-12-02", "miss", "Ստեփանակերտստեփա"), "1/0"); /* 16 letters, 32 bytes */
	usage_free(u);
	catalog_close(c);
}

static void test_the_counts_keep_no_time_order_or_path_of_a_visitor(void **state)
{
	char err[256];
	catalog *c = catalog_open(db_path, err);
	usage *u = usage_new();
	/* Two visitors: a then b, and b then a. */
	usage_open(u, "report-a", 0);
	usage_open(u, "report-b", 10000);
	usage_close(u, 20000);
	usage_open(u, "report-b", 30000);
	usage_open(u, "report-a", 40000);
	usage_close(u, 50000);
	assert_int_equal(usage_flush(u, c, "2026-12-01", 50000, err), 0);
	usage_free(u);
	catalog_close(c);

	sqlite3 *db;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
	/* The table's columns are the day's sums alone, and it has no rowid
	 * whose order would say which row came first. */
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT group_concat(name, ',') FROM pragma_table_info('usage')", -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "day,what,key,count,seconds");
	sqlite3_finalize(st);
	assert_int_not_equal(sqlite3_prepare_v2(db, "SELECT rowid FROM usage", -1, &st, NULL), SQLITE_OK);
	sqlite3_finalize(st);
	/* One row a document, whatever the order they were read in. */
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*), sum(count) FROM usage WHERE what = 'open'", -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 2);
	assert_int_equal(sqlite3_column_int(st, 1), 4);
	sqlite3_finalize(st);
	/* No other table holds anything of it. */
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master WHERE sql LIKE '%usage%'", -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 1);
	sqlite3_finalize(st);
	sqlite3_close(db);
}

static void test_migration_to_the_current_version_keeps_the_archive_and_adds_the_counts(void **state)
{
	char err[256];
	catalog *c = catalog_open_at(db_path, 8, err);
	assert_non_null(c);
	assert_int_equal(catalog_begin(c), 0);
	assert_int_equal(catalog_set(c, "archive", "artsakh-archive"), 0);
	assert_int_equal(catalog_commit(c), 0);
	catalog_close(c);
	c = catalog_open(db_path, err);
	assert_non_null(c);
	assert_int_equal(catalog_version(c), CATALOG_VERSION);
	char *archive = catalog_get_setting(c, "archive");
	assert_string_equal(archive, "artsakh-archive");
	free(archive);
	assert_int_equal(row_count(c), 0);
	usage *u = usage_new();
	usage_lang(u, "ru");
	assert_int_equal(usage_flush(u, c, "2026-12-01", 0, err), 0);
	assert_string_equal(row(c, "2026-12-01", "lang", "ru"), "1/0");
	usage_free(u);
	catalog_close(c);
}

/* The kiosk flushes on its UI thread: while an import writes (another
 * connection's transaction) it must not wait, and loses nothing. */
static void test_a_flush_during_an_import_returns_at_once_and_keeps_the_counts(void **state)
{
	char err[256];
	catalog *kiosk = catalog_open(db_path, err), *import = catalog_open(db_path, err);
	assert_non_null(kiosk);
	assert_non_null(import);
	usage *u = usage_new();
	usage_lang(u, "hy");
	assert_int_equal(catalog_begin(import), 0);
	assert_int_equal(catalog_set(import, "last_sequence", "7"), 0);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(usage_flush(u, kiosk, "2026-12-01", 0, err), 1);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	assert_true((t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000 < 1000); /* not the 5 s timeout */
	assert_int_equal(catalog_commit(import), 0);
	assert_int_equal(usage_flush(u, kiosk, "2026-12-01", 0, err), 0);
	assert_string_equal(row(kiosk, "2026-12-01", "lang", "hy"), "1/0");
	usage_free(u);
	catalog_close(import);
	catalog_close(kiosk);
}

static void test_repair_keeps_the_counts(void **state)
{
	char err[256];
	catalog *c = catalog_open(db_path, err);
	assert_int_equal(catalog_begin(c), 0);
	assert_int_equal(catalog_set(c, "archive", "artsakh-archive"), 0);
	assert_int_equal(catalog_commit(c), 0);
	usage *u = usage_new();
	usage_open(u, "report-a", 0);
	usage_close(u, 12000);
	assert_int_equal(usage_flush(u, c, "2026-12-01", 12000, err), 0);
	usage_free(u);
	catalog_close(c);
	catalog_repair_report r;
	assert_int_equal(catalog_repair(db_path, &r, err), 0);
	c = catalog_open(db_path, err);
	assert_non_null(c);
	assert_string_equal(row(c, "2026-12-01", "open", "report-a"), "1/12");
	catalog_close(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_a_reading_counts_once_with_its_seconds_to_the_last_touch, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_search_typed_letter_by_letter_counts_once_with_its_words_that_found_nothing,
						setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_the_words_that_found_nothing_are_bounded_a_day, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_the_counts_keep_no_time_order_or_path_of_a_visitor, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_migration_to_the_current_version_keeps_the_archive_and_adds_the_counts, setup,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_flush_during_an_import_returns_at_once_and_keeps_the_counts, setup,
						teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_repair_keeps_the_counts, setup, teardown_test_dir),
	};
	return cmocka_run_group_tests_name("usage", tests, NULL, NULL);
}
