/* The finder: questions answered on another thread, the latest one only,
 * on the default archive's real catalogue. */
#include "helpers.h"
#include "core/finder.h"

#include <time.h>

/* Waits (up to 10 s) for the answer to the latest question. */
static int answer(finder *f, catalog_hit **hits, int *n)
{
	for (int i = 0; i < 10000; i++) {
		if (finder_take(f, hits, n))
			return 1;
		struct timespec ms = {0, 1000000};
		nanosleep(&ms, NULL);
	}
	return 0;
}

static int has(catalog_hit *hits, int n, const char *id)
{
	for (int i = 0; i < n; i++)
		if (strcmp(hits[i].id, id) == 0)
			return 1;
	return 0;
}

static void test_only_the_latest_question_is_answered(void **state)
{
	char err[256];
	finder *f = finder_new("build/data/catalog.db", err);
	assert_non_null(f);
	catalog_hit *hits;
	int n;
	assert_int_equal(finder_take(f, &hits, &n), 0); /* nothing asked yet */
	finder_ask(f, "l", NULL, 100);
	finder_ask(f, "la", NULL, 100);
	finder_ask(f, "zzqxj", NULL, 100); /* typed on: only this one counts */
	assert_true(answer(f, &hits, &n));
	assert_int_equal(n, 0); /* not the hits of "l" or "la" */
	assert_false(finder_busy(f)); /* answered and taken */
	assert_int_equal(finder_take(f, &hits, &n), 0); /* handed over once */
	finder_ask(f, "la", NULL, 100);
	assert_true(answer(f, &hits, &n));
	assert_true(n > 0);
	catalog_free_hits(hits, n);
	finder_free(f);
}

static void test_answers_carry_hits_and_snippets(void **state)
{
	char err[256];
	finder *f = finder_new("build/data/catalog.db", err);
	assert_non_null(f);
	catalog_hit *hits;
	int n;
	finder_ask(f, "lachin", NULL, 100);
	assert_true(answer(f, &hits, &n));
	assert_true(n >= 3);
	assert_true(has(hits, n, "call-for-action-2022-11"));
	assert_non_null(hits[0].snippet);
	assert_non_null(strstr(hits[0].snippet, "[Lachin]"));
	catalog_free_hits(hits, n);

	finder_ask(f, "ethnic", "call-for-action-2022-11", 300); /* within one item */
	assert_true(answer(f, &hits, &n));
	assert_true(n > 5);
	for (int i = 1; i < n; i++)
		assert_true(hits[i].passages[0] > hits[i - 1].passages[0]); /* reading order */
	catalog_free_hits(hits, n);

	finder_ask(f, "", NULL, 100); /* cleared: no hits, but an answer */
	assert_true(answer(f, &hits, &n));
	assert_int_equal(n, 0);
	finder_free(f);
}

static void test_a_missing_catalogue_gets_a_message(void **state)
{
	char err[256] = "";
	assert_null(finder_new("/nonexistent/catalog.db", err));
	assert_true(err[0] != 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_only_the_latest_question_is_answered),
		cmocka_unit_test(test_answers_carry_hits_and_snippets),
		cmocka_unit_test(test_a_missing_catalogue_gets_a_message),
	};
	return cmocka_run_group_tests_name("finder", tests, NULL, NULL);
}
