/* Recordings (sound, or picture and sound) read with FFmpeg's libraries:
 * what a file holds (container, codecs, size, length), whether a Raspberry
 * Pi kiosk can play it, and a poster picture for its tile. Recordings come
 * from sticks and FFmpeg is large: the kiosk calls this in a worker process
 * (media_probe_file, in app/render/), never in its own. */
#ifndef HISHATAK_MEDIA_H
#define HISHATAK_MEDIA_H

#include <stddef.h>

typedef struct {
	long long duration_ms;
	int video;                 /* has a picture */
	int width, height;         /* of the picture */
	char container[16];        /* mp4, matroska, mp3, ogg, flac, wav */
	char video_codec[16];      /* h264, vp8, vp9, or "" */
	char audio_codec[16];      /* aac, mp3, opus, vorbis, flac, pcm_s16le ..., or "" */
} media_facts;

/* Largest picture a Pi plays smoothly (H.264, 1080p30). */
#define MEDIA_MAX_W 1920
#define MEDIA_MAX_H 1088
/* The poster's largest side. */
#define MEDIA_POSTER_W 640
#define MEDIA_POSTER_H 360

/* True for the extensions of recordings: mp3 m4a ogg opus flac wav (sound),
 * mp4 m4v webm mkv (picture and sound). */
int media_handles(const char *ext);

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
