/* The render service: pages of documents turned into pixels away from the UI
 * thread and out of the kiosk's process. The UI asks (document, page, area)
 * and polls for finished pages; it never waits. MuPDF runs in render
 * worker processes (one a core, up to four) with a memory limit and a
 * watchdog (15 s a request), so that a damaged document that crashes,
 * hangs or eats memory costs one page an error, not the kiosk; a new
 * worker takes over. */
#ifndef HISHATAK_RENDER_H
#define HISHATAK_RENDER_H

#include "core/ingest.h"

typedef struct render_service render_service;

/* Who asked: render_cancel cancels one owner's requests, never another's
 * (the reader opening a document leaves the lists' thumbnails queued). */
typedef enum {
	RENDER_OWNER_THUMBS = 1,  /* the lists' thumbnails */
	RENDER_OWNER_READER,      /* its pages, page grid, outline, finds, notes, sentences */
	RENDER_OWNER_ATTRACT,     /* the slideshow's pages */
} render_owner;

/* A link on a rendered page to another place in the document. */
typedef struct {
	int x0, y0, x1, y1;   /* in the page's pixels */
	int page;             /* where it leads, from 0 */
	float y;              /* and how far down that page, 0 to 1 */
} render_link;

/* An entry of a document's table of contents. */
typedef struct {
	int level;            /* 0 for the top level */
	int page;             /* from 0, or -1 when it leads nowhere */
	char *title;          /* one line */
} render_outline_entry;

/* A rectangle in fractions of the page's size (the same at any zoom). */
typedef struct {
	float x0, y0, x1, y1;
} render_rect;

/* A sentence of a page, to be read aloud: its words (one line) and where
 * they stand, a rectangle a line. */
typedef struct {
	char *text;
	render_rect *rects;
	int rect_count;
	int continued;        /* began on the page before */
} render_sentence;

typedef struct {
	int request;          /* the id the render_ call returned */
	render_owner owner;
	int cancelled;        /* by render_cancel (or the queue was full): no more */
	int page;
	int page_count;       /* of the document at this layout, or -1 */
	int w, h, stride;     /* RGB pixels, 3 bytes each; NULL rgb on failure */
	unsigned char *rgb;
	render_rect shown;    /* the part of the page the pixels show (0 0 1 1: all of it) */
	render_link *links;   /* a rendered page's links inside the document */
	int link_count;
	render_outline_entry *outline; /* render_outline's */
	int outline_count;
	char **page_labels;   /* render_outline's too: the document's own name for each page ("xii", "12"), or NULL */
	int page_label_count; /* the page count when there are labels, else 0 */
	render_sentence *sentences;    /* render_sentences' */
	int sentence_count;
	char *note;           /* render_note's paragraph, or NULL */
	char error[160];
} render_result;

render_service *render_start(void);
void render_stop(render_service *rs);

/* Asks for page (from 0) of the file at path (format as doc_open takes it),
 * laid out (if reflowable) as for a screen area of layout_w x layout_h pixels
 * and fitted in fit_w x fit_h (the same, but for thumbnails). page -1 asks
 * only for the page count. Returns the request's id; every request is
 * answered once, by a result with that id (cancelled, perhaps). Requests
 * are served newest first, so what the visitor looks at now comes before
 * prefetches. */
int render_request(render_service *rs, render_owner owner, const char *path, const char *format, int page,
		   int layout_w, int layout_h, int fit_w, int fit_h);

/* The same, with reflowable text scaled by text_scale (1: as laid out for
 * the screen), the words (split at spaces) marked where they occur, and
 * with inverted 1 the page's lightness inverted (high contrast: light
 * text on black, pictures keeping their hues). */
int render_request_marked(render_service *rs, render_owner owner, const char *path, const char *format, int page,
			  int layout_w, int layout_h, float text_scale, int fit_w, int fit_h, const char *words, int inverted);

/* A fixed-layout page with its margins cropped: the part of it that draws
 * anything (text, pictures, lines; a small margin kept), width pixels wide
 * (narrower only where that would be taller than the worker's pixels
 * allow); the result's shown says which part that is. Words and inverted
 * as render_request_marked's. A reflowable document's page is its whole
 * page. */
int render_request_cropped(render_service *rs, render_owner owner, const char *path, const char *format, int page,
			   int layout_w, int layout_h, float text_scale, int width, const char *words, int inverted);

/* Looks for the first page from `from` on, going by step (+1 or -1), where
 * one of the words occurs: its result has that page, or -1, and no pixels. */
int render_find(render_service *rs, render_owner owner, const char *path, const char *format, int layout_w, int layout_h,
		float text_scale, const char *words, int from, int step);

/* The page where a passage (numbered as the catalogue numbers an item's
 * passages) starts at this layout, or the first page from there where one
 * of the words occurs: its result has that page, or -1. */
int render_find_passage(render_service *rs, render_owner owner, const char *path, const char *format, int layout_w,
			int layout_h, float text_scale, int passage, const char *words);

/* The document's table of contents, pages as laid out for that area, and
 * its page labels where it has them (a PDF's /PageLabels). */
int render_outline(render_service *rs, render_owner owner, const char *path, const char *format, int layout_w,
		   int layout_h, float text_scale);

/* The text of the paragraph a link leads to (page, y as in render_link):
 * a footnote's words, shown without leaving the page. */
int render_note(render_service *rs, render_owner owner, const char *path, const char *format, int layout_w, int layout_h,
		float text_scale, int page, float y);

/* The sentences of page, split by the rules of lang, to be read aloud,
 * with where each stands on the page. */
int render_sentences(render_service *rs, render_owner owner, const char *path, const char *format, int layout_w,
		     int layout_h, float text_scale, int page, const char *lang);

/* Cancels owner's requests: those not yet started, and those in hand
 * (stopped through MuPDF's cookie: the visitor moved on), each of which
 * comes back as a result with cancelled set. */
void render_cancel(render_service *rs, render_owner owner);

/* Takes one finished result: 1 when out was filled (free it with
 * render_result_free). */
int render_poll(render_service *rs, render_result *out);
void render_result_free(render_result *res);

/* True while requests are queued or being served, or results wait. */
int render_busy(render_service *rs);

/* Documents read at import (see ingest.h) by a render worker process of
 * their own, with a worker's limits and a time limit (60 s a document,
 * HISHATAK_READ_TIMEOUT_MS): one process reads every document of an import
 * until one kills it or runs out of time; that one is refused with the
 * reason, and a new process reads the next. program is this program (NULL:
 * /proc/self/exe; a test passes the hishatak it tests). NULL when out of
 * memory; no process is started before the first document. */
typedef struct render_reader render_reader;
render_reader *render_reader_open(const char *program);
void render_reader_close(render_reader *rr);

/* What bundle_import and ingest_item are given to read with rr. */
ingest_reader render_reader_ingest(render_reader *rr);

/* The worker process's main: `hishatak render-worker SOCKET SHM` (SHM -1
 * for a reader of documents), started by the service, never by people. */
int render_worker_main(int argc, char **argv);

#endif
