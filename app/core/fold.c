/* Folding words across scripts: see fold.h. */
#include "core/fold.h"

#include <libstemmer.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>
#include <unicode/utrans.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WORD_MAX (FOLD_MAX - 1)
/* Folded words kept, since ICU takes microseconds a word: two to a set,
 * the one used last first. A hundred results' snippets hold some
 * thousands of words, and the next keystroke's mostly the same ones. */
#define CACHE_SETS 8192
#define CACHED_MAX 31 /* longer words and forms are folded each time */

enum { LANG_EN, LANG_RU, LANG_HY, LANG_COUNT };

typedef struct {
	char word[CACHED_MAX + 1];
	char rom[CACHED_MAX + 1], stem[CACHED_MAX + 1];
} cache_slot;

struct fold {
	UTransliterator *romanize;
	struct sb_stemmer *stemmer[LANG_COUNT];
	cache_slot *cache;
};

const char *fold_version(void)
{
	return "1 icu " U_ICU_VERSION " snowball";
}

fold *fold_new(char err[256])
{
	static const char *const algorithms[LANG_COUNT] = {"english", "russian", "armenian"};
	/* BGN/PCGN first, so that Any-Latin leaves Armenian and Cyrillic to it;
	 * Latin-ASCII takes diacritics off ("Şuşa" meets "Susa"). */
	static const char *const id = "Armenian-Latin/BGN; Russian-Latin/BGN; Any-Latin; Latin-ASCII; Lower";
	UChar uid[96];
	UErrorCode e = U_ZERO_ERROR;
	fold *f = calloc(1, sizeof *f);
	if (!f || !(f->cache = calloc(CACHE_SETS * 2, sizeof *f->cache))) {
		snprintf(err, 256, "out of memory");
		goto fail;
	}
	u_uastrncpy(uid, id, (int32_t)(sizeof uid / sizeof *uid));
	f->romanize = utrans_openU(uid, -1, UTRANS_FORWARD, NULL, 0, NULL, &e);
	if (U_FAILURE(e)) {
		snprintf(err, 256, "search: ICU transform %s: %s", id, u_errorName(e));
		goto fail;
	}
	for (int l = 0; l < LANG_COUNT; l++)
		if (!(f->stemmer[l] = sb_stemmer_new(algorithms[l], "UTF_8"))) {
			snprintf(err, 256, "search: no Snowball stemmer for %s", algorithms[l]);
			goto fail;
		}
	return f;
fail:
	fold_free(f);
	return NULL;
}

void fold_free(fold *f)
{
	if (!f)
		return;
	if (f->romanize)
		utrans_close(f->romanize);
	for (int l = 0; l < LANG_COUNT; l++)
		if (f->stemmer[l])
			sb_stemmer_delete(f->stemmer[l]);
	free(f->cache);
	free(f);
}

static int is_apostrophe(UChar32 c)
{
	return c == '\'' || c == 0x2019 || c == 0x02BC || c == 0x055A || c == 0x02BB;
}

static int is_word_char(UChar32 c)
{
	return u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK);
}

int fold_next_word(const char *text, int len, int *pos, int *start, int *word_len)
{
	int i = *pos;
	UChar32 c;
	while (i < len) {
		int at = i;
		U8_NEXT((const uint8_t *)text, i, len, c);
		if (c >= 0 && is_word_char(c)) {
			*start = at;
			int end = i;
			while (i < len) {
				int next = i;
				U8_NEXT((const uint8_t *)text, next, len, c);
				if (c >= 0 && is_word_char(c)) {
					end = i = next;
					continue;
				}
				/* "Step'anakert" is one word: BGN writes the apostrophe */
				if (c >= 0 && is_apostrophe(c) && next < len) {
					int after = next;
					UChar32 d;
					U8_NEXT((const uint8_t *)text, after, len, d);
					if (d >= 0 && is_word_char(d)) {
						end = i = after;
						continue;
					}
				}
				break;
			}
			*word_len = end - *start;
			*pos = end;
			return 1;
		}
	}
	*pos = i;
	return 0;
}

static unsigned hash_of(const char *s, int len)
{
	unsigned h = 2166136261u;
	for (int i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* Keeps lower-case ASCII letters and digits: what is left of the
 * apostrophes and marks once romanized. */
static int ascii_only(const char *in, int len, char *out, int cap)
{
	int n = 0;
	for (int i = 0; i < len && n + 1 < cap; i++) {
		char ch = in[i];
		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))
			out[n++] = ch;
	}
	out[n] = 0;
	return n;
}

/* Romanizes UTF-16 text of n units into ASCII out. */
static int romanize(fold *f, UChar *u, int32_t n, char *out, int cap)
{
	char utf8[WORD_MAX * 4 + 8];
	UErrorCode e = U_ZERO_ERROR;
	int32_t limit = n, m = n, bytes;
	utrans_transUChars(f->romanize, u, &m, WORD_MAX * 2, 0, &limit, &e);
	if (U_FAILURE(e)) /* longer than the buffer once romanized: its start will do */
		m = n;
	e = U_ZERO_ERROR;
	u_strToUTF8(utf8, (int32_t)sizeof utf8, &bytes, u, m < WORD_MAX * 2 ? m : WORD_MAX * 2, &e);
	return U_FAILURE(e) ? 0 : ascii_only(utf8, bytes, out, cap);
}

/* Both forms of a word, each at most WORD_MAX bytes. */
static void fold_uncached(fold *f, const char *word, int len, char *rom, char *stem)
{
	UChar u[WORD_MAX * 2 + 8], lower[WORD_MAX * 2 + 8];
	char utf8[WORD_MAX * 4 + 8];
	UErrorCode e = U_ZERO_ERROR;
	int32_t n, m;
	int ascii = 1, lang = LANG_EN;
	rom[0] = stem[0] = 0;
	for (int i = 0; i < len; i++)
		ascii &= (unsigned char)word[i] < 0x80;
	if (ascii) {
		/* Most of the archive: no ICU, the English stemmer on the word
		 * without its apostrophes. */
		int k = ascii_only(word, len, rom, WORD_MAX + 1);
		const sb_symbol *s = sb_stemmer_stem(f->stemmer[LANG_EN], (const sb_symbol *)rom, k);
		ascii_only(s ? (const char *)s : rom, s ? sb_stemmer_length(f->stemmer[LANG_EN]) : k, stem, WORD_MAX + 1);
		return;
	}
	u_strFromUTF8Lenient(u, WORD_MAX * 2, &n, word, len, &e);
	if (U_FAILURE(e))
		return;
	m = u_strToLower(lower, WORD_MAX * 2, u, n, "", &e);
	if (U_FAILURE(e) || m > WORD_MAX * 2)
		return;
	int32_t k = 0;
	for (int32_t i = 0; i < m; i++) {
		if (lang == LANG_EN && lower[i] >= 0x0400 && lower[i] < 0x0530)
			lang = LANG_RU;
		else if (lang == LANG_EN && lower[i] >= 0x0530 && lower[i] < 0x0590)
			lang = LANG_HY;
		if (lower[i] == 0x0259) /* Azerbaijani ə, which Latin-ASCII would drop: "Xankəndi" */
			lower[i] = 'e';
		if (!is_apostrophe(lower[i])) /* the stemmer wants none */
			lower[k++] = lower[i];
	}
	memcpy(u, lower, (size_t)k * sizeof *u);
	romanize(f, u, k, rom, WORD_MAX + 1);
	u_strToUTF8(utf8, (int32_t)sizeof utf8, &n, lower, k, &e);
	if (U_FAILURE(e))
		return;
	const sb_symbol *s = sb_stemmer_stem(f->stemmer[lang], (const sb_symbol *)utf8, n);
	if (!s)
		return;
	u_strFromUTF8Lenient(u, WORD_MAX * 2, &m, (const char *)s, sb_stemmer_length(f->stemmer[lang]), &e);
	if (!U_FAILURE(e))
		romanize(f, u, m, stem, WORD_MAX + 1);
}

int fold_word(fold *f, const char *word, int len, char rom[FOLD_MAX], char stem[FOLD_MAX])
{
	if (len > WORD_MAX) { /* cut at a character's start */
		len = WORD_MAX;
		while (len > 0 && ((unsigned char)word[len] & 0xC0) == 0x80)
			len--;
	}
	cache_slot *set = &f->cache[(hash_of(word, len) % CACHE_SETS) * 2];
	for (int way = 0; way < 2 && len && len <= CACHED_MAX; way++) {
		cache_slot *slot = &set[way];
		if (slot->word[len] == 0 && memcmp(slot->word, word, (size_t)len) == 0) {
			strcpy(rom, slot->rom);
			strcpy(stem, slot->stem);
			if (way) { /* used last: first */
				cache_slot t = set[0];
				set[0] = set[1];
				set[1] = t;
			}
			return (int)strlen(rom);
		}
	}
	fold_uncached(f, word, len, rom, stem);
	if (len && len <= CACHED_MAX && strlen(rom) <= CACHED_MAX && strlen(stem) <= CACHED_MAX) {
		set[1] = set[0];
		memcpy(set[0].word, word, (size_t)len);
		set[0].word[len] = 0;
		strcpy(set[0].rom, rom);
		strcpy(set[0].stem, stem);
	}
	return (int)strlen(rom);
}

char *fold_text(fold *f, const char *text)
{
	int len = (int)strlen(text), pos = 0, start, word_len;
	size_t cap = (size_t)len * 2 + 16, n = 0;
	char *out = malloc(cap), rom[FOLD_MAX], stem[FOLD_MAX];
	if (!out)
		return NULL;
	while (fold_next_word(text, len, &pos, &start, &word_len)) {
		int k = fold_word(f, text + start, word_len, rom, stem);
		if (!k)
			continue;
		/* The stem only when a prefix query of it would not find the word. */
		size_t sl = strlen(stem);
		int with_stem = sl && strncmp(rom, stem, sl) != 0;
		if (n + (size_t)k + sl + 3 > cap) {
			char *bigger = realloc(out, cap = cap * 2 + (size_t)k + sl + 3);
			if (!bigger) {
				free(out);
				return NULL;
			}
			out = bigger;
		}
		n += (size_t)sprintf(out + n, "%s%s%s%s", n ? " " : "", rom, with_stem ? " " : "", with_stem ? stem : "");
	}
	out[n] = 0;
	return out;
}
