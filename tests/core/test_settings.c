/* Kiosk settings in a real catalogue: defaults, round trip, screen hours,
 * and the PIN kept only as a hash. */
#include "helpers.h"
#include "core/settings.h"

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

static void test_a_new_catalogue_has_the_defaults(void **state)
{
	kiosk_settings s;
	settings_load(c, &s);
	assert_int_equal(s.idle_seconds, 180);
	assert_int_equal(s.attract_seconds, 60);
	assert_int_equal(s.large_text, 0);
	assert_int_equal(s.volume, 80);
	assert_string_equal(s.sound_output, "");
	assert_true(settings_screen_on(&s, 3));
}

static void test_settings_survive_reopening_and_bad_values_fall_back(void **state)
{
	kiosk_settings s;
	settings_load(c, &s);
	s.idle_seconds = 300;
	s.on_hour = 9;
	s.off_hour = 18;
	s.large_text = 1;
	s.volume = 40;
	snprintf(s.sound_output, sizeof s.sound_output, "%s", "bcm2835 Headphones");
	assert_int_equal(settings_save(c, &s), 0);
	catalog_close(c);
	char err[256];
	c = catalog_open(path, err);
	kiosk_settings t;
	settings_load(c, &t);
	assert_int_equal(t.idle_seconds, 300);
	assert_int_equal(t.on_hour, 9);
	assert_int_equal(t.large_text, 1);
	assert_int_equal(t.volume, 40);
	assert_string_equal(t.sound_output, "bcm2835 Headphones");
	catalog_begin(c);
	catalog_set(c, "kiosk.idle_seconds", "banana");
	catalog_commit(c);
	settings_load(c, &t);
	assert_int_equal(t.idle_seconds, 180);
}

static void test_screen_hours_within_a_day_and_across_midnight(void **state)
{
	kiosk_settings s = {180, 60, 9, 18, 0};
	assert_false(settings_screen_on(&s, 8));
	assert_true(settings_screen_on(&s, 9));
	assert_true(settings_screen_on(&s, 17));
	assert_false(settings_screen_on(&s, 18));
	s.on_hour = 20;
	s.off_hour = 2;
	assert_true(settings_screen_on(&s, 23));
	assert_true(settings_screen_on(&s, 1));
	assert_false(settings_screen_on(&s, 12));
}

static void test_the_pin_is_checked_and_stored_only_hashed(void **state)
{
	char why[256];
	assert_true(settings_pin_is_default(c));
	assert_int_equal(settings_check_pin(c, SETTINGS_DEFAULT_PIN, why), 1);
	assert_int_equal(settings_check_pin(c, "1234", why), 0);
	assert_int_equal(settings_set_pin(c, "12"), -1);     /* too short */
	assert_int_equal(settings_set_pin(c, "12a4"), -1);   /* not digits */
	assert_int_equal(settings_set_pin(c, "482916"), 0);
	assert_false(settings_pin_is_default(c));
	assert_int_equal(settings_check_pin(c, "482916", why), 1);
	assert_int_equal(settings_check_pin(c, SETTINGS_DEFAULT_PIN, why), 0);
	assert_int_equal(settings_check_pin(c, "482917", why), 0);
	char *h = catalog_get_setting(c, "kiosk.pin_hash");
	assert_non_null(h);
	assert_null(strstr(h, "482916"));
	assert_non_null(strstr(h, "$argon2id$"));
	free(h);
}

/* Noise over the page of the settings table (found with SQLite's dbstat). */
static void damage_settings_page(void)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT pageno FROM dbstat WHERE name = 'settings'", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	long pageno = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	FILE *f = fopen(path, "r+b");
	assert_non_null(f);
	unsigned char noise[4096];
	for (size_t i = 0; i < sizeof noise; i++)
		noise[i] = (unsigned char)(i * 37 + 11);
	assert_int_equal(fseek(f, (pageno - 1) * 4096, SEEK_SET), 0);
	assert_int_equal(fwrite(noise, 1, sizeof noise, f), sizeof noise);
	fclose(f);
}

/* Only a PIN row known to be absent means "not set": a settings page that
 * cannot be read, or no catalogue at all, makes every PIN wrong, 0000 too,
 * with the reason for staff. */
static void test_a_pin_that_cannot_be_read_lets_no_pin_in(void **state)
{
	char why[256] = "", err[256];
	catalog_close(c);
	damage_settings_page();
	c = catalog_open(path, err);
	assert_non_null(c);
	assert_int_equal(settings_check_pin(c, SETTINGS_DEFAULT_PIN, why), -1);
	if (!strstr(why, "malformed"))
		fail_msg("why: %s", why);
	assert_false(settings_pin_is_default(c));
	assert_int_equal(settings_pin_state(c, why), SETTINGS_PIN_UNREADABLE);
	assert_int_equal(settings_check_pin(NULL, SETTINGS_DEFAULT_PIN, why), -1);
	assert_non_null(strstr(why, "could not be opened"));
	assert_false(settings_pin_is_default(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_a_new_catalogue_has_the_defaults, setup, teardown),
		cmocka_unit_test_setup_teardown(test_settings_survive_reopening_and_bad_values_fall_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_screen_hours_within_a_day_and_across_midnight, setup, teardown),
		cmocka_unit_test_setup_teardown(test_the_pin_is_checked_and_stored_only_hashed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_pin_that_cannot_be_read_lets_no_pin_in, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
