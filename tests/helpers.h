/* What the tests share: cmocka, temporary folders, running the program,
 * and looking at PNG screenshots. Tests run from the project root. */
#ifndef HISHATAK_TEST_HELPERS_H
#define HISHATAK_TEST_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <SDL.h>
#include <math.h>
#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef HISHATAK /* the program under test; make sanitize passes its own */
#define HISHATAK "build/hishatak"
#endif

/* A new empty folder under /tmp (static buffer per call site is enough). */
static inline void temp_dir(char out[256])
{
	snprintf(out, 256, "/tmp/hishatak-test-XXXXXX");
	assert_non_null(mkdtemp(out));
}

static inline void remove_dir(const char *dir)
{
	char cmd[512];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/* Runs a shell command; returns its exit status, stdout in out (may be NULL). */
static inline int run(const char *cmd, char *out, size_t out_size)
{
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	size_t n = 0;
	char buf[4096];
	size_t got;
	while ((got = fread(buf, 1, sizeof buf, p)) > 0) {
		if (out && n + got < out_size) {
			memcpy(out + n, buf, got);
			n += got;
		}
	}
	if (out)
		out[n] = 0;
	int status = pclose(p);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* run() of a command given as printf's format and arguments. */
static inline int run_fmt(char *out, size_t out_size, const char *fmt, ...)
{
	char cmd[8192];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	return run(cmd, out, out_size);
}

/* How many times needle occurs in hay. */
static inline int count(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p++)
		n++;
	return n;
}

/* Fills a surface's pixels in RGB24 for easy comparison. */
static inline SDL_Surface *png_load(const char *path)
{
	SDL_Surface *raw = IMG_Load(path);
	if (!raw)
		fail_msg("%s: %s", path, IMG_GetError());
	SDL_Surface *rgb = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_RGB24, 0);
	SDL_FreeSurface(raw);
	assert_non_null(rgb);
	return rgb;
}

/* How many distinct colours (capped), a measure of "not blank". */
static inline int png_colours(SDL_Surface *s)
{
	static uint8_t seen[1 << 15];
	memset(seen, 0, sizeof seen);
	int count = 0;
	for (int y = 0; y < s->h; y++) {
		const uint8_t *p = (const uint8_t *)s->pixels + y * s->pitch;
		for (int x = 0; x < s->w; x++, p += 3) {
			int key = (p[0] >> 3) << 10 | (p[1] >> 3) << 5 | (p[2] >> 3);
			if (!seen[key]) {
				seen[key] = 1;
				count++;
			}
		}
	}
	return count;
}

/* The share of pixels (0..1) of rows y0 to y1 (not included) that differ
 * between two same-size images. */
static inline double png_difference_rows(SDL_Surface *a, SDL_Surface *b, int y0, int y1)
{
	assert_int_equal(a->w, b->w);
	assert_int_equal(a->h, b->h);
	long differ = 0;
	for (int y = y0; y < y1; y++) {
		const uint8_t *p = (const uint8_t *)a->pixels + y * a->pitch;
		const uint8_t *q = (const uint8_t *)b->pixels + y * b->pitch;
		for (int x = 0; x < a->w * 3; x += 3)
			differ += p[x] != q[x] || p[x + 1] != q[x + 1] || p[x + 2] != q[x + 2];
	}
	return (double)differ / ((double)a->w * (y1 - y0));
}

/* The same for the whole images. */
static inline double png_difference(SDL_Surface *a, SDL_Surface *b)
{
	return png_difference_rows(a, b, 0, a->h);
}

/* A fresh folder for each test (setup) removed after it (teardown). */
static char test_dir[256];

static inline int setup_test_dir(void **state)
{
	temp_dir(test_dir);
	return 0;
}

/* HISHATAK_KEEP_TEST_DIR=1 keeps the folder (screenshots) to look at. */
static inline int teardown_test_dir(void **state)
{
	if (getenv("HISHATAK_KEEP_TEST_DIR"))
		fprintf(stderr, "kept %s\n", test_dir);
	else
		remove_dir(test_dir);
	return 0;
}

static inline void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* Loudness of 16-bit little-endian samples: the root mean square and the
 * peak, on a scale where full scale is 1. */
static inline void pcm_levels(const unsigned char *bytes, size_t size, double *rms, double *peak)
{
	double sum = 0, max = 0;
	size_t n = size / 2;
	for (size_t i = 0; i < n; i++) {
		double v = (double)(int16_t)(bytes[2 * i] | bytes[2 * i + 1] << 8) / 32768.0;
		sum += v * v;
		max = v < 0 ? (-v > max ? -v : max) : (v > max ? v : max);
	}
	*rms = n ? sqrt(sum / (double)n) : 0;
	*peak = max;
}

#endif
