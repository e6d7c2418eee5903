/* Dates, numbers, plurals and quotes in the visitor's language
 * (app/core/localize.c, through ICU). */
#include "helpers.h"
#include "core/localize.h"

static void expect_date(const char *lang, const char *iso, const char *want)
{
	char got[128];
	localize_date(lang, iso, got, sizeof got);
	if (strcmp(got, want) != 0)
		fail_msg("%s %s: expected \"%s\", got \"%s\"", lang, iso, want, got);
}

static void test_a_day_takes_the_month_in_the_genitive(void **state)
{
	expect_date("ru", "2023-09-28", "28 сентября 2023\u202fг.");
	expect_date("hy", "2023-09-28", "28 սեպտեմբերի, 2023 թ.");
	expect_date("en", "2023-09-28", "September 28, 2023");
	/* a month alone is named as it stands */
	expect_date("ru", "2023-09", "сентябрь 2023\u202fг.");
	expect_date("en", "2023-09", "September 2023");
	expect_date("ru", "2023", "2023");
}

static void test_what_is_not_an_archive_date_is_shown_as_it_is(void **state)
{
	expect_date("ru", "2023-13-01", "2023-13-01");
	expect_date("ru", "2023-02-30", "2023-02-30");
	expect_date("hy", "spring 2023", "spring 2023");
	expect_date("en", "", "");
}

static void test_plural_forms_follow_each_language(void **state)
{
	assert_string_equal(localize_plural("ru", 1), "one");
	assert_string_equal(localize_plural("ru", 21), "one");
	assert_string_equal(localize_plural("ru", 3), "few");
	assert_string_equal(localize_plural("ru", 12), "many");
	assert_string_equal(localize_plural("ru", 25), "many");
	assert_string_equal(localize_plural("en", 1), "one");
	assert_string_equal(localize_plural("en", 21), "other");
	assert_string_equal(localize_plural("hy", 2), "other");
}

static void test_numbers_and_quotes_as_each_language_writes_them(void **state)
{
	char got[64];
	localize_number("en", 12345, got, sizeof got);
	assert_string_equal(got, "12,345");
	localize_number("ru", 12345, got, sizeof got);
	assert_string_equal(got, "12\u00a0345");
	localize_tenths("en", 78.94, got, sizeof got);
	assert_string_equal(got, "78.9");
	localize_tenths("ru", 78.94, got, sizeof got);
	assert_string_equal(got, "78,9");
	localize_quote("ru", "караб", got, sizeof got);
	assert_string_equal(got, "«караб»");
	localize_quote("hy", "Արցախ", got, sizeof got);
	assert_string_equal(got, "«Արցախ»");
	localize_quote("en", "Artsakh", got, sizeof got);
	assert_string_equal(got, "“Artsakh”");
}

/* The date and time Admin shows while staff set the clock: in the
 * staff member's language, the month in the case a day takes, 24 hours. */
static void test_a_date_and_time_of_day_as_each_language_writes_them(void **state)
{
	setenv("TZ", "UTC", 1); /* before ICU first looks at this machine's zone */
	tzset();
	const char *langs[] = {"en", "hy", "ru"}, *months[] = {"December", "դեկտեմբերի", "декабря"};
	for (int i = 0; i < 3; i++) {
		char out[128];
		localize_datetime(langs[i], 1796290200, out, sizeof out); /* 2026-12-02 09:30 UTC */
		assert_non_null(strstr(out, "2026"));
		assert_non_null(strstr(out, "09:30"));
		assert_non_null(strstr(out, months[i]));
		assert_null(strstr(out, "AM"));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_day_takes_the_month_in_the_genitive),
		cmocka_unit_test(test_what_is_not_an_archive_date_is_shown_as_it_is),
		cmocka_unit_test(test_plural_forms_follow_each_language),
		cmocka_unit_test(test_numbers_and_quotes_as_each_language_writes_them),
		cmocka_unit_test(test_a_date_and_time_of_day_as_each_language_writes_them),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
