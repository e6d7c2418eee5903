/* Earlier bundles: see history.h. Each bundle is applied to the history as
 * bundle.c applies it to a catalogue (manifest_merge), lowest sequence
 * first, so the tool sees what a kiosk that took them all holds. */
#include "core/history.h"
#include "core/bundle.h"
#include "core/files.h"
#include "core/manifest.h"
#include "core/minisign.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	manifest *m;
	char key_id[17];
} earlier;

static int by_sequence(const void *a, const void *b)
{
	const earlier *x = a, *y = b;
	return x->m->sequence < y->m->sequence ? -1 : x->m->sequence > y->m->sequence;
}

static int find(const history *h, const char *id)
{
	for (int i = 0; i < h->count; i++)
		if (strcmp(h->items[i].id, id) == 0)
			return i;
	return -1;
}

static void forget(char ***list, int *count, const char *s)
{
	for (int i = 0; i < *count; i++)
		if (strcmp((*list)[i], s) == 0) {
			free((*list)[i]);
			(*list)[i] = (*list)[--*count];
			return;
		}
}

static void withdraw(history *h, int i)
{
	if (!item_list_has(h->withdrawn, h->withdrawn_count, h->items[i].id))
		item_list_add(&h->withdrawn, &h->withdrawn_count, h->items[i].id);
	item_clear(&h->items[i]);
	h->items[i] = h->items[--h->count];
}

/* One bundle, as a kiosk applies it. */
static void apply(history *h, const manifest *m)
{
	for (int i = 0; i < m->count; i++) {
		const manifest_entry *e = &m->entries[i];
		int at = find(h, e->meta.id);
		if (e->withdraw) {
			if (at >= 0)
				withdraw(h, at);
			continue;
		}
		if (at < 0) {
			item *bigger = realloc(h->items, (size_t)(h->count + 1) * sizeof *bigger);
			if (!bigger)
				continue;
			h->items = bigger;
			at = h->count++;
			memset(&h->items[at], 0, sizeof h->items[at]);
			forget(&h->withdrawn, &h->withdrawn_count, e->meta.id);
		}
		manifest_merge(&h->items[at], e);
		if (e->file) /* what a later row's file is compared with */
			snprintf(h->items[at].sha256, sizeof h->items[at].sha256, "%s", e->sha256);
	}
	for (int i = 0; m->snapshot && i < h->count; i++) {
		int listed = 0;
		for (int j = 0; j < m->count && !listed; j++)
			listed = !m->entries[j].withdraw && strcmp(m->entries[j].meta.id, h->items[i].id) == 0;
		if (!listed)
			withdraw(h, i--);
	}
}

/* The keys a kiosk trusts after this bundle: its signer, and what its
 * "keys" section trusts and retires. */
static void follow_keys(history *h, const earlier *b)
{
	if (b->key_id[0] && !item_list_has(h->key_ids, h->key_count, b->key_id)) {
		for (int i = 0; i < h->key_count; i++)
			free(h->key_ids[i]);
		h->key_count = 0;
		item_list_add(&h->key_ids, &h->key_count, b->key_id);
	}
	for (int l = 0; l < 2; l++) {
		char *const *lines = l ? b->m->retire : b->m->trust;
		int n = l ? b->m->retire_count : b->m->trust_count;
		for (int i = 0; i < n; i++) {
			minisign_key k;
			char id[17], why[256];
			if (minisign_parse_public_key(lines[i], &k, why) != 0)
				continue;
			minisign_key_id_hex(&k, id);
			if (l)
				forget(&h->key_ids, &h->key_count, id);
			else if (!item_list_has(h->key_ids, h->key_count, id))
				item_list_add(&h->key_ids, &h->key_count, id);
		}
	}
}

void history_load(const char *dir, const char *archive, long long before, history *h)
{
	char **dirs;
	int n;
	memset(h, 0, sizeof *h);
	if (bundle_find(dir, &dirs, &n) != 0)
		return;
	earlier *found = calloc((size_t)n + 1, sizeof *found);
	int count = 0;
	for (int i = 0; found && i < n; i++) {
		char path[4200], why[256], line[4400];
		size_t len;
		snprintf(path, sizeof path, "%s/bundle.json", dirs[i]);
		char *json = files_read(path, MANIFEST_MAX_SIZE, &len, why);
		manifest *m = json ? manifest_parse(json, len, why) : NULL;
		free(json);
		if (!m) {
			snprintf(line, sizeof line, "%s: %s", dirs[i], why);
			item_list_add(&h->unreadable, &h->unreadable_count, line);
		} else if (strcmp(m->archive, archive) != 0 || (before > 0 && m->sequence >= before)) {
			manifest_free(m);
		} else {
			found[count].m = m;
			snprintf(path, sizeof path, "%s/bundle.json.minisig", dirs[i]);
			char *sig = files_read(path, 4096, &len, why);
			if (sig)
				minisign_signature_key_id(sig, found[count].key_id);
			free(sig);
			count++;
		}
		free(dirs[i]);
	}
	free(dirs);
	if (!found)
		return;
	qsort(found, (size_t)count, sizeof *found, by_sequence);
	for (int i = 0; i < count; i++) {
		apply(h, found[i].m);
		follow_keys(h, &found[i]);
		h->last_sequence = found[i].m->sequence;
		manifest_free(found[i].m);
	}
	h->bundles = count;
	free(found);
}

void history_free(history *h)
{
	for (int i = 0; i < h->count; i++)
		item_clear(&h->items[i]);
	free(h->items);
	char **lists[] = {h->withdrawn, h->key_ids, h->unreadable};
	int counts[] = {h->withdrawn_count, h->key_count, h->unreadable_count};
	for (int l = 0; l < 3; l++) {
		for (int i = 0; i < counts[l]; i++)
			free(lists[l][i]);
		free(lists[l]);
	}
	memset(h, 0, sizeof *h);
}

const item *history_find(const history *h, const char *id)
{
	int at = find(h, id);
	return at >= 0 ? &h->items[at] : NULL;
}

int history_withdrew(const history *h, const char *id)
{
	return item_list_has(h->withdrawn, h->withdrawn_count, id);
}

/* Levenshtein's distance between two ids (at most 64 characters). */
static int distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	int row[66];
	if (la > 64 || lb > 64)
		return 99;
	for (size_t j = 0; j <= lb; j++)
		row[j] = (int)j;
	for (size_t i = 1; i <= la; i++) {
		int diagonal = row[0];
		row[0] = (int)i;
		for (size_t j = 1; j <= lb; j++) {
			int up = row[j], best = diagonal + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diagonal = up;
			row[j] = best;
		}
	}
	return row[lb];
}

const char *history_nearest(const history *h, const char *id)
{
	const char *best = NULL;
	int best_distance = (int)strlen(id) / 3 + 2; /* further than this is not a typo */
	for (int l = 0; l < 2; l++) {
		int n = l ? h->withdrawn_count : h->count;
		for (int i = 0; i < n; i++) {
			const char *known = l ? h->withdrawn[i] : h->items[i].id;
			int d = distance(id, known);
			if (d < best_distance) {
				best = known;
				best_distance = d;
			}
		}
	}
	return best;
}
