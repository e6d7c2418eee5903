/* The finder: see finder.h. */
#include "core/finder.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct finder {
	pthread_t thread;
	catalog *cat;             /* the worker's own connection */
	pthread_mutex_t lock;     /* guards everything below */
	pthread_cond_t wake;
	char query[256], within[65];
	int limit;
	int asked, answered;      /* question numbers */
	int taken;                /* the answer was handed over */
	catalog_hit *hits;
	int hit_count;
	int stopping;
};

static void *work(void *arg)
{
	finder *f = arg;
	pthread_mutex_lock(&f->lock);
	for (;;) {
		while (!f->stopping && f->answered == f->asked)
			pthread_cond_wait(&f->wake, &f->lock);
		if (f->stopping)
			break;
		int question = f->asked, limit = f->limit;
		char query[256], within[65];
		snprintf(query, sizeof query, "%s", f->query);
		snprintf(within, sizeof within, "%s", f->within);
		pthread_mutex_unlock(&f->lock);

		catalog_hit *hits = NULL;
		int count = 0;
		int rc = within[0] ? catalog_search_within(f->cat, within, query, limit, &hits, &count)
				   : catalog_search(f->cat, query, limit, &hits, &count);

		pthread_mutex_lock(&f->lock);
		if (question != f->asked) { /* superseded (and maybe interrupted): drop it */
			catalog_free_hits(hits, count);
			continue;
		}
		if (rc != 0) {
			/* An interrupt meant for the question before may land on
			 * this one just as it starts: then it runs again. */
			if (strstr(catalog_error(f->cat), "interrupt"))
				continue;
			hits = NULL;
			count = 0;
		}
		catalog_free_hits(f->hits, f->hit_count);
		f->hits = hits;
		f->hit_count = count;
		f->answered = question;
		f->taken = 0;
	}
	pthread_mutex_unlock(&f->lock);
	return NULL;
}

finder *finder_new(const char *db_path, char err[256])
{
	finder *f = calloc(1, sizeof *f);
	if (!f) {
		snprintf(err, 256, "out of memory");
		return NULL;
	}
	if (!(f->cat = catalog_open_readonly(db_path, err))) {
		free(f);
		return NULL;
	}
	f->taken = 1;
	pthread_mutex_init(&f->lock, NULL);
	pthread_cond_init(&f->wake, NULL);
	if (pthread_create(&f->thread, NULL, work, f) != 0) {
		snprintf(err, 256, "cannot start the search thread");
		catalog_close(f->cat);
		free(f);
		return NULL;
	}
	return f;
}

void finder_free(finder *f)
{
	if (!f)
		return;
	pthread_mutex_lock(&f->lock);
	f->stopping = 1;
	pthread_cond_signal(&f->wake);
	pthread_mutex_unlock(&f->lock);
	catalog_interrupt(f->cat);
	pthread_join(f->thread, NULL);
	catalog_free_hits(f->hits, f->hit_count);
	catalog_close(f->cat);
	pthread_mutex_destroy(&f->lock);
	pthread_cond_destroy(&f->wake);
	free(f);
}

void finder_ask(finder *f, const char *query, const char *within_id, int limit)
{
	pthread_mutex_lock(&f->lock);
	snprintf(f->query, sizeof f->query, "%s", query);
	snprintf(f->within, sizeof f->within, "%s", within_id ? within_id : "");
	f->limit = limit;
	int working = f->answered != f->asked;
	f->asked++;
	pthread_cond_signal(&f->wake);
	pthread_mutex_unlock(&f->lock);
	if (working)
		catalog_interrupt(f->cat); /* the old question is not worth finishing */
}

int finder_take(finder *f, catalog_hit **hits, int *count)
{
	pthread_mutex_lock(&f->lock);
	int ready = f->answered == f->asked && !f->taken;
	if (ready) {
		*hits = f->hits;
		*count = f->hit_count;
		f->hits = NULL;
		f->hit_count = 0;
		f->taken = 1;
	}
	pthread_mutex_unlock(&f->lock);
	return ready;
}

int finder_busy(finder *f)
{
	pthread_mutex_lock(&f->lock);
	int busy = f->answered != f->asked || !f->taken;
	pthread_mutex_unlock(&f->lock);
	return busy;
}
