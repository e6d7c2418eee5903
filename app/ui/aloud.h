/* Reading aloud in the kiosk: sentences spoken by core/speech on a thread of
 * its own and played through SDL's audio, with the sentence being heard
 * told to the UI so that it can be marked on the page. The UI never waits:
 * it hands sentences over and asks where the voice is. Without a sound
 * device the kiosk still works: the voice's place follows the clock, in
 * silence, and aloud_problem says why for Admin. */
#ifndef HISHATAK_ALOUD_H
#define HISHATAK_ALOUD_H

#include <SDL.h>

typedef struct aloud aloud;

/* Starts the speech thread and opens the sound device named output (as
 * SDL names it; "" the system's default). NULL only when speech cannot run
 * at all (err says why). */
aloud *aloud_open(int volume, const char *output, char err[256]);
void aloud_close(aloud *a);

/* "" when all is well, or why the kiosk is silent (no sound device). */
const char *aloud_problem(const aloud *a);

/* Scripts run on the kiosk's own clock: the voice's place follows it too
 * (after the speech thread has caught up), so every run is the same. */
void aloud_follow_clock(aloud *a, int on);

/* Speaks sentences (copied) in lang from sentence first, at rate words a
 * minute, in place of whatever was being said; now is the kiosk's clock. */
void aloud_say(aloud *a, const char *lang, char *const *sentences, int count, int first, int rate, Uint32 now);
void aloud_stop(aloud *a);

/* The sentence being heard (index into the last aloud_say's sentences),
 * or the count when all have been heard; -1 when nothing is said. */
int aloud_position(aloud *a, Uint32 now);

/* 1 when the last aloud_say's language had no voice of its own: the
 * language of the one used is in used. */
int aloud_voice_fallback(aloud *a, char used[16]);

/* Plays through another sound device from now on (what was being said
 * stops); "" the system's default. aloud_problem says when it cannot. */
void aloud_set_output(aloud *a, const char *output);

/* The sound devices there are: up to max names (as SDL gives them, for
 * aloud_set_output) in names; returns how many there are. */
int aloud_outputs(char names[][128], int max);

/* The sound device speech plays through (0: none) and its rate (mono,
 * 16-bit): the player's sound goes there too, after aloud_stop, so that
 * Admin's choice of output holds for both. */
SDL_AudioDeviceID aloud_device(aloud *a, int *rate);

/* 0 to 100, for what is said from now on. */
void aloud_set_volume(aloud *a, int volume);

#endif
