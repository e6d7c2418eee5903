/* The HISHATAK_* settings: their defaults, a value in range, one out of
 * range or malformed (the default, and a line that says so), and `hishatak
 * help env` listing every one. */
#include "helpers.h"
#include "core/config.h"

static char out[1 << 16];

static void unset_all(void)
{
	for (int k = 0; k < CONFIG_COUNT; k++)
		unsetenv(config_name((config_key)k));
	config_reload();
}

static void test_unset_settings_have_their_defaults(void **state)
{
	unset_all();
	assert_string_equal(config_string(CONFIG_ASSETS), "");
	assert_string_equal(config_string(CONFIG_SYSTEM_NOTES), "");
	assert_int_equal(config_int(CONFIG_CHECK_LAYOUT), 0);
	assert_int_equal(config_int(CONFIG_PAGE_CACHE_MB), 0); /* automatic */
	assert_int_equal(config_int(CONFIG_RENDER_WORKERS), 0); /* automatic */
	assert_int_equal(config_int(CONFIG_RENDER_TIMEOUT_MS), 15000);
	assert_int_equal(config_int(CONFIG_PAGE_TIME_LIMIT_MS), 8000);
	assert_int_equal(config_int(CONFIG_DOC_MEMORY_MB), 384);
	assert_int_equal(config_int(CONFIG_READ_TIMEOUT_MS), 60000);
	setenv("HISHATAK_DOC_MEMORY_MB", "", 1); /* empty is unset */
	config_reload();
	assert_int_equal(config_int(CONFIG_DOC_MEMORY_MB), 384);
	unset_all();
}

static void test_a_value_in_range_is_taken(void **state)
{
	setenv("HISHATAK_RENDER_WORKERS", "2", 1);
	setenv("HISHATAK_DOC_MEMORY_MB", "4096", 1); /* the end of the range */
	setenv("HISHATAK_CHECK_LAYOUT", "1", 1);
	setenv("HISHATAK_ASSETS", "/opt/hishatak/assets", 1);
	config_reload();
	assert_int_equal(config_int(CONFIG_RENDER_WORKERS), 2);
	assert_int_equal(config_int(CONFIG_DOC_MEMORY_MB), 4096);
	assert_int_equal(config_int(CONFIG_CHECK_LAYOUT), 1);
	assert_string_equal(config_string(CONFIG_ASSETS), "/opt/hishatak/assets");
	unset_all();
}

static void test_a_value_out_of_range_or_malformed_gives_the_default(void **state)
{
	setenv("HISHATAK_RENDER_WORKERS", "5", 1);
	setenv("HISHATAK_DOC_MEMORY_MB", "0", 1);
	setenv("HISHATAK_RENDER_TIMEOUT_MS", "1500ms", 1);
	setenv("HISHATAK_READ_TIMEOUT_MS", "99999999999999999999", 1);
	setenv("HISHATAK_CHECK_LAYOUT", "yes", 1);
	config_reload();
	assert_int_equal(config_int(CONFIG_RENDER_WORKERS), 0);
	assert_int_equal(config_int(CONFIG_DOC_MEMORY_MB), 384);
	assert_int_equal(config_int(CONFIG_RENDER_TIMEOUT_MS), 15000);
	assert_int_equal(config_int(CONFIG_READ_TIMEOUT_MS), 60000);
	assert_int_equal(config_int(CONFIG_CHECK_LAYOUT), 0);
	unset_all();
}

static void test_the_program_says_which_value_it_did_not_take(void **state)
{
	skip_unless_the_program_runs();
	assert_int_equal(run("HISHATAK_RENDER_WORKERS=9 " HISHATAK " help env 2>&1 >/dev/null", out, sizeof out), 0);
	assert_string_equal(out, "hishatak: HISHATAK_RENDER_WORKERS=\"9\" is not a whole number from 0 to 4: using the default, 0\n");
	assert_int_equal(run("HISHATAK_RENDER_WORKERS=2 " HISHATAK " help env 2>&1 >/dev/null", out, sizeof out), 0);
	assert_string_equal(out, "");
}

static void test_help_env_lists_every_setting_with_its_default(void **state)
{
	skip_unless_the_program_runs();
	unset_all();
	assert_int_equal(run(HISHATAK " help env", out, sizeof out), 0);
	assert_int_equal(count(out, "\nHISHATAK_"), CONFIG_COUNT);
	const char *strings[] = {"HISHATAK_ASSETS", "HISHATAK_SYSTEM_NOTES", "HISHATAK_SOFFICE"};
	for (int k = 0; k < CONFIG_COUNT; k++) {
		char line[128];
		int is_string = 0;
		for (size_t i = 0; i < sizeof strings / sizeof *strings; i++)
			is_string |= strcmp(config_name((config_key)k), strings[i]) == 0;
		if (is_string)
			snprintf(line, sizeof line, "\n%-28s unset ", config_name((config_key)k));
		else
			snprintf(line, sizeof line, "\n%-28s %-8d ", config_name((config_key)k), config_int((config_key)k));
		if (!strstr(out, line))
			fail_msg("help env has no line \"%s\":\n%s", line + 1, out);
	}
	const char *knobs[] = {"HISHATAK_ASSETS", "HISHATAK_CHECK_LAYOUT", "HISHATAK_SYSTEM_NOTES",
			       "HISHATAK_PAGE_CACHE_MB", "HISHATAK_RENDER_WORKERS", "HISHATAK_RENDER_TIMEOUT_MS",
			       "HISHATAK_PAGE_TIME_LIMIT_MS", "HISHATAK_DOC_MEMORY_MB", "HISHATAK_READ_TIMEOUT_MS",
			       "HISHATAK_SOFFICE"};
	for (size_t i = 0; i < sizeof knobs / sizeof *knobs; i++)
		assert_non_null(strstr(out, knobs[i]));
	assert_int_equal(run(HISHATAK " help", out, sizeof out), 0);
	assert_non_null(strstr(out, "help env"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unset_settings_have_their_defaults),
		cmocka_unit_test(test_a_value_in_range_is_taken),
		cmocka_unit_test(test_a_value_out_of_range_or_malformed_gives_the_default),
		cmocka_unit_test(test_the_program_says_which_value_it_did_not_take),
		cmocka_unit_test(test_help_env_lists_every_setting_with_its_default),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
