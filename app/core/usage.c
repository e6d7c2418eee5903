/* Anonymous usage counts: see usage.h. What the kiosk tells is summed in
 * memory at once; only sums reach the catalogue. */
#include "core/usage.h"
#include "core/catalog_usage.h"
#include "core/clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Different (what, key) pairs between two flushes; past it, new ones wait
 * in a full table until the next flush makes room (the kiosk flushes when
 * it goes back to its attract screen). */
#define PENDING_MAX 512

struct usage {
	catalog_usage_row pending[PENDING_MAX]; /* day unused here */
	int pending_count;
	char open_id[72];        /* the document open, or "" */
	char paused_id[72];      /* usage_pause's, until the next opening: in memory only */
	uint32_t open_since;     /* its time not yet counted, from here */
	char query[256];         /* the search being typed, or "" */
	int query_found;
};

usage *usage_new(void)
{
	return calloc(1, sizeof(usage));
}

void usage_free(usage *u)
{
	free(u);
}

static void add(usage *u, const char *what, const char *key, long long count, long long seconds)
{
	for (int i = 0; i < u->pending_count; i++) {
		catalog_usage_row *r = &u->pending[i];
		if (strcmp(r->what, what) == 0 && strcmp(r->key, key) == 0) {
			r->count += count;
			r->seconds += seconds;
			return;
		}
	}
	if (u->pending_count == PENDING_MAX)
		return;
	catalog_usage_row *r = &u->pending[u->pending_count++];
	memset(r, 0, sizeof *r);
	snprintf(r->what, sizeof r->what, "%s", what);
	snprintf(r->key, sizeof r->key, "%s", key);
	r->count = count;
	r->seconds = seconds;
}

/* The time read from open_since to until, in whole seconds; what is left
 * of a second stays for the next. */
static long long read_time(usage *u, uint32_t until)
{
	uint32_t ms = until - u->open_since;
	if (ms > 0x7fffffffu) /* until before the opening: nothing read */
		return 0;
	u->open_since += ms - ms % 1000;
	return ms / 1000;
}

/* A word of a query that found nothing, as it is kept: at most
 * USAGE_WORD_MAX bytes, cut between letters, Latin capitals made small
 * (the kiosk's keyboard has both). */
static void keep_word(usage *u, const char *w, size_t n)
{
	char word[USAGE_WORD_MAX + 1];
	if (n > USAGE_WORD_MAX) {
		n = USAGE_WORD_MAX;
		while (n > 0 && ((unsigned char)w[n] & 0xC0) == 0x80) /* not inside a letter */
			n--;
	}
	for (size_t i = 0; i < n; i++)
		word[i] = w[i] >= 'A' && w[i] <= 'Z' ? (char)(w[i] - 'A' + 'a') : w[i];
	word[n] = 0;
	add(u, "miss", word, 1, 0);
}

/* The search being typed, counted as it was last. */
static void end_search(usage *u)
{
	if (!u->query[0])
		return;
	add(u, "search", u->query_found ? "found" : "nothing", 1, 0);
	if (!u->query_found) {
		const char *p = u->query;
		while (*p) {
			while (*p && strchr(" \t\n,.;:!?\"'()=-", *p))
				p++;
			const char *w = p;
			while (*p && !strchr(" \t\n,.;:!?\"'()=-", *p))
				p++;
			if (p - w >= 2) /* one letter alone is never searched */
				keep_word(u, w, (size_t)(p - w));
		}
	}
	u->query[0] = 0;
}

void usage_open(usage *u, const char *item_id, uint32_t now_ms)
{
	if (!u || !item_id)
		return;
	if (u->open_id[0] && strcmp(u->open_id, item_id) == 0)
		return;
	int again = !u->open_id[0] && strcmp(u->paused_id, item_id) == 0;
	usage_close(u, now_ms);
	end_search(u); /* a result was opened: its search is over */
	snprintf(u->open_id, sizeof u->open_id, "%s", item_id);
	u->open_since = now_ms;
	add(u, "open", u->open_id, again ? 0 : 1, 0);
}

void usage_close(usage *u, uint32_t last_input_ms)
{
	if (!u)
		return;
	u->paused_id[0] = 0;
	if (!u->open_id[0])
		return;
	add(u, "open", u->open_id, 0, read_time(u, last_input_ms));
	u->open_id[0] = 0;
}

void usage_pause(usage *u, uint32_t last_input_ms)
{
	if (!u || !u->open_id[0])
		return;
	char id[sizeof u->open_id];
	snprintf(id, sizeof id, "%s", u->open_id);
	usage_close(u, last_input_ms);
	snprintf(u->paused_id, sizeof u->paused_id, "%s", id);
}

void usage_search(usage *u, const char *query, int found)
{
	if (!u || !query)
		return;
	if (query[0] == '=') /* CATALOG_AS_TYPED: the same search */
		query++;
	size_t n = strlen(query), m = strlen(u->query);
	int same = n && m && strncmp(query, u->query, n < m ? n : m) == 0;
	if (!same)
		end_search(u); /* cleared, or another search */
	if (!n)
		return;
	snprintf(u->query, sizeof u->query, "%s", query);
	u->query_found = found > 0;
}

void usage_listen(usage *u, const char *item_id)
{
	if (u && item_id)
		add(u, "listen", item_id, 1, 0);
}

void usage_lang(usage *u, const char *lang)
{
	if (u && lang)
		add(u, "lang", lang, 1, 0);
}

int usage_flush(usage *u, catalog *c, const char *day, uint32_t last_input_ms, char err[256])
{
	if (!u || !c)
		return 0;
	end_search(u);
	if (u->open_id[0])
		add(u, "open", u->open_id, 0, read_time(u, last_input_ms));
	if (u->pending_count == 0)
		return 0;
	int busy = catalog_try_begin(c); /* the kiosk's UI thread never waits for an import */
	if (busy) {
		snprintf(err, 256, "%s", busy > 0 ? "the catalogue is busy (an import)" : catalog_error(c));
		return busy > 0 ? 1 : -1;
	}
	for (int i = 0; i < u->pending_count; i++) {
		catalog_usage_row r = u->pending[i];
		snprintf(r.day, sizeof r.day, "%s", day);
		int is_word = strcmp(r.what, "miss") == 0;
		if (catalog_usage_add(c, &r, is_word ? USAGE_MISSES_A_DAY : 0, USAGE_OTHER_WORDS, err) != 0) {
			catalog_rollback(c);
			return -1;
		}
	}
	if (catalog_commit(c) != 0) {
		snprintf(err, 256, "%s", catalog_error(c));
		catalog_rollback(c);
		return -1;
	}
	u->pending_count = 0;
	return 0;
}

void usage_day(time_t now, time_t floor, char out[16])
{
	struct tm tm;
	if (!clock_plausible(now, floor) || !localtime_r(&now, &tm)) {
		snprintf(out, 16, "unknown");
		return;
	}
	strftime(out, 16, "%Y-%m-%d", &tm);
}
