/* Sentence splitting for reading aloud: see sentence.h. Rules, not a model:
 * what a screen reader needs is where to pause and what to mark, and a
 * missed boundary only makes one marked sentence longer. */
#include "core/sentence.h"

#include <string.h>

/* The code point at s (malloc-free UTF-8 decoding; a bad byte is itself). */
static unsigned decode(const unsigned char *s, size_t left, size_t *size)
{
	unsigned c = s[0];
	*size = 1;
	if (c >= 0xc0 && c < 0xe0 && left >= 2) {
		*size = 2;
		return (c & 0x1f) << 6 | (s[1] & 0x3f);
	}
	if (c >= 0xe0 && c < 0xf0 && left >= 3) {
		*size = 3;
		return (c & 0x0f) << 12 | (unsigned)(s[1] & 0x3f) << 6 | (s[2] & 0x3f);
	}
	if (c >= 0xf0 && left >= 4) {
		*size = 4;
		return (c & 0x07) << 18 | (unsigned)(s[1] & 0x3f) << 12 | (unsigned)(s[2] & 0x3f) << 6 | (s[3] & 0x3f);
	}
	return c;
}

/* The start of the code point that ends just before text + at. */
static size_t back_one(const char *text, size_t at)
{
	do
		at--;
	while (at > 0 && ((unsigned char)text[at] & 0xc0) == 0x80);
	return at;
}

static int is_space(unsigned c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xa0 || c == 0x2009 || c == 0x202f;
}

static int is_upper(unsigned c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 0xc0 && c <= 0xde && c != 0xd7) || (c >= 0x400 && c <= 0x42f) ||
	       (c >= 0x531 && c <= 0x556);
}

static int is_lower(unsigned c)
{
	return (c >= 'a' && c <= 'z') || (c >= 0xdf && c <= 0xff && c != 0xf7) || (c >= 0x430 && c <= 0x45f) ||
	       (c >= 0x561 && c <= 0x587);
}

static int is_letter(unsigned c)
{
	return is_upper(c) || is_lower(c);
}

/* . ! ? … ։ and, for Armenian typed on a Latin keyboard, the colon. */
static int is_stop(unsigned c, int armenian)
{
	return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == 0x589 || (armenian && c == ':');
}

/* Closing quotes and brackets stay with the sentence they close. */
static int is_closer(unsigned c)
{
	return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x201d || c == 0x2019 || c == 0xbb;
}

/* What may begin a sentence: a capital, a digit, an opening quote or
 * bracket, a dash (dialogue), or an Armenian letter (the full stop ։
 * itself is unambiguous there). */
static int can_begin(unsigned c, int armenian)
{
	return is_upper(c) || (c >= '0' && c <= '9') || c == '"' || c == '\'' || c == '(' || c == '[' || c == 0x201c ||
	       c == 0x201e || c == 0xab || c == 0x2018 || c == 0x2014 || c == 0x2013 || (armenian && c >= 0x531 && c <= 0x587);
}

/* Words that end with a full stop without ending a sentence. */
static const char *const abbreviations[] = {
	"mr", "mrs", "ms", "dr", "prof", "st", "mt", "vs", "etc", "no", "nos", "jr", "sr", "gen", "col", "lt", "sgt", "rev", "inc",
	"ltd", "co", "art", "para", "fig", "vol", "approx", "cf", "ca", "op", "ed", "eds", "pp", "p", "jan", "feb", "mar", "apr",
	"jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "v",
	"г", "гг", "др", "см", "стр", "ул", "им", "тыс", "млн", "млрд", "проф", "акад", "т", "с", "п", "ст", "рис", "напр",
	"թ", "թթ", "էջ", "տես", "պրոֆ", "ք", "մ", "կ", "դ", NULL,
};

/* True when the word before text + at (a full stop) is an abbreviation,
 * an initial ("J. Smith") or dotted letters ("U.S.", "т.е."). */
static int abbreviation_before(const char *text, size_t at)
{
	size_t start = at, size;
	int letters = 0, dotted = 0, upper_initial = 0;
	while (start > 0) {
		size_t prev = back_one(text, start);
		unsigned c = decode((const unsigned char *)text + prev, at - prev, &size);
		if (c == '.')
			dotted = 1;
		else if (is_letter(c)) {
			letters++;
			upper_initial = is_upper(c);
		} else
			break;
		start = prev;
	}
	if (letters == 0)
		return 0;
	if (dotted)
		return 1;
	if (letters == 1 && upper_initial)
		return 1;
	char word[32];
	size_t n = at - start;
	if (n >= sizeof word)
		return 0;
	for (size_t i = 0; i < n; i++) { /* ASCII lower case; the others are listed as written */
		char c = text[start + i];
		word[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
	}
	word[n] = 0;
	for (int i = 0; abbreviations[i]; i++)
		if (strcmp(word, abbreviations[i]) == 0)
			return 1;
	return 0;
}

static void trim(const char *text, sentence_span *s)
{
	size_t size;
	while (s->start < s->end && is_space(decode((const unsigned char *)text + s->start, s->end - s->start, &size)))
		s->start += size;
	while (s->end > s->start) {
		size_t prev = back_one(text, s->end);
		if (!is_space(decode((const unsigned char *)text + prev, s->end - prev, &size)))
			break;
		s->end = prev;
	}
}

/* Adds [start, end) when it holds more than white space and punctuation. */
static void add(const char *text, size_t start, size_t end, sentence_span *out, int max, int *count)
{
	sentence_span s = {start, end};
	trim(text, &s);
	size_t size;
	int words = 0;
	for (size_t i = s.start; i < s.end; i += size) {
		unsigned c = decode((const unsigned char *)text + i, s.end - i, &size);
		/* letters of other scripts count too; general punctuation does not */
		words |= is_letter(c) || (c >= '0' && c <= '9') ||
			 (c > 0x24f && !(c >= 0x2000 && c <= 0x206f) && c != 0x589 && c != 0x55d && c != 0x55e);
	}
	if (!words)
		return;
	if (*count < max)
		out[*count] = s;
	(*count)++;
}

int sentence_split(const char *text, size_t len, const char *lang, sentence_span *out, int max)
{
	const unsigned char *u = (const unsigned char *)text;
	int armenian = lang && strncmp(lang, "hy", 2) == 0, count = 0;
	size_t start = 0, i = 0, size;
	while (i < len) {
		unsigned c = decode(u + i, len - i, &size);
		if (!is_stop(c, armenian)) {
			i += size;
			continue;
		}
		size_t stop = i;
		/* The whole run of stops and closers: "?!", "...", ".”" */
		while (i < len) {
			unsigned d = decode(u + i, len - i, &size);
			if (!is_stop(d, armenian) && !is_closer(d))
				break;
			i += size;
		}
		size_t end = i, next = i;
		int spaced = 0;
		while (next < len && is_space(decode(u + next, len - next, &size))) {
			next += size;
			spaced = 1;
		}
		if (next >= len)
			break; /* the text's end ends the sentence anyway */
		unsigned after = decode(u + next, len - next, &size);
		if (!spaced || !can_begin(after, armenian) || (c == '.' && end == stop + 1 && abbreviation_before(text, stop)) ||
		    (c == ':' && !spaced))
			continue;
		add(text, start, end, out, max, &count);
		start = next;
	}
	add(text, start, len, out, max, &count);
	return count;
}

/* The length of a timestamp at s (NN:NN or NN:NN:NN), or 0. */
static size_t timestamp_at(const char *s, size_t left)
{
	size_t n = 0;
	for (int groups = 1;; groups++) {
		if (left - n < 2 || s[n] < '0' || s[n] > '9' || s[n + 1] < '0' || s[n + 1] > '9')
			return 0;
		n += 2;
		if (groups < 3 && n + 1 < left && s[n] == ':' && s[n + 1] >= '0' && s[n + 1] <= '9') {
			n++;
			continue;
		}
		return groups >= 2 ? n : 0;
	}
}

int sentence_runs_on(const char *last, const char *next, const char *lang)
{
	int armenian = strncmp(lang, "hy", 2) == 0;
	size_t at = strlen(last), size;
	while (at > 0) { /* the last character that is not a space or a closing quote */
		size_t prev = back_one(last, at);
		unsigned c = decode((const unsigned char *)last + prev, at - prev, &size);
		if (!is_space(c) && !is_closer(c)) {
			if (is_stop(c, armenian) || c == ':' || c == ';')
				return 0;
			break;
		}
		at = prev;
	}
	if (at == 0)
		return 0;
	while (is_space((unsigned char)*next))
		next++;
	if (!*next)
		return 0;
	/* Armenian sentences begin with a capital too: a small letter goes on. */
	return !can_begin(decode((const unsigned char *)next, strlen(next), &size), 0);
}

static int space_at(const char *s, size_t left)
{
	size_t size;
	return left == 0 || is_space(decode((const unsigned char *)s, left, &size));
}

void sentence_blank_timestamps(char *text, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (i > 0 && !is_space((unsigned char)text[i - 1]) && !(i > 1 && (unsigned char)text[i - 1] == 0xa0))
			continue;
		size_t n = timestamp_at(text + i, len - i);
		if (n && space_at(text + i + n, len - i - n)) {
			memset(text + i, ' ', n);
			i += n - 1;
		}
	}
}
