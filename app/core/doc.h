/* A document opened with MuPDF: PDF, EPUB, XHTML/HTML, CBZ, PNG/JPEG. Each doc
 * has its own MuPDF context, so one doc is used by one thread at a time and
 * different docs need no locks. No MuPDF type or exception crosses this
 * header: errors come back as a message in err[256]. */
#ifndef HISHATAK_DOC_H
#define HISHATAK_DOC_H

typedef struct doc doc;

/* Pixels of a rendered page: RGB, 3 bytes a pixel. */
typedef struct {
	int w, h, stride;
	unsigned char *samples;
} doc_pixels;

typedef struct {
	float x0, y0, x1, y1;   /* in page points */
} doc_rect;

typedef struct {
	char *title;
	int page;               /* from 0, or -1 */
	int level;              /* 0 for the top level */
} doc_outline_entry;

/* The MuPDF format name ("pdf", "epub", "xhtml", "html", "cbz", "png", "jpg")
 * for a file extension, or NULL when MuPDF does not read it. */
const char *doc_format_for_extension(const char *ext);

/* Opens the file at path as format. NULL and a message on failure. */
doc *doc_open(const char *path, const char *format, char err[256]);
void doc_close(doc *d);

/* How a doc's work on its pages is stopped, owned by the caller (MuPDF's
 * cookie): a page is drawn or read within the page time limit (8 s,
 * HISHATAK_PAGE_TIME_LIMIT_MS), and stops soon with an error when the
 * caller no longer wants it. One doc_cancel serves the docs given it, one
 * page at a time; a doc not given one has its own. */
typedef struct doc_cancel doc_cancel;

/* NULL when its watchdog thread cannot be started. */
doc_cancel *doc_cancel_new(void);
/* After every doc given it is closed, or given another. */
void doc_cancel_free(doc_cancel *c);

/* The page running now stops soon ("no longer wanted"), and so does any
 * after it until doc_cancel_reset. Safe in a signal handler. */
void doc_cancel_stop(doc_cancel *c);
void doc_cancel_reset(doc_cancel *c);

/* d's pages run with c from now on (c outlives that use). */
void doc_set_cancel(doc *d, doc_cancel *c);

/* For a process that only reads documents (the render worker, the reader
 * of documents at import): no core dumps, and at most three quarters of the
 * machine's memory, so that a bad document cannot starve the kiosk. */
void doc_limit_worker(void);

/* Reflowable documents (EPUB, HTML) are laid out by doc_layout; fixed ones
 * (PDF, CBZ, images) ignore it. */
int doc_is_reflowable(doc *d);

/* Lays out a reflowable document on pages of w x h points with a base font
 * size of em points. */
int doc_layout(doc *d, float w, float h, float em, char err[256]);

/* The reflow page size for a screen area of w x h pixels, and the zoom at
 * which its pages fill that area: readable lines on every screen size. */
void doc_layout_for_screen(int w, int h, float text_scale, float *page_w, float *page_h, float *em);

/* Page count at the current layout, or -1 with err. */
int doc_page_count(doc *d, char err[256]);

/* A page's size in points. */
int doc_page_size(doc *d, int page, float *w, float *h, char err[256]);

/* Renders page (from 0) as large as fits in max_w x max_h pixels. */
int doc_render(doc *d, int page, int max_w, int max_h, doc_pixels *out, char err[256]);
/* The same for the part clip of the page (points from its top left). */
int doc_render_clip(doc *d, int page, const doc_rect *clip, int max_w, int max_h, doc_pixels *out, char err[256]);

/* Where page draws anything (text, pictures, lines), in points from its
 * top left: the bounding box of its display list as MuPDF runs it; the
 * whole page when it draws nothing. Within the page time limit. */
int doc_page_content(doc *d, int page, doc_rect *out, char err[256]);
void doc_pixels_free(doc_pixels *px);

/* Inverts the pixels' lightness but not their hues (MuPDF's luminance
 * inversion): black text on white becomes white on black, for high
 * contrast, and a photograph stays recognisable. */
void doc_pixels_invert(doc *d, doc_pixels *px);

/* Writes pixels as a PNG file. */
int doc_pixels_save_png(const doc_pixels *px, const char *path, char err[256]);

/* The text of one page (malloc'ed UTF-8, white space collapsed). */
char *doc_page_text(doc *d, int page, char err[256]);

/* The document's reading units, which do not depend on the layout: for a
 * reflowable document its paragraphs, for a fixed one its pages. The
 * layout is as it was after. */
int doc_passages(doc *d, char ***out, int *count, char err[256]);

/* For each passage (as doc_passages gave them), the page (from 0) where it
 * starts at the current layout. */
int doc_pages_of_passages(doc *d, char *const *passages, int count, int *page_of, char err[256]);

/* Where needle occurs on page (case-insensitive): up to max rectangles. */
int doc_search_page(doc *d, int page, const char *needle, doc_rect *hits, int max, char err[256]);

/* A link from a page to another place in the same document. */
typedef struct {
	doc_rect where;         /* on the page, in points */
	int page;               /* where it goes, from 0 */
	float y;                /* and how far down that page, in points */
} doc_link;

/* The links of page that lead inside the document (a footnote mark, a
 * note's way back), up to max; links to the web are left out. */
int doc_page_links(doc *d, int page, doc_link *out, int max, char err[256]);

/* The text of the paragraph at y on page (or the first below it): what a
 * link points at, such as a footnote. Malloc'ed; NULL with err. */
char *doc_text_at(doc *d, int page, float y, char err[256]);

/* A sentence on a page, for reading aloud: its words (a transcript's
 * timestamps left out) and where they stand, a rectangle a line. */
typedef struct {
	char *text;
	doc_rect *rects;
	int rect_count;
	int continued;        /* began on the page before: read with it already */
} doc_sentence;

/* The sentences of page in reading order, split by the rules of lang (the
 * item's language); a paragraph always ends one. A sentence cut by the page
 * break is read whole with the page it begins on: its words on the next
 * page are added to its text (its rectangles are this page's), and on the
 * next page it is marked continued. Free with doc_sentences_free; a page
 * without text has none. */
int doc_page_sentences(doc *d, int page, const char *lang, doc_sentence **out, int *count, char err[256]);
void doc_sentences_free(doc_sentence *sentences, int count);

/* The document's table of contents (caller frees with doc_outline_free). */
int doc_outline(doc *d, doc_outline_entry **out, int *count, char err[256]);
void doc_outline_free(doc_outline_entry *entries, int count);

/* The document's own names for its pages (a PDF's /PageLabels: "iv",
 * "12", "A-3"), one a page: *count 0 and *out NULL when it has none, or
 * when they are only the page numbers. Caller frees each and the array. */
int doc_page_labels(doc *d, char ***out, int *count, char err[256]);

#endif
