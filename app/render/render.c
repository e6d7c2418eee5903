/* The render service: see render.h. A queue guarded by a mutex, one worker
 * thread, and the last opened document kept open between requests. */
#include "render/render.h"
#include "core/doc.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define QUEUE_MAX 64

typedef struct {
	int id, page, w, h;       /* layout area */
	int fit_w, fit_h;
	char path[4096];
	char format[8];
} request;

struct render_service {
	pthread_t thread;
	pthread_mutex_t lock;     /* guards everything below */
	pthread_cond_t wake;
	request queue[QUEUE_MAX]; /* pending, oldest first */
	int queued;
	render_result done[QUEUE_MAX];
	int done_count;
	int working, stopping, next_id;
};

/* The worker's open document (touched by the worker thread only). */
typedef struct {
	doc *d;
	char path[4096];
	int w, h;
	int page_count;
} open_doc;

static void serve(open_doc *od, const request *rq, render_result *res)
{
	memset(res, 0, sizeof *res);
	res->request = rq->id;
	res->page = rq->page;
	res->page_count = -1;
	char err[256];
	if (!od->d || strcmp(od->path, rq->path) != 0) {
		doc_close(od->d);
		memset(od, 0, sizeof *od);
		od->d = doc_open(rq->path, rq->format, err);
		if (!od->d) {
			snprintf(res->error, sizeof res->error, "%s", err);
			return;
		}
		snprintf(od->path, sizeof od->path, "%s", rq->path);
	}
	if (od->w != rq->w || od->h != rq->h) {
		float pw, ph, em;
		doc_layout_for_screen(rq->w, rq->h, 1.0f, &pw, &ph, &em);
		if (doc_layout(od->d, pw, ph, em, err) != 0 || (od->page_count = doc_page_count(od->d, err)) < 0) {
			snprintf(res->error, sizeof res->error, "%s", err);
			od->w = od->h = 0;
			return;
		}
		od->w = rq->w;
		od->h = rq->h;
	}
	res->page_count = od->page_count;
	if (rq->page < 0)
		return;
	if (rq->page >= od->page_count) {
		snprintf(res->error, sizeof res->error, "no page %d", rq->page + 1);
		return;
	}
	doc_pixels px;
	if (doc_render(od->d, rq->page, rq->fit_w, rq->fit_h, &px, err) != 0) {
		snprintf(res->error, sizeof res->error, "%s", err);
		return;
	}
	res->w = px.w;
	res->h = px.h;
	res->stride = px.stride;
	res->rgb = px.samples;
}

static void *worker(void *arg)
{
	render_service *rs = arg;
	open_doc od = {0};
	pthread_mutex_lock(&rs->lock);
	for (;;) {
		while (!rs->stopping && rs->queued == 0)
			pthread_cond_wait(&rs->wake, &rs->lock);
		if (rs->stopping)
			break;
		request rq = rs->queue[--rs->queued]; /* newest first */
		rs->working = 1;
		pthread_mutex_unlock(&rs->lock);
		render_result res;
		serve(&od, &rq, &res);
		pthread_mutex_lock(&rs->lock);
		rs->working = 0;
		if (rs->done_count < QUEUE_MAX)
			rs->done[rs->done_count++] = res;
		else
			free(res.rgb);
	}
	pthread_mutex_unlock(&rs->lock);
	doc_close(od.d);
	return NULL;
}

render_service *render_start(void)
{
	render_service *rs = calloc(1, sizeof *rs);
	if (!rs)
		return NULL;
	pthread_mutex_init(&rs->lock, NULL);
	pthread_cond_init(&rs->wake, NULL);
	if (pthread_create(&rs->thread, NULL, worker, rs) != 0) {
		free(rs);
		return NULL;
	}
	return rs;
}

void render_stop(render_service *rs)
{
	if (!rs)
		return;
	pthread_mutex_lock(&rs->lock);
	rs->stopping = 1;
	pthread_cond_signal(&rs->wake);
	pthread_mutex_unlock(&rs->lock);
	pthread_join(rs->thread, NULL);
	for (int i = 0; i < rs->done_count; i++)
		free(rs->done[i].rgb);
	pthread_mutex_destroy(&rs->lock);
	pthread_cond_destroy(&rs->wake);
	free(rs);
}

int render_request(render_service *rs, const char *path, const char *format, int page,
		   int layout_w, int layout_h, int fit_w, int fit_h)
{
	pthread_mutex_lock(&rs->lock);
	if (rs->queued == QUEUE_MAX) { /* drop the oldest */
		memmove(rs->queue, rs->queue + 1, (QUEUE_MAX - 1) * sizeof rs->queue[0]);
		rs->queued--;
	}
	request *rq = &rs->queue[rs->queued++];
	rq->id = ++rs->next_id;
	rq->page = page;
	rq->w = layout_w;
	rq->h = layout_h;
	rq->fit_w = fit_w;
	rq->fit_h = fit_h;
	snprintf(rq->path, sizeof rq->path, "%s", path);
	snprintf(rq->format, sizeof rq->format, "%s", format);
	int id = rq->id;
	pthread_cond_signal(&rs->wake);
	pthread_mutex_unlock(&rs->lock);
	return id;
}

void render_cancel_all(render_service *rs)
{
	pthread_mutex_lock(&rs->lock);
	rs->queued = 0;
	pthread_mutex_unlock(&rs->lock);
}

int render_poll(render_service *rs, render_result *out)
{
	int got = 0;
	pthread_mutex_lock(&rs->lock);
	if (rs->done_count > 0) {
		*out = rs->done[0];
		memmove(rs->done, rs->done + 1, (size_t)(rs->done_count - 1) * sizeof rs->done[0]);
		rs->done_count--;
		got = 1;
	}
	pthread_mutex_unlock(&rs->lock);
	return got;
}

int render_busy(render_service *rs)
{
	pthread_mutex_lock(&rs->lock);
	int busy = rs->queued > 0 || rs->working || rs->done_count > 0;
	pthread_mutex_unlock(&rs->lock);
	return busy;
}
