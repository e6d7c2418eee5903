/* Text read aloud with espeak-ng (its Eastern Armenian, Russian and English
 * voices among others), as 16-bit mono samples handed to the caller: the
 * kiosk plays them, `hishatak speak` writes them to a WAV file. espeak-ng
 * keeps one synthesizer per process, so there is one speaker at a time,
 * used by one thread. */
#ifndef HISHATAK_SPEECH_H
#define HISHATAK_SPEECH_H

typedef struct speaker speaker;

#define SPEECH_RATE_NORMAL 165 /* words a minute: unhurried, for every age */
#define SPEECH_RATE_MIN 90
#define SPEECH_RATE_MAX 300

/* NULL with err when espeak-ng or its voices are missing, or a speaker is
 * open already. */
speaker *speech_open(char err[256]);
void speech_close(speaker *s);

/* Samples a second (espeak-ng's: 22050). */
int speech_sample_rate(const speaker *s);

/* Takes the voice for a language ("en", "hy", "ru-RU"...): 0 when it has
 * one; 1 when it has none and the closest was taken instead (its language
 * in used, "en" when nothing is closer); -1 when no voice at all works. */
int speech_voice(speaker *s, const char *lang, char used[16]);

/* Speed in words a minute, clamped to SPEECH_RATE_MIN..MAX. */
void speech_set_rate(speaker *s, int words_a_minute);

/* Speaks text (UTF-8), handing the samples to sink as they are made; sink
 * returns nonzero to stop there. 0 when all was said, 1 when sink stopped
 * it, -1 on failure. */
typedef int (*speech_sink)(const short *samples, int count, void *ctx);
int speech_say(speaker *s, const char *text, speech_sink sink, void *ctx);

#endif
