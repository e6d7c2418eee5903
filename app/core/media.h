/* Recordings (sound, or picture and sound): what a file holds (container,
 * codecs, size, length) and the limits of what a Raspberry Pi kiosk plays.
 * FFmpeg reads them only in the media program, hishatak-media (app/media/),
 * which the kiosk and the staff's commands exec (media_client.h). */
#ifndef HISHATAK_MEDIA_H
#define HISHATAK_MEDIA_H

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

#endif
