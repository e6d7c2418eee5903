/* The folded query: see expand.h. */
#include "core/expand.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Alternatives of a name's group compared for copies, at most. */
#define EXPAND_MAX_ALTS 64

typedef struct {
	char *s;
	size_t n, cap;
	int oom;
} text_buf;

static void add(text_buf *b, const char *s)
{
	size_t k = strlen(s);
	if (b->oom)
		return;
	if (b->n + k + 1 > b->cap) {
		char *bigger = realloc(b->s, b->cap = b->cap * 2 + k + 64);
		if (!bigger) {
			b->oom = 1;
			return;
		}
		b->s = bigger;
	}
	memcpy(b->s + b->n, s, k + 1);
	b->n += k;
}

static void add_term(expand_query *q, const char *term)
{
	for (int i = 0; i < q->term_count; i++)
		if (!strcmp(q->terms[i], term))
			return;
	char **bigger = realloc(q->terms, (size_t)(q->term_count + 1) * sizeof *bigger);
	if (!bigger)
		return;
	q->terms = bigger;
	if ((q->terms[q->term_count] = strdup(term)))
		q->term_count++;
}

/* The forms a word is searched by as prefixes (add_word). */
typedef struct {
	char form[2][FOLD_MAX];
	int count;
} prefixes;

/* One word: its romanized form as a prefix, or its stem: as a prefix when
 * long enough to mean something ("refuge" finds "refugees"), else whole
 * ("arts", the stem of "Арцах", would find every "artist"). The forms
 * searched as prefixes go into got (when not NULL). */
static void add_word(text_buf *b, expand_query *q, const char *rom, const char *stem, prefixes *got)
{
	char part[FOLD_MAX * 2 + 16];
	size_t sl = strlen(stem);
	prefixes p = {{"", ""}, 0};
	add_term(q, rom);
	if (!sl || !strcmp(stem, rom)) {
		snprintf(part, sizeof part, "\"%s\"*", rom);
		snprintf(p.form[p.count++], FOLD_MAX, "%s", rom);
	} else if (sl >= 5 && !strncmp(rom, stem, sl)) { /* "karab"* has every "karabakh" */
		snprintf(part, sizeof part, "\"%s\"*", stem);
		snprintf(p.form[p.count++], FOLD_MAX, "%s", stem);
		add_term(q, stem);
	} else if (sl >= 5) {
		snprintf(part, sizeof part, "(\"%s\"* OR \"%s\"*)", rom, stem);
		snprintf(p.form[p.count++], FOLD_MAX, "%s", rom);
		snprintf(p.form[p.count++], FOLD_MAX, "%s", stem);
		add_term(q, stem);
	} else {
		snprintf(part, sizeof part, "(\"%s\"* OR \"%s\")", rom, stem);
		snprintf(p.form[p.count++], FOLD_MAX, "%s", rom);
	}
	add(b, part);
	if (got)
		*got = p;
}

/* A name's words folded, and their stems (at most EXPAND_MAX_WORDS). */
static int name_words(fold *f, const char *name, char words[][FOLD_MAX], char stems[][FOLD_MAX])
{
	int n = 0, len = (int)strlen(name), pos = 0, start, wl;
	while (n < EXPAND_MAX_WORDS && fold_next_word(name, len, &pos, &start, &wl))
		if (fold_word(f, name + start, wl, words[n], stems[n]))
			n++;
	return n;
}

/* Name i of the set need not be searched: another of the set has only
 * words that it has too ("Karabakh" finds every "Nagorno-Karabakh"), and
 * is not itself left out for the same reason (of two alike, the first). */
static int covered(fold *f, const expand_name *names, int name_count, int i)
{
	char wi[EXPAND_MAX_WORDS][FOLD_MAX], si[EXPAND_MAX_WORDS][FOLD_MAX];
	char wj[EXPAND_MAX_WORDS][FOLD_MAX], sj[EXPAND_MAX_WORDS][FOLD_MAX];
	int ni = name_words(f, names[i].name, wi, si);
	for (int j = 0; j < name_count; j++) {
		if (j == i || names[j].set != names[i].set)
			continue;
		int nj = name_words(f, names[j].name, wj, sj), all = nj > 0;
		for (int x = 0; x < nj && all; x++) {
			int in = 0;
			for (int y = 0; y < ni && !in; y++)
				in = !strcmp(wj[x], wi[y]);
			all = in;
		}
		if (all && (nj < ni || j < i))
			return 1;
	}
	return 0;
}

/* The name matches the query's words from `at` on: the same words, the
 * query's last one allowed to be the start of the name's (as it is typed). */
static int name_at(const expand_query *q, int at, char words[][FOLD_MAX], int n)
{
	if (n == 0 || at + n > q->word_count)
		return 0;
	for (int i = 0; i < n; i++) {
		const char *typed = q->words[at + i];
		int last = at + i == q->word_count - 1;
		if (last ? strlen(typed) < 3 || strncmp(words[i], typed, strlen(typed)) != 0 : strcmp(words[i], typed) != 0)
			return 0;
	}
	return 1;
}

int expand_make(fold *f, const expand_name *names, int name_count, const char *text, expand_query *q)
{
	char stems[EXPAND_MAX_WORDS][FOLD_MAX], nw[EXPAND_MAX_WORDS][FOLD_MAX], ns[EXPAND_MAX_WORDS][FOLD_MAX];
	int len = (int)strlen(text), pos = 0, start, wl;
	text_buf b = {0};
	memset(q, 0, sizeof *q);
	while (q->word_count < EXPAND_MAX_WORDS && fold_next_word(text, len, &pos, &start, &wl)) {
		int letters = 0;
		for (int i = start; i < start + wl; i++)
			letters += ((unsigned char)text[i] & 0xC0) != 0x80;
		if (letters < 2 || !fold_word(f, text + start, wl, q->words[q->word_count], stems[q->word_count]))
			continue;
		int again = 0; /* a word twice asks nothing more (a paste repeats) */
		for (int i = 0; i < q->word_count && !again; i++)
			again = !strcmp(q->words[i], q->words[q->word_count]);
		q->word_count += !again;
	}
	int sets[EXPAND_MAX_WORDS], set_count = 0;
	add(&b, "");
	for (int w = 0; w < q->word_count; w++) {
		/* The longest name that starts here, with the others of its set. */
		int best = -1, best_len = 0, same_set = 0;
		for (int i = 0; i < name_count; i++) {
			int n = name_words(f, names[i].name, nw, ns);
			if (n > best_len && name_at(q, w, nw, n)) {
				best = i;
				best_len = n;
			}
		}
		/* Two names of one thing ("Карабах Արցախ") ask for it once. */
		for (int i = 0; best >= 0 && i < set_count && !same_set; i++)
			same_set = sets[i] == names[best].set;
		if (same_set) {
			w += best_len - 1;
			continue;
		}
		if (best >= 0)
			sets[set_count++] = names[best].set;
		if (b.n) /* FTS5 takes no implicit AND beside a parenthesis */
			add(&b, " AND ");
		if (best < 0) {
			add_word(&b, q, q->words[w], stems[w], NULL);
			continue;
		}
		/* The words as typed, then each name of the set, every word of
		 * them with its stem too ("refugees" still finds "refugee"); each
		 * alternative once (typed "Бердзор" is the name "Бердзор"): FTS5
		 * would look every word of a copy up again. */
		text_buf alt = {0};
		size_t seen_at[EXPAND_MAX_ALTS], seen_len[EXPAND_MAX_ALTS];
		int seen = 0, held_count = 0;
		/* The prefixes that one-word alternatives search: another
		 * one-word alternative whose forms all begin with one of them
		 * finds nothing more ("karabakh"* beside "karab"*), though
		 * each widened would cost as much (catalog_terms.h). */
		char held[16][FOLD_MAX];
		for (int i = -1; i < name_count; i++) {
			int n = best_len;
			if (i >= 0) {
				if (names[i].set != names[best].set || covered(f, names, name_count, i))
					continue;
				n = name_words(f, names[i].name, nw, ns);
			}
			if (!n)
				continue;
			alt.n = 0;
			add(&alt, "(");
			prefixes got = {{"", ""}, 0};
			for (int k = 0; k < n; k++) {
				add(&alt, k ? " AND " : "");
				if (i < 0)
					add_word(&alt, q, q->words[w + k], stems[w + k], n == 1 ? &got : NULL);
				else
					add_word(&alt, q, nw[k], ns[k], n == 1 ? &got : NULL);
			}
			add(&alt, ")");
			int held_all = got.count > 0;
			for (int g = 0; g < got.count && held_all; g++) {
				int in = 0;
				for (int h = 0; h < held_count && !in; h++)
					in = !strncmp(got.form[g], held[h], strlen(held[h]));
				held_all = in;
			}
			if (held_all)
				continue;
			for (int g = 0; g < got.count && held_count < 16; g++)
				snprintf(held[held_count++], FOLD_MAX, "%s", got.form[g]);
			if (alt.oom) {
				b.oom = 1;
				break;
			}
			int again = 0;
			for (int s = 0; s < seen && !again; s++)
				again = seen_len[s] == alt.n && !memcmp(b.s + seen_at[s], alt.s, alt.n);
			if (again)
				continue;
			add(&b, seen ? " OR " : "(");
			if (seen < EXPAND_MAX_ALTS) {
				seen_at[seen] = b.n;
				seen_len[seen] = alt.n;
			}
			add(&b, alt.s);
			seen += seen < EXPAND_MAX_ALTS;
		}
		free(alt.s);
		add(&b, ")");
		w += best_len - 1;
	}
	q->fts = b.s;
	if (b.oom) {
		expand_free(q);
		return -1;
	}
	return 0;
}

void expand_free(expand_query *q)
{
	free(q->fts);
	for (int i = 0; i < q->term_count; i++)
		free(q->terms[i]);
	free(q->terms);
	memset(q, 0, sizeof *q);
}

int expand_distance(const char *a, const char *b, int max)
{
	/* Optimal string alignment, over bytes: folded words are ASCII. */
	int la = (int)strlen(a), lb = (int)strlen(b);
	if (la - lb > max || lb - la > max)
		return max + 1;
	if (la >= FOLD_MAX || lb >= FOLD_MAX)
		return max + 1;
	int d[FOLD_MAX + 1][FOLD_MAX + 1];
	for (int i = 0; i <= la; i++)
		d[i][0] = i;
	for (int j = 0; j <= lb; j++)
		d[0][j] = j;
	for (int i = 1; i <= la; i++) {
		int row_min = max + 1;
		for (int j = 1; j <= lb; j++) {
			int cost = a[i - 1] != b[j - 1];
			int v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < v)
				v = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
			if (v < row_min)
				row_min = v;
		}
		if (row_min > max)
			return max + 1;
	}
	return d[la][lb] > max ? max + 1 : d[la][lb];
}
