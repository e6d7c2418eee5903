/* hishatak-media: the media worker, the one program that links FFmpeg.
 * `hishatak-media probe PATH NAME` answers media_probe_file;
 * `hishatak-media decode PATH MS RATE WIDTH` feeds media_decode_start's
 * pipe (see core/media_client.h). Kept apart so that the kiosk, its render
 * workers and every command start without loading FFmpeg's libraries. */
#include "core/config.h"
#include "core/doc.h"
#include "core/media_client.h"
#include "media/media_ffmpeg.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int write_all(int fd, const void *buf, size_t len)
{
	for (const char *p = buf; len > 0;) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static int write_samples(const short *samples, int count, void *ctx)
{
	media_record r = {MEDIA_RECORD_SOUND, count, 0, 0, (long long)count * 2};
	return write_all(1, &r, sizeof r) || write_all(1, samples, (size_t)r.len);
}

static int write_picture(long long ms, int w, int h, const unsigned char *yuv, size_t len, void *ctx)
{
	media_record r = {MEDIA_RECORD_PICTURE, w, h, ms, (long long)len};
	return write_all(1, &r, sizeof r) || write_all(1, yuv, len);
}

int main(int argc, char **argv)
{
	config_load(1); /* the kiosk's settings, whose warnings have been seen */
	if (argc < 2)
		return 2;
	for (int fd = 3; fd < 1024; fd++) /* nothing of the kiosk's */
		close(fd);
	doc_limit_worker();
	if (strcmp(argv[1], "decode") == 0 && argc == 6) { /* the player's, until the player hangs up */
		char err[256];
		signal(SIGPIPE, SIG_DFL);
		int picture_w = atoi(argv[5]);
		media_sink sink = {write_samples, picture_w > 0 ? write_picture : NULL, NULL};
		return media_decode(argv[2], atoll(argv[3]), atoi(argv[4]), picture_w, &sink, err) == 0 ? 0 : 1;
	}
	if (strcmp(argv[1], "probe") != 0 || argc != 4)
		return 2;
	media_answer a = {0};
	unsigned char *png = NULL;
	size_t len = 0;
	a.rc = media_probe_here(argv[2], argv[3], &a.facts, &png, &len, a.error);
	a.png_len = a.rc == 0 ? (long long)len : 0;
	int rc = write_all(1, &a, sizeof a) == 0 && write_all(1, png, (size_t)a.png_len) == 0 ? 0 : 1;
	free(png);
	return rc;
}

