/* The archive's thesaurus: names.csv and bundle.json's "names", read and
 * checked; a row of one name, or a name on two rows, is refused with the
 * row. */
#include "helpers.h"
#include "core/names.h"

static void test_names_csv_gives_a_set_a_row_in_cells_or_separated_by_semicolons(void **state)
{
	const char *csv = "\xEF\xBB\xBF# places\n"
			  "Artsakh; Nagorno-Karabakh; Нагорный Карабах; Արցախ; Լեռնային Ղարաբաղ\n"
			  "\n"
			  "Gyumri,Гюмри,\"Գյումրի\"\n";
	names_list l;
	char err[512];
	assert_int_equal(names_parse_csv(csv, strlen(csv), &l, err), 0);
	assert_int_equal(l.set_count, 2);
	assert_int_equal(l.count, 8);
	assert_string_equal(l.names[2], "Нагорный Карабах");
	assert_int_equal(l.set_of[4], 0);
	assert_string_equal(l.names[7], "Գյումրի");
	assert_int_equal(l.set_of[7], 1);
	names_free(&l);
}

static void test_a_row_of_one_name_is_refused_with_its_row(void **state)
{
	const char *csv = "Gyumri; Гюмри\n# note\nVanadzor\n";
	names_list l;
	char err[512];
	assert_int_equal(names_parse_csv(csv, strlen(csv), &l, err), -1);
	assert_non_null(strstr(err, "names.csv row 3"));
}

static void test_a_name_on_two_rows_is_refused_even_in_another_script(void **state)
{
	const char *csv = "Lachin; Berdzor\nStepanakert; Khankendi\nЛачин; Лачинский район\n";
	names_list l;
	char err[512];
	assert_int_equal(names_parse_csv(csv, strlen(csv), &l, err), -1);
	assert_non_null(strstr(err, "names.csv row 3"));
	assert_non_null(strstr(err, "row 1"));
}

static void test_bundle_json_names_are_a_list_of_lists_or_refused(void **state)
{
	names_list l;
	char err[256];
	const char *good = "{\"format\": \"hishatak-bundle/1\", \"names\": [[\"Artsakh\", \"Արցախ\"], [\"Baku\", \"Баку\"]]}";
	assert_int_equal(names_parse_json(good, strlen(good), &l, err), 0);
	assert_int_equal(l.given, 1);
	assert_int_equal(l.count, 4);
	assert_int_equal(l.set_of[3], 1);
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	names_write_json(f, &l);
	fclose(f);
	assert_non_null(strstr(text, "[\"Baku\", \"Баку\"]"));
	free(text);
	names_free(&l);
	const char *none = "{\"format\": \"hishatak-bundle/1\"}";
	assert_int_equal(names_parse_json(none, strlen(none), &l, err), 0);
	assert_int_equal(l.given, 0);
	const char *flat = "{\"names\": [\"Artsakh\", \"Արցախ\"]}";
	assert_int_equal(names_parse_json(flat, strlen(flat), &l, err), -1);
	assert_non_null(strstr(err, "list of lists"));
	const char *lonely = "{\"names\": [[\"Artsakh\", \"Արցախ\"], [\"Baku\"]]}";
	assert_int_equal(names_parse_json(lonely, strlen(lonely), &l, err), -1);
	assert_non_null(strstr(err, "list 2"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_csv_gives_a_set_a_row_in_cells_or_separated_by_semicolons),
		cmocka_unit_test(test_a_row_of_one_name_is_refused_with_its_row),
		cmocka_unit_test(test_a_name_on_two_rows_is_refused_even_in_another_script),
		cmocka_unit_test(test_bundle_json_names_are_a_list_of_lists_or_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
