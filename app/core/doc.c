/* The MuPDF wrapper: see doc.h. Every MuPDF call sits inside fz_try; results
 * computed there are assigned to fz_var'd locals and returned after. */
#include "core/doc.h"
#include "core/config.h"
#include "core/sentence.h"

#include <math.h>
#include <mupdf/fitz.h>
#include <mupdf/pdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

/* Every byte MuPDF takes for one document is counted against a limit
 * (384 MB, HISHATAK_DOC_MEMORY_MB): past it an allocation fails, MuPDF gives up
 * on the page with "out of memory", and the program goes on. Its cache
 * (the store) keeps well below. */
#define DOC_STORE_BYTES (64u << 20)

typedef struct {
	size_t used, limit;
} doc_memory;

/* Each block starts with its size, in a header that keeps the alignment. */
typedef union {
	size_t size;
	max_align_t align;
} block_header;

static void *counted_malloc(void *user, size_t size)
{
	doc_memory *m = user;
	if (size > m->limit - m->used || size > SIZE_MAX - sizeof(block_header))
		return NULL;
	block_header *b = malloc(sizeof *b + size);
	if (!b)
		return NULL;
	b->size = size;
	__atomic_add_fetch(&m->used, size, __ATOMIC_RELAXED);
	return b + 1;
}

static void counted_free(void *user, void *p)
{
	doc_memory *m = user;
	if (!p)
		return;
	block_header *b = (block_header *)p - 1;
	__atomic_sub_fetch(&m->used, b->size, __ATOMIC_RELAXED);
	free(b);
}

static void *counted_realloc(void *user, void *p, size_t size)
{
	doc_memory *m = user;
	if (!p)
		return counted_malloc(user, size);
	block_header *b = (block_header *)p - 1;
	size_t old = b->size;
	if (size > old && (size - old > m->limit - m->used || size > SIZE_MAX - sizeof *b))
		return NULL;
	block_header *n = realloc(b, sizeof *n + size);
	if (!n)
		return NULL;
	n->size = size;
	if (size > old)
		__atomic_add_fetch(&m->used, size - old, __ATOMIC_RELAXED);
	else
		__atomic_sub_fetch(&m->used, old - size, __ATOMIC_RELAXED);
	return n + 1;
}

/* Pages whose display lists a doc keeps: a page drawn again (zoomed in,
 * marked, its words found or read aloud) is not interpreted again; as many
 * as the reader keeps pages at hand. */
#define DOC_LISTS 6

struct doc {
	fz_context *ctx;
	doc_memory memory;
	fz_alloc_context alloc;
	fz_document *fz;
	char *epub_path;     /* an EPUB's file, for its navigation document (doc_outline) */
	int reflowable;
	float layout_w, layout_h, layout_em; /* the caller's last layout, or 0 */
	doc_cancel *cancel;  /* the caller's (doc_set_cancel), or own_cancel */
	doc_cancel *own_cancel; /* made at the first page that needs one */
	struct {                  /* the display lists of the pages used last */
		int page;
		fz_display_list *list;
	} lists[DOC_LISTS];
	int lists_made;
};

/* MuPDF may take 8 s to draw a page or take its text (the page time
 * limit, HISHATAK_PAGE_TIME_LIMIT_MS): a hostile page cannot hold up the
 * reader or an import. Sound pages take milliseconds, even on a Pi. */

/* MuPDF stops a page when its cookie's abort is set: by doc_cancel_stop
 * (the caller no longer wants it), or by the watchdog thread when the page
 * runs out of time. The watchdog belongs to the doc_cancel, and is joined
 * when it is freed: it never touches one that has gone. */
struct doc_cancel {
	fz_cookie cookie;               /* what MuPDF's runs are given */
	volatile sig_atomic_t stopped;  /* by doc_cancel_stop, until doc_cancel_reset */
	volatile int out_of_time;       /* the watchdog set abort */
	pthread_mutex_t lock;           /* guards the four below */
	pthread_cond_t wake;
	struct timespec deadline;       /* CLOCK_MONOTONIC */
	int armed, quitting;
	pthread_t watchdog;
	long limit_ms;
};

static void *watch_deadline(void *arg)
{
	doc_cancel *c = arg;
	pthread_mutex_lock(&c->lock);
	while (!c->quitting) {
		if (!c->armed) {
			pthread_cond_wait(&c->wake, &c->lock);
			continue;
		}
		struct timespec t;
		clock_gettime(CLOCK_MONOTONIC, &t);
		if (t.tv_sec > c->deadline.tv_sec || (t.tv_sec == c->deadline.tv_sec && t.tv_nsec >= c->deadline.tv_nsec)) {
			c->out_of_time = c->cookie.abort = 1;
			c->armed = 0;
			continue;
		}
		pthread_cond_timedwait(&c->wake, &c->lock, &c->deadline);
	}
	pthread_mutex_unlock(&c->lock);
	return NULL;
}

doc_cancel *doc_cancel_new(void)
{
	doc_cancel *c = calloc(1, sizeof *c);
	pthread_condattr_t attr;
	if (!c)
		return NULL;
	c->limit_ms = config_int(CONFIG_PAGE_TIME_LIMIT_MS);
	pthread_mutex_init(&c->lock, NULL);
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&c->wake, &attr);
	pthread_condattr_destroy(&attr);
	if (pthread_create(&c->watchdog, NULL, watch_deadline, c) != 0) {
		pthread_cond_destroy(&c->wake);
		pthread_mutex_destroy(&c->lock);
		free(c);
		return NULL;
	}
	return c;
}

void doc_cancel_free(doc_cancel *c)
{
	if (!c)
		return;
	pthread_mutex_lock(&c->lock);
	c->quitting = 1;
	pthread_cond_signal(&c->wake);
	pthread_mutex_unlock(&c->lock);
	pthread_join(c->watchdog, NULL);
	pthread_cond_destroy(&c->wake);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

void doc_cancel_stop(doc_cancel *c)
{
	c->stopped = 1;
	c->cookie.abort = 1;
}

void doc_cancel_reset(doc_cancel *c)
{
	c->stopped = 0;
}

void doc_set_cancel(doc *d, doc_cancel *c)
{
	d->cancel = c;
}

/* The page's time starts: a fresh cookie (stopped at once if the caller
 * has stopped), and the watchdog set. */
static void deadline_start(doc_cancel *c)
{
	pthread_mutex_lock(&c->lock);
	memset(&c->cookie, 0, sizeof c->cookie);
	c->out_of_time = 0;
	if (c->stopped) /* after the memset: a stop that came before it holds */
		c->cookie.abort = 1;
	clock_gettime(CLOCK_MONOTONIC, &c->deadline);
	c->deadline.tv_sec += c->limit_ms / 1000;
	c->deadline.tv_nsec += (c->limit_ms % 1000) * 1000000;
	if (c->deadline.tv_nsec >= 1000000000) {
		c->deadline.tv_sec++;
		c->deadline.tv_nsec -= 1000000000;
	}
	c->armed = 1;
	pthread_cond_signal(&c->wake);
	pthread_mutex_unlock(&c->lock);
}

static void deadline_stop(doc_cancel *c)
{
	pthread_mutex_lock(&c->lock);
	c->armed = 0;
	pthread_cond_signal(&c->wake);
	pthread_mutex_unlock(&c->lock);
}

/* The cookie MuPDF's runs of d's pages are given: the caller's, or the
 * doc's own, made now if need be. */
static doc_cancel *cancel_of(doc *d)
{
	if (!d->cancel && !(d->cancel = d->own_cancel = doc_cancel_new()))
		fz_throw(d->ctx, FZ_ERROR_GENERIC, "cannot start the page time limit");
	return d->cancel;
}

/* Throws when MuPDF's work on a page was stopped (its time ran out, or it
 * is no longer wanted). */
static void throw_if_stopped(doc *d)
{
	if (d->cancel->cookie.abort)
		fz_throw(d->ctx, FZ_ERROR_GENERIC, d->cancel->out_of_time ? "takes too long to read" : "no longer wanted");
}

static void drop_lists(doc *d)
{
	for (int i = 0; i < DOC_LISTS; i++) {
		fz_drop_display_list(d->ctx, d->lists[i].list);
		d->lists[i].list = NULL;
	}
}

/* The kept display list of the page, or NULL. */
static fz_display_list *kept_list(doc *d, int number)
{
	for (int i = 0; i < DOC_LISTS; i++)
		if (d->lists[i].list && d->lists[i].page == number)
			return d->lists[i].list;
	return NULL;
}

/* The page's display list (the caller drops it), recorded if it is not
 * kept yet: MuPDF interprets the page once. Within run_page_timed. */
static fz_display_list *page_list(doc *d, int number)
{
	fz_context *ctx = d->ctx;
	fz_display_list *kept = kept_list(d, number);
	if (kept)
		return fz_keep_display_list(ctx, kept);
	fz_page *page = fz_load_page(ctx, d->fz, number);
	fz_display_list *list = NULL;
	fz_device *dev = NULL;
	fz_var(list);
	fz_var(dev);
	fz_try(ctx) {
		list = fz_new_display_list(ctx, fz_bound_page(ctx, page));
		dev = fz_new_list_device(ctx, list);
		fz_run_page(ctx, page, dev, fz_identity, &d->cancel->cookie);
		fz_close_device(ctx, dev);
		throw_if_stopped(d); /* a list cut short is not kept */
	}
	fz_always(ctx) {
		fz_drop_device(ctx, dev);
		fz_drop_page(ctx, page);
	}
	fz_catch(ctx) {
		fz_drop_display_list(ctx, list);
		fz_rethrow(ctx);
	}
	int slot = d->lists_made++ % DOC_LISTS; /* the oldest goes */
	fz_drop_display_list(ctx, d->lists[slot].list);
	d->lists[slot].page = number;
	d->lists[slot].list = fz_keep_display_list(ctx, list);
	return list;
}

/* Runs the page through dev within the page time limit: through its
 * display list, recorded first if need be when keep is set. Without keep
 * a page with no list yet is run straight: an import reads every page once,
 * and a list would be work for nothing. */
static void run_page_timed(doc *d, int number, fz_device *dev, fz_matrix ctm, int keep)
{
	fz_context *ctx = d->ctx;
	fz_display_list *list = NULL;
	fz_page *page = NULL;
	doc_cancel *c = cancel_of(d);
	fz_var(list);
	fz_var(page);
	deadline_start(c);
	fz_try(ctx) {
		if (keep || kept_list(d, number)) {
			list = page_list(d, number);
			fz_run_display_list(ctx, list, dev, ctm, fz_infinite_rect, &c->cookie);
		} else {
			page = fz_load_page(ctx, d->fz, number);
			fz_run_page(ctx, page, dev, ctm, &c->cookie);
		}
		throw_if_stopped(d);
	}
	fz_always(ctx) {
		fz_drop_display_list(ctx, list);
		fz_drop_page(ctx, page);
		deadline_stop(c);
	}
	fz_catch(ctx)
		fz_rethrow(ctx);
}

/* The text of a page, taken within the page time limit. */
static fz_stext_page *page_stext(doc *d, int number)
{
	fz_context *ctx = d->ctx;
	fz_page *page = fz_load_page(ctx, d->fz, number);
	fz_stext_page *st = NULL;
	fz_device *dev = NULL;
	fz_var(st);
	fz_var(dev);
	fz_try(ctx) {
		st = fz_new_stext_page(ctx, fz_bound_page(ctx, page));
		dev = fz_new_stext_device(ctx, st, NULL);
		run_page_timed(d, number, dev, fz_identity, 0);
		fz_close_device(ctx, dev);
	}
	fz_always(ctx) {
		fz_drop_device(ctx, dev);
		fz_drop_page(ctx, page);
	}
	fz_catch(ctx) {
		fz_drop_stext_page(ctx, st);
		fz_rethrow(ctx);
	}
	return st;
}

/* MuPDF prints warnings (missing ICC support, damaged xref repaired) to
 * stderr; the kiosk shows its own messages instead. */
static void quiet(void *user, const char *message) {}

static void set_err(doc *d, char err[256], const char *what)
{
	snprintf(err, 256, "%s: %s", what, fz_caught_message(d->ctx));
}

const char *doc_format_for_extension(const char *ext)
{
	static const char *map[][2] = {
		{"pdf", "pdf"}, {"epub", "epub"}, {"xhtml", "xhtml"}, {"html", "html"}, {"htm", "html"},
		{"cbz", "cbz"}, {"png", "png"}, {"jpg", "jpg"}, {"jpeg", "jpg"}, {"tif", "tiff"}, {"tiff", "tiff"},
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcmp(ext, map[i][0]) == 0)
			return map[i][1];
	return NULL;
}

/* The images MuPDF decodes from the reference itself; any other becomes a
 * file name. */
static int inline_image(const char *uri)
{
	return !strncmp(uri, "data:image/jpeg;base64,", 23) || !strncmp(uri, "data:image/png;base64,", 22) ||
	       !strncmp(uri, "data:image/gif;base64,", 22);
}

/* The next node of a walk through a parsed document, depth first, without
 * recursion (documents may nest 50,000 deep); NULL at its end. */
static fz_xml *next_node(fz_xml *n, int *depth)
{
	if (fz_xml_down(n)) {
		(*depth)++;
		return fz_xml_down(n);
	}
	while (*depth > 0 && !fz_xml_next(n)) {
		n = fz_xml_up(n);
		(*depth)--;
	}
	return fz_xml_next(n);
}

static const char *local_name(const char *tag)
{
	const char *colon = strrchr(tag, ':');
	return colon ? colon + 1 : tag;
}

/* What in an HTML document (the tree MuPDF parsed) would make MuPDF 1.21
 * read a file: an <img src> or an (SVG) <image href> but for the data:
 * images it decodes itself, a style sheet's <link>, and any @font-face (its
 * src it reads as a path, absolute too). MuPDF looks these up from the
 * working directory, not in the document (an HTML document is opened with
 * the directory "." as its archive, and 1.21 has no call to give another),
 * so a stick's document could show the kiosk's own files or stall on
 * /dev/zero: such a document is refused. 1 with what in what. */
static int outside_reference(fz_xml *root, char what[200])
{
	int depth = 0;
	for (fz_xml *n = root; n; n = next_node(n, &depth)) {
		const char *tag = fz_xml_tag(n), *text = fz_xml_text(n), *uri = NULL;
		if (tag) {
			const char *name = local_name(tag), *rel = fz_xml_att(n, "rel");
			if (!strcmp(name, "img") && (uri = fz_xml_att(n, "src")) && !inline_image(uri))
				snprintf(what, 200, "<img src=\"%.120s\">", uri);
			else if (!strcmp(name, "image") && (uri = fz_xml_att_alt(n, "xlink:href", "href")) && uri[0] != '#' &&
				 !inline_image(uri))
				snprintf(what, 200, "<image href=\"%.120s\">", uri);
			else if (!strcmp(name, "link") && rel && strcasestr(rel, "stylesheet") && (uri = fz_xml_att(n, "href")))
				snprintf(what, 200, "<link rel=\"stylesheet\" href=\"%.120s\">", uri);
			else
				uri = NULL;
			if (uri)
				return 1;
		} else if (text && strcasestr(text, "@font-face") && fz_xml_up(n) && fz_xml_tag(fz_xml_up(n)) &&
			   !strcmp(local_name(fz_xml_tag(fz_xml_up(n))), "style")) {
			snprintf(what, 200, "@font-face in a <style>");
			return 1;
		}
	}
	return 0;
}

/* The first src of the @font-face rule at p, as MuPDF's CSS takes it: the
 * inside of url(...) or a string, quotes off. 0 when it has none. */
static int font_face_src(const char *p, char src[1024])
{
	const char *end = strchr(p, '}'), *s = p;
	if (!end)
		end = p + strlen(p);
	for (; (s = strcasestr(s, "src")) && s < end; s += 3) {
		const char *v = s + 3;
		v += strspn(v, " \t\r\n");
		if (*v != ':')
			continue;
		v += 1 + strspn(v + 1, " \t\r\n");
		int url = !strncasecmp(v, "url(", 4);
		if (url)
			v += 4 + strspn(v + 4, " \t\r\n");
		char quote = *v == '"' || *v == '\'' ? *v++ : 0;
		size_t n = 0;
		while (v < end && *v && n < 1023 && (quote ? *v != quote : url ? *v != ')' : !strchr(" \t\r\n;,", *v)))
			src[n++] = *v++;
		while (n && strchr(" \t\r\n", src[n - 1]))
			n--;
		src[n] = 0;
		return n > 0;
	}
	return 0;
}

/* In an EPUB's style sheet text (of an entry in dir): a @font-face whose
 * font is not the EPUB's own entry dir/src, looked up as MuPDF 1.21 looks
 * it up. MuPDF then reads src as a path on the kiosk itself (its one
 * reach outside an EPUB). 1 with what. */
static int epub_font_outside(fz_context *ctx, fz_archive *zip, const char *dir, const char *css, char what[200])
{
	char src[1024], path[2200];
	for (const char *p = css; (p = strcasestr(p, "@font-face")); p += 10) {
		if (!font_face_src(p, src))
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, src);
		fz_urldecode(path);
		if (!fz_has_archive_entry(ctx, zip, path)) {
			snprintf(what, 200, "@font-face src \"%.120s\", not in the EPUB", src);
			return 1;
		}
	}
	return 0;
}

static int ends_with(const char *s, const char *end)
{
	size_t n = strlen(s), m = strlen(end);
	return n >= m && !strcasecmp(s + n - m, end);
}

/* Every entry of an EPUB that may hold style sheets: .css files, and the
 * <style>s of any markup, read as MuPDF reads them (XML, else HTML5:
 * entities decoded). Throws when a font would come from outside it. */
static void check_epub_fonts(fz_context *ctx, const char *path)
{
	fz_stream *stm = NULL;
	fz_archive *zip = NULL;
	fz_buffer *entry = NULL;
	fz_xml *xml = NULL;
	char what[200];
	int outside = 0, i = 0, n = 0;
	fz_var(i);
	fz_var(n);
	fz_var(stm);
	fz_var(zip);
	fz_var(entry);
	fz_var(xml);
	fz_var(outside);
	fz_try(ctx) {
		stm = fz_open_file(ctx, path);
		zip = fz_open_zip_archive_with_stream(ctx, stm);
		n = fz_count_archive_entries(ctx, zip);
		for (i = 0; i < n && !outside; i++) {
			const char *name = fz_list_archive_entry(ctx, zip, i);
			char dir[2048];
			if (!name || ends_with(name, "/"))
				continue;
			fz_dirname(dir, name, sizeof dir);
			entry = fz_read_archive_entry(ctx, zip, name);
			const char *text = fz_string_from_buffer(ctx, entry);
			if (ends_with(name, ".css")) {
				outside = epub_font_outside(ctx, zip, dir, text, what);
			} else if (text[strspn(text, " \t\r\n\xef\xbb\xbf")] == '<') {
				fz_try(ctx)
					xml = fz_parse_xml(ctx, entry, 1);
				fz_catch(ctx)
					xml = NULL;
				if (!xml)
					xml = fz_parse_xml_from_html5(ctx, entry);
				int depth = 0;
				for (fz_xml *x = fz_xml_root(xml); x && !outside; x = next_node(x, &depth))
					if (fz_xml_text(x) && fz_xml_tag(fz_xml_up(x)) && !strcmp(local_name(fz_xml_tag(fz_xml_up(x))), "style"))
						outside = epub_font_outside(ctx, zip, dir, fz_xml_text(x), what);
				fz_drop_xml(ctx, xml);
				xml = NULL;
			}
			fz_drop_buffer(ctx, entry);
			entry = NULL;
		}
	}
	fz_always(ctx) {
		fz_drop_xml(ctx, xml);
		fz_drop_buffer(ctx, entry);
		fz_drop_archive(ctx, zip);
		fz_drop_stream(ctx, stm);
	}
	fz_catch(ctx)
		fz_rethrow(ctx);
	if (outside)
		fz_throw(ctx, FZ_ERROR_GENERIC, "it refers to a file outside itself (%s); a document may load nothing but "
			 "what it holds", what);
}

/* The document as a stream to open; an HTML one only when it refers to
 * nothing outside itself (outside_reference), an EPUB when its fonts are
 * its own (check_epub_fonts), else it throws. */
static fz_stream *open_confined(fz_context *ctx, const char *path, const char *format)
{
	if (!strcmp(format, "epub"))
		check_epub_fonts(ctx, path);
	if (strcmp(format, "html") && strcmp(format, "xhtml"))
		return fz_open_file(ctx, path);
	fz_buffer *buf = fz_read_file(ctx, path);
	fz_xml *xml = NULL;
	char what[200];
	int outside = 0;
	fz_var(xml);
	fz_var(outside);
	fz_try(ctx) {
		/* Parsed as MuPDF will: XHTML as XML, else (and on a syntax error) HTML5. */
		if (!strcmp(format, "xhtml")) {
			fz_try(ctx)
				xml = fz_parse_xml(ctx, buf, 1);
			fz_catch(ctx)
				xml = NULL;
		}
		if (!xml)
			xml = fz_parse_xml_from_html5(ctx, buf);
		outside = outside_reference(fz_xml_root(xml), what);
	}
	fz_always(ctx)
		fz_drop_xml(ctx, xml);
	fz_catch(ctx) {
		fz_drop_buffer(ctx, buf);
		fz_rethrow(ctx);
	}
	if (outside) {
		fz_drop_buffer(ctx, buf);
		fz_throw(ctx, FZ_ERROR_GENERIC, "it refers to a file outside itself (%s); a document may load nothing but "
			 "what it holds (images as data: URIs)", what);
	}
	fz_stream *stm = NULL;
	fz_var(stm);
	fz_try(ctx)
		stm = fz_open_buffer(ctx, buf);
	fz_always(ctx)
		fz_drop_buffer(ctx, buf);
	fz_catch(ctx)
		fz_rethrow(ctx);
	return stm;
}

doc *doc_open(const char *path, const char *format, char err[256])
{
	doc *d = calloc(1, sizeof *d);
	if (!d) {
		snprintf(err, 256, "out of memory");
		return NULL;
	}
	d->memory.limit = (size_t)config_int(CONFIG_DOC_MEMORY_MB) << 20;
	d->alloc = (fz_alloc_context){&d->memory, counted_malloc, counted_realloc, counted_free};
	d->ctx = fz_new_context(&d->alloc, NULL, DOC_STORE_BYTES);
	if (!d->ctx) {
		snprintf(err, 256, "cannot start MuPDF");
		free(d);
		return NULL;
	}
	fz_set_warning_callback(d->ctx, quiet, NULL);
	fz_set_error_callback(d->ctx, quiet, NULL);
	fz_var(d);
	fz_stream *stm = NULL;
	fz_var(stm);
	int failed = 0;
	fz_try(d->ctx) {
		char magic[16];
		fz_register_document_handlers(d->ctx);
		snprintf(magic, sizeof magic, ".%s", format);
		stm = open_confined(d->ctx, path, format);
		d->fz = fz_open_document_with_stream(d->ctx, magic, stm);
		d->reflowable = fz_is_document_reflowable(d->ctx, d->fz);
		if (fz_needs_password(d->ctx, d->fz))
			fz_throw(d->ctx, FZ_ERROR_GENERIC, "the document is protected by a password");
		if (fz_count_pages(d->ctx, d->fz) < 1)
			fz_throw(d->ctx, FZ_ERROR_GENERIC, "the document has no pages");
	}
	fz_always(d->ctx)
		fz_drop_stream(d->ctx, stm);
	fz_catch(d->ctx) {
		snprintf(err, 256, "cannot open as %s: %s", format, fz_caught_message(d->ctx));
		failed = 1;
	}
	if (!failed && !strcmp(format, "epub") && !(d->epub_path = strdup(path))) {
		snprintf(err, 256, "out of memory");
		failed = 1;
	}
	if (failed) {
		doc_close(d);
		return NULL;
	}
	return d;
}

/* As much memory as a page may take: three quarters of the machine's,
 * between 512 MB and 2 GB, so that one bad page cannot starve the kiosk. */
static rlim_t memory_limit(void)
{
	long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGESIZE);
	double ram = pages > 0 && size > 0 ? (double)pages * (double)size : 1e9;
	double limit = ram * 0.75;
	limit = limit < 512e6 ? 512e6 : limit > 2e9 ? 2e9 : limit;
	return (rlim_t)limit;
}

void doc_limit_worker(void)
{
	struct rlimit none = {0, 0}, mem = {memory_limit(), memory_limit()};
	setrlimit(RLIMIT_CORE, &none);
#ifndef __SANITIZE_ADDRESS__ /* AddressSanitizer maps terabytes of shadow; make sanitize goes without */
	setrlimit(RLIMIT_AS, &mem);
#else
	(void)mem;
#endif
}

void doc_close(doc *d)
{
	if (!d)
		return;
	doc_cancel_free(d->own_cancel);
	drop_lists(d);
	fz_drop_document(d->ctx, d->fz);
	fz_drop_context(d->ctx);
	free(d->epub_path);
	free(d);
}

int doc_is_reflowable(doc *d)
{
	return d->reflowable;
}

int doc_layout(doc *d, float w, float h, float em, char err[256])
{
	int rc = 0;
	if (!d->reflowable)
		return 0;
	d->layout_w = w;
	d->layout_h = h;
	d->layout_em = em;
	drop_lists(d); /* the pages are other pages now */
	fz_try(d->ctx)
		fz_layout_document(d->ctx, d->fz, w, h, em);
	fz_catch(d->ctx) {
		set_err(d, err, "layout");
		d->layout_w = 0;
		rc = -1;
	}
	return rc;
}

void doc_layout_for_screen(int w, int h, float text_scale, float *page_w, float *page_h, float *em)
{
	/* Pixels per point grow with the screen's short side, so that text is
	 * as large on a 1080p panel as on a 7" one; lines are capped near 75
	 * characters, as a book's are. */
	int short_side = w < h ? w : h;
	float zoom = (float)short_side / 330.0f;
	if (zoom < 1.7f) /* 20 px text at the least: small screens are read by everyone too */
		zoom = 1.7f;
	zoom *= text_scale > 0 ? text_scale : 1.0f;
	*em = 12.0f;
	*page_w = (float)w / zoom;
	if (*page_w > 33.0f * *em)
		*page_w = 33.0f * *em;
	*page_h = (float)h / zoom;
}

int doc_page_count(doc *d, char err[256])
{
	int n = -1;
	fz_var(n);
	fz_try(d->ctx)
		n = fz_count_pages(d->ctx, d->fz);
	fz_catch(d->ctx)
		set_err(d, err, "page count");
	return n;
}

int doc_page_size(doc *d, int page, float *w, float *h, char err[256])
{
	int rc = 0;
	fz_page *p = NULL;
	fz_var(p);
	fz_try(d->ctx) {
		p = fz_load_page(d->ctx, d->fz, page);
		fz_rect b = fz_bound_page(d->ctx, p);
		*w = b.x1 - b.x0;
		*h = b.y1 - b.y0;
	}
	fz_always(d->ctx)
		fz_drop_page(d->ctx, p);
	fz_catch(d->ctx) {
		set_err(d, err, "page size");
		rc = -1;
	}
	return rc;
}

int doc_page_content(doc *d, int page, doc_rect *out, char err[256])
{
	int rc = 0;
	fz_page *p = NULL;
	fz_device *dev = NULL;
	fz_var(p);
	fz_var(dev);
	fz_try(d->ctx) {
		p = fz_load_page(d->ctx, d->fz, page);
		fz_rect b = fz_bound_page(d->ctx, p), seen = fz_empty_rect;
		dev = fz_new_bbox_device(d->ctx, &seen);
		run_page_timed(d, page, dev, fz_identity, 1); /* the list the render takes next */
		fz_close_device(d->ctx, dev);
		seen = fz_intersect_rect(seen, b);
		if (fz_is_empty_rect(seen))
			seen = b; /* nothing drawn: the page as it is */
		*out = (doc_rect){seen.x0 - b.x0, seen.y0 - b.y0, seen.x1 - b.x0, seen.y1 - b.y0};
	}
	fz_always(d->ctx) {
		fz_drop_device(d->ctx, dev);
		fz_drop_page(d->ctx, p);
	}
	fz_catch(d->ctx) {
		char what[32];
		snprintf(what, sizeof what, "page %d", page + 1);
		set_err(d, err, what);
		rc = -1;
	}
	return rc;
}

int doc_render(doc *d, int page, int max_w, int max_h, doc_pixels *out, char err[256])
{
	return doc_render_clip(d, page, NULL, max_w, max_h, out, err);
}

int doc_render_clip(doc *d, int page, const doc_rect *clip, int max_w, int max_h, doc_pixels *out, char err[256])
{
	int rc = 0;
	fz_page *p = NULL;
	fz_var(p);
	fz_pixmap *pix = NULL;
	fz_var(pix);
	memset(out, 0, sizeof *out);
	fz_try(d->ctx) {
		p = fz_load_page(d->ctx, d->fz, page);
		fz_rect b = fz_bound_page(d->ctx, p);
		if (clip) /* in the page's own coordinates, from its corner */
			b = fz_intersect_rect(b, (fz_rect){b.x0 + clip->x0, b.y0 + clip->y0, b.x0 + clip->x1, b.y0 + clip->y1});
		float pw = b.x1 - b.x0, ph = b.y1 - b.y0;
		if (pw <= 0 || ph <= 0)
			fz_throw(d->ctx, FZ_ERROR_GENERIC, "empty page");
		float zx = (float)max_w / pw, zy = (float)max_h / ph;
		float zoom = zx < zy ? zx : zy;
		fz_matrix ctm = fz_scale(zoom, zoom);
		fz_irect box = fz_round_rect(fz_transform_rect(b, ctm));
		/* Rounding may overshoot the box by a pixel: clip to it. */
		if (box.x1 - box.x0 > max_w)
			box.x1 = box.x0 + max_w;
		if (box.y1 - box.y0 > max_h)
			box.y1 = box.y0 + max_h;
		/* MuPDF draws straight into the caller's buffer: no second copy. */
		int w = box.x1 - box.x0, h = box.y1 - box.y0;
		out->samples = malloc((size_t)w * 3 * (size_t)h);
		if (!out->samples)
			fz_throw(d->ctx, FZ_ERROR_GENERIC, "out of memory");
		out->w = w;
		out->h = h;
		out->stride = w * 3;
		pix = fz_new_pixmap_with_data(d->ctx, fz_device_rgb(d->ctx), w, h, NULL, 0, out->stride, out->samples);
		pix->x = box.x0;
		pix->y = box.y0;
		fz_clear_pixmap_with_value(d->ctx, pix, 0xff);
		fz_device *dev = fz_new_draw_device(d->ctx, fz_identity, pix);
		fz_try(d->ctx) {
			run_page_timed(d, page, dev, ctm, 1);
			fz_close_device(d->ctx, dev);
		}
		fz_always(d->ctx)
			fz_drop_device(d->ctx, dev);
		fz_catch(d->ctx)
			fz_rethrow(d->ctx);
	}
	fz_always(d->ctx) {
		fz_drop_pixmap(d->ctx, pix);
		fz_drop_page(d->ctx, p);
	}
	fz_catch(d->ctx) {
		char what[32];
		snprintf(what, sizeof what, "page %d", page + 1);
		set_err(d, err, what);
		doc_pixels_free(out);
		rc = -1;
	}
	return rc;
}

void doc_pixels_invert(doc *d, doc_pixels *px)
{
	fz_pixmap *pix = NULL;
	fz_var(pix);
	fz_try(d->ctx) {
		pix = fz_new_pixmap_with_data(d->ctx, fz_device_rgb(d->ctx), px->w, px->h, NULL, 0, px->stride, px->samples);
		fz_invert_pixmap_luminance(d->ctx, pix);
	}
	fz_always(d->ctx)
		fz_drop_pixmap(d->ctx, pix);
	fz_catch(d->ctx) {
		/* only allocating the pixmap's header can fail: the page stays as it was */
	}
}

void doc_pixels_free(doc_pixels *px)
{
	free(px->samples);
	memset(px, 0, sizeof *px);
}

int doc_pixels_save_png(const doc_pixels *px, const char *path, char err[256])
{
	fz_context *ctx = fz_new_context(NULL, NULL, FZ_STORE_UNLIMITED);
	int rc = 0;
	if (!ctx) {
		snprintf(err, 256, "cannot start MuPDF");
		return -1;
	}
	fz_pixmap *pix = NULL;
	fz_var(pix);
	fz_try(ctx) {
		pix = fz_new_pixmap_with_data(ctx, fz_device_rgb(ctx), px->w, px->h, NULL, 0, px->stride, px->samples);
		fz_save_pixmap_as_png(ctx, pix, path);
	}
	fz_always(ctx)
		fz_drop_pixmap(ctx, pix);
	fz_catch(ctx) {
		snprintf(err, 256, "%s: %s", path, fz_caught_message(ctx));
		rc = -1;
	}
	fz_drop_context(ctx);
	return rc;
}

/* Appends s to buf with runs of white space collapsed to one space. */
static void append_collapsed(fz_context *ctx, fz_buffer *buf, const char *s)
{
	for (; *s; s++) {
		int space = *s == ' ' || *s == '\n' || *s == '\t' || *s == '\r';
		size_t len = buf->len;
		if (space) {
			if (len > 0 && buf->data[len - 1] != ' ')
				fz_append_byte(ctx, buf, ' ');
		} else {
			fz_append_byte(ctx, buf, *s);
		}
	}
}

/* The text of one block of structured text (a line, where MuPDF makes a
 * block of each: see doc_passages), lines joined by spaces; a
 * line ending in a hyphen after a letter runs on into the next
 * ("Nagorno-" "Karabakh": "Nagorno-Karabakh", not "Nagorno- Karabakh"). */
static void block_text(fz_context *ctx, fz_stext_block *block, fz_buffer *buf)
{
	char utf8[8];
	for (fz_stext_line *line = block->u.t.first_line; line; line = line->next) {
		int before = 0, last = 0;
		for (fz_stext_char *ch = line->first_char; ch; ch = ch->next) {
			int n = fz_runetochar(utf8, ch->c);
			utf8[n] = 0;
			append_collapsed(ctx, buf, utf8);
			if (ch->c != ' ') {
				before = last;
				last = ch->c;
			}
		}
		int hyphen = (last == '-' || last == 0x2010) && before > ' ' && before != '-';
		if (!hyphen)
			append_collapsed(ctx, buf, " ");
		else if (buf->len > 0 && buf->data[buf->len - 1] == ' ') /* a space the layout left after it */
			buf->len--;
	}
}

static char *trimmed_copy(fz_context *ctx, fz_buffer *buf)
{
	size_t start = 0, end = buf->len;
	while (start < end && buf->data[start] == ' ')
		start++;
	while (end > start && buf->data[end - 1] == ' ')
		end--;
	char *s = malloc(end - start + 1);
	if (!s)
		fz_throw(ctx, FZ_ERROR_GENERIC, "out of memory");
	memcpy(s, buf->data + start, end - start);
	s[end - start] = 0;
	return s;
}

char *doc_page_text(doc *d, int page, char err[256])
{
	char *text = NULL;
	fz_var(text);
	fz_stext_page *st = NULL;
	fz_var(st);
	fz_buffer *buf = NULL;
	fz_var(buf);
	fz_try(d->ctx) {
		st = page_stext(d, page);
		buf = fz_new_buffer(d->ctx, 4096);
		for (fz_stext_block *b = st->first_block; b; b = b->next)
			if (b->type == FZ_STEXT_BLOCK_TEXT) {
				block_text(d->ctx, b, buf);
				append_collapsed(d->ctx, buf, " ");
			}
		text = trimmed_copy(d->ctx, buf);
	}
	fz_always(d->ctx) {
		fz_drop_buffer(d->ctx, buf);
		fz_drop_stext_page(d->ctx, st);
	}
	fz_catch(d->ctx) {
		char what[32];
		snprintf(what, sizeof what, "page %d text", page + 1);
		set_err(d, err, what);
	}
	return text;
}

static int add_passage(char ***out, int *count, char *text)
{
	char **bigger = realloc(*out, (size_t)(*count + 1) * sizeof *bigger);
	if (!bigger) {
		free(text);
		return -1;
	}
	*out = bigger;
	bigger[(*count)++] = text;
	return 0;
}

/* Ends the passage gathered in buf (if any text): appended to out. */
static void flush_passage(fz_context *ctx, fz_buffer *buf, char ***out, int *count)
{
	char *text = trimmed_copy(ctx, buf);
	fz_clear_buffer(ctx, buf);
	if (!text[0])
		free(text);
	else if (add_passage(out, count, text) != 0)
		fz_throw(ctx, FZ_ERROR_GENERIC, "out of memory");
}

int doc_passages(doc *d, char ***out, int *count, char err[256])
{
	*out = NULL;
	*count = 0;
	if (!d->reflowable) {
		int pages = doc_page_count(d, err);
		for (int i = 0; i < pages; i++) {
			char *text = doc_page_text(d, i, err);
			if (!text || add_passage(out, count, text) != 0)
				return -1;
		}
		return pages < 0 ? -1 : 0;
	}
	/* Lay the document out on very tall pages, so that no paragraph is cut
	 * by a page break. MuPDF makes a text block of each line when the
	 * leading is generous: lines whose gap is under a third of a line are
	 * joined again; a paragraph's margin is more than that. MuPDF 1.25's
	 * line boxes are taller (19.6 points where 1.21's were 17.7, for a
	 * note's 10.3-point text), so the gap between two notes (half an em)
	 * shrinks from 5.7 to 3.8 points: there it must be under a sixth. */
#if FZ_VERSION_MAJOR > 1 || (FZ_VERSION_MAJOR == 1 && FZ_VERSION_MINOR >= 25)
	const float join_gap = 0.15f;
#else
	const float join_gap = 0.3f;
#endif
	float was_w = d->layout_w, was_h = d->layout_h, was_em = d->layout_em;
	if (doc_layout(d, 400, 30000, 12, err) != 0)
		return -1;
	int pages = doc_page_count(d, err), rc = 0;
	fz_stext_page *st = NULL;
	fz_var(st);
	fz_buffer *buf = NULL;
	fz_var(buf);
	fz_try(d->ctx) {
		buf = fz_new_buffer(d->ctx, 1024);
		for (int i = 0; i < pages; i++) {
			st = page_stext(d, i);
			fz_rect prev = fz_empty_rect;
			for (fz_stext_block *b = st->first_block; b; b = b->next) {
				if (b->type != FZ_STEXT_BLOCK_TEXT)
					continue;
				float line_h = prev.y1 - prev.y0;
				int same = !fz_is_empty_rect(prev) && b->bbox.y0 - prev.y1 < line_h * join_gap;
				if (!same)
					flush_passage(d->ctx, buf, out, count);
				block_text(d->ctx, b, buf);
				prev = b->u.t.last_line ? b->u.t.last_line->bbox : b->bbox;
			}
			fz_drop_stext_page(d->ctx, st);
			st = NULL;
		}
		flush_passage(d->ctx, buf, out, count);
	}
	fz_always(d->ctx) {
		fz_drop_buffer(d->ctx, buf);
		fz_drop_stext_page(d->ctx, st);
	}
	fz_catch(d->ctx) {
		set_err(d, err, "text");
		rc = -1;
	}
	/* The caller's pages as they were. */
	if (was_w > 0 && doc_layout(d, was_w, was_h, was_em, err) != 0)
		rc = -1;
	return rc;
}

/* Finds needle in hay from the start, or returns NULL. */
static const char *find(const char *hay, const char *needle)
{
	return needle[0] ? strstr(hay, needle) : hay;
}

int doc_pages_of_passages(doc *d, char *const *passages, int count, int *page_of, char err[256])
{
	if (!d->reflowable) {
		for (int i = 0; i < count; i++)
			page_of[i] = i;
		return 0;
	}
	int pages = doc_page_count(d, err);
	if (pages < 0)
		return -1;
	/* All pages' text in one string, with where each page starts. */
	size_t *starts = calloc((size_t)pages + 1, sizeof *starts);
	size_t len = 0, cap = 1;
	char *all = malloc(cap);
	if (!starts || !all)
		goto oom;
	all[0] = 0;
	for (int p = 0; p < pages; p++) {
		char *text = doc_page_text(d, p, err);
		if (!text)
			goto fail;
		size_t n = strlen(text);
		if (len + n + 2 > cap) {
			cap = (len + n + 2) * 2;
			char *bigger = realloc(all, cap);
			if (!bigger) {
				free(text);
				goto oom;
			}
			all = bigger;
		}
		starts[p] = len;
		memcpy(all + len, text, n);
		len += n;
		all[len++] = ' ';
		all[len] = 0;
		free(text);
	}
	starts[pages] = len;
	/* Passages come in order: look for each one's opening words after the
	 * previous one. */
	size_t cursor = 0;
	int page = 0;
	for (int i = 0; i < count; i++) {
		char key[48];
		size_t n = strlen(passages[i]);
		if (n > 40) {
			n = 40;
			while (n > 0 && ((unsigned char)passages[i][n] & 0xC0) == 0x80)
				n--; /* do not cut a UTF-8 sequence */
		}
		memcpy(key, passages[i], n);
		key[n] = 0;
		const char *at = find(all + cursor, key);
		if (at) {
			cursor = (size_t)(at - all);
			while (page + 1 < pages && starts[page + 1] <= cursor)
				page++;
		}
		page_of[i] = page;
	}
	free(all);
	free(starts);
	return 0;
oom:
	snprintf(err, 256, "out of memory");
fail:
	free(all);
	free(starts);
	return -1;
}

int doc_search_page(doc *d, int page, const char *needle, doc_rect *hits, int max, char err[256])
{
	int n = 0;
	fz_quad quads[64];
	fz_stext_page *st = NULL;
	if (max > 64)
		max = 64;
	fz_var(n);
	fz_var(st);
	/* The page's text as page_stext takes it, not fz_search_page_number:
	 * within the time limit, and that one leaks a font of an XHTML page
	 * in MuPDF 1.21 (LeakSanitizer). */
	fz_try(d->ctx) {
		st = page_stext(d, page);
		n = fz_search_stext_page(d->ctx, st, needle, NULL, quads, max);
		for (int i = 0; i < n; i++) {
			fz_rect r = fz_rect_from_quad(quads[i]);
			hits[i] = (doc_rect){r.x0, r.y0, r.x1, r.y1};
		}
	}
	fz_always(d->ctx)
		fz_drop_stext_page(d->ctx, st);
	fz_catch(d->ctx) {
		set_err(d, err, "search");
		n = -1;
	}
	return n;
}

static int walk_outline(doc *d, fz_outline *o, int level, doc_outline_entry **out, int *count)
{
	for (; o; o = o->next) {
		doc_outline_entry *bigger = realloc(*out, (size_t)(*count + 1) * sizeof *bigger);
		if (!bigger)
			return -1;
		*out = bigger;
		doc_outline_entry *e = &bigger[(*count)++];
		e->title = strdup(o->title ? o->title : "");
		e->level = level;
		e->page = o->page.page >= 0 ? fz_page_number_from_location(d->ctx, d->fz, o->page) : -1;
		if (o->down && walk_outline(d, o->down, level + 1, out, count) != 0)
			return -1;
	}
	return 0;
}

/* --- an EPUB 3's table of contents, from its navigation document: MuPDF
 * 1.21 reads only an EPUB 2's NCX, and an EPUB 3 may have nothing else. */

/* An element's first descendant (or itself) named tag (any namespace
 * prefix), at most 64 deep, or NULL. */
static fz_xml *find_element(fz_xml *x, const char *tag, int depth)
{
	for (; x && depth < 64; x = fz_xml_next(x)) {
		if (fz_xml_tag(x) && !strcmp(local_name(fz_xml_tag(x)), tag))
			return x;
		fz_xml *down = find_element(fz_xml_down(x), tag, depth + 1);
		if (down)
			return down;
	}
	return NULL;
}

/* The words of an element, its children's too, spaces collapsed. */
static void element_text(fz_context *ctx, fz_xml *x, fz_buffer *buf, int depth)
{
	for (x = fz_xml_down(x); x && depth < 64; x = fz_xml_next(x)) {
		if (fz_xml_text(x))
			append_collapsed(ctx, buf, fz_xml_text(x));
		else
			element_text(ctx, x, buf, depth + 1);
	}
}

/* dir/href as a name inside the archive: "../" resolved, no query. */
static void archive_name(const char *dir, const char *href, char out[2048])
{
	snprintf(out, 2048, "%s/%s", dir, href);
	out[strcspn(out, "?")] = 0;
	fz_cleanname(out);
}

static fz_xml *parse_entry(fz_context *ctx, fz_archive *zip, const char *name, fz_buffer **buf)
{
	fz_xml *xml = NULL;
	fz_var(xml);
	*buf = fz_read_archive_entry(ctx, zip, name);
	fz_try(ctx)
		xml = fz_parse_xml(ctx, *buf, 0);
	fz_catch(ctx)
		xml = fz_parse_xml_from_html5(ctx, *buf);
	return xml;
}

/* A nav's entry: its words, and the page its href leads to (-1 none). */
static void add_nav_entry(doc *d, fz_xml *label, int level, const char *dir, doc_outline_entry **out, int *count)
{
	fz_context *ctx = d->ctx;
	fz_buffer *buf = fz_new_buffer(ctx, 64);
	fz_try(ctx) {
		element_text(ctx, label, buf, 0);
		const char *href = fz_xml_att(label, "href");
		int page = -1;
		if (href && href[0] && !strstr(href, "://")) {
			char name[2048];
			archive_name(dir, href, name);
			fz_location at = fz_resolve_link(ctx, d->fz, name, NULL, NULL);
			page = at.chapter >= 0 ? fz_page_number_from_location(ctx, d->fz, at) : -1;
		}
		doc_outline_entry *bigger = realloc(*out, (size_t)(*count + 1) * sizeof *bigger);
		if (!bigger)
			fz_throw(ctx, FZ_ERROR_GENERIC, "out of memory");
		*out = bigger;
		bigger[*count] = (doc_outline_entry){strdup(fz_string_from_buffer(ctx, buf)), page, level};
		if (!bigger[*count].title)
			fz_throw(ctx, FZ_ERROR_GENERIC, "out of memory");
		(*count)++;
	}
	fz_always(ctx)
		fz_drop_buffer(ctx, buf);
	fz_catch(ctx)
		fz_rethrow(ctx);
}

/* The entries of a nav's <ol>: each <li>'s <a> (or <span>, a heading
 * that leads nowhere) and the <ol> of its parts, level deep. */
static void nav_list(doc *d, fz_xml *ol, int level, const char *dir, doc_outline_entry **out, int *count)
{
	for (fz_xml *li = fz_xml_down(ol); li && level < 16; li = fz_xml_next(li)) {
		if (!fz_xml_tag(li) || strcmp(local_name(fz_xml_tag(li)), "li"))
			continue;
		fz_xml *label = NULL, *parts = NULL;
		for (fz_xml *c = fz_xml_down(li); c; c = fz_xml_next(c)) {
			const char *tag = fz_xml_tag(c) ? local_name(fz_xml_tag(c)) : "";
			if (!label && (!strcmp(tag, "a") || !strcmp(tag, "span")))
				label = c;
			else if (!parts && !strcmp(tag, "ol"))
				parts = c;
		}
		if (label)
			add_nav_entry(d, label, level, dir, out, count);
		if (parts)
			nav_list(d, parts, label ? level + 1 : level, dir, out, count);
	}
}

/* The EPUB's container names its package; the package's manifest the item
 * with the "nav" property; in it, the <nav epub:type="toc">'s list. */
static void epub_nav_outline(doc *d, doc_outline_entry **out, int *count)
{
	fz_context *ctx = d->ctx;
	fz_stream *stm = NULL;
	fz_archive *zip = NULL;
	fz_buffer *bufs[3] = {NULL, NULL, NULL};
	fz_xml *xmls[3] = {NULL, NULL, NULL};
	fz_var(stm);
	fz_var(zip);
	fz_try(ctx) {
		stm = fz_open_file(ctx, d->epub_path);
		zip = fz_open_zip_archive_with_stream(ctx, stm);
		xmls[0] = parse_entry(ctx, zip, "META-INF/container.xml", &bufs[0]);
		fz_xml *rootfile = find_element(fz_xml_root(xmls[0]), "rootfile", 0);
		const char *opf = rootfile ? fz_xml_att(rootfile, "full-path") : NULL;
		if (!opf)
			fz_throw(ctx, FZ_ERROR_GENERIC, "no package named in META-INF/container.xml");
		char opf_name[2048], dir[2048], nav_name[2048];
		archive_name(".", opf, opf_name);
		fz_dirname(dir, opf_name, sizeof dir);
		xmls[1] = parse_entry(ctx, zip, opf_name, &bufs[1]);
		const char *nav_href = NULL;
		fz_xml *manifest = find_element(fz_xml_root(xmls[1]), "manifest", 0);
		for (fz_xml *it = manifest ? fz_xml_down(manifest) : NULL; it && !nav_href; it = fz_xml_next(it)) {
			const char *props = fz_xml_att(it, "properties");
			for (const char *p = props; p && (p = strstr(p, "nav")) && !nav_href; p += 3)
				if ((p == props || p[-1] == ' ') && (p[3] == 0 || p[3] == ' '))
					nav_href = fz_xml_att(it, "href");
		}
		if (!nav_href)
			fz_throw(ctx, FZ_ERROR_GENERIC, "no navigation document");
		archive_name(dir, nav_href, nav_name);
		fz_dirname(dir, nav_name, sizeof dir);
		xmls[2] = parse_entry(ctx, zip, nav_name, &bufs[2]);
		/* The <nav> whose epub:type says toc (others list landmarks or page numbers). */
		fz_xml *nav = find_element(fz_xml_root(xmls[2]), "nav", 0);
		while (nav && !(fz_xml_att(nav, "epub:type") && strstr(fz_xml_att(nav, "epub:type"), "toc")))
			nav = find_element(fz_xml_next(nav), "nav", 0);
		fz_xml *ol = nav ? find_element(fz_xml_down(nav), "ol", 0) : NULL;
		if (ol)
			nav_list(d, ol, 0, dir, out, count);
	}
	fz_always(ctx) {
		for (int i = 0; i < 3; i++) {
			fz_drop_xml(ctx, xmls[i]);
			fz_drop_buffer(ctx, bufs[i]);
		}
		fz_drop_archive(ctx, zip);
		fz_drop_stream(ctx, stm);
	}
	fz_catch(ctx)
		fz_rethrow(ctx);
}

int doc_outline(doc *d, doc_outline_entry **out, int *count, char err[256])
{
	int rc = 0;
	fz_outline *outline = NULL;
	fz_var(outline);
	*out = NULL;
	*count = 0;
	fz_try(d->ctx) {
		outline = fz_load_outline(d->ctx, d->fz);
		if (walk_outline(d, outline, 0, out, count) != 0)
			fz_throw(d->ctx, FZ_ERROR_GENERIC, "out of memory");
		if (*count == 0 && d->epub_path)
			epub_nav_outline(d, out, count);
	}
	fz_always(d->ctx)
		fz_drop_outline(d->ctx, outline);
	fz_catch(d->ctx) {
		set_err(d, err, "outline");
		rc = -1;
	}
	return rc;
}

void doc_outline_free(doc_outline_entry *entries, int count)
{
	for (int i = 0; i < count; i++)
		free(entries[i].title);
	free(entries);
}

/* --- page labels: a PDF's /PageLabels number tree (MuPDF 1.21 has no
 * fz_page_label) --- */

typedef struct {
	int start;                /* the first page (from 0) a range names */
	pdf_obj *style;           /* its dictionary: S (style), P (prefix), St (first number) */
} label_range;

/* The ranges of a number tree node and its kids, in order (a tree deeper
 * than 16 is not a document's). */
static void label_ranges(fz_context *ctx, pdf_obj *node, label_range *out, int *count, int max, int depth)
{
	if (!node || depth > 16)
		return;
	pdf_obj *nums = pdf_dict_get(ctx, node, PDF_NAME(Nums)), *kids = pdf_dict_get(ctx, node, PDF_NAME(Kids));
	for (int i = 0; i + 1 < pdf_array_len(ctx, nums) && *count < max; i += 2)  /* key, value, key, value */
		out[(*count)++] = (label_range){pdf_to_int(ctx, pdf_array_get(ctx, nums, i)), pdf_array_get(ctx, nums, i + 1)};
	for (int i = 0; i < pdf_array_len(ctx, kids); i++)
		label_ranges(ctx, pdf_array_get(ctx, kids, i), out, count, max, depth + 1);
}

/* n in roman numerals (upper or lower), as PDF's S /R and /r write it. */
static void roman(int n, int upper, char *out, size_t size)
{
	static const int value[] = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
	static const char *digit[] = {"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"};
	size_t len = 0;
	out[0] = 0;
	for (int i = 0; i < 13 && n > 0 && n < 5000; i++)
		while (n >= value[i] && len + 3 < size) {
			for (const char *c = digit[i]; *c; c++)
				out[len++] = upper ? (char)(*c - 'a' + 'A') : *c;
			n -= value[i];
		}
	out[len] = 0;
}

/* n as letters: a..z, then aa..zz and so on (PDF's S /A and /a). */
static void letters(int n, int upper, char *out, size_t size)
{
	int times = (n - 1) / 26 + 1;
	size_t len = 0;
	for (int i = 0; i < times && len + 1 < size && n > 0; i++)
		out[len++] = (char)((upper ? 'A' : 'a') + (n - 1) % 26);
	out[len] = 0;
}

static char *label_for(fz_context *ctx, pdf_obj *style, int n)
{
	char number[64] = "", label[192];
	const char *s = pdf_to_name(ctx, pdf_dict_get(ctx, style, PDF_NAME(S)));
	const char *prefix = pdf_to_text_string(ctx, pdf_dict_get(ctx, style, PDF_NAME(P)));
	if (!strcmp(s, "D"))
		snprintf(number, sizeof number, "%d", n);
	else if (!strcmp(s, "R") || !strcmp(s, "r"))
		roman(n, s[0] == 'R', number, sizeof number);
	else if (!strcmp(s, "A") || !strcmp(s, "a"))
		letters(n, s[0] == 'A', number, sizeof number);
	snprintf(label, sizeof label, "%s%s", prefix, number);
	for (char *c = label; *c; c++)
		if (*c == '\n' || *c == '\t' || *c == '\r')
			*c = ' ';
	return strdup(label);
}

static void free_labels(char **labels, int count)
{
	for (int p = 0; labels && p < count; p++)
		free(labels[p]);
	free(labels);
}

int doc_page_labels(doc *d, char ***out, int *count, char err[256])
{
	int rc = 0, pages = 0, n = 0;
	label_range *ranges = NULL;
	char **labels = NULL;
	fz_var(ranges);
	fz_var(labels);
	fz_var(pages);
	fz_var(n);
	fz_var(rc);
	*out = NULL;
	*count = 0;
	pdf_document *pdf = pdf_document_from_fz_document(d->ctx, d->fz);
	if (!pdf)
		return 0; /* only PDFs name their pages */
	fz_try(d->ctx) {
		pdf_obj *tree = pdf_dict_gets(d->ctx, pdf_dict_get(d->ctx, pdf_trailer(d->ctx, pdf), PDF_NAME(Root)), "PageLabels");
		pages = fz_count_pages(d->ctx, d->fz);
		int max = 4096, plain = 1;
		if (tree && pages > 0) {
			ranges = fz_malloc_array(d->ctx, (size_t)max, label_range);
			label_ranges(d->ctx, tree, ranges, &n, max, 0);
		}
		if (n > 0 && !(labels = calloc((size_t)pages, sizeof *labels)))
			fz_throw(d->ctx, FZ_ERROR_GENERIC, "out of memory");
		for (int p = 0, r = -1; n > 0 && p < pages; p++) {
			while (r + 1 < n && ranges[r + 1].start <= p)
				r++;
			int first = r >= 0 ? pdf_to_int(d->ctx, pdf_dict_gets(d->ctx, ranges[r].style, "St")) : 0;
			char number[16];
			labels[p] = r >= 0 ? label_for(d->ctx, ranges[r].style, (first > 0 ? first : 1) + p - ranges[r].start) : strdup("");
			if (!labels[p])
				fz_throw(d->ctx, FZ_ERROR_GENERIC, "out of memory");
			snprintf(number, sizeof number, "%d", p + 1);
			plain &= !strcmp(labels[p], number);
		}
		if (plain) /* labels that say what the numbers say are no labels */
			n = 0;
	}
	fz_always(d->ctx)
		fz_free(d->ctx, ranges);
	fz_catch(d->ctx) {
		set_err(d, err, "page labels");
		rc = -1;
		n = 0;
	}
	if (n > 0) {
		*out = labels;
		*count = pages;
	} else {
		free_labels(labels, pages);
	}
	return rc;
}

int doc_page_links(doc *d, int page, doc_link *out, int max, char err[256])
{
	int n = 0;
	fz_page *p = NULL;
	fz_var(p);
	fz_link *links = NULL;
	fz_var(links);
	fz_var(n);
	fz_try(d->ctx) {
		p = fz_load_page(d->ctx, d->fz, page);
		links = fz_load_links(d->ctx, p);
		for (fz_link *l = links; l && n < max; l = l->next) {
			float x, y;
			if (!l->uri || fz_is_external_link(d->ctx, l->uri))
				continue; /* the kiosk has no web */
			fz_location at = fz_resolve_link(d->ctx, d->fz, l->uri, &x, &y);
			if (at.page < 0)
				continue;
			out[n++] = (doc_link){{l->rect.x0, l->rect.y0, l->rect.x1, l->rect.y1},
					      fz_page_number_from_location(d->ctx, d->fz, at), y};
		}
	}
	fz_always(d->ctx) {
		fz_drop_link(d->ctx, links);
		fz_drop_page(d->ctx, p);
	}
	fz_catch(d->ctx) {
		set_err(d, err, "links");
		n = -1;
	}
	return n;
}

char *doc_text_at(doc *d, int page, float y, char err[256])
{
	char *text = NULL;
	fz_var(text);
	fz_stext_page *st = NULL;
	fz_var(st);
	fz_buffer *buf = NULL;
	fz_var(buf);
	fz_try(d->ctx) {
		st = page_stext(d, page);
		buf = fz_new_buffer(d->ctx, 1024);
		/* The first text block that ends below y: the one a link's
		 * target starts (a link lands on the top of its paragraph). */
		fz_stext_block *b = st->first_block;
		while (b && !(b->type == FZ_STEXT_BLOCK_TEXT && b->bbox.y1 > y + 1))
			b = b->next;
		if (b)
			block_text(d->ctx, b, buf);
		/* A paragraph cut by the page's end goes on at the top of the next. */
		while (b && b->next && b->next->type != FZ_STEXT_BLOCK_TEXT)
			b = b->next;
		if (b && !b->next && buf->len > 1 && !strchr(".!?\")", buf->data[buf->len - 2]) &&
		    page + 1 < fz_count_pages(d->ctx, d->fz)) {
			fz_drop_stext_page(d->ctx, st);
			st = NULL;
			st = page_stext(d, page + 1);
			for (b = st->first_block; b && b->type != FZ_STEXT_BLOCK_TEXT; b = b->next)
				;
			if (b)
				block_text(d->ctx, b, buf);
		}
		text = trimmed_copy(d->ctx, buf);
	}
	fz_always(d->ctx) {
		fz_drop_buffer(d->ctx, buf);
		fz_drop_stext_page(d->ctx, st);
	}
	fz_catch(d->ctx) {
		set_err(d, err, "text at a link");
	}
	return text;
}

/* Where one character of a block's text is: its first byte in the text,
 * its box, its line (NULL for the space that joins lines). */
typedef struct {
	size_t at;
	fz_rect box;
	const fz_stext_line *line;
} char_place;

static int add_sentence(const char *text, const sentence_span *span, const char_place *places, int place_count,
			doc_sentence **out, int *count)
{
	doc_sentence *grown = realloc(*out, (size_t)(*count + 1) * sizeof **out);
	if (!grown)
		return -1;
	*out = grown;
	doc_sentence *s = &grown[*count];
	memset(s, 0, sizeof *s);
	/* The sentence's characters: places are in text order. */
	int first = 0, end;
	while (first < place_count && places[first].at < span->start)
		first++;
	for (end = first; end < place_count && places[end].at < span->end; end++)
		;
	s->text = strndup(text + span->start, span->end - span->start);
	s->rects = calloc((size_t)(end - first) + 1, sizeof *s->rects); /* at most one a character */
	if (!s->text || !s->rects) {
		free(s->text);
		free(s->rects);
		return -1;
	}
	(*count)++;
	/* One rectangle a line: the union of the sentence's characters on it. */
	const fz_stext_line *line = NULL;
	for (int i = first; i < end; i++) {
		const char_place *p = &places[i];
		if (!p->line || fz_is_empty_rect(p->box))
			continue;
		if (p->line != line) {
			line = p->line;
			s->rects[s->rect_count++] = (doc_rect){p->box.x0, p->box.y0, p->box.x1, p->box.y1};
			continue;
		}
		doc_rect *r = &s->rects[s->rect_count - 1];
		r->x0 = fminf(r->x0, p->box.x0);
		r->y0 = fminf(r->y0, p->box.y0);
		r->x1 = fmaxf(r->x1, p->box.x1);
		r->y1 = fmaxf(r->y1, p->box.y1);
	}
	return 0;
}

/* True when a new sentence must begin at line although the text before it
 * has no full stop: a heading or a transcript's time (another size), a
 * new paragraph (a gap wider than half a line), a list's bullet. */
static int paragraph_break(const fz_stext_line *prev, const fz_stext_line *line)
{
	const fz_stext_char *last = NULL, *first = line->first_char;
	for (const fz_stext_char *ch = prev->first_char; ch; ch = ch->next)
		if (ch->c != ' ')
			last = ch;
	while (first && first->c == ' ')
		first = first->next;
	if (!last || !first)
		return 0;
	float height = prev->bbox.y1 - prev->bbox.y0;
	return fabsf(last->size - first->size) > 0.5f || line->bbox.y0 - prev->bbox.y1 > height / 2 ||
	       line->bbox.y1 < prev->bbox.y0 || first->c == 0x2022;
}

/* The page's text as one string, lines joined by spaces, where each
 * character is, and the offsets where a paragraph_break falls. */
typedef struct {
	char *text;
	size_t len;
	char_place *places;
	int place_count;
	size_t *breaks;
	int break_count;
} page_text;

static int gather(fz_stext_page *st, page_text *pt)
{
	int chars = 0, lines = 0;
	for (fz_stext_block *b = st->first_block; b; b = b->next)
		for (fz_stext_line *line = b->type == FZ_STEXT_BLOCK_TEXT ? b->u.t.first_line : NULL; line; line = line->next, lines++)
			for (fz_stext_char *ch = line->first_char; ch; ch = ch->next)
				chars++;
	memset(pt, 0, sizeof *pt);
	pt->text = malloc((size_t)chars * 4 + (size_t)lines + 1);
	pt->places = malloc(((size_t)chars + (size_t)lines + 1) * sizeof *pt->places);
	pt->breaks = malloc(((size_t)lines + 1) * sizeof *pt->breaks);
	if (!pt->text || !pt->places || !pt->breaks)
		return -1;
	const fz_stext_line *prev = NULL;
	for (fz_stext_block *b = st->first_block; b; b = b->next)
		for (fz_stext_line *line = b->type == FZ_STEXT_BLOCK_TEXT ? b->u.t.first_line : NULL; line; line = line->next) {
			if (prev && paragraph_break(prev, line))
				pt->breaks[pt->break_count++] = pt->len;
			float body = 0; /* the size of the line's text before a note mark */
			for (fz_stext_char *ch = line->first_char; ch; ch = ch->next) {
				pt->places[pt->place_count++] = (char_place){pt->len, fz_rect_from_quad(ch->quad), line};
				/* A footnote mark (a small raised number) is not read. */
				int mark = body > 0 && ch->size < body * 0.85f && ((ch->c >= '0' && ch->c <= '9') || ch->c == '*');
				if (mark)
					pt->text[pt->len++] = ' ';
				else
					pt->len += (size_t)fz_runetochar(pt->text + pt->len, ch->c);
				if (!mark && ch->c != ' ')
					body = ch->size;
			}
			if (pt->len > 0 && pt->text[pt->len - 1] != '-') { /* "Nagorno-" "Karabakh" is one word */
				pt->places[pt->place_count++] = (char_place){pt->len, fz_empty_rect, NULL};
				pt->text[pt->len++] = ' ';
			}
			prev = line;
		}
	pt->text[pt->len] = 0;
	pt->breaks[pt->break_count++] = pt->len;
	return 0;
}

static void page_text_free(page_text *pt)
{
	free(pt->text);
	free(pt->places);
	free(pt->breaks);
}

/* The sentences of the page's text, paragraph by paragraph. */
static int split_page(page_text *pt, const char *lang, doc_sentence **out, int *count)
{
	sentence_blank_timestamps(pt->text, pt->len);
	size_t from = 0;
	for (int b = 0; b < pt->break_count; b++) {
		size_t to = pt->breaks[b];
		int total = sentence_split(pt->text + from, to - from, lang, NULL, 0);
		sentence_span *spans = total > 0 ? malloc((size_t)total * sizeof *spans) : NULL;
		if (total > 0 && !spans)
			return -1;
		sentence_split(pt->text + from, to - from, lang, spans, total);
		for (int i = 0; i < total; i++) {
			sentence_span at = {spans[i].start + from, spans[i].end + from};
			if (add_sentence(pt->text, &at, pt->places, pt->place_count, out, count) != 0) {
				free(spans);
				return -1;
			}
		}
		free(spans);
		from = to;
	}
	return 0;
}

static int sentences_of(doc *d, int page, const char *lang, doc_sentence **out, int *count, char err[256])
{
	*out = NULL;
	*count = 0;
	fz_stext_page *st = NULL;
	fz_var(st);
	fz_try(d->ctx)
		st = page_stext(d, page);
	fz_catch(d->ctx) {
		char what[32];
		snprintf(what, sizeof what, "page %d text", page + 1);
		set_err(d, err, what);
		return -1;
	}
	page_text pt;
	int rc = gather(st, &pt) == 0 ? split_page(&pt, lang, out, count) : -1;
	page_text_free(&pt);
	fz_drop_stext_page(d->ctx, st);
	if (rc != 0) {
		doc_sentences_free(*out, *count);
		*out = NULL;
		*count = 0;
		snprintf(err, 256, "page %d text: out of memory", page + 1);
	}
	return rc;
}

/* The words of next added to last: a word hyphenated over the break is
 * joined again. */
static int join_sentence(doc_sentence *last, const char *next)
{
	size_t a = strlen(last->text), b = strlen(next);
	int hyphen = a > 1 && last->text[a - 1] == '-' && last->text[a - 2] != ' ';
	char *joined = realloc(last->text, a + b + 2);
	if (!joined)
		return -1;
	if (hyphen)
		a--;
	else
		joined[a++] = ' ';
	memcpy(joined + a, next, b + 1);
	last->text = joined;
	return 0;
}

int doc_page_sentences(doc *d, int page, const char *lang, doc_sentence **out, int *count, char err[256])
{
	if (sentences_of(d, page, lang, out, count, err) != 0)
		return -1;
	doc_sentence *other;
	int n, pages = doc_page_count(d, err);
	if (*count > 0 && page + 1 < pages && sentences_of(d, page + 1, lang, &other, &n, err) == 0) {
		if (n > 0 && sentence_runs_on((*out)[*count - 1].text, other[0].text, lang) &&
		    join_sentence(&(*out)[*count - 1], other[0].text) != 0) {
			doc_sentences_free(other, n);
			doc_sentences_free(*out, *count);
			*out = NULL;
			*count = 0;
			snprintf(err, 256, "page %d text: out of memory", page + 1);
			return -1;
		}
		doc_sentences_free(other, n);
	}
	if (*count > 0 && page > 0 && sentences_of(d, page - 1, lang, &other, &n, err) == 0) {
		(*out)[0].continued = n > 0 && sentence_runs_on(other[n - 1].text, (*out)[0].text, lang);
		doc_sentences_free(other, n);
	}
	return 0;
}

void doc_sentences_free(doc_sentence *sentences, int count)
{
	for (int i = 0; i < count; i++) {
		free(sentences[i].text);
		free(sentences[i].rects);
	}
	free(sentences);
}
