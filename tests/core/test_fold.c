/* Folding words across scripts: the BGN/PCGN romanizations of Armenian
 * and Russian meet the Latin spelling, word forms meet their stems, and
 * nothing typed makes it fail. Words from the archive's documents and from
 * outside them. */
#include "helpers.h"
#include "core/expand.h"
#include "core/fold.h"

static fold *f;

static int setup(void **state)
{
	char err[256];
	f = fold_new(err);
	if (!f)
		fprintf(stderr, "%s\n", err);
	return f ? 0 : -1;
}

static int teardown(void **state)
{
	fold_free(f);
	return 0;
}

/* fold_text of text. */
static void assert_folds(const char *text, const char *expected)
{
	char *folded = fold_text(f, text);
	assert_non_null(folded);
	if (strcmp(folded, expected) != 0)
		fprintf(stderr, "\"%s\" folds to \"%s\", not \"%s\"\n", text, folded, expected);
	assert_string_equal(folded, expected);
	free(folded);
}

static void test_the_three_scripts_spellings_of_a_place_fold_alike(void **state)
{
	assert_folds("Stepanakert", "stepanakert");
	assert_folds("Step'anakert", "stepanakert");
	assert_folds("Step’anakert", "stepanakert");
	assert_folds("Степанакерт", "stepanakert");
	assert_folds("Ստեփանակերտ", "stepanakert");
	assert_folds("Լաչին Лачин LACHIN", "lachin lachin lachin");
	assert_folds("Արցախ Арцах", "artsakh artsakh");
	/* from outside the archive's documents */
	assert_folds("Гюмри Գյումրի", "gyumri gyumri");
	assert_folds("Ванадзор Վանաձոր", "vanadzor vanadzor");
	assert_folds("Ереван", "yerevan");
	assert_folds("Şuşa Çaykənd", "susa caykend");
}

static void test_a_stem_is_kept_only_when_it_is_not_the_start_of_the_word(void **state)
{
	char rom[FOLD_MAX], stem[FOLD_MAX];
	assert_int_equal(fold_word(f, "Карабахе", (int)strlen("Карабахе"), rom, stem), (int)strlen("karabakhe"));
	assert_string_equal(rom, "karabakhe");
	assert_string_equal(stem, "karabakh");
	fold_word(f, "refugees", 8, rom, stem);
	assert_string_equal(stem, "refuge");
	fold_word(f, "Ստեփանակերտում", (int)strlen("Ստեփանակերտում"), rom, stem); /* "in Stepanakert" */
	assert_string_equal(stem, "stepanakert");
	assert_folds("happy refugees", "happy happi refugees");
}

static void test_marks_symbols_and_huge_words_fold_to_something_or_nothing(void **state)
{
	assert_folds("!!! ??? — «» …", "");
	assert_folds("", "");
	char *huge = malloc(20001);
	for (int i = 0; i < 10000; i++)
		memcpy(huge + 2 * i, "ж", 2); /* one word of 10,000 letters */
	huge[20000] = 0;
	char *folded = fold_text(f, huge);
	assert_non_null(folded);
	assert_true(strlen(folded) > 0 && strlen(folded) < FOLD_MAX);
	free(folded);
	free(huge);
}

static void test_a_query_is_its_words_romanized_and_stemmed_and_the_other_names(void **state)
{
	expand_name names[] = {{1, "Artsakh"}, {1, "Nagorno-Karabakh"}, {1, "Нагорный Карабах"}, {2, "Lachin"}, {2, "Бердзор"}};
	expand_query q;
	assert_int_equal(expand_make(f, names, 5, "Нагорный Карабах", &q), 0);
	assert_non_null(strstr(q.fts, "\"artsakh\"*"));
	assert_non_null(strstr(q.fts, "(\"nagorno\"* AND \"karabakh\"*)"));
	expand_free(&q);
	assert_int_equal(expand_make(f, names, 5, "Бердзор refugees", &q), 0);
	/* The name as typed, once; "refuge"* has every "refugees". */
	assert_string_equal(q.fts, "((\"berdzor\"*) OR (\"lachin\"*)) AND \"refuge\"*");
	expand_free(&q);
	/* A name whose words another name of the set has alone is not searched:
	 * "Karabakh" finds every "Nagorno-Karabakh". */
	expand_name wider[] = {{1, "Artsakh"}, {1, "Nagorno-Karabakh"}, {1, "Karabakh"}, {1, "Карабах"}};
	assert_int_equal(expand_make(f, wider, 4, "Арцах", &q), 0);
	/* Nor one that finds no more than the word as typed ("artsakh"*). */
	assert_string_equal(q.fts, "(((\"artsakh\"* OR \"arts\")) OR (\"karabakh\"*))");
	expand_free(&q);
	/* Two names of one thing ask for it once; "karabakh"* is in "karab"*
	 * (the stem of "Карабах"). */
	assert_int_equal(expand_make(f, wider, 4, "Карабах Արցախ", &q), 0);
	assert_string_equal(q.fts, "((\"karab\"*) OR (\"artsakh\"*))");
	expand_free(&q);
	assert_int_equal(expand_make(f, names, 5, "a ! ?", &q), 0);
	assert_string_equal(q.fts, "");
	expand_free(&q);
}

static void test_the_distance_of_two_words_counts_a_swap_as_one_edit(void **state)
{
	assert_int_equal(expand_distance("lachn", "lachin", 2), 1);
	assert_int_equal(expand_distance("lachni", "lachin", 2), 1);
	assert_int_equal(expand_distance("stpanakrt", "stepanakert", 2), 2);
	assert_int_equal(expand_distance("baku", "stepanakert", 2), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_the_three_scripts_spellings_of_a_place_fold_alike),
		cmocka_unit_test(test_a_stem_is_kept_only_when_it_is_not_the_start_of_the_word),
		cmocka_unit_test(test_marks_symbols_and_huge_words_fold_to_something_or_nothing),
		cmocka_unit_test(test_a_query_is_its_words_romanized_and_stemmed_and_the_other_names),
		cmocka_unit_test(test_the_distance_of_two_words_counts_a_swap_as_one_edit),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
