/* QR codes of web addresses: the module matrix is the one qrencode's own
 * program makes of the same address (qrencode, Debian's libqrencode), and
 * only web addresses are taken for a phone to open. */
#include "helpers.h"
#include "core/qr.h"

/* qrencode's matrix of text: its ASCII output, "##" a dark module. */
static int qrencode_matrix(const char *text, unsigned char *dark, int max)
{
	char cmd[1024], line[1024];
	snprintf(cmd, sizeof cmd, "qrencode -l M -m 0 -t ASCII -o - '%s'", text);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	int rows = 0, width = 0;
	while (fgets(line, sizeof line, p)) {
		int n = (int)strcspn(line, "\n") / 2;
		if (n == 0)
			continue;
		width = n;
		for (int x = 0; x < n && rows * n + x < max; x++)
			dark[rows * n + x] = line[2 * x] == '#';
		rows++;
	}
	assert_int_equal(pclose(p), 0);
	assert_int_equal(rows, width);
	return width;
}

static void assert_same_as_qrencode(const char *text)
{
	static unsigned char expected[200 * 200];
	int width = qrencode_matrix(text, expected, (int)sizeof expected);
	qr_code *q = qr_new(text);
	assert_non_null(q);
	assert_int_equal(q->width, width);
	assert_memory_equal(q->dark, expected, (size_t)(width * width));
	qr_free(q);
}

static void test_the_matrix_is_qrencodes_own(void **state)
{
	assert_same_as_qrencode("https://evnreport.com/politics/reverse-ethnic-cleansing-part-2/");
	assert_same_as_qrencode("https://www.youtube.com/watch?v=qd7ezvCtIYg");
	/* A version 1 code is 21 modules a side; a longer address, a larger code. */
	qr_code *small = qr_new("http://a.am"), *large = qr_new("https://example.org/" "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
	assert_int_equal(small->width, 21);
	assert_true(large->width > 29);
	qr_free(small);
	qr_free(large);
}

static void test_only_web_addresses_are_taken(void **state)
{
	assert_true(qr_is_web_address("https://evnreport.com/politics/"));
	assert_true(qr_is_web_address("HTTP://example.org"));
	assert_false(qr_is_web_address("Video by James Ker-Lindsay (YouTube id qd7ezvCtIYg), transcript."));
	assert_false(qr_is_web_address("https://"));
	assert_false(qr_is_web_address("ftp://example.org/file"));
	assert_false(qr_is_web_address("https://example.org/a b"));
	assert_false(qr_is_web_address(""));
	assert_false(qr_is_web_address(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_the_matrix_is_qrencodes_own),
		cmocka_unit_test(test_only_web_addresses_are_taken),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
