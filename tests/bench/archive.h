/* Synthetic archives for make bench: the default archive's five documents
 * and, beside them, as many made-up items as asked for, with titles,
 * dates, kinds, topics and passages of text drawn from the real documents'
 * own sentences, so that search meets the words and lengths it will meet
 * in a real archive. Every made-up item shares a real item's stored file,
 * so that thumbnails and the reader work on them too. */
#ifndef HISHATAK_BENCH_ARCHIVE_H
#define HISHATAK_BENCH_ARCHIVE_H

#include "core/data.h"
#include "core/fold.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

typedef struct {
	char **sentences;
	int count;
} sentence_pool;

/* The sentences of every passage of the real items. */
static void pool_fill(catalog *c, const item *items, int item_count, sentence_pool *pool)
{
	for (int i = 0; i < item_count; i++) {
		char **passages;
		int n;
		if (catalog_passages(c, items[i].id, &passages, &n) != 0)
			continue;
		for (int p = 0; p < n; p++) {
			for (char *s = passages[p], *end; *s; s = end) {
				end = strstr(s, ". ");
				end = end ? end + 2 : s + strlen(s);
				if (end - s < 40 || end - s > 400)
					continue;
				pool->sentences = realloc(pool->sentences, (size_t)(pool->count + 1) * sizeof *pool->sentences);
				pool->sentences[pool->count++] = strndup(s, (size_t)(end - s));
			}
			free(passages[p]);
		}
		free(passages);
	}
}

static const char *pick(const sentence_pool *pool, unsigned *seed)
{
	return pool->sentences[(unsigned)rand_r(seed) % (unsigned)pool->count];
}

/* A title: the first words of a sentence. */
static char *made_title(const sentence_pool *pool, unsigned *seed)
{
	char *t = strdup(pick(pool, seed));
	int words = 4 + (int)(rand_r(seed) % 6);
	char *p = t;
	for (int w = 0; w < words && p; w++)
		p = strchr(p + 1, ' ');
	if (p)
		*p = 0;
	return t;
}

/* The "complete" file of an archive: how long its items took to go in, in
 * ms (figure 4's import time), and the catalogue and folding that took it.
 * An archive made by another (its index made again when opened, that time
 * is not of this one) is not complete: returns -1. */
static int archive_made_in(const char *path, double *ms)
{
	FILE *f = fopen(path, "r");
	char stamp[128] = "", ours[128];
	int version = -1;
	int ok = f && fscanf(f, "%lf %d %127[^\n]", ms, &version, stamp) == 3;
	if (f)
		fclose(f);
	snprintf(ours, sizeof ours, "%s", fold_version());
	return ok && version == CATALOG_VERSION && strcmp(stamp, ours) == 0 ? 0 : -1;
}

/* Makes dir from build/data plus `extra` made-up items, unless a complete
 * one is there already. Returns 0 when dir is ready. */
static int bench_archive(const char *dir, int extra)
{
	char path[4200], cmd[9000], err[256];
	double ms;
	snprintf(path, sizeof path, "%s/complete", dir);
	if (archive_made_in(path, &ms) == 0)
		return 0;
	fprintf(stderr, "making %s (%d items)...\n", dir, extra + 5);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	snprintf(cmd, sizeof cmd, "rm -rf '%s' && mkdir -p '%s' && cp -a build/data/. '%s'", dir, dir, dir);
	if (system(cmd) != 0)
		return -1;
	data_folder *d = data_open(dir, 0, err);
	if (!d) {
		fprintf(stderr, "%s: %s\n", dir, err);
		return -1;
	}
	item *real;
	int real_count;
	if (catalog_list(d->cat, &real, &real_count) != 0 || real_count == 0) {
		data_close(d);
		return -1;
	}
	sentence_pool pool = {0};
	pool_fill(d->cat, real, real_count, &pool);
	static const char *topic_names[] = {"blockade", "exodus", "Lachin corridor", "refugees", "heritage", "war crimes",
					    "peacekeepers", "Stepanakert", "Shushi", "prisoners", "mediation", "return",
					    "humanitarian aid", "genocide prevention", "memory", "churches", "schools", "elections",
					    "displacement", "international law"};
	unsigned seed = 1915;
	int rc = 0;
	for (int i = 0; i < extra && rc == 0; i++) {
		if (i % 5000 == 0 && (rc = catalog_begin(d->cat)) != 0)
			break;
		item it = real[i % real_count];
		snprintf(it.id, sizeof it.id, "bench-%06d", i);
		it.kind = (item_kind)(rand_r(&seed) % 4);
		it.title = made_title(&pool, &seed);
		it.titles = NULL;
		it.title_count = 0;
		snprintf(it.date, sizeof it.date, "%d-%02d", 1988 + (int)(rand_r(&seed) % 37), 1 + (int)(rand_r(&seed) % 12));
		char *topics[2] = {(char *)topic_names[rand_r(&seed) % 20], (char *)topic_names[rand_r(&seed) % 20]};
		it.topics = topics;
		it.topic_count = 1 + (int)(rand_r(&seed) % 2);
		char author[32];
		snprintf(author, sizeof author, "Author %d", (int)(rand_r(&seed) % 2000));
		char *authors[1] = {author};
		it.authors = authors;
		it.author_count = 1;
		it.summary = (char *)pick(&pool, &seed);
		it.warning = NULL;
		it.warnings = NULL;
		it.warning_count = 0;
		/* Three passages of three to six sentences. */
		char *passages[3];
		for (int p = 0; p < 3; p++) {
			size_t len = 0, cap = 2048;
			passages[p] = malloc(cap);
			passages[p][0] = 0;
			for (int s = 3 + (int)(rand_r(&seed) % 4); s > 0; s--) {
				const char *sentence = pick(&pool, &seed);
				size_t n = strlen(sentence);
				if (len + n + 2 >= cap)
					passages[p] = realloc(passages[p], cap = (len + n + 2) * 2);
				memcpy(passages[p] + len, sentence, n + 1);
				len += n;
			}
		}
		rc = catalog_put(d->cat, &it, passages, 3);
		for (int p = 0; p < 3; p++)
			free(passages[p]);
		free(it.title);
		if (rc == 0 && (i % 5000 == 4999 || i == extra - 1))
			rc = catalog_commit(d->cat);
	}
	if (rc != 0)
		fprintf(stderr, "%s: %s\n", dir, catalog_error(d->cat));
	for (int i = 0; i < pool.count; i++)
		free(pool.sentences[i]);
	free(pool.sentences);
	catalog_free_items(real, real_count);
	data_close(d);
	/* "complete" holds how long the items took to go in, in ms: the
	 * import time of figure 4's index cost. */
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (rc == 0) {
		FILE *f = fopen(path, "w");
		if (f)
			fprintf(f, "%.0f\n%d %s\n", (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6,
				CATALOG_VERSION, fold_version());
		rc = f && fclose(f) == 0 ? 0 : -1;
	}
	return rc;
}

#endif
