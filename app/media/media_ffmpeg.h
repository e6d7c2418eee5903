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
 * samples, pictures as YUV 4:2:0 (planes one after another) with their
 * time; either returns non-zero to stop. picture NULL: sound alone. */
typedef struct {
	int (*sound)(const short *samples, int count, void *ctx);
	int (*picture)(long long ms, int w, int h, const unsigned char *yuv, size_t len, void *ctx);
	void *ctx;
} media_sink;

/* Decodes the recording at path from start_ms on: sound at rate, pictures
 * at most picture_w wide, into sink. 0 at the end, -1 with the reason. */
int media_decode(const char *path, long long start_ms, int rate, int picture_w, const media_sink *sink, char err[256]);

/* RGB pixels (3 bytes each, rows of stride bytes) as a PNG file in memory;
 * NULL when out of memory. */
unsigned char *media_png_encode(const unsigned char *rgb, int w, int h, int stride, size_t *len);

#endif
