/* Spreadsheet dates (app/core/dates.c): every form that says one date is
 * read, one whose day and month could be swapped is refused with both. */
#include "helpers.h"
#include "core/dates.h"

static void expect(const char *cell, int rc, const char *iso)
{
	char got[11], why[512];
	int r = dates_parse(cell, got, why);
	if (r != rc || strcmp(got, iso) != 0)
		fail_msg("\"%s\": expected %d \"%s\", got %d \"%s\" (%s)", cell, rc, iso, r, got, r < 0 ? why : "");
}

static void test_unambiguous_forms_are_read(void **state)
{
	expect("2023", DATES_OK, "2023");
	expect("2023-06", DATES_OK, "2023-06");
	expect("2023-06-01", DATES_OK, "2023-06-01");
	expect(" 10/10/2023 ", DATES_OK, "2023-10-10");
	expect("13/06/2023", DATES_OK, "2023-06-13");  /* only the day can be 13 */
	expect("06/13/2023", DATES_OK, "2023-06-13");
	expect("28.09.2023", DATES_OK, "2023-09-28");  /* dots: the day first, everywhere */
	expect("01.06.2023", DATES_OK, "2023-06-01");
	expect("2023/09/28", DATES_OK, "2023-09-28");
	expect("06/2023", DATES_OK, "2023-06");
	expect("June 2023", DATES_OK, "2023-06");
	expect("Sept 2023", DATES_OK, "2023-09");
	expect("12 June 2023", DATES_OK, "2023-06-12");
	expect("June 12, 2023", DATES_OK, "2023-06-12");
	expect("12-Jun-2023", DATES_OK, "2023-06-12");
	expect("1st May 2023", DATES_OK, "2023-05-01");
	expect("2023-10-10 00:00:00", DATES_OK, "2023-10-10");
	expect("20231010", DATES_OK, "2023-10-10");
}

static void test_a_date_cell_saved_as_its_number_is_read(void **state)
{
	expect("45209", DATES_SERIAL, "2023-10-10");
	expect("44927", DATES_SERIAL, "2023-01-01");
	expect("36526", DATES_SERIAL, "2000-01-01");
	expect("45351", DATES_SERIAL, "2024-02-29");
}

static void test_ambiguous_and_impossible_dates_are_refused_with_advice(void **state)
{
	char iso[11], why[512];
	assert_int_equal(dates_parse("01/06/2023", iso, why), -1);
	assert_string_equal(iso, "");
	assert_non_null(strstr(why, "\"01/06/2023\" could be 2023-06-01 (day first) or 2023-01-06 (month first)"));
	assert_non_null(strstr(why, "YYYY-MM-DD"));
	assert_int_equal(dates_parse("10/10/23", iso, why), -1);
	assert_non_null(strstr(why, "write the year in full"));
	assert_int_equal(dates_parse("31/02/2023", iso, why), -1);
	assert_non_null(strstr(why, "not a real date"));
	assert_int_equal(dates_parse("soon", iso, why), -1);
	assert_non_null(strstr(why, "not a date Hishatak can read"));
	assert_int_equal(dates_parse("1/2/3/4", iso, why), -1);
	assert_int_equal(dates_parse("May", iso, why), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unambiguous_forms_are_read),
		cmocka_unit_test(test_a_date_cell_saved_as_its_number_is_read),
		cmocka_unit_test(test_ambiguous_and_impossible_dates_are_refused_with_advice),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
