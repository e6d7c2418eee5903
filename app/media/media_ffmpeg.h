/* Recordings read with FFmpeg's libraries, in the media program
 * (hishatak-media) only: whether a Raspberry Pi kiosk can play a file, a
 * poster picture for its tile, and its sound and pictures for the player.
 * Recordings come from sticks and FFmpeg is large: no other program links
 * it, so neither a hostile file nor FFmpeg's start-up costs the kiosk. */
#ifndef HISHATAK_MEDIA_FFMPEG_H
#define HISHATAK_MEDIA_FFMPEG_H

#include "core/media.h"

#include <stddef.h>

/* Probes the file at path here, in this process: its facts, and a poster
 * as PNG (a frame a tenth of the way in, or for sound its loudness drawn
 * as bars), malloc'ed into *png. -1 with the reason when it is not a
 * recording the kiosk can play; the reason then says what to convert it
 * to, with the ffmpeg command (name is how the message calls the file). */
int media_probe_here(const char *path, const char *name, media_facts *f, unsigned char **png, size_t *png_len,
		     char err[256]);

/* Where the player's worker sends what it decodes: sound as mono 16-bit
 * samples; pictures as YUV 4:2:0 (planes one after another) written where
 * picture_room says (NULL: stop), then sent with their time by picture;
 * sound and picture return non-zero to stop. picture NULL: sound alone.
 * interrupted, asked between packets, returns non-zero to stop too (a new
 * place asked for). */
typedef struct {
	int (*sound)(const short *samples, int count, void *ctx);
	unsigned char *(*picture_room)(size_t len, void *ctx);
	int (*picture)(long long ms, int w, int h, void *ctx);
	int (*interrupted)(void *ctx);
	void *ctx;
} media_sink;

/* A recording opened once for the player, decoded from any place as often
 * as asked: a seek costs no new process nor a new reading of the file.
 * Sound at rate; pictures (when want_picture) within a square of picture_w
 * (as wide, or as tall when upright). H.264
 * goes to the kernel's V4L2 M2M decoder (a Pi 4's hardware) when there is
 * one, else to FFmpeg's own. NULL with the reason in err. */
typedef struct media_player media_player;
media_player *media_player_open(const char *path, int rate, int picture_w, int want_picture, char err[256]);
/* Decodes from start_ms into sink until the end (0) or until the sink
 * stops it (1). */
int media_player_run(media_player *m, long long start_ms, const media_sink *sink);
/* The decoder of the picture ("h264_v4l2m2m", "h264", ...) or "". */
const char *media_player_decoder(const media_player *m);
void media_player_close(media_player *m);

/* RGB pixels (3 bytes each, rows of stride bytes) as a PNG file in memory;
 * NULL when out of memory. */
unsigned char *media_png_encode(const unsigned char *rgb, int w, int h, int stride, size_t *len);

#endif
