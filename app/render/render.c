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
	char words[256];          /* to mark on the page, or to find */
	int find;                 /* 0 render; +1 / -1 find the next page with words */
	int outline;              /* the table of contents instead of pixels */
	int note;                 /* the text at page, note_y (0-1) instead */
	int passage;              /* the page where passage `page` starts instead */
	float note_y;
	float text_scale;         /* reflowable text larger (> 1) or smaller */
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
	float text_scale;
	int page_count;
} open_doc;

/* Searches page for each word of words (split at spaces); hits go in hits. */
static int page_has_words(doc *d, int page, const char *words, doc_rect *hits, int max, int *n)
{
	char word[256], err[256];
	const char *p = words;
	*n = 0;
	while (*p) {
		size_t len = strcspn(p, " ");
		if (len > 0 && len < sizeof word) {
			memcpy(word, p, len);
			word[len] = 0;
			int got = doc_search_page(d, page, word, hits + *n, max - *n, err);
			if (got > 0)
				*n += got;
		}
		p += len;
		p += strspn(p, " ");
	}
	return *n > 0;
}

/* The first page from `from` on (step +1 or -1) where a word occurs, or -1. */
static int find_page(doc *d, int page_count, int from, int step, const char *words)
{
	doc_rect hits[8];
	int n;
	for (int p = from; p >= 0 && p < page_count; p += step)
		if (page_has_words(d, p, words, hits, 8, &n))
			return p;
	return -1;
}

/* Marks where the words occur on a rendered page, as a highlighter would:
 * the pixels under each hit are multiplied with a warm yellow. */
static void mark(doc *d, int page, const char *words, doc_pixels *px)
{
	doc_rect hits[256];
	int n;
	float pw, ph;
	char err[256];
	if (doc_page_size(d, page, &pw, &ph, err) != 0 || !page_has_words(d, page, words, hits, 256, &n))
		return;
	float sx = (float)px->w / pw, sy = (float)px->h / ph;
	static const int tint[3] = {255, 214, 64};
	for (int i = 0; i < n; i++) {
		int x0 = (int)(hits[i].x0 * sx), x1 = (int)(hits[i].x1 * sx + 1), y0 = (int)(hits[i].y0 * sy),
		    y1 = (int)(hits[i].y1 * sy + 1);
		x0 = x0 < 0 ? 0 : x0;
		y0 = y0 < 0 ? 0 : y0;
		x1 = x1 > px->w ? px->w : x1;
		y1 = y1 > px->h ? px->h : y1;
		for (int y = y0; y < y1; y++)
			for (int x = x0; x < x1; x++) {
				unsigned char *c = px->samples + (size_t)y * (size_t)px->stride + (size_t)x * 3;
				for (int ch = 0; ch < 3; ch++)
					c[ch] = (unsigned char)(c[ch] * tint[ch] / 255);
			}
	}
}

/* The outline as "LEVEL<tab>PAGE<tab>TITLE" lines (pages from 0, -1 none). */
static char *outline_text(doc *d)
{
	doc_outline_entry *entries;
	int count;
	char err[256];
	if (doc_outline(d, &entries, &count, err) != 0 || count == 0)
		return NULL;
	size_t size = 1;
	for (int i = 0; i < count; i++)
		size += strlen(entries[i].title) + 32;
	char *text = malloc(size), *p = text;
	for (int i = 0; text && i < count; i++) {
		for (char *c = entries[i].title; *c; c++) /* a title is one line */
			if (*c == '\n' || *c == '\t' || *c == '\r')
				*c = ' ';
		p += sprintf(p, "%d\t%d\t%s\n", entries[i].level, entries[i].page, entries[i].title);
	}
	doc_outline_free(entries, count);
	return text;
}

/* The page (at the current layout) where the document's passage number n
 * (as doc_passages counts them, and the catalogue keeps them) starts, or -1. */
static int passage_page(doc *d, int n)
{
	char **passages = NULL, err[256];
	int count = 0, page = -1;
	if (doc_passages(d, &passages, &count, err) != 0)
		return -1;
	int *page_of = n >= 0 && n < count ? calloc((size_t)count, sizeof *page_of) : NULL;
	if (page_of && doc_pages_of_passages(d, passages, count, page_of, err) == 0)
		page = page_of[n];
	free(page_of);
	for (int i = 0; i < count; i++)
		free(passages[i]);
	free(passages);
	return page;
}

/* The page's links inside the document, in the pixels of px. */
static void page_links(doc *d, int page, const doc_pixels *px, render_result *res)
{
	doc_link links[64];
	float pw, ph;
	char err[256];
	int n = doc_page_links(d, page, links, 64, err);
	if (n <= 0 || doc_page_size(d, page, &pw, &ph, err) != 0 || !(res->links = calloc((size_t)n, sizeof *res->links)))
		return;
	float sx = (float)px->w / pw, sy = (float)px->h / ph;
	for (int i = 0; i < n; i++) {
		float to_w, to_h;
		if (doc_page_size(d, links[i].page, &to_w, &to_h, err) != 0 || to_h <= 0)
			continue;
		res->links[res->link_count++] = (render_link){(int)(links[i].where.x0 * sx), (int)(links[i].where.y0 * sy),
							      (int)(links[i].where.x1 * sx + 1), (int)(links[i].where.y1 * sy + 1),
							      links[i].page, links[i].y / to_h};
	}
}

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
	if (od->w != rq->w || od->h != rq->h || od->text_scale != rq->text_scale) {
		float pw, ph, em;
		doc_layout_for_screen(rq->w, rq->h, rq->text_scale, &pw, &ph, &em);
		if (doc_layout(od->d, pw, ph, em, err) != 0 || (od->page_count = doc_page_count(od->d, err)) < 0) {
			snprintf(res->error, sizeof res->error, "%s", err);
			od->w = od->h = 0;
			return;
		}
		od->w = rq->w;
		od->h = rq->h;
		od->text_scale = rq->text_scale;
	}
	res->page_count = od->page_count;
	if (rq->find) {
		res->page = find_page(od->d, od->page_count, rq->page, rq->find, rq->words);
		return;
	}
	if (rq->outline) {
		res->text = outline_text(od->d);
		return;
	}
	if (rq->passage) {
		/* A long passage may start a page or two before its match. */
		res->page = passage_page(od->d, rq->page);
		int match = res->page >= 0 && rq->words[0] ? find_page(od->d, od->page_count, res->page, +1, rq->words) : -1;
		if (match >= 0)
			res->page = match;
		return;
	}
	if (rq->note) {
		float pw, ph;
		if (doc_page_size(od->d, rq->page, &pw, &ph, err) != 0 || !(res->text = doc_text_at(od->d, rq->page, rq->note_y * ph, err)))
			snprintf(res->error, sizeof res->error, "%s", err);
		return;
	}
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
	if (rq->words[0])
		mark(od->d, rq->page, rq->words, &px);
	page_links(od->d, rq->page, &px, res);
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
			render_result_free(&res);
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
		render_result_free(&rs->done[i]);
	pthread_mutex_destroy(&rs->lock);
	pthread_cond_destroy(&rs->wake);
	free(rs);
}

/* Queues what the caller filled in of rq (words, path and format as
 * strings); returns its id. */
static int enqueue(render_service *rs, const request *what, const char *path, const char *format, const char *words)
{
	pthread_mutex_lock(&rs->lock);
	if (rs->queued == QUEUE_MAX) { /* drop the oldest */
		memmove(rs->queue, rs->queue + 1, (QUEUE_MAX - 1) * sizeof rs->queue[0]);
		rs->queued--;
	}
	request *rq = &rs->queue[rs->queued++];
	*rq = *what;
	rq->id = ++rs->next_id;
	if (rq->text_scale <= 0)
		rq->text_scale = 1.0f;
	snprintf(rq->words, sizeof rq->words, "%s", words ? words : "");
	snprintf(rq->path, sizeof rq->path, "%s", path);
	snprintf(rq->format, sizeof rq->format, "%s", format);
	int id = rq->id;
	pthread_cond_signal(&rs->wake);
	pthread_mutex_unlock(&rs->lock);
	return id;
}

int render_request(render_service *rs, const char *path, const char *format, int page,
		   int layout_w, int layout_h, int fit_w, int fit_h)
{
	request rq = {.page = page, .w = layout_w, .h = layout_h, .fit_w = fit_w, .fit_h = fit_h};
	return enqueue(rs, &rq, path, format, NULL);
}

int render_request_marked(render_service *rs, const char *path, const char *format, int page,
			  int layout_w, int layout_h, float text_scale, int fit_w, int fit_h, const char *words)
{
	request rq = {.page = page, .w = layout_w, .h = layout_h, .text_scale = text_scale, .fit_w = fit_w, .fit_h = fit_h};
	return enqueue(rs, &rq, path, format, words);
}

int render_find(render_service *rs, const char *path, const char *format, int layout_w, int layout_h,
		float text_scale, const char *words, int from, int step)
{
	request rq = {.page = from, .w = layout_w, .h = layout_h, .text_scale = text_scale, .find = step < 0 ? -1 : 1};
	return enqueue(rs, &rq, path, format, words);
}

int render_outline(render_service *rs, const char *path, const char *format, int layout_w, int layout_h,
		   float text_scale)
{
	request rq = {.w = layout_w, .h = layout_h, .text_scale = text_scale, .outline = 1};
	return enqueue(rs, &rq, path, format, NULL);
}

int render_note(render_service *rs, const char *path, const char *format, int layout_w, int layout_h,
		float text_scale, int page, float y)
{
	request rq = {.page = page, .w = layout_w, .h = layout_h, .text_scale = text_scale, .note = 1, .note_y = y};
	return enqueue(rs, &rq, path, format, NULL);
}

int render_find_passage(render_service *rs, const char *path, const char *format, int layout_w, int layout_h,
			float text_scale, int passage, const char *words)
{
	request rq = {.page = passage, .w = layout_w, .h = layout_h, .text_scale = text_scale, .passage = 1};
	return enqueue(rs, &rq, path, format, words);
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

void render_result_free(render_result *res)
{
	free(res->rgb);
	free(res->links);
	free(res->text);
	res->rgb = NULL;
	res->links = NULL;
	res->text = NULL;
}

int render_busy(render_service *rs)
{
	pthread_mutex_lock(&rs->lock);
	int busy = rs->queued > 0 || rs->working || rs->done_count > 0;
	pthread_mutex_unlock(&rs->lock);
	return busy;
}
