/* Hyphenation: see hyphen.h. */
#include "core/hyphen.h"

#include <hyphen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

enum { HY_EN, HY_RU, HY_HY, HY_COUNT };

struct hyphen {
	char path[HY_COUNT][4200]; /* "" for Armenian, by rule */
	HyphenDict *dict[HY_COUNT];
	int tried[HY_COUNT];       /* loaded when first needed: not at start-up */
};

#define SYSTEM_DIR "/usr/share/hyphen"
#define WORD_MAX 64 /* letters: longer runs are not hyphenated */

hyphen *hyphen_open(const char *assets_dir, char err[256])
{
	hyphen *h = calloc(1, sizeof *h);
	if (!h) {
		snprintf(err, 256, "out of memory");
		return NULL;
	}
	snprintf(h->path[HY_EN], sizeof h->path[HY_EN], SYSTEM_DIR "/hyph_en_US.dic");
	snprintf(h->path[HY_RU], sizeof h->path[HY_RU], "%s/hyphen/hyph_ru_RU.dic", assets_dir);
	FILE *en = fopen(h->path[HY_EN], "r"), *ru = fopen(h->path[HY_RU], "r");
	if (en)
		fclose(en);
	if (ru)
		fclose(ru);
	if (!en && !ru) {
		snprintf(err, 256, "%s/hyphen and " SYSTEM_DIR "/hyph_en_US.dic: no hyphenation patterns", assets_dir);
		free(h);
		return NULL;
	}
	return h;
}

/* The patterns of script, loaded the first time (NULL: none). */
static HyphenDict *dict_of(hyphen *h, int script)
{
	if (!h->tried[script] && h->path[script][0]) {
		h->tried[script] = 1;
		h->dict[script] = hnj_hyphen_load(h->path[script]);
		if (h->dict[script] && !h->dict[script]->utf8) { /* see run_breaks */
			hnj_hyphen_free(h->dict[script]);
			h->dict[script] = NULL;
		}
	}
	return h->dict[script];
}

void hyphen_close(hyphen *h)
{
	if (!h)
		return;
	for (int i = 0; i < HY_COUNT; i++)
		if (h->dict[i])
			hnj_hyphen_free(h->dict[i]);
	free(h);
}

static int script_of(UChar32 c)
{
	if ((c >= 0x0531 && c <= 0x058F) || (c >= 0xFB13 && c <= 0xFB17))
		return HY_HY;
	if (c >= 0x0400 && c <= 0x04FF)
		return HY_RU;
	return HY_EN;
}

/* UTF-8 of c at out (room for 4 bytes); returns its length. */
static int utf8_put(char *out, UChar32 c)
{
	if (c < 0x80)
		return out[0] = (char)c, 1;
	if (c < 0x800)
		return out[0] = (char)(0xC0 | c >> 6), out[1] = (char)(0x80 | (c & 0x3F)), 2;
	if (c < 0x10000)
		return out[0] = (char)(0xE0 | c >> 12), out[1] = (char)(0x80 | (c >> 6 & 0x3F)),
		       out[2] = (char)(0x80 | (c & 0x3F)), 3;
	return out[0] = (char)(0xF0 | c >> 18), out[1] = (char)(0x80 | (c >> 12 & 0x3F)),
	       out[2] = (char)(0x80 | (c >> 6 & 0x3F)), out[3] = (char)(0x80 | (c & 0x3F)), 4;
}

/* Armenian, by the rule its schoolbooks teach: between two vowels a
 * single consonant begins the next syllable (Ժա-մա-նակ), of two or more
 * the last does (պատ-մու), or the last two when the last is յ (ու-թյուն);
 * ու is one vowel. Debian has no Armenian patterns, and TeX's hyph-hy
 * (texlive-lang-other), loaded into libhyphen, knows only "vowel-consonant
 * vowel" without ու: no break at all in "պատմություն". cps are lower case;
 * marks[c] = 1 for a break after character c. */
static void armenian_marks(const UChar32 *cps, int chars, char *marks)
{
	int last_vowel = -1;
	for (int c = 0; c < chars; c++) {
		UChar32 x = cps[c];
		int vowel = x == 0x0561 || x == 0x0565 || x == 0x0567 || x == 0x0568 || x == 0x056B || x == 0x0578 ||
			    x == 0x0585 || x == 0x0587 || (x == 0x0582 && c > 0 && cps[c - 1] == 0x0578);
		marks[c] = 0;
		if (!vowel)
			continue;
		int consonants = c - last_vowel - 1;
		if (last_vowel >= 0 && consonants > 0) {
			int first = consonants == 1 ? c - 1 : cps[c - 1] == 0x0575 ? c - 2 : c - 1;
			marks[first - 1] = 1;
		}
		last_vowel = c;
	}
}

/* The breaks inside one run of letters s[0..len) of one script, added to
 * at[] as offsets from base. The patterns are lower case and UTF-8 (those
 * that are not, such as Debian's hyphen-ru in KOI8-R, are not loaded). */
static int run_breaks(hyphen *h, int script, const char *s, int len, int base, int *at, int n, int max)
{
	HyphenDict *d = dict_of(h, script);
	const uint8_t *u = (const uint8_t *)s;
	if (!d && script != HY_HY)
		return n;
	char word[WORD_MAX * 4 + 1], hy[WORD_MAX * 4 + 5];
	int ends[WORD_MAX], chars = 0, out = 0;
	UChar32 cps[WORD_MAX];
	for (int i = 0; i < len;) {
		UChar32 c;
		U8_NEXT(u, i, len, c);
		if (c < 0 || chars == WORD_MAX)
			return n;
		cps[chars] = u_tolower(c);
		out += utf8_put(word + out, cps[chars]);
		ends[chars++] = i;
	}
	word[out] = 0;
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	if (script == HY_HY)
		armenian_marks(cps, chars, hy);
	else if (hnj_hyphen_hyphenate3(d, word, out, hy, NULL, &rep, &pos, &cut, 2, 2, 2, 2) != 0)
		chars = 0;
	/* An odd mark after a character is a break (libhyphen gives one mark
	 * a character, in UTF-8 too); two letters at least each side: "а-"
	 * alone on a line reads badly. */
	for (int c = 1; c < chars - 2 && n < max; c++)
		if (hy[c] & 1)
			at[n++] = base + ends[c];
	if (rep) {
		for (int i = 0; i < out; i++)
			free(rep[i]);
		free(rep);
	}
	free(pos);
	free(cut);
	return n;
}

int hyphen_breaks(hyphen *h, const char *s, int len, int *at, int max)
{
	const uint8_t *u = (const uint8_t *)s;
	int n = 0, i = 0;
	if (!h)
		return 0;
	while (i < len && n < max) {
		int start = i, script = -1;
		UChar32 c;
		/* A run of letters of one script; anything else separates. */
		for (;;) {
			int here = i;
			if (i >= len)
				break;
			U8_NEXT(u, i, len, c);
			if (c < 0 || !u_isalpha(c) || (script >= 0 && script_of(c) != script)) {
				if (here > start) {
					i = here;
					break;
				}
				start = i;
				continue;
			}
			script = script_of(c);
		}
		if (i > start && script >= 0)
			n = run_breaks(h, script, s + start, i - start, start, at, n, max);
	}
	return n;
}
