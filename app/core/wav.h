/* WAV files of 16-bit mono samples: what `hishatak speak` writes. */
#ifndef HISHATAK_WAV_H
#define HISHATAK_WAV_H

#include <stdio.h>

typedef struct {
	FILE *f;
	int sample_rate;
	long long samples;
} wav_file;

/* Creates path with a header to be completed by wav_close. */
int wav_create(wav_file *w, const char *path, int sample_rate, char err[256]);
int wav_write(wav_file *w, const short *samples, int count);
/* Writes the sizes into the header and closes; -1 with err on failure. */
int wav_close(wav_file *w, const char *path, char err[256]);

#endif
