/* A RIFF/WAVE writer: a 44-byte header, then little-endian samples. */
#include "core/wav.h"

#include <errno.h>
#include <string.h>

static void le32(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

static void header(unsigned char h[44], int rate, long long samples)
{
	unsigned data = (unsigned)(samples * 2);
	memcpy(h, "RIFF", 4);
	le32(h + 4, 36 + data);
	memcpy(h + 8, "WAVEfmt ", 8);
	le32(h + 16, 16);
	le32(h + 20, 1 | 1 << 16);          /* PCM, one channel */
	le32(h + 24, (unsigned)rate);
	le32(h + 28, (unsigned)rate * 2);   /* bytes a second */
	le32(h + 32, 2 | 16 << 16);         /* 2 bytes a frame, 16 bits */
	memcpy(h + 36, "data", 4);
	le32(h + 40, data);
}

int wav_create(wav_file *w, const char *path, int sample_rate, char err[256])
{
	unsigned char h[44];
	w->sample_rate = sample_rate;
	w->samples = 0;
	w->f = fopen(path, "wb");
	header(h, sample_rate, 0);
	if (!w->f || fwrite(h, 1, sizeof h, w->f) != sizeof h) {
		snprintf(err, 256, "%s: %s", path, strerror(errno));
		if (w->f)
			fclose(w->f);
		w->f = NULL;
		return -1;
	}
	return 0;
}

int wav_write(wav_file *w, const short *samples, int count)
{
	unsigned char buf[4096];
	for (int done = 0; done < count;) {
		int n = count - done < 2048 ? count - done : 2048;
		for (int i = 0; i < n; i++) {
			unsigned short v = (unsigned short)samples[done + i];
			buf[2 * i] = (unsigned char)v;
			buf[2 * i + 1] = (unsigned char)(v >> 8);
		}
		if (fwrite(buf, 2, (size_t)n, w->f) != (size_t)n)
			return -1;
		done += n;
	}
	w->samples += count;
	return 0;
}

int wav_close(wav_file *w, const char *path, char err[256])
{
	unsigned char h[44];
	header(h, w->sample_rate, w->samples);
	int failed = fseek(w->f, 0, SEEK_SET) != 0 || fwrite(h, 1, sizeof h, w->f) != sizeof h;
	failed |= fclose(w->f) != 0;
	w->f = NULL;
	if (failed)
		snprintf(err, 256, "%s: %s", path, strerror(errno));
	return failed ? -1 : 0;
}
