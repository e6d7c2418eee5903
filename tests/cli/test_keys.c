/* The keys an archive trusts: a public key made to carry the id of one
 * already trusted (a forgery: minisign's key id is only a label) is
 * refused, by `hishatak keys` and in a signed bundle's "keys" section,
 * and the trusted key stays as it was. Real minisign keys and signatures. */
#include "helpers.h"

#include <sodium.h>

static char out[1 << 16];

#define sh(...) run_fmt(out, sizeof out, __VA_ARGS__)

/* Writes DIR/forged.pub: k.pub's key id with other key bytes. */
static void forge_key(void)
{
	char path[512], line[128], forged[128];
	unsigned char bin[64];
	size_t len;
	assert_int_equal(sh("sed -n 2p %s/k.pub", test_dir), 0);
	snprintf(line, sizeof line, "%.*s", (int)strcspn(out, "\r\n"), out);
	assert_int_equal(sodium_base642bin(bin, sizeof bin, line, strlen(line), NULL, &len, NULL, sodium_base64_VARIANT_ORIGINAL), 0);
	assert_int_equal(len, 42); /* "Ed", the id (8 bytes), the key (32) */
	bin[20] ^= 0x5a;
	sodium_bin2base64(forged, sizeof forged, bin, len, sodium_base64_VARIANT_ORIGINAL);
	snprintf(path, sizeof path, "%s/forged.pub", test_dir);
	char text[256];
	snprintf(text, sizeof text, "untrusted comment: minisign public key\n%s\n", forged);
	write_text(path, text);
}

static int setup(void **state)
{
	setup_test_dir(state);
	assert_int_equal(sh("cd %s && minisign -G -W -p k.pub -s k.key >/dev/null && mkdir src stick && "
			    "printf '# Alpha\\n\\nThe first document.\\n' > src/alpha.md && "
			    "printf 'id,kind,file,title\\nalpha,article,alpha.md,Alpha\\n' > src/items.csv", test_dir), 0);
	assert_int_equal(sh(HISHATAK " init --data %s/data --archive test-archive --trust %s/k.pub", test_dir, test_dir), 0);
	forge_key();
	return 0;
}

static void test_another_key_under_a_trusted_key_id_is_refused_by_hand(void **state)
{
	assert_int_equal(sh(HISHATAK " keys --data %s/data", test_dir), 0);
	char before[256];
	snprintf(before, sizeof before, "%s", out);
	assert_int_equal(sh(HISHATAK " keys --data %s/data --trust %s/forged.pub 2>&1", test_dir, test_dir), 1);
	assert_non_null(strstr(out, "is already trusted as another public key"));
	assert_int_equal(sh(HISHATAK " keys --data %s/data", test_dir), 0);
	assert_string_equal(out, before);
	/* The same key again is no change, and no error. */
	assert_int_equal(sh(HISHATAK " keys --data %s/data --trust %s/k.pub", test_dir, test_dir), 0);
	assert_string_equal(out, before);
}

static void test_a_bundle_that_trusts_another_key_under_a_trusted_id_is_refused(void **state)
{
	assert_int_equal(sh(HISHATAK " keys --data %s/data", test_dir), 0);
	char before[256];
	snprintf(before, sizeof before, "%s", out);
	assert_int_equal(sh(HISHATAK " bundle --archive test-archive --sequence 1 --key %s/k.key --trust %s/forged.pub %s/src %s/stick 2>&1",
			    test_dir, test_dir, test_dir, test_dir), 0);
	assert_int_equal(sh(HISHATAK " import --data %s/data %s/stick 2>&1", test_dir, test_dir), 1);
	assert_non_null(strstr(out, "refused: keys: key "));
	assert_non_null(strstr(out, "is already trusted as another public key"));
	assert_int_equal(sh(HISHATAK " list --data %s/data --json", test_dir), 0);
	assert_int_equal(count(out, "\"id\": "), 0);
	assert_int_equal(sh(HISHATAK " keys --data %s/data", test_dir), 0);
	assert_string_equal(out, before);
	/* The real key still signs what the archive takes. */
	assert_int_equal(sh("rm -r %s/stick/test-archive-1 && " HISHATAK " bundle --archive test-archive --sequence 1 --key %s/k.key "
			    "%s/src %s/stick >/dev/null 2>&1", test_dir, test_dir, test_dir, test_dir), 0);
	assert_int_equal(sh(HISHATAK " import --data %s/data %s/stick 2>&1", test_dir, test_dir), 0);
	assert_non_null(strstr(out, "applied sequence 1"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_another_key_under_a_trusted_key_id_is_refused_by_hand, setup, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_bundle_that_trusts_another_key_under_a_trusted_id_is_refused, setup,
						teardown_test_dir),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
