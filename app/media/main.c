/* hishatak-media: the media worker, the one program that links FFmpeg.
 * `hishatak-media probe PATH NAME` answers media_probe_file;
 * `hishatak-media play PATH RATE WIDTH` is media_play_start's worker,
 * playing where its commands say, its pictures into the ring on fd 3 (see
 * core/media_client.h). Kept apart so that the kiosk, its render workers
 * and every command start without loading FFmpeg's libraries. */
#include "core/config.h"
#include "core/doc.h"
#include "core/files.h"
#include "core/media_client.h"
#include "media/media_ffmpeg.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* The worker's state: the command being answered, and one come in
 * while it was (pending). */
static media_command current, next;
static int pending;

/* Between packets: a new place asked for? The newest of those waiting. */
static int interrupted(void *ctx)
{
	struct pollfd in = {0, POLLIN, 0};
	while (poll(&in, 1, 0) == 1) {
		if (files_read_all(0, &next, sizeof next) != 0)
			exit(0); /* the player is gone */
		pending = 1;
	}
	return pending;
}

static int write_samples(const short *samples, int count, void *ctx)
{
	media_record r = {MEDIA_RECORD_SOUND, count, 0, current.number, 0, (long long)count * 2};
	return files_write_all(1, &r, sizeof r) || files_write_all(1, samples, (size_t)r.len);
}

static media_ring ring;

/* A picture goes into a free slot of the ring (none when a newer command
 * comes while it waits for one), then its record says which. */
static int slot;

static unsigned char *picture_room(size_t len, void *ctx)
{
	static unsigned sent;
	slot = len <= ring.slot_bytes ? media_ring_take(&ring, sent, interrupted, ctx) : -1;
	if (slot < 0)
		return NULL;
	sent++;
	return media_ring_slot(&ring, slot);
}

static int send_picture(long long ms, int w, int h, void *ctx)
{
	media_record r = {MEDIA_RECORD_PICTURE, w, h, current.number, ms, 0, slot, 0};
	return files_write_all(1, &r, sizeof r);
}

/* FFmpeg's libraries bring a hundred more (network, encoders, SVG,
 * TLS...) whose start-up touches pages that playing never uses again:
 * about 23 MB of a 1080p film's worker. Once the recording is open those
 * pages are given back; the decoding libraries and the C library keep
 * theirs (on a Pi they would come back from the card), and any page
 * needed later is read in again. */
static void give_back_start_up_pages(void)
{
	static const char *const keep[] = {"/libavcodec", "/libavformat", "/libavutil", "/libswscale", "/libswresample",
					   "/libc.so", "/libm.so", "/ld-linux", "hishatak-media"};
	FILE *f = fopen("/proc/self/maps", "r");
	char line[4200], perms[8], path[4096];
	unsigned long from, to;
	while (f && fgets(line, sizeof line, f)) {
		path[0] = 0;
		if (sscanf(line, "%lx-%lx %7s %*s %*s %*s %4095s", &from, &to, perms, path) < 3 || path[0] != '/' ||
		    perms[1] == 'w')
			continue;
		size_t k = 0;
		while (k < sizeof keep / sizeof *keep && !strstr(path, keep[k]))
			k++;
		if (k == sizeof keep / sizeof *keep)
			madvise((void *)from, to - from, MADV_PAGEOUT);
	}
	if (f)
		fclose(f);
}

/* The player's, until it hangs up: each command plays from its place
 * until the end, a newer command or a pause. */
static int play(const char *path, int rate, int picture_w)
{
	char err[256];
	signal(SIGPIPE, SIG_DFL);
	if (picture_w > 0 && media_ring_map(&ring, 3, picture_w) != 0)
		return 1;
	media_player *m = media_player_open(path, rate, picture_w, picture_w > 0, err);
	if (!m)
		return 1;
	give_back_start_up_pages();
	media_sink sink = {write_samples, picture_room, picture_w > 0 ? send_picture : NULL, interrupted, NULL};
	for (;;) {
		if (pending) {
			current = next;
			pending = 0;
		} else if (files_read_all(0, &current, sizeof current) != 0) {
			break;
		}
		if (current.ms < 0)
			continue; /* paused: wait for the next */
		if (media_player_run(m, current.ms, &sink) == 0) {
			media_record r = {MEDIA_RECORD_END, 0, 0, current.number, 0, 0};
			if (files_write_all(1, &r, sizeof r) != 0)
				break;
		}
	}
	media_player_close(m);
	return 0;
}

int main(int argc, char **argv)
{
	config_load(1); /* the kiosk's settings, whose warnings have been seen */
	if (argc < 2)
		return 2;
	int ring_fd = argc == 5 && strcmp(argv[1], "play") == 0 && atoi(argv[4]) > 0;
	for (int fd = 3 + ring_fd; fd < 1024; fd++) /* nothing of the kiosk's but the pictures' ring */
		close(fd);
	doc_limit_worker();
	if (strcmp(argv[1], "play") == 0 && argc == 5)
		return play(argv[2], atoi(argv[3]), atoi(argv[4]));
	if (strcmp(argv[1], "probe") != 0 || argc != 4)
		return 2;
	media_answer a = {0};
	unsigned char *png = NULL;
	size_t len = 0;
	a.rc = media_probe_here(argv[2], argv[3], &a.facts, &png, &len, a.error);
	a.png_len = a.rc == 0 ? (long long)len : 0;
	int rc = files_write_all(1, &a, sizeof a) == 0 && files_write_all(1, png, (size_t)a.png_len) == 0 ? 0 : 1;
	free(png);
	return rc;
}

