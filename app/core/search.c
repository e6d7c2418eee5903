/* Search with pages: see search.h. */
#include "core/search.h"
#include "core/catalog_recordings.h"
#include "core/doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void add_page(search_result *r, int page)
{
	for (int i = 0; i < r->page_count; i++)
		if (r->pages[i] == page)
			return;
	int *bigger = realloc(r->pages, (size_t)(r->page_count + 1) * sizeof *bigger);
	if (!bigger)
		return;
	r->pages = bigger;
	int i = r->page_count++;
	while (i > 0 && r->pages[i - 1] > page) {
		r->pages[i] = r->pages[i - 1];
		i--;
	}
	r->pages[i] = page;
}

/* True when any word of the query (or its prefix, as typed) is on the page. */
static int page_has_query(doc *dc, int page, const char *query)
{
	char word[128], err[256];
	doc_rect hits[1];
	const char *p = query;
	while (*p) {
		size_t n = 0;
		while (*p == ' ')
			p++;
		while (*p && *p != ' ' && n + 1 < sizeof word)
			word[n++] = *p++;
		word[n] = 0;
		if (n && doc_search_page(dc, page, word, hits, 1, err) > 0)
			return 1;
	}
	return 0;
}

/* Finds the pages of the matching passages: a passage runs from its own
 * start page to the next one's; of those, the pages that show a query word. */
static void locate(data_folder *d, const catalog_hit *hit, search_result *r, const char *query, int w, int h)
{
	char path[4096], err[256];
	if (hit->passage_count == 0)
		return;
	if (!r->meta.reflowable) {
		for (int i = 0; i < hit->passage_count; i++)
			add_page(r, hit->passages[i] + 1);
		return;
	}
	store_path(d->st, r->meta.doc_sha256, path);
	doc *dc = doc_open(path, r->meta.format, err);
	char **passages = NULL;
	int count = 0;
	float pw, ph, em;
	doc_layout_for_screen(w, h, 1.0f, &pw, &ph, &em);
	if (!dc || doc_layout(dc, pw, ph, em, err) != 0 || catalog_passages(d->cat, r->meta.id, &passages, &count) != 0)
		goto done;
	int *page_of = calloc((size_t)count + 1, sizeof *page_of);
	int pages = doc_page_count(dc, err);
	if (page_of && doc_pages_of_passages(dc, passages, count, page_of, err) == 0) {
		for (int i = 0; i < hit->passage_count; i++) {
			int seq = hit->passages[i];
			if (seq >= count)
				continue;
			int first = page_of[seq], last = seq + 1 < count ? page_of[seq + 1] : pages - 1;
			int found = 0;
			for (int p = first; p <= last; p++)
				if (page_has_query(dc, p, query)) {
					add_page(r, p + 1);
					found = 1;
				}
			if (!found) /* folded accents or case MuPDF did not match */
				add_page(r, first + 1);
		}
	}
	free(page_of);
done:
	for (int i = 0; i < count; i++)
		free(passages[i]);
	free(passages);
	doc_close(dc);
}

static int by_time(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return x < y ? -1 : x > y;
}

/* A recording's matching passages are cues: their times, not pages. */
static void locate_times(data_folder *d, const catalog_hit *hit, search_result *r)
{
	char err[256];
	if (hit->passage_count == 0 || !(r->times_ms = calloc((size_t)hit->passage_count, sizeof *r->times_ms)))
		return;
	if (catalog_passage_times(d->cat, r->meta.sha256, hit->passages, hit->passage_count, r->times_ms, err) != 0)
		return;
	qsort(r->times_ms, (size_t)hit->passage_count, sizeof *r->times_ms, by_time);
	for (int i = 0; i < hit->passage_count; i++) /* no repeats, no passage without a time */
		if (r->times_ms[i] >= 0 && (r->time_count == 0 || r->times_ms[r->time_count - 1] != r->times_ms[i]))
			r->times_ms[r->time_count++] = r->times_ms[i];
}

int search_run(data_folder *d, const char *query, int w, int h, int limit,
	       search_result **out, int *count, char err[256])
{
	catalog_hit *hits;
	int n;
	*out = NULL;
	*count = 0;
	if (catalog_search(d->cat, query, limit, &hits, &n) != 0) {
		snprintf(err, 256, "%s", catalog_error(d->cat));
		return -1;
	}
	search_result *results = calloc((size_t)n + 1, sizeof *results);
	if (!results) {
		catalog_free_hits(hits, n);
		snprintf(err, 256, "out of memory");
		return -1;
	}
	int kept = 0;
	for (int i = 0; i < n; i++) {
		search_result *r = &results[kept];
		if (catalog_get(d->cat, hits[i].id, &r->meta) != 0)
			continue;
		r->snippet = hits[i].snippet;
		hits[i].snippet = NULL;
		memcpy(r->matched, hits[i].matched, sizeof r->matched);
		r->match_count = hits[i].match_count;
		r->folded = hits[i].folded;
		memcpy(r->corrected, hits[i].corrected, sizeof r->corrected);
		/* The pages show the words as they stand there: maybe in
		 * another script than the query's. */
		char words[1024];
		snprintf(words, sizeof words, "%s", r->corrected[0] ? r->corrected : query);
		for (int k = 0; k < r->match_count; k++)
			if (strlen(words) + strlen(r->matched[k].form) + 2 < sizeof words)
				strcat(strcat(words, " "), r->matched[k].form);
		if (r->meta.duration_ms > 0)
			locate_times(d, &hits[i], r);
		else
			locate(d, &hits[i], r, words, w, h);
		kept++;
	}
	catalog_free_hits(hits, n);
	*out = results;
	*count = kept;
	return 0;
}

void search_free(search_result *results, int count)
{
	for (int i = 0; i < count; i++) {
		item_clear(&results[i].meta);
		free(results[i].pages);
		free(results[i].snippet);
		free(results[i].times_ms);
	}
	free(results);
}
