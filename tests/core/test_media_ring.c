/* The pictures' ring between the kiosk and its media worker: which slot
 * the worker takes, when it must wait, and that a worker cannot shrink the
 * shared memory under the kiosk's mapping. */
#include "helpers.h"
#include "core/media_client.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>

static int never(void *ctx)
{
	return 0;
}

static int always(void *ctx)
{
	return 1;
}

/* A worker taken over by a hostile recording: it tries to cut the ring to
 * nothing, says how that went, then waits to be stopped. */
static void write_worker(const char *dir, char program[300])
{
	snprintf(program, 300, "%s/worker", dir);
	FILE *f = fopen(program, "w");
	assert_non_null(f);
	fprintf(f, "#!/bin/sh\ntruncate -s 0 /proc/self/fd/3 2>/dev/null; echo $? >%s/truncated\nexec sleep 30\n", dir);
	fclose(f);
	assert_int_equal(chmod(program, 0755), 0);
}

static void test_a_worker_cannot_shrink_the_ring_under_the_kiosk(void **state)
{
	char dir[256], program[300], path[300], out[64] = "";
	temp_dir(dir);
	write_worker(dir, program);
	media_ring ring;
	int to;
	pid_t pid;
	int from = media_play_start(program, "/nonexistent.mp4", 22050, MEDIA_POSTER_W, &to, &pid, &ring);
	assert_true(from >= 0);
	assert_non_null(ring.base);
	snprintf(path, sizeof path, "%s/truncated", dir);
	for (int i = 0; i < 100 && access(path, F_OK) != 0; i++)
		usleep(50000);
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	assert_non_null(fgets(out, sizeof out, f));
	fclose(f);
	usleep(100000); /* the file is written; truncate has long returned */
	assert_int_not_equal(atoi(out), 0);
	/* Still all there: a shrunk file would end this test with SIGBUS. */
	unsigned char *last = media_ring_slot(&ring, MEDIA_RING_SLOTS - 1) + ring.slot_bytes - 1;
	*last = 7;
	assert_int_equal(*last, 7);
	media_play_stop(from, to, pid, &ring);
	assert_null(ring.base);
	remove_dir(dir);
}

static void test_the_worker_takes_the_lowest_free_slot_and_waits_for_one(void **state)
{
	media_ring ring;
	int fd = memfd_create("test-ring", MFD_CLOEXEC);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, 4096 + MEDIA_RING_SLOTS * 64 * 64 * 3 / 2), 0);
	assert_int_equal(media_ring_map(&ring, fd, 64), 0);
	close(fd);
	for (int n = 0; n < MEDIA_RING_SLOTS; n++) {
		assert_int_equal(media_ring_take(&ring, (unsigned)n, never, NULL), n);
		media_ring_read(&ring);
	}
	/* All in use: it waits, and a new command ends the wait. */
	assert_int_equal(media_ring_take(&ring, MEDIA_RING_SLOTS, always, NULL), -1);
	media_ring_release(&ring, 5);
	media_ring_release(&ring, 2);
	assert_int_equal(media_ring_take(&ring, MEDIA_RING_SLOTS, never, NULL), 2);
	assert_int_equal(media_ring_take(&ring, MEDIA_RING_SLOTS + 1, never, NULL), 5);
	/* Two records the client has not read yet: it waits for the reading. */
	media_ring_release(&ring, 9);
	assert_int_equal(media_ring_take(&ring, MEDIA_RING_SLOTS + 2, always, NULL), -1);
	media_ring_read(&ring);
	assert_int_equal(media_ring_take(&ring, MEDIA_RING_SLOTS + 2, never, NULL), 9);
	media_ring_unmap(&ring);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_worker_cannot_shrink_the_ring_under_the_kiosk),
		cmocka_unit_test(test_the_worker_takes_the_lowest_free_slot_and_waits_for_one),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
