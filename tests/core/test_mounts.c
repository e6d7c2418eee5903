/* Reading mountinfo: the sticks among the mounts, as the kiosk's watcher
 * sees them (a real /proc/self/mountinfo, and a sample with a stick). */
#include "helpers.h"
#include "core/mounts.h"

static void test_a_stick_is_found_among_system_mounts(void **state)
{
	char path[512];
	snprintf(path, sizeof path, "%s/mountinfo", test_dir);
	write_text(path,
		   "22 1 179:2 / / rw,noatime shared:1 - ext4 /dev/mmcblk0p2 rw\n"
		   "23 22 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw\n"
		   "24 22 0:22 / /run rw,nosuid,nodev shared:2 - tmpfs tmpfs rw,size=186096k\n"
		   "90 22 8:1 / /media/USB\\040STICK ro,nosuid,nodev,noexec,relatime shared:50 - vfat /dev/sda1 ro\n"
		   "91 22 8:17 / /media/other ro,nosuid shared:51 master:3 - exfat /dev/sdb1 ro\n");
	char **points;
	int n;
	assert_int_equal(mounts_read(path, &points, &n), 0);
	assert_int_equal(n, 3); /* the root's ext4 counts too: only new mounts are sticks */
	assert_true(mounts_contains(points, n, "/media/USB STICK"));
	assert_true(mounts_contains(points, n, "/media/other"));
	assert_false(mounts_contains(points, n, "/proc"));
	mounts_free(points, n);
	assert_int_equal(mounts_read("/nonexistent", &points, &n), -1);
	assert_int_equal(mounts_read(MOUNTS_FILE, &points, &n), 0); /* this machine's own */
	mounts_free(points, n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_a_stick_is_found_among_system_mounts, setup_test_dir, teardown_test_dir),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
