/* Sentence splitting for reading aloud, in the three languages of the
 * kiosk, and the blanking of a transcript's timestamps. */
#include "helpers.h"
#include "core/sentence.h"

/* The sentences of text joined by " | ", for comparing in one line. */
static char *split(const char *text, const char *lang)
{
	static char out[2048];
	sentence_span spans[32];
	int n = sentence_split(text, strlen(text), lang, spans, 32);
	assert_true(n <= 32);
	out[0] = 0;
	for (int i = 0; i < n; i++)
		snprintf(out + strlen(out), sizeof out - strlen(out), "%s%.*s", i ? " | " : "",
			 (int)(spans[i].end - spans[i].start), text + spans[i].start);
	return out;
}

static void test_english_sentences_end_at_stops_not_at_abbreviations(void **state)
{
	assert_string_equal(split("Over 100,000 Armenians have left. The UN counted fewer than 1,000 who stayed!", "en"),
			    "Over 100,000 Armenians have left. | The UN counted fewer than 1,000 who stayed!");
	assert_string_equal(split("Mr. Balian wrote it. J. Ker-Lindsay spoke in the U.S. Senate? No.", "en"),
			    "Mr. Balian wrote it. | J. Ker-Lindsay spoke in the U.S. Senate? | No.");
	assert_string_equal(split("He asked: “Is it over?” Nobody answered… The war ended in 3.5 days.", "en"),
			    "He asked: “Is it over?” | Nobody answered… | The war ended in 3.5 days.");
	/* A stop followed by a small letter is not the end of a sentence. */
	assert_string_equal(split("Armenia v. Azerbaijan is a case. see below.", "en"), "Armenia v. Azerbaijan is a case. see below.");
	assert_string_equal(split("  A heading without a stop  ", "en"), "A heading without a stop");
}

static void test_russian_sentences_end_at_stops_not_at_abbreviations(void **state)
{
	assert_string_equal(split("Более 100 000 армян покинули Карабах. Это произошло в 2023 г. после наступления.", "ru"),
			    "Более 100 000 армян покинули Карабах. | Это произошло в 2023 г. после наступления.");
	assert_string_equal(split("Что делать дальше? Т. е. нужен мониторинг! «Возвращение» возможно.", "ru"),
			    "Что делать дальше? | Т. е. нужен мониторинг! | «Возвращение» возможно.");
	assert_string_equal(split("См. стр. 5 и др. Источники — ООН.", "ru"), "См. стр. 5 и др. Источники — ООН.");
}

static void test_armenian_sentences_end_at_the_armenian_full_stop(void **state)
{
	/* ։ (U+0589) ends a sentence, whatever letter follows; the question
	 * mark ՞ sits on a word and does not. */
	assert_string_equal(split("Հայերը լքեցին Լեռնային Ղարաբաղը։ Ի՞նչ կարելի է անել հիմա։ նրանք սպասում են։", "hy"),
			    "Հայերը լքեցին Լեռնային Ղարաբաղը։ | Ի՞նչ կարելի է անել հիմա։ | նրանք սպասում են։");
	/* Typed on a Latin keyboard the full stop is a colon; a time is not. */
	assert_string_equal(split("Պատերազմը սկսվեց 2020 թ. սեպտեմբերին: Այն տևեց 44 օր: Ժամը 10:30 էր:", "hy"),
			    "Պատերազմը սկսվեց 2020 թ. սեպտեմբերին: | Այն տևեց 44 օր: | Ժամը 10:30 էր:");
	/* In English a colon goes on. */
	assert_string_equal(split("Three things: return, rights and monitoring.", "en"), "Three things: return, rights and monitoring.");
}

static void test_a_small_buffer_still_counts_every_sentence(void **state)
{
	const char *text = "One. Two. Three. Four.";
	sentence_span spans[2];
	assert_int_equal(sentence_split(text, strlen(text), "en", spans, 2), 4);
	assert_int_equal(spans[1].start, 5);
	assert_int_equal(sentence_split("", 0, "en", spans, 2), 0);
	assert_int_equal(sentence_split(" … ", 5, "en", spans, 2), 0);
}

static void test_timestamps_are_blanked_and_other_numbers_kept(void **state)
{
	char text[] = "00:00:09\xc2\xa0\xc2\xa0" "Despite fears 12:30 at 1:2 and 10:30am, 00:14:18";
	size_t len = strlen(text);
	sentence_blank_timestamps(text, len);
	assert_int_equal(strlen(text), len);
	assert_string_equal(text, "        \xc2\xa0\xc2\xa0" "Despite fears       at 1:2 and 10:30am,         ");
}

/* Whether a page's last sentence goes on in the next page's first. */
static void test_a_sentence_cut_by_a_page_break_is_told_from_a_finished_one(void **state)
{
	assert_true(sentence_runs_on("The blockade weakened the defense", "capabilities of the entity.", "en"));
	assert_true(sentence_runs_on("Two wars, skirmishes,", "deaths, injuries…", "en"));
	assert_true(sentence_runs_on("Блокада ослабила", "оборону.", "ru"));
	assert_true(sentence_runs_on("Պատերազմը սկսվեց", "սեպտեմբերին։", "hy"));
	assert_false(sentence_runs_on("It ended.", "then more.", "en"));
	assert_false(sentence_runs_on("He said “it ended.”  ", "and so.", "en"));
	assert_false(sentence_runs_on("Այն տևեց 44 օր:", "սա", "hy"));
	assert_false(sentence_runs_on("Defining Ethnic Cleansing", "The term is new.", "en")); /* a heading */
	assert_false(sentence_runs_on("Three things", "“Return” comes first.", "en"));
	assert_false(sentence_runs_on("", "and", "en"));
	assert_false(sentence_runs_on("and", "   ", "en"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_english_sentences_end_at_stops_not_at_abbreviations),
		cmocka_unit_test(test_russian_sentences_end_at_stops_not_at_abbreviations),
		cmocka_unit_test(test_armenian_sentences_end_at_the_armenian_full_stop),
		cmocka_unit_test(test_a_small_buffer_still_counts_every_sentence),
		cmocka_unit_test(test_timestamps_are_blanked_and_other_numbers_kept),
		cmocka_unit_test(test_a_sentence_cut_by_a_page_break_is_told_from_a_finished_one),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
