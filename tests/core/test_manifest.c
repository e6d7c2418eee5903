/* bundle.json: what is accepted, and each refusal with its reason. */
#include "helpers.h"
#include "core/manifest.h"

static const char *good =
	"{\"format\": \"hishatak-bundle/1\", \"archive\": \"artsakh-archive\", \"sequence\": 8,"
	" \"created\": \"2026-11-20T09:30:00Z\", \"snapshot\": false, \"items\": ["
	"  {\"id\": \"call-for-action-2022-11\", \"kind\": \"report\", \"title\": \"Call for Action\","
	"   \"titles\": {\"hy\": \"Կոչ\", \"ru\": \"Призыв\"}, \"date\": \"2022-11\","
	"   \"authors\": [\"For Equal Rights NGO\", \"Another\"], \"language\": \"en\", \"topics\": [\"ethnic cleansing\"],"
	"   \"warning\": \"Describes violence.\", \"warnings\": {\"hy\": \"Բռնություն\"},"
	"   \"file\": \"files/call-for-action.pdf\", \"size\": 482113,"
	"   \"sha256\": \"9f2c000000000000000000000000000000000000000000000000000000000000\"},"
	"  {\"id\": \"some-testimony-2023\", \"withdraw\": true, \"reason\": \"at the witness's request\"}"
	"]}";

static void test_a_good_manifest_is_read_whole(void **state)
{
	char err[256];
	manifest *m = manifest_parse(good, strlen(good), err);
	if (!m)
		fail_msg("%s", err);
	assert_string_equal(m->archive, "artsakh-archive");
	assert_int_equal(m->sequence, 8);
	assert_false(m->snapshot);
	assert_int_equal(m->count, 2);
	manifest_entry *e = &m->entries[0];
	assert_string_equal(e->meta.id, "call-for-action-2022-11");
	assert_int_equal(e->meta.kind, KIND_REPORT);
	assert_string_equal(item_title_in(&e->meta, "hy"), "Կոչ");
	assert_string_equal(item_title_in(&e->meta, "fr"), "Call for Action");
	assert_int_equal(e->meta.author_count, 2);
	assert_string_equal(e->meta.date, "2022-11");
	assert_string_equal(item_warning_in(&e->meta, "hy"), "Բռնություն");
	assert_string_equal(e->file, "files/call-for-action.pdf");
	assert_int_equal(e->size, 482113);
	assert_true(m->entries[1].withdraw);
	assert_string_equal(m->entries[1].reason, "at the witness's request");
	manifest_free(m);
}

/* Replaces the first occurrence of from in good by to and expects a refusal
 * whose reason contains why. */
static void refused(const char *from, const char *to, const char *why)
{
	char json[4096], err[256] = "";
	const char *at = strstr(good, from);
	assert_non_null(at);
	snprintf(json, sizeof json, "%.*s%s%s", (int)(at - good), good, to, at + strlen(from));
	manifest *m = manifest_parse(json, strlen(json), err);
	if (m)
		fail_msg("accepted with %s -> %s", from, to);
	if (!strstr(err, why))
		fail_msg("refused with \"%s\", expected \"%s\"", err, why);
}

static void test_each_broken_rule_is_refused_with_its_reason(void **state)
{
	refused("hishatak-bundle/1", "hishatak-bundle/2", "format must be");
	refused("\"archive\": \"artsakh-archive\", ", "", "missing archive");
	refused("\"sequence\": 8", "\"sequence\": 0", "bad sequence");
	refused("\"sequence\": 8", "\"sequence\": \"8\"", "bad sequence");
	refused("2026-11-20T09:30:00Z", "20 Nov 2026", "created time");
	refused("\"call-for-action-2022-11\"", "\"Call_For_Action\"", "bad id");
	refused("\"kind\": \"report\"", "\"kind\": \"poem\"", "unknown kind");
	refused("\"title\": \"Call for Action\",", "", "missing title");
	refused("\"2022-11\"", "\"2022-13\"", "bad date");
	refused("files/call-for-action.pdf", "../outside.pdf", "bad file path");
	refused("files/call-for-action.pdf", "/etc/passwd", "bad file path");
	refused("files/call-for-action.pdf", "files/./a.pdf", "bad file path");
	refused("files/call-for-action.pdf", "files/a b.pdf", "bad file path");
	refused("\"size\": 482113,", "", "needs size and sha256");
	refused("9f2c", "9F2C", "64 lowercase hex");
	refused("\"some-testimony-2023\"", "\"call-for-action-2022-11\"", "appears twice");
	refused("[\"For Equal Rights NGO\"", "[42", "must hold strings");
	refused("\"items\": [", "\"items\": {\"a\": [", "malformed JSON");
	refused("\"withdraw\": true", "\"withdraw\": \"yes\"", "withdraw must be");
}

static void test_deep_nesting_and_nul_bytes_are_refused(void **state)
{
	char err[256];
	static char deep[40000];
	size_t n = 0;
	n += (size_t)sprintf(deep, "{\"format\": \"hishatak-bundle/1\", \"archive\": \"a\", \"sequence\": 1, \"items\": ");
	for (int i = 0; i < 10000; i++)
		deep[n++] = '[';
	for (int i = 0; i < 10000; i++)
		deep[n++] = ']';
	deep[n++] = '}';
	deep[n] = 0;
	assert_null(manifest_parse(deep, n, err));
	const char with_nul[] = "{\"format\": \"hishatak-bundle/1\"\0}";
	assert_null(manifest_parse(with_nul, sizeof with_nul - 1, err));
	assert_non_null(strstr(err, "NUL"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_good_manifest_is_read_whole),
		cmocka_unit_test(test_each_broken_rule_is_refused_with_its_reason),
		cmocka_unit_test(test_deep_nesting_and_nul_bytes_are_refused),
	};
	return cmocka_run_group_tests_name("manifest", tests, NULL, NULL);
}
