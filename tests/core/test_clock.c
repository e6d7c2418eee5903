/* The clock's plausibility against a real catalogue: before the build,
 * or before the newest import in the log, the clock cannot be right. */
#include "helpers.h"
#include "core/clock.h"

#include <sqlite3.h>

static char dir[256], path[300];
static catalog *c;

static int setup(void **state)
{
	char err[256];
	temp_dir(dir);
	snprintf(path, sizeof path, "%s/catalog.db", dir);
	c = catalog_open(path, err);
	return c ? 0 : -1;
}

static int teardown(void **state)
{
	catalog_close(c);
	remove_dir(dir);
	return 0;
}

/* The newest log row's time, as if the clock had said it at that import. */
static void set_log_time(const char *when)
{
	catalog_log_entry e = {0};
	snprintf(e.source, sizeof e.source, "/media/stick/test-1");
	snprintf(e.result, sizeof e.result, "applied");
	e.sequence = 1;
	assert_int_equal(catalog_begin(c), 0);
	assert_int_equal(catalog_log_add(c, &e), 0);
	assert_int_equal(catalog_commit(c), 0);
	sqlite3 *db;
	char sql[200];
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	snprintf(sql, sizeof sql, "UPDATE import_log SET time = '%s'", when);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static void test_the_clock_now_is_plausible_and_one_before_the_build_is_not(void **state)
{
	time_t floor = clock_floor(c);
	assert_true(clock_plausible(time(NULL), floor));
	assert_false(clock_plausible(946684800, floor)); /* 2000-01-01: a Pi booted without time */
	assert_true(floor > 1700000000);                 /* the build's day, 2023 or later */
	assert_int_equal(clock_floor(NULL), floor);
}

static void test_a_clock_before_the_last_import_is_not_plausible(void **state)
{
	set_log_time("2030-06-01T12:00:00Z");
	assert_false(clock_plausible(time(NULL), clock_floor(c)));
	char text[32];
	clock_format(clock_floor(c), text);
	assert_string_equal(text, "2030-06-01 12:00 UTC");
}

static void test_one_import_under_a_clock_far_ahead_is_not_believed(void **state)
{
	set_log_time("2099-06-01T12:00:00Z");
	assert_true(clock_plausible(time(NULL), clock_floor(c)));
}

/* Admin's date and time set by hand is a request in the data folder,
 * for the system's service; the clock of the machine is not touched. */
static void test_a_time_set_by_hand_is_a_request_in_the_data_folder(void **state)
{
	char err[256];
	assert_int_equal(clock_requested(dir), 0);
	time_t before = time(NULL);
	assert_int_equal(clock_request_set(dir, 1796290200, err), 0);
	assert_int_equal(clock_requested(dir), 1796290200);
	assert_true(time(NULL) - before < 5); /* this machine's clock as it was */
	assert_int_equal(clock_request_set(dir, 1796290260, err), 0); /* a second replaces the first */
	assert_int_equal(clock_requested(dir), 1796290260);
	assert_int_not_equal(clock_request_set("/nonexistent/folder", 1796290200, err), 0);
	assert_true(err[0] != 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_the_clock_now_is_plausible_and_one_before_the_build_is_not, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_clock_before_the_last_import_is_not_plausible, setup, teardown),
		cmocka_unit_test_setup_teardown(test_one_import_under_a_clock_far_ahead_is_not_believed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_time_set_by_hand_is_a_request_in_the_data_folder, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
