/* The content-addressed store. */
#include "helpers.h"
#include "core/store.h"

static void test_a_file_is_stored_once_under_its_sha256(void **state)
{
	char err[256], src[512], sha[65], again[65], path[4096];
	long long size;
	store *s = store_open(test_dir, err);
	assert_non_null(s);
	snprintf(src, sizeof src, "%s/doc.txt", test_dir);
	write_text(src, "abc");
	assert_int_equal(store_put_file(s, src, sha, &size, err), 0);
	/* SHA-256("abc"), the standard test vector. */
	assert_string_equal(sha, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	assert_int_equal(size, 3);
	assert_int_equal(store_put_buffer(s, "abc", 3, again, err), 0);
	assert_string_equal(sha, again);
	store_path(s, sha, path);
	assert_non_null(strstr(path, "/store/ba/ba7816bf"));
	assert_int_equal(store_check(s, sha, err), 0);
	store_close(s);
}

static void test_a_damaged_stored_file_is_found_out(void **state)
{
	char err[256] = "", sha[65], path[4096];
	store *s = store_open(test_dir, err);
	assert_int_equal(store_put_buffer(s, "the original words", 18, sha, err), 0);
	store_path(s, sha, path);
	write_text(path, "the original wordz");
	assert_int_equal(store_check(s, sha, err), -1);
	assert_non_null(strstr(err, "does not match"));
	store_close(s);
}

static void test_a_link_is_not_followed(void **state)
{
	char err[256] = "", link[512], sha[65];
	long long size;
	store *s = store_open(test_dir, err);
	snprintf(link, sizeof link, "%s/link.pdf", test_dir);
	assert_int_equal(symlink("/etc/passwd", link), 0);
	assert_int_equal(store_put_file(s, link, sha, &size, err), -1);
	store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_a_file_is_stored_once_under_its_sha256, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_damaged_stored_file_is_found_out, setup_test_dir, teardown_test_dir),
		cmocka_unit_test_setup_teardown(test_a_link_is_not_followed, setup_test_dir, teardown_test_dir),
	};
	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
