/* The guide for visitors in bundle.json (about, topics, collections):
 * read as the format says, written back as it was read, and shown in the
 * visitor's language with English where a translation is missing. */
#include "helpers.h"
#include "core/guide.h"

#define FULL \
	"{\"about\": {\"title\": \"Hishatak\", \"titles\": {\"hy\": \"Հիշատակ\"}, \"intro\": \"An archive.\", \"intros\": {\"ru\": \"Архив.\"}}," \
	" \"topics\": [{\"id\": \"ethnic cleansing\", \"label\": \"Ethnic cleansing\", \"labels\": {\"hy\": \"Էթնիկ զտում\"}}]," \
	" \"collections\": [{\"id\": \"voices\", \"title\": \"Voices\", \"titles\": {\"ru\": \"Голоса\"}, \"items\": [\"a\", \"b\", \"a\"]," \
	"   \"picture\": {\"file\": \"files/v.jpg\", \"size\": 3, \"sha256\": \"%064d\"}}, {\"id\": \"old\", \"withdraw\": true}]}"

static void test_a_full_guide_is_read_and_shown_in_each_language(void **state)
{
	char json[2048], err[256];
	snprintf(json, sizeof json, FULL, 0);
	guide g;
	assert_int_equal(guide_parse_json(json, strlen(json), &g, err), 0);
	assert_true(g.about_given);
	assert_string_equal(guide_text_in(g.about.title, g.about.titles, g.about.title_count, "hy"), "Հիշատակ");
	assert_string_equal(guide_text_in(g.about.title, g.about.titles, g.about.title_count, "ru"), "Hishatak"); /* English */
	assert_string_equal(guide_topic_label(&g, "ethnic cleansing", "hy"), "Էթնիկ զտում");
	assert_string_equal(guide_topic_label(&g, "ethnic cleansing", "ru"), "Ethnic cleansing");
	assert_string_equal(guide_topic_label(&g, "raw tag", "hy"), "raw tag"); /* not in the list: as written */
	const guide_collection *c = guide_find_collection(&g, "voices");
	assert_non_null(c);
	assert_int_equal(c->item_count, 2); /* an id twice is one item */
	assert_string_equal(c->picture, "files/v.jpg");
	assert_int_equal(c->picture_size, 3);
	assert_true(guide_find_collection(&g, "old")->withdraw);
	guide_free(&g);
}

static void test_a_guide_is_written_as_it_was_read(void **state)
{
	char json[2048], err[256];
	snprintf(json, sizeof json, FULL, 0);
	guide g, again;
	assert_int_equal(guide_parse_json(json, strlen(json), &g, err), 0);
	char *text = NULL, *text2 = NULL;
	size_t len = 0, len2 = 0;
	FILE *f = open_memstream(&text, &len);
	fputs("{\"x\": 1", f);
	guide_write_json(f, &g);
	fputs("}", f);
	fclose(f);
	assert_int_equal(guide_parse_json(text, len, &again, err), 0);
	f = open_memstream(&text2, &len2);
	fputs("{\"x\": 1", f);
	guide_write_json(f, &again);
	fputs("}", f);
	fclose(f);
	assert_string_equal(text, text2);
	assert_non_null(strstr(text, "\"picture\": \"files/v.jpg\""));
	free(text);
	free(text2);
	guide_free(&g);
	guide_free(&again);
}

static void test_a_bundle_without_the_fields_has_an_empty_guide(void **state)
{
	const char *json = "{\"format\": \"hishatak-bundle/1\", \"items\": []}";
	char err[256];
	guide g;
	assert_int_equal(guide_parse_json(json, strlen(json), &g, err), 0);
	assert_false(g.about_given);
	assert_int_equal(g.topic_count, 0);
	assert_int_equal(g.collection_count, 0);
	assert_null(guide_text_in(g.about.title, g.about.titles, g.about.title_count, "hy"));
	guide_free(&g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_full_guide_is_read_and_shown_in_each_language),
		cmocka_unit_test(test_a_guide_is_written_as_it_was_read),
		cmocka_unit_test(test_a_bundle_without_the_fields_has_an_empty_guide),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
