/* The visitors' languages have every string English has, and Russian the
 * "few" form of each counted one: a string missing in one language falls
 * back to English on screen ("1 report" on an Armenian Home). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

/* Whether the table of lang has key ("key = ..." at a line's start). */
static int has_key(const char *lang, const char *key)
{
	char path[64], line[4096];
	snprintf(path, sizeof path, "assets/strings/%s.txt", lang);
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	size_t n = strlen(key);
	int found = 0;
	while (!found && fgets(line, sizeof line, f))
		found = strncmp(line, key, n) == 0 && strncmp(line + n, " = ", 3) == 0;
	fclose(f);
	return found;
}

static void test_every_english_string_is_in_armenian_and_russian(void **state)
{
	(void)state;
	char line[4096], missing[2048] = "";
	FILE *f = fopen("assets/strings/en.txt", "r");
	assert_non_null(f);
	int keys = 0;
	while (fgets(line, sizeof line, f)) {
		char *eq = strstr(line, " = ");
		if (line[0] == '#' || !eq)
			continue;
		*eq = 0;
		keys++;
		/* A count's forms: key_one beside the plain key ("%d documents"). */
		char base[256], few[256];
		size_t n = strlen(line);
		snprintf(base, sizeof base, "%.*s", (int)(n > 4 ? n - 4 : 0), line);
		snprintf(few, sizeof few, "%s_few", base);
		int counted = n > 4 && !strcmp(line + n - 4, "_one") && has_key("en", base);
		const char *checks[][2] = {{"hy", line}, {"ru", line}, {"ru", counted ? few : NULL}};
		for (int i = 0; i < 3; i++)
			if (checks[i][1] && !has_key(checks[i][0], checks[i][1]) && strlen(missing) < sizeof missing - 300)
				snprintf(missing + strlen(missing), sizeof missing - strlen(missing), " %s:%s", checks[i][0], checks[i][1]);
	}
	fclose(f);
	assert_true(keys > 100);
	if (missing[0])
		fail_msg("missing:%s", missing);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_english_string_is_in_armenian_and_russian),
	};
	return cmocka_run_group_tests_name("strings", tests, NULL, NULL);
}
