/* A recording's sound and pictures for the player: decoded by a media
 * worker process (media_play_start) that opens the file once and stays
 * while the player is open, read on a thread of its own and queued on the
 * kiosk's sound device a second ahead. The UI never waits: it asks where
 * the sound is. Pause and seek are messages to the worker (what was queued
 * is dropped); a worker that dies ends the sound there (playback_failed),
 * never the kiosk, and the next play starts another. */
#ifndef HISHATAK_PLAYBACK_H
#define HISHATAK_PLAYBACK_H

#include <SDL.h>

typedef struct playback playback;

/* For the file at path, of duration_ms, through dev (0: none, silent: the
 * place follows the clock) at rate, with pictures within a square of picture_w
 * (0: none). follow_clock: the place follows the kiosk's clock even with a
 * device (scripts). NULL when out of memory. */
playback *playback_new(const char *path, long long duration_ms, int picture_w, SDL_AudioDeviceID dev, int rate,
		       int follow_clock);
void playback_free(playback *p);

/* Plays from ms (clamped to the recording); now is the kiosk's clock. */
void playback_play(playback *p, long long ms, int volume, Uint32 now);
void playback_pause(playback *p, Uint32 now);
int playback_playing(const playback *p);
/* Where the sound is, in ms. At the end it stops by itself. */
long long playback_position(playback *p, Uint32 now);
/* Calls show with the newest picture due at ms (YUV 4:2:0, lent for the
 * call), once; 1 when it did, 0 when none is due yet. */
int playback_picture(playback *p, long long at, void (*show)(void *ctx, int w, int h, const unsigned char *yuv),
		     void *ctx);

/* True when the worker stopped before the end: that part could not be played. */
int playback_failed(const playback *p);

#endif
