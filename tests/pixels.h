/* Looking at the program's PNG output (screenshots, rendered pages) in
 * tests, through SDL_image. */
#ifndef HISHATAK_TEST_PIXELS_H
#define HISHATAK_TEST_PIXELS_H

#include "helpers.h"

#include <SDL.h>
#include <SDL_image.h>

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

#endif
