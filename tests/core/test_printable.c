/* Printable text: what a stick names, shown to a person, cannot drive
 * their terminal (issue 19, item 5). */
#include "helpers.h"
#include "core/printable.h"

static void test_controls_and_bad_utf8_become_visible_escapes(void **state)
{
	char out[256];
	assert_string_equal(printable("b\x1b[2K\rapplied\x07", out, sizeof out), "b\\x1b[2K\\x0dapplied\\x07");
	assert_string_equal(printable("\x1b]52;c;ZXZpbA==\x07", out, sizeof out), "\\x1b]52;c;ZXZpbA==\\x07");
	assert_string_equal(printable("a\nb\tc\x7f", out, sizeof out), "a\\x0ab\\x09c\\x7f");
	assert_string_equal(printable("caf\xe9 \xc0\xaf", out, sizeof out), "caf\\xe9 \\xc0\\xaf"); /* Latin-1, overlong */
	assert_string_equal(printable("\xc2\x9b" "31m", out, sizeof out), "\\xc2\\x9b31m");       /* C1 CSI */
	assert_string_equal(printable("abc\xe2\x80\xaetxt.exe", out, sizeof out), "abc\\u202Etxt.exe");
	/* Ordinary text, in every script, is left as it is. */
	assert_string_equal(printable("Արցախ, Нагорный Карабах: «report» – 2023", out, sizeof out),
			    "Արցախ, Нагорный Карабах: «report» – 2023");
	/* Cut between characters, never inside an escape or a letter. */
	assert_string_equal(printable("ab\x1b", out, 6), "ab");
	assert_string_equal(printable("aԱԲ", out, 5), "aԱ");
	assert_string_equal(printable(NULL, out, sizeof out), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_controls_and_bad_utf8_become_visible_escapes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
