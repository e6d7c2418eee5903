/* The render service: see render.h. A queue guarded by a mutex and a
 * broker thread for each render worker process (one a core, up to
 * WORKERS_MAX), which hands it the newest request and waits for its answer
 * with a watchdog: the page the visitor looks at and its neighbours are
 * drawn at once on different cores. A worker (this program again, as
 * `hishatak render-worker`) keeps the last document open between requests,
 * answers through a socket and puts pixels in shared memory of its own. A
 * worker that dies or hangs is killed and replaced: its page gets an error,
 * the kiosk goes on. */
#include "render/render.h"
#include "core/files.h"
#include "core/config.h"
#include "core/doc.h"
#include "core/media_client.h"

#include <errno.h>
#include <math.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Pixels of the largest page a worker may send: 4096 x 4096 RGB. */
#define SHM_SIZE ((size_t)4096 * 4096 * 3)
/* A document's passages at most, in all and in number: more is not text. */
#define READ_TEXT_MAX (256LL << 20)
#define READ_PASSAGES_MAX 10000000

/* A result's typed arrays at most, encoded (a note, an outline, a page's
 * sentences): more is not a document's. */
#define PAYLOAD_MAX (64 << 20)

#define QUEUE_MAX 64
/* Workers at most, whatever the cores (HISHATAK_RENDER_WORKERS): each
 * holds its own open document. */
#define WORKERS_MAX 4

/* What a request asks of a worker. */
typedef enum {
	OP_PAGE,                  /* a page's pixels and links (page -1: the page count only) */
	OP_FIND,                  /* the next page with words, going by step */
	OP_PASSAGE,               /* the page where passage `page` starts */
	OP_OUTLINE,               /* the table of contents */
	OP_NOTE,                  /* the paragraph at page, note_y (0-1) */
	OP_SENTENCES,             /* the page's sentences, in language `words` */
	OP_READ,                  /* the document read for import (read_reply) */
} op;

typedef struct {
	int id;
	op op;
	render_owner owner;
	int page, w, h;           /* layout area */
	int fit_w, fit_h;
	int step;                 /* OP_FIND: +1 or -1 */
	int inverted;             /* the pixels' lightness inverted */
	int crop;                 /* OP_PAGE: only the part of the page that draws anything */
	char words[256];          /* to mark on the page, or to find */
	float note_y;
	float text_scale;         /* reflowable text larger (> 1) or smaller */
	char path[4096];
	char format[8];
} request;

/* One render worker process and the broker thread that feeds it. */
typedef struct {
	render_service *rs;
	pthread_t thread;
	pid_t pid;                /* the process, or 0 (guarded by rs->lock) */
	int working;              /* serving a request (guarded by rs->lock), */
	render_owner owner;       /* whose (guarded by rs->lock), */
	int cancelled;            /* and cancelled since (guarded by rs->lock) */
	/* The broker thread's alone: */
	int sock;                 /* to the worker */
	int shm_fd;               /* the shared pixels */
	unsigned char *shm;
} worker;

struct render_service {
	pthread_mutex_t lock;     /* guards everything below */
	pthread_cond_t wake;
	request queue[QUEUE_MAX]; /* pending, oldest first */
	int queued;
	render_result *done;      /* finished or cancelled, oldest first */
	int done_count, done_size;
	int stopping, next_id;
	worker workers[WORKERS_MAX];
	int worker_count;
	int timeout_ms;
};

/* What a worker answers, before its links, its payload (the typed arrays
 * of the result, encoded by encode_payload) and, in the shared memory, its
 * pixels. */
typedef struct {
	int page, page_count, w, h, stride, link_count, payload_len;
	char error[160];
} reply;

/* What a worker answers to a read, before the passages, each ending in a
 * NUL, text_len bytes in all. */
typedef struct {
	int rc, pages, reflowable, count;
	long long text_len;
	char error[256];
} read_reply;

/* The worker process's: the page in hand is stopped through it. */
static doc_cancel *worker_cancel;

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

/* How points of a page (pw x ph) map to the pixels of px, which show
 * the part `shown` of it (fractions of the page's size). */
typedef struct {
	float sx, sy, ox, oy;     /* pixel = point * s - o */
} page_map;

static page_map map_of(float pw, float ph, render_rect shown, const doc_pixels *px)
{
	float sw = (shown.x1 - shown.x0) * pw, sh = (shown.y1 - shown.y0) * ph;
	page_map m = {(float)px->w / sw, (float)px->h / sh, 0, 0};
	m.ox = shown.x0 * pw * m.sx;
	m.oy = shown.y0 * ph * m.sy;
	return m;
}

/* Marks where the words occur on a rendered page, as a highlighter would:
 * the pixels under each hit are multiplied with a warm yellow. */
static void mark(doc *d, int page, const char *words, render_rect shown, doc_pixels *px)
{
	doc_rect hits[256];
	int n;
	float pw, ph;
	char err[256];
	if (doc_page_size(d, page, &pw, &ph, err) != 0 || !page_has_words(d, page, words, hits, 256, &n))
		return;
	page_map m = map_of(pw, ph, shown, px);
	static const int tint[3] = {255, 214, 64};
	for (int i = 0; i < n; i++) {
		int x0 = (int)(hits[i].x0 * m.sx - m.ox), x1 = (int)(hits[i].x1 * m.sx - m.ox + 1), y0 = (int)(hits[i].y0 * m.sy - m.oy),
		    y1 = (int)(hits[i].y1 * m.sy - m.oy + 1);
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

/* The outline into res (pages from 0, -1 none), each title one line. */
static void outline_of(doc *d, render_result *res)
{
	doc_outline_entry *entries;
	int count;
	char err[256];
	if (doc_outline(d, &entries, &count, err) != 0 || count == 0 ||
	    !(res->outline = calloc((size_t)count, sizeof *res->outline))) {
		if (count > 0)
			doc_outline_free(entries, count);
		return;
	}
	for (int i = 0; i < count; i++) {
		for (char *c = entries[i].title; *c; c++)
			if (*c == '\n' || *c == '\t' || *c == '\r')
				*c = ' ';
		res->outline[i] = (render_outline_entry){entries[i].level, entries[i].page, entries[i].title};
		entries[i].title = NULL; /* res has it */
	}
	res->outline_count = count;
	doc_outline_free(entries, count);
}

/* The page labels into res, where the document has them. */
static void page_labels_of(doc *d, render_result *res)
{
	char err[256];
	int count = 0;
	if (doc_page_labels(d, &res->page_labels, &count, err) == 0)
		res->page_label_count = count;
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
	page_map m = map_of(pw, ph, res->shown, px);
	for (int i = 0; i < n; i++) {
		float to_w, to_h;
		if (doc_page_size(d, links[i].page, &to_w, &to_h, err) != 0 || to_h <= 0)
			continue;
		res->links[res->link_count++] = (render_link){(int)(links[i].where.x0 * m.sx - m.ox), (int)(links[i].where.y0 * m.sy - m.oy),
							      (int)(links[i].where.x1 * m.sx - m.ox + 1), (int)(links[i].where.y1 * m.sy - m.oy + 1),
							      links[i].page, links[i].y / to_h};
	}
}

/* The page's sentences into res, each rectangle in fractions of the
 * page's size (the same at any zoom), each text one line. */
static void sentences_of(doc *d, int page, const char *lang, render_result *res)
{
	doc_sentence *s;
	int n;
	float pw, ph;
	char err[256];
	if (doc_page_size(d, page, &pw, &ph, err) != 0 || pw <= 0 || ph <= 0 || doc_page_sentences(d, page, lang, &s, &n, err) != 0)
		return;
	res->sentences = n > 0 ? calloc((size_t)n, sizeof *res->sentences) : NULL;
	for (int i = 0; res->sentences && i < n; i++) {
		render_sentence *out = &res->sentences[i];
		for (char *c = s[i].text; *c; c++)
			if (*c == '\n' || *c == '\t' || *c == '\r')
				*c = ' ';
		out->text = s[i].text;
		s[i].text = NULL; /* res has it */
		out->continued = s[i].continued;
		out->rects = s[i].rect_count > 0 ? calloc((size_t)s[i].rect_count, sizeof *out->rects) : NULL;
		for (int r = 0; out->rects && r < s[i].rect_count; r++)
			out->rects[out->rect_count++] = (render_rect){s[i].rects[r].x0 / pw, s[i].rects[r].y0 / ph,
								      s[i].rects[r].x1 / pw, s[i].rects[r].y1 / ph};
		res->sentence_count++;
	}
	doc_sentences_free(s, n);
}

/* The part of page to show when its margins are cropped: where it draws
 * anything, with a margin of a fortieth of the page's width around it (the
 * text does not touch the screen's edge), within the page; and its size. */
static int content_of(doc *d, int page, doc_rect *clip, float *pw, float *ph)
{
	char err[256];
	if (doc_page_size(d, page, pw, ph, err) != 0 || *pw <= 0 || *ph <= 0 || doc_page_content(d, page, clip, err) != 0)
		return -1;
	float margin = *pw / 40;
	*clip = (doc_rect){fmaxf(clip->x0 - margin, 0), fmaxf(clip->y0 - margin, 0), fminf(clip->x1 + margin, *pw),
			   fminf(clip->y1 + margin, *ph)};
	return clip->x1 - clip->x0 > 1 && clip->y1 - clip->y0 > 1 ? 0 : -1;
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
		doc_set_cancel(od->d, worker_cancel);
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
	if (rq->op == OP_FIND) {
		res->page = find_page(od->d, od->page_count, rq->page, rq->step, rq->words);
		return;
	}
	if (rq->op == OP_OUTLINE) {
		outline_of(od->d, res);
		page_labels_of(od->d, res);
		return;
	}
	if (rq->op == OP_PASSAGE) {
		/* A long passage may start a page or two before its match. */
		res->page = passage_page(od->d, rq->page);
		int match = res->page >= 0 && rq->words[0] ? find_page(od->d, od->page_count, res->page, +1, rq->words) : -1;
		if (match >= 0)
			res->page = match;
		return;
	}
	if (rq->op == OP_SENTENCES) {
		sentences_of(od->d, rq->page, rq->words, res);
		return;
	}
	if (rq->op == OP_NOTE) {
		float pw, ph;
		if (doc_page_size(od->d, rq->page, &pw, &ph, err) != 0 || !(res->note = doc_text_at(od->d, rq->page, rq->note_y * ph, err)))
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
	doc_rect clip;
	float pw, ph;
	res->shown = (render_rect){0, 0, 1, 1};
	if (rq->crop && content_of(od->d, rq->page, &clip, &pw, &ph) == 0)
		res->shown = (render_rect){clip.x0 / pw, clip.y0 / ph, clip.x1 / pw, clip.y1 / ph};
	if (doc_render_clip(od->d, rq->page, rq->crop ? &clip : NULL, rq->fit_w, rq->fit_h, &px, err) != 0) {
		snprintf(res->error, sizeof res->error, "%s", err);
		return;
	}
	if (rq->crop) /* what the pixels show, to the pixel */
		res->shown.y1 = res->shown.y0 + (res->shown.x1 - res->shown.x0) * pw * (float)px.h / (float)px.w / ph;
	if (rq->words[0])
		mark(od->d, rq->page, rq->words, res->shown, &px);
	if (rq->inverted)
		doc_pixels_invert(od->d, &px);
	page_links(od->d, rq->page, &px, res);
	res->w = px.w;
	res->h = px.h;
	res->stride = px.stride;
	res->rgb = px.samples;
}

static int send_all(int fd, const void *buf, size_t n)
{
	for (const char *p = buf; n > 0;) {
		ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int recv_all(int fd, void *buf, size_t n)
{
	for (char *p = buf; n > 0;) {
		ssize_t r = recv(fd, p, n, 0);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		p += r;
		n -= (size_t)r;
	}
	return 0;
}

/* --- a result's typed arrays on the socket --- */

/* A growing buffer the worker encodes into. */
typedef struct {
	char *data;
	size_t len, size;
	int failed;
} wire;

static void put(wire *w, const void *p, size_t n)
{
	if (w->failed || n == 0)
		return;
	if (w->len + n > w->size) {
		size_t size = (w->len + n) * 2;
		char *grown = realloc(w->data, size);
		if (!grown) {
			w->failed = 1;
			return;
		}
		w->data = grown;
		w->size = size;
	}
	memcpy(w->data + w->len, p, n);
	w->len += n;
}

static void put_int(wire *w, int v)
{
	put(w, &v, sizeof v);
}

static void put_string(wire *w, const char *s)
{
	int n = s ? (int)strlen(s) : -1;
	put_int(w, n);
	if (s)
		put(w, s, (size_t)n);
}

/* The typed arrays of res the reply does not carry itself. */
static void encode_payload(const render_result *res, wire *w)
{
	put(w, &res->shown, sizeof res->shown);
	put_string(w, res->note);
	put_int(w, res->outline_count);
	for (int i = 0; i < res->outline_count; i++) {
		put_int(w, res->outline[i].level);
		put_int(w, res->outline[i].page);
		put_string(w, res->outline[i].title);
	}
	put_int(w, res->page_label_count);
	for (int i = 0; i < res->page_label_count; i++)
		put_string(w, res->page_labels[i]);
	put_int(w, res->sentence_count);
	for (int i = 0; i < res->sentence_count; i++) {
		put_int(w, res->sentences[i].continued);
		put_int(w, res->sentences[i].rect_count);
		put(w, res->sentences[i].rects, (size_t)res->sentences[i].rect_count * sizeof *res->sentences[i].rects);
		put_string(w, res->sentences[i].text);
	}
}

/* Reading back what encode_payload wrote, never past its end. */
typedef struct {
	const char *at, *end;
	int failed;
} unwire;

static void get(unwire *u, void *p, size_t n)
{
	if (u->failed || (size_t)(u->end - u->at) < n) {
		u->failed = 1;
		memset(p, 0, n);
		return;
	}
	memcpy(p, u->at, n);
	u->at += n;
}

/* An int from 0 to max (a count or a length), else the payload is broken. */
static int get_count(unwire *u, int min, int max)
{
	int v;
	get(u, &v, sizeof v);
	if (v < min || v > max)
		u->failed = 1;
	return u->failed ? 0 : v;
}

static char *get_string(unwire *u)
{
	int n = get_count(u, -1, (int)(u->end - u->at));
	if (u->failed || n < 0)
		return NULL;
	char *s = malloc((size_t)n + 1);
	if (!s) {
		u->failed = 1;
		return NULL;
	}
	get(u, s, (size_t)n);
	s[n] = 0;
	return s;
}

/* Fills res's typed arrays from a payload; -1 when it makes no sense (what
 * was taken stays in res, for render_result_free). */
static int decode_payload(const char *data, size_t len, render_result *res)
{
	unwire u = {data, data + len, 0};
	int left = (int)(len / sizeof(int)); /* no array has more elements than the payload has ints */
	get(&u, &res->shown, sizeof res->shown);
	res->note = get_string(&u);
	int count = get_count(&u, 0, left);
	if (count > 0 && !u.failed && !(res->outline = calloc((size_t)count, sizeof *res->outline)))
		u.failed = 1;
	for (; !u.failed && res->outline_count < count; res->outline_count++) {
		render_outline_entry *e = &res->outline[res->outline_count];
		get(&u, &e->level, sizeof e->level);
		get(&u, &e->page, sizeof e->page);
		e->title = get_string(&u);
	}
	count = get_count(&u, 0, left);
	if (count > 0 && !u.failed && !(res->page_labels = calloc((size_t)count, sizeof *res->page_labels)))
		u.failed = 1;
	for (; !u.failed && res->page_label_count < count; res->page_label_count++)
		res->page_labels[res->page_label_count] = get_string(&u);
	count = get_count(&u, 0, left);
	if (count > 0 && !u.failed && !(res->sentences = calloc((size_t)count, sizeof *res->sentences)))
		u.failed = 1;
	for (; !u.failed && res->sentence_count < count; res->sentence_count++) {
		render_sentence *s = &res->sentences[res->sentence_count];
		get(&u, &s->continued, sizeof s->continued);
		int rects = get_count(&u, 0, left);
		if (rects > 0 && !u.failed && !(s->rects = calloc((size_t)rects, sizeof *s->rects)))
			u.failed = 1;
		if (!u.failed) {
			get(&u, s->rects, (size_t)rects * sizeof *s->rects);
			s->rect_count = rects;
		}
		s->text = get_string(&u);
	}
	return u.failed || u.at != u.end ? -1 : 0;
}

/* --- the worker process --- */

/* SIGUSR1: the broker's "stop that page, the visitor has moved on". */
static void on_stop_page(int sig)
{
	if (worker_cancel)
		doc_cancel_stop(worker_cancel);
}

/* Reads the document rq names for an import and answers with its facts. */
static int answer_read(int sock, const request *rq)
{
	ingest_facts f;
	read_reply r;
	memset(&r, 0, sizeof r);
	r.rc = ingest_read_here(rq->path, rq->format, worker_cancel, &f, r.error); /* one page time limit's watchdog for all */
	r.pages = f.pages;
	r.reflowable = f.reflowable;
	r.count = f.count;
	for (int i = 0; i < f.count; i++)
		r.text_len += (long long)strlen(f.passages[i]) + 1;
	int failed = send_all(sock, &r, sizeof r) != 0;
	for (int i = 0; !failed && i < f.count; i++)
		failed = send_all(sock, f.passages[i], strlen(f.passages[i]) + 1) != 0;
	ingest_facts_free(&f);
	return failed ? -1 : 0;
}

int render_worker_main(int argc, char **argv)
{
	if (argc != 4)
		return 2;
	int sock = atoi(argv[2]), shm_fd = atoi(argv[3]);
	for (int fd = 3; fd < 1024; fd++) /* nothing of the kiosk's: its catalogue, its window */
		if (fd != sock && fd != shm_fd)
			close(fd);
	doc_limit_worker();
	unsigned char *shm = shm_fd < 0 ? NULL : mmap(NULL, SHM_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, shm_fd, 0);
	if (shm == MAP_FAILED || !(worker_cancel = doc_cancel_new()))
		return 1;
#ifdef HISHATAK_TEST_FAULTS
	/* Faults on purpose, for the tests: "crash:PAGE" or "hang:PAGE". */
	const char *fault = getenv("HISHATAK_RENDER_FAULT");
	int fault_page = fault && strchr(fault, ':') ? atoi(strchr(fault, ':') + 1) : -1;
#endif
	open_doc od = {0};
	request rq;
	struct sigaction stop = {0};
	stop.sa_handler = on_stop_page;
	stop.sa_flags = SA_RESTART;
	sigaction(SIGUSR1, &stop, NULL);
	while (recv_all(sock, &rq, sizeof rq) == 0) {
		doc_cancel_reset(worker_cancel); /* a stop was for the request before */
		rq.path[sizeof rq.path - 1] = rq.format[sizeof rq.format - 1] = rq.words[sizeof rq.words - 1] = 0;
		if (rq.op == OP_READ) {
			if (answer_read(sock, &rq) != 0)
				break;
			continue;
		}
#ifdef HISHATAK_TEST_FAULTS
		if (rq.page == fault_page && rq.op == OP_PAGE && rq.fit_w > 0) {
			if (strncmp(fault, "crash", 5) == 0)
				abort();
			for (;;)
				pause();
		}
#endif
		render_result res;
		if (!shm) /* a reader of documents draws nothing */
			break;
		serve(&od, &rq, &res);
		wire payload = {0};
		encode_payload(&res, &payload);
		if (payload.failed || payload.len > PAYLOAD_MAX) {
			render_result_free(&res);
			free(payload.data);
			memset(&payload, 0, sizeof payload);
			encode_payload(&res, &payload);
			snprintf(res.error, sizeof res.error, "out of memory");
		}
		reply r = {res.page, res.page_count, res.w, res.h, res.stride, res.link_count, (int)payload.len, ""};
		snprintf(r.error, sizeof r.error, "%s", res.error);
		if (res.rgb && (size_t)res.h * (size_t)res.stride <= SHM_SIZE) {
			memcpy(shm, res.rgb, (size_t)res.h * (size_t)res.stride);
		} else if (res.rgb) {
			r.w = r.h = 0;
			snprintf(r.error, sizeof r.error, "page too large");
		}
		int failed = send_all(sock, &r, sizeof r) != 0 ||
			     send_all(sock, res.links, (size_t)res.link_count * sizeof *res.links) != 0 ||
			     send_all(sock, payload.data, payload.len) != 0;
		free(payload.data);
		render_result_free(&res);
		if (failed)
			break;
	}
	doc_close(od.d);
	doc_cancel_free(worker_cancel);
	worker_cancel = NULL;
	return 0;
}

/* --- the broker threads --- */

static void end_worker(worker *wk)
{
	if (wk->pid <= 0)
		return;
	kill(wk->pid, SIGKILL); /* a renderer holds nothing worth saving */
	waitpid(wk->pid, NULL, 0);
	close(wk->sock);
	pthread_mutex_lock(&wk->rs->lock);
	wk->pid = 0;
	pthread_mutex_unlock(&wk->rs->lock);
}

/* Starts `program render-worker SOCK SHM` (shm_fd -1: none, a reader of
 * documents); the parent's end of its socket in *sock. The caller has
 * threads: the child only execs. */
static pid_t spawn_worker(const char *program, int shm_fd, int *sock)
{
	int sv[2];
	char sock_arg[16], shm_arg[16];
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
		return -1;
	snprintf(sock_arg, sizeof sock_arg, "%d", sv[1]);
	snprintf(shm_arg, sizeof shm_arg, "%d", shm_fd);
	pid_t pid = fork();
	if (pid == 0) { /* only exec from here: other threads' locks are gone */
		fcntl(sv[1], F_SETFD, 0);
		if (shm_fd >= 0)
			fcntl(shm_fd, F_SETFD, 0);
		execl(program, "hishatak", "render-worker", sock_arg, shm_arg, (char *)NULL);
		_exit(127);
	}
	int saved = errno;
	close(sv[1]);
	if (pid < 0) {
		close(sv[0]);
		errno = saved;
		return -1;
	}
	*sock = sv[0];
	return pid;
}

static int start_worker(worker *wk)
{
	pid_t pid = spawn_worker("/proc/self/exe", wk->shm_fd, &wk->sock);
	if (pid < 0)
		return -1;
	pthread_mutex_lock(&wk->rs->lock);
	wk->pid = pid;
	pthread_mutex_unlock(&wk->rs->lock);
	return 0;
}

/* Serves rq through the worker process, starting one when there is none. */
static void serve_by_worker(worker *wk, const request *rq, render_result *res)
{
	memset(res, 0, sizeof *res);
	res->request = rq->id;
	res->page = rq->page;
	res->page_count = -1;
	if (wk->pid <= 0 && start_worker(wk) != 0) {
		snprintf(res->error, sizeof res->error, "cannot start a render worker");
		return;
	}
	struct pollfd wait = {wk->sock, POLLIN, 0};
	reply r;
	if (send_all(wk->sock, rq, sizeof *rq) != 0)
		goto died;
	int ready = poll(&wait, 1, wk->rs->timeout_ms);
	while (ready < 0 && errno == EINTR)
		ready = poll(&wait, 1, wk->rs->timeout_ms);
	if (ready == 0) {
		end_worker(wk);
		snprintf(res->error, sizeof res->error, "page %d took too long", rq->page + 1);
		return;
	}
	if (recv_all(wk->sock, &r, sizeof r) != 0 || r.link_count < 0 || r.link_count > 4096 || r.payload_len < 0 ||
	    r.payload_len > PAYLOAD_MAX || (size_t)r.h * (size_t)r.stride > SHM_SIZE)
		goto died;
	res->page = r.page;
	res->page_count = r.page_count;
	snprintf(res->error, sizeof res->error, "%s", r.error);
	if (r.link_count > 0) {
		res->links = malloc((size_t)r.link_count * sizeof *res->links);
		if (!res->links || recv_all(wk->sock, res->links, (size_t)r.link_count * sizeof *res->links) != 0)
			goto died;
		res->link_count = r.link_count;
	}
	char *payload = malloc((size_t)r.payload_len + 1);
	int broken = !payload || recv_all(wk->sock, payload, (size_t)r.payload_len) != 0 ||
		     decode_payload(payload, (size_t)r.payload_len, res) != 0;
	free(payload);
	if (broken)
		goto died;
	if (r.w > 0 && r.h > 0 && (res->rgb = malloc((size_t)r.h * (size_t)r.stride))) {
		memcpy(res->rgb, wk->shm, (size_t)r.h * (size_t)r.stride);
		res->w = r.w;
		res->h = r.h;
		res->stride = r.stride;
	}
	return;
died:
	end_worker(wk);
	render_result_free(res);
	res->link_count = res->w = res->h = 0;
	res->page = rq->page;
	snprintf(res->error, sizeof res->error, "the renderer stopped on page %d", rq->page + 1);
}

/* Adds res to the results (under rs->lock): every request is answered. */
static void deliver(render_service *rs, render_result *res)
{
	if (rs->done_count == rs->done_size) {
		int size = rs->done_size ? rs->done_size * 2 : QUEUE_MAX;
		render_result *grown = realloc(rs->done, (size_t)size * sizeof *grown);
		if (!grown) { /* out of memory: this one is lost, as little as can be */
			render_result_free(res);
			return;
		}
		rs->done = grown;
		rs->done_size = size;
	}
	rs->done[rs->done_count++] = *res;
}

/* The answer to a request never served (under rs->lock). */
static void deliver_cancelled(render_service *rs, const request *rq)
{
	render_result res = {.request = rq->id, .owner = rq->owner, .cancelled = 1, .page = rq->page, .page_count = -1};
	deliver(rs, &res);
}

static void *broker(void *arg)
{
	worker *wk = arg;
	render_service *rs = wk->rs;
	pthread_mutex_lock(&rs->lock);
	for (;;) {
		while (!rs->stopping && rs->queued == 0)
			pthread_cond_wait(&rs->wake, &rs->lock);
		if (rs->stopping)
			break;
		request rq = rs->queue[--rs->queued]; /* newest first */
		wk->working = 1;
		wk->owner = rq.owner;
		wk->cancelled = 0;
		pthread_mutex_unlock(&rs->lock);
		render_result res;
		serve_by_worker(wk, &rq, &res);
		pthread_mutex_lock(&rs->lock);
		wk->working = 0;
		res.owner = rq.owner;
		if (wk->cancelled) { /* its owner has let it go */
			render_result_free(&res);
			res.cancelled = 1;
		}
		deliver(rs, &res);
	}
	pthread_mutex_unlock(&rs->lock);
	end_worker(wk);
	return NULL;
}

/* One worker a core, at most WORKERS_MAX, and one for each 512 MB of
 * memory: a Pi 3's 1 GB holds two workers reading large documents (each
 * may take 384 MB for MuPDF), not four. */
static int workers_wanted(void)
{
	int asked = config_int(CONFIG_RENDER_WORKERS);
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	long memory = (long)(sysconf(_SC_PHYS_PAGES) / (512L * 1024 * 1024 / sysconf(_SC_PAGESIZE)));
	if (memory < n)
		n = memory;
	if (asked > 0)
		n = asked;
	return n < 1 ? 1 : n > WORKERS_MAX ? WORKERS_MAX : (int)n;
}

render_service *render_start(void)
{
	render_service *rs = calloc(1, sizeof *rs);
	if (!rs)
		return NULL;
	rs->timeout_ms = config_int(CONFIG_RENDER_TIMEOUT_MS); /* then a request is given up */
	pthread_mutex_init(&rs->lock, NULL);
	pthread_cond_init(&rs->wake, NULL);
	int wanted = workers_wanted();
	for (int i = 0; i < wanted; i++) {
		worker *wk = &rs->workers[i];
		wk->rs = rs;
		wk->shm_fd = memfd_create("hishatak-pixels", MFD_CLOEXEC);
		if (wk->shm_fd < 0 || ftruncate(wk->shm_fd, (off_t)SHM_SIZE) != 0 ||
		    (wk->shm = mmap(NULL, SHM_SIZE, PROT_READ, MAP_SHARED, wk->shm_fd, 0)) == MAP_FAILED ||
		    pthread_create(&wk->thread, NULL, broker, wk) != 0) {
			if (wk->shm && wk->shm != MAP_FAILED)
				munmap(wk->shm, SHM_SIZE);
			if (wk->shm_fd >= 0)
				close(wk->shm_fd);
			break;
		}
		rs->worker_count++;
	}
	if (rs->worker_count == 0) {
		render_stop(rs);
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
	for (int i = 0; i < rs->worker_count; i++)
		if (rs->workers[i].working && rs->workers[i].pid > 0)
			kill(rs->workers[i].pid, SIGKILL); /* quitting does not wait for a slow page */
	pthread_cond_broadcast(&rs->wake);
	pthread_mutex_unlock(&rs->lock);
	for (int i = 0; i < rs->worker_count; i++) {
		pthread_join(rs->workers[i].thread, NULL);
		munmap(rs->workers[i].shm, SHM_SIZE);
		close(rs->workers[i].shm_fd);
	}
	for (int i = 0; i < rs->done_count; i++)
		render_result_free(&rs->done[i]);
	free(rs->done);
	pthread_mutex_destroy(&rs->lock);
	pthread_cond_destroy(&rs->wake);
	free(rs);
}

/* Queues what the caller filled in of rq (words, path and format as
 * strings); returns its id. */
static int enqueue(render_service *rs, const request *what, const char *path, const char *format, const char *words)
{
	pthread_mutex_lock(&rs->lock);
	if (rs->queued == QUEUE_MAX) { /* the oldest goes, and is told so */
		deliver_cancelled(rs, &rs->queue[0]);
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

int render_request(render_service *rs, render_owner owner, const char *path, const char *format, int page,
		   int layout_w, int layout_h, int fit_w, int fit_h)
{
	request rq = {.op = OP_PAGE, .owner = owner, .page = page, .w = layout_w, .h = layout_h, .fit_w = fit_w, .fit_h = fit_h};
	return enqueue(rs, &rq, path, format, NULL);
}

int render_request_marked(render_service *rs, render_owner owner, const char *path, const char *format, int page,
			  int layout_w, int layout_h, float text_scale, int fit_w, int fit_h, const char *words, int inverted)
{
	request rq = {.op = OP_PAGE, .owner = owner, .page = page, .w = layout_w, .h = layout_h, .text_scale = text_scale,
		      .fit_w = fit_w, .fit_h = fit_h, .inverted = inverted};
	return enqueue(rs, &rq, path, format, words);
}

int render_request_cropped(render_service *rs, render_owner owner, const char *path, const char *format, int page,
			   int layout_w, int layout_h, float text_scale, int width, const char *words, int inverted)
{
	int tall = (int)(SHM_SIZE / 3 / (size_t)(width > 0 ? width : 1));
	request rq = {.op = OP_PAGE, .owner = owner, .page = page, .w = layout_w, .h = layout_h, .text_scale = text_scale, .fit_w = width,
		      .fit_h = tall < 4096 ? tall : 4096, .inverted = inverted, .crop = 1};
	return enqueue(rs, &rq, path, format, words);
}

int render_find(render_service *rs, render_owner owner, const char *path, const char *format, int layout_w, int layout_h,
		float text_scale, const char *words, int from, int step)
{
	request rq = {.op = OP_FIND, .owner = owner, .page = from, .w = layout_w, .h = layout_h, .text_scale = text_scale,
		      .step = step < 0 ? -1 : 1};
	return enqueue(rs, &rq, path, format, words);
}

int render_outline(render_service *rs, render_owner owner, const char *path, const char *format, int layout_w,
		   int layout_h, float text_scale)
{
	request rq = {.op = OP_OUTLINE, .owner = owner, .w = layout_w, .h = layout_h, .text_scale = text_scale};
	return enqueue(rs, &rq, path, format, NULL);
}

int render_note(render_service *rs, render_owner owner, const char *path, const char *format, int layout_w, int layout_h,
		float text_scale, int page, float y)
{
	request rq = {.op = OP_NOTE, .owner = owner, .page = page, .w = layout_w, .h = layout_h, .text_scale = text_scale,
		      .note_y = y};
	return enqueue(rs, &rq, path, format, NULL);
}

int render_find_passage(render_service *rs, render_owner owner, const char *path, const char *format, int layout_w,
			int layout_h, float text_scale, int passage, const char *words)
{
	request rq = {.op = OP_PASSAGE, .owner = owner, .page = passage, .w = layout_w, .h = layout_h, .text_scale = text_scale};
	return enqueue(rs, &rq, path, format, words);
}

int render_sentences(render_service *rs, render_owner owner, const char *path, const char *format, int layout_w,
		     int layout_h, float text_scale, int page, const char *lang)
{
	request rq = {.op = OP_SENTENCES, .owner = owner, .page = page, .w = layout_w, .h = layout_h, .text_scale = text_scale};
	return enqueue(rs, &rq, path, format, lang);
}

void render_cancel(render_service *rs, render_owner owner)
{
	pthread_mutex_lock(&rs->lock);
	int kept = 0;
	for (int i = 0; i < rs->queued; i++) {
		if (rs->queue[i].owner == owner)
			deliver_cancelled(rs, &rs->queue[i]);
		else
			rs->queue[kept++] = rs->queue[i];
	}
	rs->queued = kept;
	for (int i = 0; i < rs->worker_count; i++) { /* and the pages in hand (MuPDF's cookie) */
		worker *wk = &rs->workers[i];
		if (wk->working && wk->owner == owner) {
			wk->cancelled = 1;
			if (wk->pid > 0)
				kill(wk->pid, SIGUSR1);
		}
	}
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
	free(res->note);
	for (int i = 0; i < res->outline_count; i++)
		free(res->outline[i].title);
	free(res->outline);
	for (int i = 0; i < res->page_label_count; i++)
		free(res->page_labels[i]);
	free(res->page_labels);
	res->page_labels = NULL;
	res->page_label_count = 0;
	for (int i = 0; i < res->sentence_count; i++) {
		free(res->sentences[i].text);
		free(res->sentences[i].rects);
	}
	free(res->sentences);
	res->rgb = NULL;
	res->links = NULL;
	res->note = NULL;
	res->outline = NULL;
	res->sentences = NULL;
	res->w = res->h = res->link_count = res->outline_count = res->sentence_count = 0;
}

int render_busy(render_service *rs)
{
	pthread_mutex_lock(&rs->lock);
	int busy = rs->queued > 0 || rs->done_count > 0;
	for (int i = 0; i < rs->worker_count; i++)
		busy |= rs->workers[i].working;
	pthread_mutex_unlock(&rs->lock);
	return busy;
}

/* --- reading documents at import --- */

struct render_reader {
	char program[4096];
	pid_t pid;                /* the worker, or 0 */
	int sock;
	long long timeout_ms;
};

render_reader *render_reader_open(const char *program)
{
	render_reader *rr = calloc(1, sizeof *rr);
	if (!rr)
		return NULL;
	snprintf(rr->program, sizeof rr->program, "%s", program ? program : "/proc/self/exe");
	rr->timeout_ms = config_int(CONFIG_READ_TIMEOUT_MS);
	return rr;
}

/* Ends the worker: killed (it holds nothing worth saving), and its status
 * for the reason a document could not be read. */
static int end_reader_worker(render_reader *rr)
{
	int status = 0;
	kill(rr->pid, SIGKILL);
	close(rr->sock);
	while (waitpid(rr->pid, &status, 0) < 0 && errno == EINTR)
		;
	rr->pid = 0;
	return status;
}

void render_reader_close(render_reader *rr)
{
	if (!rr)
		return;
	if (rr->pid > 0)
		end_reader_worker(rr);
	free(rr);
}

/* The passages of a read_reply: count strings, each ending in a NUL. */
static int split_passages(char *text, long long len, int count, ingest_facts *f)
{
	if (!(f->passages = calloc((size_t)count + 1, sizeof *f->passages)))
		return -1;
	long long at = 0;
	for (; f->count < count; f->count++) {
		size_t n = strnlen(text + at, (size_t)(len - at));
		if (at + (long long)n >= len || !(f->passages[f->count] = malloc(n + 1)))
			return -1;
		memcpy(f->passages[f->count], text + at, n + 1);
		at += (long long)n + 1;
	}
	return at == len ? 0 : -1;
}

static int reader_read(void *ctx, const char *path, const char *format, ingest_facts *f, char err[256])
{
	render_reader *rr = ctx;
	request rq = {.op = OP_READ};
	read_reply r;
	memset(f, 0, sizeof *f);
	if (strlen(path) >= sizeof rq.path || strlen(format) >= sizeof rq.format) {
		snprintf(err, 256, "cannot be read: its name is too long");
		return -1;
	}
	snprintf(rq.path, sizeof rq.path, "%s", path);
	snprintf(rq.format, sizeof rq.format, "%s", format);
	if (rr->pid <= 0 && (rr->pid = spawn_worker(rr->program, -1, &rr->sock)) < 0) {
		rr->pid = 0;
		snprintf(err, 256, "cannot start reading it: %s", strerror(errno));
		return -1;
	}
	long long deadline = files_now_ms() + rr->timeout_ms;
	int got = send_all(rr->sock, &rq, sizeof rq) != 0 ? 1 : files_read_by(rr->sock, &r, sizeof r, deadline);
	char *text = NULL;
	int nonsense = 0;
	if (got == 0 && r.rc == 0) {
		nonsense = r.count < 0 || r.count > READ_PASSAGES_MAX || r.text_len < r.count || r.text_len > READ_TEXT_MAX ||
			   !(text = malloc((size_t)r.text_len + 1));
		if (!nonsense)
			got = files_read_by(rr->sock, text, (size_t)r.text_len, deadline);
		if (!nonsense && got == 0)
			nonsense = split_passages(text, r.text_len, r.count, f) != 0;
		free(text);
	}
	if (got != 0 || nonsense) {
		/* It died on this document, ran out of time, or sent what is not
		 * an answer: the next document gets a new worker. */
		int status = end_reader_worker(rr);
		ingest_facts_free(f);
		if (got < 0)
			snprintf(err, 256, "takes longer than %lld s to read", rr->timeout_ms / 1000);
		else if (nonsense)
			snprintf(err, 256, "cannot be read (it may need more memory than there is)");
		else if (WIFSIGNALED(status))
			snprintf(err, 256, "cannot be read: the reader stopped on it (%s)", strsignal(WTERMSIG(status)));
		else if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
			snprintf(err, 256, "cannot start reading it: %s did not start", rr->program);
		else
			snprintf(err, 256, "cannot be read (it may need more memory than there is)");
		return -1;
	}
	if (r.rc != 0) {
		r.error[sizeof r.error - 1] = 0;
		snprintf(err, 256, "%s", r.error);
		return -1;
	}
	f->pages = r.pages;
	f->reflowable = r.reflowable;
	return 0;
}

/* Recordings are probed by the media program beside rr's (media_client.h). */
static int reader_probe(void *ctx, const char *path, const char *name, media_facts *f, unsigned char **png,
			size_t *png_len, char err[256])
{
	render_reader *rr = ctx;
	char program[4096];
	media_client_program(rr->program, program);
	return media_probe_file(program, path, name, f, png, png_len, err);
}

ingest_reader render_reader_ingest(render_reader *rr)
{
	return (ingest_reader){reader_read, rr, reader_probe};
}
