/* Hyphenation at syllables: real words of the archive's three languages,
 * long ones that do not fit a narrow card, broken where a reader of the
 * language would break them, and never inside two letters of an end. */
#include "helpers.h"
#include "core/hyphen.h"

static hyphen *h;

static int setup(void **state)
{
	char err[256];
	h = hyphen_open("assets", err);
	if (!h)
		fprintf(stderr, "%s\n", err);
	return h ? 0 : -1;
}

static int teardown(void **state)
{
	hyphen_close(h);
	return 0;
}

/* The word with its breaks marked by "-", as hyphen_breaks gives them. */
static void assert_hyphenates(const char *word, const char *expected)
{
	int at[64], n = hyphen_breaks(h, word, (int)strlen(word), at, 64);
	char marked[512];
	int o = 0, prev = 0;
	for (int i = 0; i < n; i++) {
		assert_true(at[i] > prev);
		o += snprintf(marked + o, sizeof marked - (size_t)o, "%.*s-", at[i] - prev, word + prev);
		prev = at[i];
	}
	snprintf(marked + o, sizeof marked - (size_t)o, "%s", word + prev);
	if (strcmp(marked, expected) != 0)
		fprintf(stderr, "\"%s\" hyphenates as \"%s\", not \"%s\"\n", word, marked, expected);
	assert_string_equal(marked, expected);
}

static void test_russian_words_break_at_syllables(void **state)
{
	assert_hyphenates("Свидетельства", "Сви-де-тель-ства");
	assert_hyphenates("Воспоминания", "Вос-по-ми-на-ния");
	assert_hyphenates("«Нагорного", "«На-гор-но-го");
	assert_hyphenates("выселение,", "вы-се-ле-ние,");
}

static void test_armenian_words_break_at_syllables(void **state)
{
	assert_hyphenates("Ժամանակագրություն", "Ժա-մա-նա-կագ-րու-թյուն");
	assert_hyphenates("պատմություն", "պատ-մու-թյուն");
	assert_hyphenates("Ստեփանակերտ", "Ստե-փա-նա-կերտ");
	assert_hyphenates("Հայաստան", "Հա-յաս-տան");
	assert_hyphenates("(Արցախ)", "(Ար-ցախ)");
	assert_hyphenates("Վկայություններ", "Վկա-յու-թյուն-ներ");
}

static void test_english_words_break_at_syllables(void **state)
{
	assert_hyphenates("Testimonies", "Tes-ti-monies");
	assert_hyphenates("documentation", "doc-u-men-ta-tion");
	/* Each script by its own patterns, whatever the visitor's language. */
	assert_hyphenates("Nagorno-Karabakh", "Nagorno-Karabakh");
}

static void test_short_words_and_numbers_are_left_whole(void **state)
{
	assert_hyphenates("Все", "Все");
	assert_hyphenates("2023", "2023");
	assert_hyphenates("", "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_russian_words_break_at_syllables),
		cmocka_unit_test(test_armenian_words_break_at_syllables),
		cmocka_unit_test(test_english_words_break_at_syllables),
		cmocka_unit_test(test_short_words_and_numbers_are_left_whole),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
