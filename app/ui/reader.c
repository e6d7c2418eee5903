/* The reader: one page at a time, fitted to the screen and rendered at its
 * real pixel size. Swipe (the page follows the finger), tap the page's
 * edges, the arrow keys or the bottom buttons turn pages. Pinch or
 * double-tap zooms (the page is rendered again, sharp, at the new size) and
 * one finger then pans. Words from a search are marked on the page, with
 * buttons to the next and previous match. The bottom bar opens the page
 * grid (jump to a page) and the item's details. Pages come from the render
 * service; neighbours are prefetched so that a turn shows a page at once. */
#include "ui/ui.h"
#include "ui/strings.h"
#include "core/speech.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int bar_h(const kiosk *k)
{
	return ui_px(k, 64);
}

#define ZOOM_MAX 4.0f
#define SHARP_MAX 4096 /* pixels a side: what a Pi's GPU takes as a texture */

static SDL_Rect back_rect(const kiosk *k)
{
	int in = ui_px(k, 6);
	return (SDL_Rect){in, in, ui_px(k, 130), bar_h(k) - 2 * in};
}

/* Text size, for reflowable documents: two buttons left of the languages. */
#define TEXT_STEPS 5
static const float text_steps[TEXT_STEPS] = {0.85f, 1.0f, 1.2f, 1.45f, 1.75f};
/* Where documents start for a visitor who chose larger text. */
#define LARGE_TEXT_SCALE 1.2f

static int sizable(const kiosk *k)
{
	return k->items[k->reader.item].reflowable;
}

static SDL_Rect size_button(const kiosk *k, int bigger)
{
	int in = ui_px(k, 6), s = bar_h(k) - 2 * in;
	int lang_x = ui_lang_buttons((kiosk *)k, k->w - ui_px(k, 6), 0, bar_h(k), 0);
	return (SDL_Rect){lang_x - ui_px(k, 12) - (bigger ? 1 : 2) * (s + in), in, s, s};
}

static void resize_text(kiosk *k, int step)
{
	reader_state *rd = &k->reader;
	int at = 0;
	while (at < TEXT_STEPS - 1 && text_steps[at] < rd->text_scale - 0.01f)
		at++;
	at = SDL_clamp(at + step, 0, TEXT_STEPS - 1);
	if (text_steps[at] == rd->text_scale)
		return;
	float place = rd->page_count > 0 ? ((float)rd->page + 0.5f) / (float)rd->page_count : 0;
	rd->text_scale = text_steps[at];
	reader_open(k, rd->item, 0, rd->highlight);
	rd->keep_place = place;
}

/* The bottom bar: previous, pages, search in it, details, next. The page
 * turns are arrows only where the screen is narrow. */
enum { BTN_PREV, BTN_PAGES, BTN_FIND, BTN_LISTEN, BTN_DETAILS, BTN_NEXT, BTN_COUNT };

static int wide_bar(const kiosk *k)
{
	return k->w >= ui_px(k, 1000);
}

static SDL_Rect bottom_button(const kiosk *k, int i)
{
	int in = ui_px(k, 6), y = k->h - bar_h(k) + in, h = bar_h(k) - 2 * in;
	if (wide_bar(k)) {
		int w = (k->w - in) / BTN_COUNT;
		return (SDL_Rect){in + i * w, y, w - in, h};
	}
	int middle = BTN_COUNT - 2, arrow = ui_px(k, 92), w = (k->w - 2 * arrow - (middle + 2) * in) / middle;
	if (i == BTN_PREV)
		return (SDL_Rect){in, y, arrow - in, h};
	if (i == BTN_NEXT)
		return (SDL_Rect){k->w - arrow, y, arrow - in, h};
	return (SDL_Rect){arrow + in + (i - BTN_PAGES) * (w + in), y, w, h};
}

/* While reading aloud the bottom bar holds its controls instead. */
enum { ALOUD_PLAY, ALOUD_SLOWER, ALOUD_FASTER, ALOUD_LOUDNESS, ALOUD_STOP, ALOUD_COUNT };

static SDL_Rect aloud_button(const kiosk *k, int i)
{
	int in = ui_px(k, 6), y = k->h - bar_h(k) + in, h = bar_h(k) - 2 * in, w = (k->w - in) / ALOUD_COUNT;
	return (SDL_Rect){in + i * w, y, w - in, h};
}

/* The search bar, under the top bar while words are marked. */
static int marks_h(const kiosk *k)
{
	return k->reader.highlight[0] ? ui_px(k, 60) : 0;
}

enum { MARK_PREV, MARK_NEXT, MARK_CLOSE };

static SDL_Rect mark_button(const kiosk *k, int i)
{
	int in = ui_px(k, 5), y = bar_h(k) + in, h = marks_h(k) - 2 * in, close = ui_px(k, 56);
	int w = SDL_min(ui_px(k, 200), (k->w - close - 4 * in) / 3);
	if (i == MARK_CLOSE)
		return (SDL_Rect){k->w - in - close, y, close, h};
	return (SDL_Rect){k->w - 2 * in - close - (2 - i) * (w + in), y, w, h};
}

static void drop_page(reader_state *rd, int i)
{
	if (rd->tex[i])
		SDL_DestroyTexture(rd->tex[i]);
	free(rd->links[i]);
	rd->tex[i] = NULL;
	rd->links[i] = NULL;
	rd->link_count[i] = 0;
	rd->tex_page[i] = -1;
}

/* Pages kept as textures: as many as fit in a 64th of the machine's
 * memory, up to 64 MB (HISHATAK_PAGE_CACHE_MB), and at least the four
 * the reader asks for around the current page. */
static int pages_kept(SDL_Rect area)
{
	const char *env = getenv("HISHATAK_PAGE_CACHE_MB");
	double ram_mb = (double)sysconf(_SC_PHYS_PAGES) * (double)sysconf(_SC_PAGESIZE) / (1 << 20);
	double mb = env && atoi(env) > 0 ? atoi(env) : SDL_min(ram_mb / 64, 64);
	double page_mb = (double)area.w * area.h * 4 / (1 << 20); /* as the GPU holds them */
	int n = page_mb > 0 ? (int)(mb / page_mb) : READER_CACHE;
	return SDL_max(4, SDL_min(n, READER_CACHE));
}

void reader_relayout(kiosk *k)
{
	reader_state *rd = &k->reader;
	int top = bar_h(k) + marks_h(k);
	rd->area = (SDL_Rect){0, top, k->w, k->h - top - bar_h(k)};
	rd->kept = pages_kept(rd->area);
	for (int i = rd->kept; i < READER_CACHE; i++) /* fewer now: beyond them, none */
		drop_page(rd, i);
}

static void drop_sharp(kiosk *k)
{
	reader_state *rd = &k->reader;
	if (rd->sharp)
		SDL_DestroyTexture(rd->sharp);
	rd->sharp = NULL;
	rd->sharp_request = 0;
	rd->sharp_page = -1;
}

static void unzoom(kiosk *k)
{
	reader_state *rd = &k->reader;
	rd->zoom = 1;
	rd->pan_x = rd->pan_y = 0;
	drop_sharp(k);
}

static void drop_pages(kiosk *k)
{
	for (int i = 0; i < READER_CACHE; i++) {
		drop_page(&k->reader, i);
		k->reader.request[i] = 0;
	}
}

static SDL_Texture *page_texture(kiosk *k, int page)
{
	for (int i = 0; i < READER_CACHE; i++)
		if (k->reader.tex[i] && k->reader.tex_page[i] == page)
			return k->reader.tex[i];
	return NULL;
}

static int requested(kiosk *k, int page)
{
	for (int i = 0; i < READER_CACHE; i++)
		if (k->reader.request[i] && k->reader.request_page[i] == page)
			return 1;
	return 0;
}

static void request_page(kiosk *k, int page)
{
	reader_state *rd = &k->reader;
	if (page < 0 || (rd->page_count >= 0 && page >= rd->page_count) || page_texture(k, page) || requested(k, page) ||
	    page == rd->failed_page)
		return;
	for (int i = 0; i < READER_CACHE; i++)
		if (!rd->request[i]) {
			rd->request[i] = render_request_marked(k->render, RENDER_OWNER_READER, rd->path, rd->format, page, rd->area.w, rd->area.h, rd->text_scale,
							       rd->area.w, rd->area.h, rd->highlight, k->access.contrast);
			rd->request_page[i] = page;
			return;
		}
}

/* The current page last: the service serves the newest request first;
 * then the next page the way the visitor is turning, the one before, and
 * the one after next. */
static void request_around(kiosk *k)
{
	int p = k->reader.page, ahead = k->reader.heading < 0 ? -1 : 1;
	request_page(k, p + 2 * ahead);
	request_page(k, p - ahead);
	request_page(k, p + ahead);
	request_page(k, p);
}

static void drop_toc(kiosk *k)
{
	reader_state *rd = &k->reader;
	for (int i = 0; i < rd->toc_count; i++)
		free(rd->toc_titles[i]);
	free(rd->toc_titles);
	free(rd->toc_pages);
	free(rd->toc_levels);
	rd->toc_titles = NULL;
	rd->toc_pages = rd->toc_levels = NULL;
	rd->toc_count = 0;
	rd->toc_request = 0;
}

/* Entries with a page and a title, from the render service's outline. */
static void take_toc(kiosk *k, render_result *res)
{
	reader_state *rd = &k->reader;
	rd->toc_titles = calloc((size_t)res->outline_count + 1, sizeof *rd->toc_titles);
	rd->toc_pages = calloc((size_t)res->outline_count + 1, sizeof *rd->toc_pages);
	rd->toc_levels = calloc((size_t)res->outline_count + 1, sizeof *rd->toc_levels);
	if (!rd->toc_titles || !rd->toc_pages || !rd->toc_levels) {
		drop_toc(k);
		return;
	}
	for (int i = 0; i < res->outline_count; i++) {
		render_outline_entry *e = &res->outline[i];
		if (e->page >= 0 && e->title && e->title[0]) {
			rd->toc_titles[rd->toc_count] = e->title; /* the reader keeps it */
			e->title = NULL;
			rd->toc_pages[rd->toc_count] = e->page;
			rd->toc_levels[rd->toc_count] = e->level;
			rd->toc_count++;
		}
	}
}

static void drop_page_thumbs(kiosk *k)
{
	reader_state *rd = &k->reader;
	for (int p = 0; rd->page_thumbs && p < rd->page_count; p++)
		if (rd->page_thumbs[p])
			SDL_DestroyTexture(rd->page_thumbs[p]);
	free(rd->page_thumbs);
	free(rd->page_thumb_requests);
	rd->page_thumbs = NULL;
	rd->page_thumb_requests = NULL;
}

/* Closes what is open over the page and lets go of what it held. */
static void close_panel(kiosk *k)
{
	reader_state *rd = &k->reader;
	free(rd->note_text);
	rd->note_text = NULL;
	rd->note_request = 0;
	drop_page_thumbs(k);
	rd->panel = READER_PANEL_NONE;
}

static void find_match(kiosk *k, int from, int step)
{
	reader_state *rd = &k->reader;
	rd->find_request = render_find(k->render, RENDER_OWNER_READER, rd->path, rd->format, rd->area.w, rd->area.h, rd->text_scale, rd->highlight,
				       from, step);
}

static void stop_reading(kiosk *k);
static void ask_sentences(kiosk *k);
static void on_sentences(kiosk *k, render_result *res);

void reader_open(kiosk *k, int index, int page, const char *highlight)
{
	reader_state *rd = &k->reader;
	if (rd->highlight != highlight)
		snprintf(rd->highlight, sizeof rd->highlight, "%s", highlight ? highlight : "");
	int same_visit = k->screen == SCREEN_READER || k->screen == SCREEN_IMPORT ||
			 (k->screen == SCREEN_SEARCH && k->search.within == index);
	if (!same_visit) { /* a new visit: the usual size, or larger for a visitor who asked */
		rd->text_scale = k->access.large_text ? LARGE_TEXT_SCALE : 1;
		rd->keep_place = -1;
	}
	if (rd->aloud != READER_ALOUD_OFF) /* another document, or the same laid out anew */
		stop_reading(k);
	drop_pages(k);
	unzoom(k);
	close_panel(k);
	rd->item = index;
	rd->page = page < 0 ? 0 : page;
	rd->page_count = -1;
	rd->failed_page = -1;
	rd->slide = 0;
	rd->dragging = 0;
	rd->find_request = 0;
	kiosk_doc_path(k, index, rd->path);
	snprintf(rd->format, sizeof rd->format, "%s", k->items[index].format);
	reader_relayout(k);
	render_cancel(k->render, RENDER_OWNER_READER);
	if (k->screen != SCREEN_READER)
		kiosk_go(k, SCREEN_READER);
	drop_toc(k);
	rd->toc_request = render_outline(k->render, RENDER_OWNER_READER, rd->path, rd->format, rd->area.w, rd->area.h, rd->text_scale);
	if (page < 0 && rd->open_passage >= 0)
		rd->find_request = render_find_passage(k->render, RENDER_OWNER_READER, rd->path, rd->format, rd->area.w, rd->area.h, rd->text_scale,
						       rd->open_passage, rd->highlight);
	else if (page < 0 && rd->highlight[0])
		find_match(k, 0, +1); /* the first page with a match, at this layout */
	else
		request_around(k);
	rd->open_passage = -1;
	rd->styled_contrast = k->access.contrast;
	rd->styled_large_text = k->access.large_text;
}

void reader_open_passage(kiosk *k, int index, int passage, const char *highlight)
{
	/* A fixed document's passages are its pages; a reflowable one's page
	 * is found by the render service at the reader's layout. */
	if (!k->items[index].reflowable) {
		reader_open(k, index, passage, highlight);
		return;
	}
	k->reader.open_passage = passage;
	reader_open(k, index, -1, highlight);
}

/* The visitor changed the contrast or the text size (the access panel):
 * pages are drawn anew, a reflowable document laid out at the new size
 * where the visitor was. */
static void restyle(kiosk *k)
{
	reader_state *rd = &k->reader;
	int text_size_changed = rd->styled_large_text != k->access.large_text;
	reader_relayout(k); /* the bars follow the text size */
	if (text_size_changed && sizable(k)) {
		float place = rd->page_count > 0 ? ((float)rd->page + 0.5f) / (float)rd->page_count : 0;
		rd->text_scale = k->access.large_text ? LARGE_TEXT_SCALE : 1;
		reader_open(k, rd->item, 0, rd->highlight);
		rd->keep_place = place;
	} else { /* the same pages in other colours: reading aloud goes on */
		drop_pages(k);
		drop_sharp(k);
		if (rd->panel == READER_PANEL_PAGES)
			close_panel(k);
		request_around(k);
		rd->styled_contrast = k->access.contrast; /* reader_open does this in the other case */
		rd->styled_large_text = k->access.large_text;
	}
}

void reader_close(kiosk *k)
{
	stop_reading(k);
	k->reader.aloud_notice[0] = 0;
	drop_pages(k);
	drop_sharp(k);
	drop_toc(k);
	close_panel(k);
	render_cancel(k->render, RENDER_OWNER_READER);
	k->reader.highlight[0] = 0;
}

/* A request of the reader's cancelled (by reader_open or reader_close, or
 * a full queue) is forgotten, so that what wants it asks again. */
static void forget_request(kiosk *k, int id)
{
	reader_state *rd = &k->reader;
	for (int i = 0; i < READER_CACHE; i++)
		if (rd->request[i] == id)
			rd->request[i] = 0;
	for (int p = 0; rd->page_thumbs && p < rd->page_count; p++)
		if (rd->page_thumb_requests[p] == id)
			rd->page_thumb_requests[p] = 0;
	if (rd->toc_request == id)
		rd->toc_request = 0;
	if (rd->note_request == id)
		rd->note_request = 0;
	if (rd->sharp_request == id)
		rd->sharp_request = 0;
	if (rd->find_request == id) {
		rd->find_request = 0;
		request_around(k);
	}
	if (rd->aloud_request == id) {
		rd->aloud_request = 0;
		if (rd->aloud == READER_ALOUD_LOADING)
			ask_sentences(k);
	}
}

void reader_on_render(kiosk *k, render_result *res)
{
	reader_state *rd = &k->reader;
	if (res->owner != RENDER_OWNER_READER)
		return;
	if (res->cancelled) {
		forget_request(k, res->request);
		return;
	}
	int slot = -1;
	for (int i = 0; i < READER_CACHE; i++)
		if (rd->request[i] == res->request)
			slot = i;
	if (res->request == rd->aloud_request) {
		on_sentences(k, res);
		return;
	}
	if (res->request == rd->toc_request) {
		rd->toc_request = 0;
		take_toc(k, res);
		return;
	}
	if (rd->page_thumbs && res->page >= 0 && res->page < rd->page_count && rd->page_thumb_requests[res->page] == res->request) {
		if (res->rgb && !rd->page_thumbs[res->page]) {
			rd->page_thumbs[res->page] = SDL_CreateTexture(k->renderer, SDL_PIXELFORMAT_RGB24, SDL_TEXTUREACCESS_STATIC, res->w,
								       res->h);
			if (rd->page_thumbs[res->page])
				SDL_UpdateTexture(rd->page_thumbs[res->page], NULL, res->rgb, res->stride);
		}
		return;
	}
	if (res->request == rd->note_request) {
		rd->note_request = 0;
		free(rd->note_text);
		rd->note_text = res->note && res->note[0] ? res->note : strdup(ui_str(k, "footnote_missing"));
		if (rd->note_text == res->note)
			res->note = NULL; /* the reader keeps it */
		return;
	}
	if (res->request == rd->find_request) {
		rd->find_request = 0;
		if (res->page >= 0 && res->page != rd->page) {
			rd->page = res->page;
			unzoom(k);
		}
		request_around(k);
		return;
	}
	if (res->request == rd->sharp_request) {
		rd->sharp_request = 0;
		if (res->rgb && res->page == rd->page) {
			drop_sharp(k);
			rd->sharp = SDL_CreateTexture(k->renderer, SDL_PIXELFORMAT_RGB24, SDL_TEXTUREACCESS_STATIC, res->w, res->h);
			if (rd->sharp)
				SDL_UpdateTexture(rd->sharp, NULL, res->rgb, res->stride);
			rd->sharp_page = res->page;
		}
		return;
	}
	if (slot < 0)
		return;
	rd->request[slot] = 0;
	if (res->page_count > 0)
		rd->page_count = res->page_count;
	if (rd->keep_place >= 0 && rd->page_count > 0) {
		/* The text was resized: the same place in the new pages. */
		int page = SDL_min((int)(rd->keep_place * (float)rd->page_count), rd->page_count - 1);
		rd->keep_place = -1;
		if (page != rd->page) {
			rd->page = page;
			request_around(k);
			return;
		}
	}
	if (!res->rgb) {
		if (res->page == rd->page)
			rd->failed_page = res->page;
		if (rd->page_count < 0 && res->page_count < 0)
			rd->page_count = 1; /* the document itself could not be opened */
		return;
	}
	/* Keep the pages nearest the current one. */
	int victim = 0;
	for (int i = 0; i < rd->kept; i++) {
		if (!rd->tex[i]) {
			victim = i;
			break;
		}
		if (SDL_abs(rd->tex_page[i] - rd->page) > SDL_abs(rd->tex_page[victim] - rd->page))
			victim = i;
	}
	if (rd->tex[victim])
		SDL_DestroyTexture(rd->tex[victim]);
	free(rd->links[victim]);
	rd->tex[victim] = SDL_CreateTexture(k->renderer, SDL_PIXELFORMAT_RGB24, SDL_TEXTUREACCESS_STATIC, res->w, res->h);
	rd->tex_page[victim] = res->page;
	rd->links[victim] = res->links; /* the reader keeps them */
	rd->link_count[victim] = res->link_count;
	res->links = NULL;
	if (rd->tex[victim])
		SDL_UpdateTexture(rd->tex[victim], NULL, res->rgb, res->stride);
	request_around(k);
}

static void turn(kiosk *k, int delta)
{
	reader_state *rd = &k->reader;
	int to = rd->page + delta;
	if (to < 0 || (rd->page_count >= 0 && to >= rd->page_count)) {
		return;
	}
	rd->page = to;
	rd->heading = delta < 0 ? -1 : 1;
	unzoom(k);
	/* The strip moves by one page: start from where it visually was. */
	rd->slide += (float)(delta * (rd->area.w + ui_px(k, 24)));
	request_around(k);
}

/* To another page at once: a jump, not a turn, so no slide. */
static void jump_to(kiosk *k, int page)
{
	turn(k, page - k->reader.page);
	k->reader.slide = 0;
}

/* Where a page's texture goes on screen: centred in the area, zoomed and
 * panned if it is the current page. */
static SDL_Rect page_on_screen(kiosk *k, int page, SDL_Texture *tex, int x_offset)
{
	reader_state *rd = &k->reader;
	SDL_Rect a = rd->area;
	int w, h;
	SDL_QueryTexture(tex, NULL, NULL, &w, &h);
	float z = page == rd->page ? rd->zoom : 1;
	int zw = (int)((float)w * z), zh = (int)((float)h * z);
	int px = page == rd->page ? (int)rd->pan_x : 0, py = page == rd->page ? (int)rd->pan_y : 0;
	return (SDL_Rect){a.x + (a.w - zw) / 2 + x_offset + px, a.y + (a.h - zh) / 2 + py, zw, zh};
}

static void draw_page(kiosk *k, int page, int x_offset)
{
	reader_state *rd = &k->reader;
	if (page < 0 || (rd->page_count >= 0 && page >= rd->page_count))
		return;
	SDL_Texture *tex = page_texture(k, page);
	SDL_Rect a = rd->area;
	if (tex) {
		SDL_Rect dst = page_on_screen(k, page, tex, x_offset);
		float z = page == rd->page ? rd->zoom : 1;
		/* Zoomed: the sharp render once it is there, the scaled page until then. */
		SDL_Texture *use = z > 1 && rd->sharp && rd->sharp_page == page ? rd->sharp : tex;
		SDL_RenderCopy(k->renderer, use, NULL, &dst);
		return;
	}
	const char *msg = page == rd->failed_page ? ui_str(k, "page_error") : ui_str(k, "loading");
	int size = ui_px(k, 20);
	SDL_Rect box = {a.x + x_offset + a.w / 8, a.y + a.h / 2 - size, a.w * 3 / 4, size * 3};
	text_wrap(k->text, msg, box, size, 0, UI_MUTED, 2, TEXT_CENTER, 1);
}

/* --- reading aloud: the page's sentences spoken, the one heard marked --- */

static void drop_sentences(kiosk *k)
{
	reader_state *rd = &k->reader;
	for (int i = 0; i < rd->sentence_count; i++)
		free(rd->sentences[i]);
	free(rd->sentences);
	free(rd->sentence_rects);
	free(rd->rect_start);
	rd->sentences = NULL;
	rd->sentence_rects = NULL;
	rd->rect_start = NULL;
	rd->sentence_count = 0;
	rd->sentence = -1;
	rd->aloud_page = -1;
}

/* The render service's sentences (render_sentences) into the reader's
 * arrays. */
static void take_sentences(kiosk *k, render_result *res)
{
	reader_state *rd = &k->reader;
	int rects = 0;
	rd->sentence_continued = res->sentence_count > 0 && res->sentences[0].continued;
	for (int i = 0; i < res->sentence_count; i++)
		rects += res->sentences[i].rect_count;
	rd->sentences = calloc((size_t)res->sentence_count + 1, sizeof *rd->sentences);
	rd->rect_start = calloc((size_t)res->sentence_count + 2, sizeof *rd->rect_start);
	rd->sentence_rects = calloc((size_t)rects + 1, sizeof *rd->sentence_rects);
	if (!rd->sentences || !rd->rect_start || !rd->sentence_rects) {
		drop_sentences(k);
		return;
	}
	int n = 0, r = 0;
	for (int i = 0; i < res->sentence_count; i++) {
		render_sentence *s = &res->sentences[i];
		if (!s->text)
			continue;
		rd->sentences[n] = s->text; /* the reader keeps it */
		s->text = NULL;
		rd->rect_start[n] = r;
		for (int j = 0; j < s->rect_count; j++)
			rd->sentence_rects[r++] = (SDL_FRect){s->rects[j].x0, s->rects[j].y0, s->rects[j].x1 - s->rects[j].x0,
							      s->rects[j].y1 - s->rects[j].y0};
		n++;
	}
	rd->rect_start[n] = r;
	rd->sentence_count = n;
}

static const char *document_language(const kiosk *k)
{
	return k->items[k->reader.item].language;
}

static void speak_from(kiosk *k, int first)
{
	reader_state *rd = &k->reader;
	aloud_set_volume(k->aloud, kiosk_volume(k));
	aloud_say(k->aloud, document_language(k), rd->sentences, rd->sentence_count, first, rd->aloud_rate, k->now);
	rd->sentence = first;
	rd->aloud = READER_ALOUD_PLAYING;
}

/* A short message shown over the page for a while and said aloud in the
 * visitor's language. */
static void say_notice(kiosk *k, const char *text, int spoken)
{
	reader_state *rd = &k->reader;
	snprintf(rd->aloud_notice, sizeof rd->aloud_notice, "%s", text);
	rd->aloud_notice_until = k->now + 6000;
	if (spoken && k->aloud) {
		char *one = rd->aloud_notice;
		aloud_set_volume(k->aloud, kiosk_volume(k));
		aloud_say(k->aloud, strings_langs[k->lang], &one, 1, 0, rd->aloud_rate, k->now);
	}
}

static void ask_sentences(kiosk *k)
{
	reader_state *rd = &k->reader;
	drop_sentences(k);
	rd->aloud = READER_ALOUD_LOADING;
	rd->aloud_request = render_sentences(k->render, RENDER_OWNER_READER, rd->path, rd->format, rd->area.w, rd->area.h, rd->text_scale, rd->page,
					     document_language(k));
}

static void stop_reading(kiosk *k)
{
	reader_state *rd = &k->reader;
	if (k->aloud)
		aloud_stop(k->aloud);
	drop_sentences(k);
	rd->aloud = READER_ALOUD_OFF;
	rd->aloud_request = 0;
}

static void start_reading(kiosk *k)
{
	reader_state *rd = &k->reader;
	rd->aloud_read_any = 0;
	rd->aloud_turned = 0;
	if (!rd->aloud_rate)
		rd->aloud_rate = SPEECH_RATE_NORMAL;
	ask_sentences(k);
}

static void on_sentences(kiosk *k, render_result *res)
{
	reader_state *rd = &k->reader;
	rd->aloud_request = 0;
	if (rd->aloud != READER_ALOUD_LOADING)
		return;
	if (res->page != rd->page) { /* the visitor moved on meanwhile */
		ask_sentences(k);
		return;
	}
	take_sentences(k, res);
	rd->aloud_page = res->page;
	/* Turned to by the voice: the sentence begun on the page before was
	 * read whole with it. */
	int first = rd->aloud_turned && rd->sentence_continued ? 1 : 0;
	if (rd->sentence_count > first) {
		rd->aloud_read_any = 1;
		speak_from(k, first);
		return;
	}
	/* A page without words (a picture) is passed over once reading has
	 * found some; a document with none (a scan) says so. */
	if (rd->aloud_read_any && rd->page_count > 0 && rd->page + 1 < rd->page_count) {
		turn(k, +1);
		ask_sentences(k);
		rd->aloud_turned = first; /* the continued sentence alone: still in step */
		return;
	}
	int found_any = rd->aloud_read_any;
	stop_reading(k);
	say_notice(k, ui_str(k, found_any ? "aloud_end" : "aloud_no_text"), 1);
}

/* Follows the voice: marks the sentence heard, turns the page after its
 * last one, and starts again where the visitor turned to. */
static void aloud_follow(kiosk *k)
{
	reader_state *rd = &k->reader;
	if (rd->aloud != READER_ALOUD_PLAYING || !k->aloud)
		return;
	if (rd->page != rd->aloud_page) { /* turned by hand: read the page from its top */
		aloud_stop(k->aloud);
		ask_sentences(k);
		rd->aloud_turned = 0;
		return;
	}
	char used[16];
	if (aloud_voice_fallback(k->aloud, used) && !rd->aloud_notice[0]) {
		char text[256];
		snprintf(text, sizeof text, "%s %s", ui_str(k, "aloud_no_voice"), used);
		say_notice(k, text, 0);
	}
	int at = aloud_position(k->aloud, k->now);
	if (at < 0) { /* stopped from elsewhere (another screen was opened) */
		rd->aloud = READER_ALOUD_PAUSED;
		return;
	}
	if (at < rd->sentence_count) {
		rd->sentence = at;
		return;
	}
	if (rd->page_count > 0 && rd->page + 1 < rd->page_count) {
		turn(k, +1);
		ask_sentences(k);
		rd->aloud_turned = 1;
	} else {
		stop_reading(k);
		say_notice(k, ui_str(k, "aloud_end"), 1);
	}
}

/* The sentence heard, marked on the page as a reading ruler would: a soft
 * band over each of its lines, a firmer line under it. */
static void draw_sentence(kiosk *k, int x_offset)
{
	reader_state *rd = &k->reader;
	SDL_Texture *tex = page_texture(k, rd->page);
	if (rd->aloud == READER_ALOUD_OFF || rd->aloud_page != rd->page || rd->sentence < 0 ||
	    rd->sentence >= rd->sentence_count || !tex)
		return;
	SDL_Rect dst = page_on_screen(k, rd->page, tex, x_offset);
	SDL_SetRenderDrawBlendMode(k->renderer, SDL_BLENDMODE_BLEND);
	float pad = (float)ui_px(k, 2);
	for (int r = rd->rect_start[rd->sentence]; r < rd->rect_start[rd->sentence + 1]; r++) {
		SDL_FRect f = rd->sentence_rects[r];
		SDL_FRect band = {(float)dst.x + f.x * (float)dst.w - pad, (float)dst.y + f.y * (float)dst.h - pad,
				  f.w * (float)dst.w + 2 * pad, f.h * (float)dst.h + 2 * pad};
		SDL_Color c = ui_palette->spoken, rc = ui_palette->spoken_rule;
		SDL_SetRenderDrawColor(k->renderer, c.r, c.g, c.b, c.a);
		SDL_RenderFillRectF(k->renderer, &band);
		SDL_FRect rule = {band.x, band.y + band.h - pad, band.w, pad};
		SDL_SetRenderDrawColor(k->renderer, rc.r, rc.g, rc.b, rc.a);
		SDL_RenderFillRectF(k->renderer, &rule);
	}
	SDL_SetRenderDrawBlendMode(k->renderer, SDL_BLENDMODE_NONE);
}

/* The bottom bar while reading aloud: pause or go on, slower, faster,
 * how loud, stop. */
static void draw_aloud_bar(kiosk *k)
{
	reader_state *rd = &k->reader;
	static const char *const loud_keys[3] = {"aloud_soft", "aloud_normal", "aloud_loud"};
	ui_button(k, aloud_button(k, ALOUD_PLAY), ui_str(k, rd->aloud == READER_ALOUD_PAUSED ? "aloud_resume" : "aloud_pause"), 0);
	ui_button(k, aloud_button(k, ALOUD_SLOWER), ui_str(k, "aloud_slower"), 1);
	ui_button(k, aloud_button(k, ALOUD_FASTER), ui_str(k, "aloud_faster"), 1);
	ui_button(k, aloud_button(k, ALOUD_LOUDNESS), ui_str(k, loud_keys[SDL_clamp(k->access.loudness, 0, 2)]), 1);
	ui_button(k, aloud_button(k, ALOUD_STOP), ui_str(k, "aloud_stop"), 1);
}

static void draw_aloud_notice(kiosk *k)
{
	reader_state *rd = &k->reader;
	if (!rd->aloud_notice[0] || (Sint32)(k->now - rd->aloud_notice_until) > 0)
		return;
	int in = ui_px(k, 16), size = ui_font(k, 19), w = SDL_min(rd->area.w - 2 * in, ui_px(k, 640));
	int th = text_wrap(k->text, rd->aloud_notice, (SDL_Rect){0, 0, w - 2 * in, 0}, size, 1, UI_ON_NAVY, 3, TEXT_CENTER, 0);
	SDL_Rect card = {rd->area.x + (rd->area.w - w) / 2, rd->area.y + rd->area.h - th - 3 * in, w, th + 2 * in};
	ui_round_rect(k, card, ui_px(k, 12), UI_NAVY);
	text_wrap(k->text, rd->aloud_notice, (SDL_Rect){card.x + in, card.y + in, w - 2 * in, 0}, size, 1, UI_ON_NAVY, 3, TEXT_CENTER,
		  1);
}

static void aloud_tap(kiosk *k, float x, float y)
{
	reader_state *rd = &k->reader;
	if (ui_hit(aloud_button(k, ALOUD_PLAY), x, y)) {
		if (rd->aloud == READER_ALOUD_PAUSED && rd->aloud_page == rd->page)
			speak_from(k, SDL_max(rd->sentence, 0));
		else if (rd->aloud == READER_ALOUD_PAUSED)
			ask_sentences(k);
		else if (rd->aloud == READER_ALOUD_PLAYING) {
			aloud_stop(k->aloud);
			rd->aloud = READER_ALOUD_PAUSED;
		}
	} else if (ui_hit(aloud_button(k, ALOUD_SLOWER), x, y) || ui_hit(aloud_button(k, ALOUD_FASTER), x, y)) {
		int faster = ui_hit(aloud_button(k, ALOUD_FASTER), x, y);
		rd->aloud_rate = SDL_clamp(rd->aloud_rate + (faster ? 30 : -30), SPEECH_RATE_MIN, SPEECH_RATE_MAX);
		if (rd->aloud == READER_ALOUD_PLAYING) /* the sentence again, at the new speed */
			speak_from(k, SDL_max(rd->sentence, 0));
	} else if (ui_hit(aloud_button(k, ALOUD_LOUDNESS), x, y)) {
		k->access.loudness = (k->access.loudness + 1) % 3;
		aloud_set_volume(k->aloud, kiosk_volume(k));
	} else if (ui_hit(aloud_button(k, ALOUD_STOP), x, y)) {
		stop_reading(k);
	}
}

static void draw_panel(kiosk *k);
static void draw_note(kiosk *k);
static void draw_bottom_bar(kiosk *k);

/* "Next page ›" where it fits whole in its button, else the arrow alone. */
static const char *turn_label(kiosk *k, int button, const char *label, const char *arrow)
{
	SDL_Rect r = bottom_button(k, button);
	int fits = wide_bar(k) && text_width(k->text, label, -1, ui_font(k, 20), 1) <= r.w - ui_px(k, 20);
	return fits ? label : arrow;
}

static void reader_draw(kiosk *k)
{
	reader_state *rd = &k->reader;
	ui_fill(k, (SDL_Rect){0, 0, k->w, k->h}, UI_SHADE);
	SDL_RenderSetClipRect(k->renderer, &rd->area);
	int step = rd->area.w + ui_px(k, 24), slide = (int)rd->slide;
	draw_page(k, rd->page, slide);
	draw_sentence(k, slide);
	if (slide > 0)
		draw_page(k, rd->page - 1, slide - step);
	if (slide < 0)
		draw_page(k, rd->page + 1, slide + step);
	SDL_RenderSetClipRect(k->renderer, NULL);

	/* Top bar: back, the title, the languages. */
	int bh = bar_h(k);
	ui_fill(k, (SDL_Rect){0, 0, k->w, bh}, UI_NAVY);
	SDL_Rect back = back_rect(k);
	ui_back_button(k, back);
	int size = ui_font(k, 19), lh = text_line_height(k->text, size);
	int lang_x = ui_lang_buttons(k, k->w - ui_px(k, 6), 0, bh, 1);
	if (sizable(k)) {
		ui_button(k, size_button(k, 0), "A-", 1);
		ui_button(k, size_button(k, 1), "A+", 1);
		lang_x = size_button(k, 0).x;
	}
	int tx = back.x + back.w + ui_px(k, 12);
	text_wrap(k->text, ui_title(k, rd->item), (SDL_Rect){tx, (bh - lh) / 2, lang_x - tx - ui_px(k, 10), lh}, size, 1, UI_ON_NAVY,
		  1, TEXT_LEFT, 1);

	if (rd->highlight[0]) {
		int my = bh, mh = marks_h(k);
		ui_fill(k, (SDL_Rect){0, my, k->w, mh}, UI_MARK_SOFT);
		char what[320];
		snprintf(what, sizeof what, "%s “%s”", ui_str(k, "marked"), rd->highlight);
		SDL_Rect first = mark_button(k, MARK_PREV);
		text_wrap(k->text, what, (SDL_Rect){ui_px(k, 14), my + (mh - lh) / 2, first.x - ui_px(k, 24), lh}, size, 0, UI_INK, 1,
			  TEXT_LEFT, 1);
		ui_button(k, mark_button(k, MARK_PREV), ui_str(k, "match_prev"), 1);
		ui_button(k, mark_button(k, MARK_NEXT), ui_str(k, "match_next"), 1);
		ui_button(k, mark_button(k, MARK_CLOSE), "×", 1);
	}

	/* Bottom bar. */
	int by = k->h - bh;
	ui_fill(k, (SDL_Rect){0, by, k->w, bh}, UI_PAPER);
	ui_fill(k, (SDL_Rect){0, by, k->w, 1}, UI_LINE);
	draw_aloud_notice(k);
	if (rd->aloud != READER_ALOUD_OFF) {
		draw_aloud_bar(k);
	} else {
		draw_bottom_bar(k);
	}
	if (rd->panel == READER_PANEL_NOTE)
		draw_note(k);
	else if (rd->panel != READER_PANEL_NONE)
		draw_panel(k);
}

static void draw_bottom_bar(kiosk *k)
{
	reader_state *rd = &k->reader;
	char label[96], where[96] = "";
	if (rd->page_count > 0)
		ui_format_numbers(ui_str(k, "page_short"), rd->page + 1, rd->page_count, where, sizeof where);
	if (rd->page > 0) {
		snprintf(label, sizeof label, "‹  %s", ui_str(k, "prev_page"));
		ui_button(k, bottom_button(k, BTN_PREV), turn_label(k, BTN_PREV, label, "‹"), 1);
	}
	ui_button(k, bottom_button(k, BTN_PAGES), where[0] ? where : "…", 1);
	ui_button(k, bottom_button(k, BTN_FIND), ui_str(k, "find_in_doc"), 1);
	if (k->aloud)
		ui_button(k, bottom_button(k, BTN_LISTEN), ui_str(k, "aloud_listen"), 0);
	ui_button(k, bottom_button(k, BTN_DETAILS), ui_str(k, "details"), 1);
	if (rd->page_count < 0 || rd->page + 1 < rd->page_count) {
		snprintf(label, sizeof label, "%s  ›", ui_str(k, "next_page"));
		ui_button(k, bottom_button(k, BTN_NEXT), turn_label(k, BTN_NEXT, label, "›"), 1);
	}
}

/* --- panels over the page: the page grid and the details --- */

static SDL_Rect panel_card(const kiosk *k)
{
	int w = SDL_min(k->w - ui_px(k, 32), ui_px(k, 760)), h = k->h - ui_px(k, 32);
	return (SDL_Rect){(k->w - w) / 2, (k->h - h) / 2, w, h};
}

static SDL_Rect panel_close(const kiosk *k)
{
	SDL_Rect c = panel_card(k);
	int s = ui_px(k, 52);
	return (SDL_Rect){c.x + c.w - s - ui_px(k, 8), c.y + ui_px(k, 8), s, s};
}

/* The page grid's cells: a thumbnail of the page as laid out for this
 * screen, its number under it. */
static int page_cell_w(const kiosk *k)
{
	return ui_px(k, 104);
}

static int page_thumb_h(const kiosk *k)
{
	const SDL_Rect *a = &k->reader.area;
	return SDL_clamp(page_cell_w(k) * a->h / SDL_max(a->w, 1), page_cell_w(k) / 2, page_cell_w(k) * 2);
}

static int page_cell_h(const kiosk *k)
{
	return page_thumb_h(k) + ui_px(k, 30);
}

/* The panel lists the contents first, then a grid of page numbers. */
static int toc_row_h(const kiosk *k)
{
	return ui_px(k, 56);
}

static SDL_Rect toc_rect(const kiosk *k, int i)
{
	SDL_Rect c = panel_card(k);
	int in = ui_px(k, 16), indent = ui_px(k, 24) * SDL_min(k->reader.toc_levels[i], 3);
	return (SDL_Rect){c.x + in + indent, c.y + ui_px(k, 70) + i * (toc_row_h(k) + ui_px(k, 6)) - (int)k->reader.panel_scroll.offset,
			  c.w - 2 * in - indent, toc_row_h(k)};
}

static SDL_Rect page_rect(const kiosk *k, int p)
{
	SDL_Rect c = panel_card(k);
	int in = ui_px(k, 16), cell = page_cell_w(k), cell_h = page_cell_h(k), gap = ui_px(k, 10);
	int cols = SDL_max(1, (c.w - 2 * in + gap) / (cell + gap));
	in = (c.w - cols * cell - (cols - 1) * gap) / 2; /* the grid centred */
	int top = c.y + ui_px(k, 70) + k->reader.toc_count * (toc_row_h(k) + ui_px(k, 6)) + (k->reader.toc_count ? ui_px(k, 14) : 0);
	return (SDL_Rect){c.x + in + (p % cols) * (cell + gap), top + (p / cols) * (cell_h + gap) - (int)k->reader.panel_scroll.offset,
			  cell, cell_h};
}

static void details_line(kiosk *k, const char *label, const char *value, SDL_Rect c, int *y)
{
	if (!value || !value[0])
		return;
	int in = ui_px(k, 24), small = ui_font(k, 16), body = ui_font(k, 19);
	*y += text_wrap(k->text, label, (SDL_Rect){c.x + in, *y, c.w - 2 * in, 0}, small, 1, UI_ACCENT, 1, TEXT_LEFT, 1);
	*y += text_wrap(k->text, value, (SDL_Rect){c.x + in, *y, c.w - 2 * in, 0}, body, 0, UI_INK, 0, TEXT_LEFT, 1);
	*y += ui_px(k, 10);
}

/* One cell of the page grid: the page's thumbnail (asked for when first
 * seen) framed, the current page's frame filled, and its number. */
static void draw_page_thumb(kiosk *k, int p, SDL_Rect r)
{
	reader_state *rd = &k->reader;
	int current = p == rd->page, pressed = ui_pressed(k, r), frame = ui_px(k, 3);
	ui_target(k, r);
	ui_round_rect(k, r, ui_px(k, 8), current ? UI_NAVY : pressed ? UI_LINE : UI_CARD);
	SDL_Rect box = {r.x + frame, r.y + frame, r.w - 2 * frame, page_thumb_h(k) - frame};
	SDL_Texture *tex = rd->page_thumbs ? rd->page_thumbs[p] : NULL;
	if (tex) {
		int w, h;
		SDL_QueryTexture(tex, NULL, NULL, &w, &h);
		SDL_Rect dst = {box.x + (box.w - w) / 2, box.y + (box.h - h) / 2, w, h};
		SDL_RenderCopy(k->renderer, tex, NULL, &dst);
	} else {
		ui_fill(k, box, UI_ON_NAVY);
		if (rd->page_thumbs && !rd->page_thumb_requests[p])
			rd->page_thumb_requests[p] = render_request_marked(k->render, RENDER_OWNER_READER, rd->path, rd->format, p, rd->area.w, rd->area.h,
									   rd->text_scale, box.w, box.h, "", k->access.contrast);
	}
	char n[16];
	snprintf(n, sizeof n, "%d", p + 1);
	int fs = ui_font(k, 17), fl = text_line_height(k->text, fs), label_y = box.y + box.h;
	text_wrap(k->text, n, (SDL_Rect){r.x, label_y + (r.y + r.h - label_y - fl) / 2, r.w, fl}, fs, 1, current ? UI_ON_NAVY : UI_NAVY,
		  1, TEXT_CENTER, 1);
}

static void draw_panel(kiosk *k)
{
	reader_state *rd = &k->reader;
	const item *it = &k->items[rd->item];
	ui_dim(k);
	SDL_Rect c = panel_card(k);
	ui_round_rect(k, c, ui_px(k, 16), UI_PAPER);
	int in = ui_px(k, 24), size = ui_font(k, 21);
	const char *title = rd->panel == READER_PANEL_PAGES ? ui_str(k, rd->toc_count ? "contents" : "go_to_page")
							  : ui_title(k, rd->item);
	int lines = rd->panel == READER_PANEL_PAGES ? 1 : 2;
	int y = c.y + ui_px(k, 18);
	y += text_wrap(k->text, title, (SDL_Rect){c.x + in, y, c.w - 2 * in - ui_px(k, 60), 0}, size, 1, UI_INK, lines, TEXT_LEFT, 1);
	ui_button(k, panel_close(k), "×", 1);
	if (rd->panel == READER_PANEL_DETAILS) {
		char authors[512] = "", date[64], topics[512] = "";
		for (int a = 0; a < it->author_count; a++)
			snprintf(authors + strlen(authors), sizeof authors - strlen(authors), "%s%s", a ? ", " : "", it->authors[a]);
		for (int t = 0; t < it->topic_count; t++)
			snprintf(topics + strlen(topics), sizeof topics - strlen(topics), "%s%s", t ? ", " : "", it->topics[t]);
		ui_format_date(k, it->date, date);
		/* Below the title, scrolled when longer than the card (a small screen). */
		int top = SDL_max(y, c.y + ui_px(k, 76)) + ui_px(k, 6), bottom = c.y + c.h - in;
		SDL_Rect fields = {c.x, top, c.w, bottom - top};
		SDL_RenderSetClipRect(k->renderer, &fields);
		y = top - (int)rd->panel_scroll.offset;
		details_line(k, ui_str(k, "details_kind"), ui_kind_label(k, it->kind), c, &y);
		details_line(k, ui_str(k, "details_authors"), authors, c, &y);
		details_line(k, ui_str(k, "details_date"), date, c, &y);
		details_line(k, ui_str(k, "details_topics"), topics, c, &y);
		details_line(k, ui_str(k, "details_source"), it->source, c, &y);
		details_line(k, ui_str(k, "details_summary"), it->summary, c, &y);
		SDL_RenderSetClipRect(k->renderer, NULL);
		rd->panel_scroll.max = (float)SDL_max(0, y + (int)rd->panel_scroll.offset - bottom);
		return;
	}
	SDL_Rect list = {c.x, c.y + ui_px(k, 70), c.w, c.h - ui_px(k, 80)};
	int count = SDL_max(rd->page_count, 0);
	SDL_Rect last = page_rect(k, count - 1);
	rd->panel_scroll.max = SDL_max(0, last.y + last.h + (int)rd->panel_scroll.offset - (list.y + list.h));
	SDL_RenderSetClipRect(k->renderer, &list);
	int first_target = k->target_count;
	for (int i = 0; i < rd->toc_count; i++) {
		SDL_Rect r = toc_rect(k, i);
		if (r.y + r.h < list.y || r.y > list.y + list.h)
			continue;
		ui_target(k, r);
		ui_round_rect(k, r, ui_px(k, 10), ui_pressed(k, r) ? UI_LINE : UI_CARD);
		char num[16];
		snprintf(num, sizeof num, "%d", rd->toc_pages[i] + 1);
		int fs = ui_font(k, 19), fl = text_line_height(k->text, fs), nw = text_width(k->text, num, -1, fs, 0);
		text_draw(k->text, num, r.x + r.w - ui_px(k, 14) - nw, r.y + (r.h - fl) / 2, fs, 0, UI_MUTED);
		text_wrap(k->text, rd->toc_titles[i], (SDL_Rect){r.x + ui_px(k, 14), r.y + (r.h - fl) / 2, r.w - nw - ui_px(k, 40), fl},
			  fs, rd->toc_levels[i] == 0, UI_INK, 1, TEXT_LEFT, 1);
	}
	for (int p = 0; p < count; p++) {
		SDL_Rect r = page_rect(k, p);
		if (r.y + r.h < list.y || r.y > list.y + list.h)
			continue;
		draw_page_thumb(k, p, r);
	}
	ui_targets_within(k, first_target, list);
	SDL_RenderSetClipRect(k->renderer, NULL);
}

static void panel_touch(kiosk *k, const gesture *g)
{
	reader_state *rd = &k->reader;
	if (ui_scroll_touch(&rd->panel_scroll, g, 0))
		return;
	if (g->kind != GESTURE_TAP)
		return;
	if (!ui_hit(panel_card(k), g->x, g->y) || ui_hit(panel_close(k), g->x, g->y)) {
		close_panel(k);
		return;
	}
	int below_title = g->y >= (float)(panel_card(k).y + ui_px(k, 70));
	for (int i = 0; rd->panel == READER_PANEL_PAGES && below_title && i < rd->toc_count; i++)
		if (ui_hit(toc_rect(k, i), g->x, g->y)) {
			close_panel(k);
			jump_to(k, rd->toc_pages[i]);
			return;
		}
	for (int p = 0; rd->panel == READER_PANEL_PAGES && p < rd->page_count; p++)
		if (below_title && ui_hit(page_rect(k, p), g->x, g->y)) {
			close_panel(k);
			jump_to(k, p);
			return;
		}
}

/* --- zoom and pan --- */

/* Keeps the zoomed page covering the area where it can. */
static void clamp_pan(kiosk *k)
{
	reader_state *rd = &k->reader;
	SDL_Texture *tex = page_texture(k, rd->page);
	int w = rd->area.w, h = rd->area.h;
	if (tex)
		SDL_QueryTexture(tex, NULL, NULL, &w, &h);
	float mx = SDL_max(0.0f, ((float)w * rd->zoom - (float)rd->area.w) / 2);
	float my = SDL_max(0.0f, ((float)h * rd->zoom - (float)rd->area.h) / 2);
	rd->pan_x = SDL_clamp(rd->pan_x, -mx, mx);
	rd->pan_y = SDL_clamp(rd->pan_y, -my, my);
}

/* Zoom to z keeping the page point under (x, y) where it is. */
static void zoom_at(kiosk *k, float z, float x, float y)
{
	reader_state *rd = &k->reader;
	z = SDL_clamp(z, 1.0f, ZOOM_MAX);
	float cx = x - (float)(rd->area.x + rd->area.w / 2), cy = y - (float)(rd->area.y + rd->area.h / 2);
	rd->pan_x = cx + (rd->pan_x - cx) * z / rd->zoom;
	rd->pan_y = cy + (rd->pan_y - cy) * z / rd->zoom;
	rd->zoom = z;
	clamp_pan(k);
}

/* Once the zoom is still: the page again, sharp at that size. */
static void request_sharp(kiosk *k)
{
	reader_state *rd = &k->reader;
	if (rd->zoom <= 1.01f) {
		unzoom(k);
		return;
	}
	if (rd->sharp && rd->sharp_page == rd->page && rd->sharp_zoom == rd->zoom)
		return;
	float z = SDL_min(rd->zoom, (float)SHARP_MAX / (float)SDL_max(rd->area.w, rd->area.h));
	rd->sharp_zoom = rd->zoom;
	rd->sharp_request = render_request_marked(k->render, RENDER_OWNER_READER, rd->path, rd->format, rd->page, rd->area.w, rd->area.h, rd->text_scale,
						  (int)((float)rd->area.w * z), (int)((float)rd->area.h * z), rd->highlight, k->access.contrast);
}

/* --- links: a footnote mark shows its note over the page --- */

/* The link on the current page nearest (x, y), within half a fingertip of
 * it (footnote marks are far smaller than a finger): 1 and *out if any. */
static int link_at(kiosk *k, float x, float y, render_link *out)
{
	reader_state *rd = &k->reader;
	int slot = -1;
	for (int i = 0; i < READER_CACHE; i++)
		if (rd->tex[i] && rd->tex_page[i] == rd->page)
			slot = i;
	if (slot < 0 || !rd->link_count[slot] || rd->slide != 0)
		return 0;
	SDL_Rect dst = page_on_screen(k, rd->page, rd->tex[slot], 0);
	int w;
	SDL_QueryTexture(rd->tex[slot], NULL, NULL, &w, NULL);
	float z = (float)dst.w / (float)w, best = (float)ui_target_px(k) / 2;
	int found = 0;
	for (int i = 0; i < rd->link_count[slot]; i++) {
		const render_link *l = &rd->links[slot][i];
		float x0 = (float)dst.x + (float)l->x0 * z, x1 = (float)dst.x + (float)l->x1 * z;
		float y0 = (float)dst.y + (float)l->y0 * z, y1 = (float)dst.y + (float)l->y1 * z;
		float dx = SDL_max(SDL_max(x0 - x, x - x1), 0.0f), dy = SDL_max(SDL_max(y0 - y, y - y1), 0.0f);
		float d = SDL_sqrtf(dx * dx + dy * dy);
		if (d <= best) {
			best = d;
			*out = *l;
			found = 1;
		}
	}
	return found;
}

/* A link further on (a footnote mark) shows what it leads to over the page;
 * a link back (a note's number) simply goes back to the text. */
static void follow_link(kiosk *k, render_link link, float y)
{
	reader_state *rd = &k->reader;
	if (link.page < rd->page) {
		jump_to(k, link.page);
		return;
	}
	close_panel(k);
	rd->note_link = link;
	rd->note_mark_y = (int)y;
	rd->panel = READER_PANEL_NOTE;
	rd->note_request = render_note(k->render, RENDER_OWNER_READER, rd->path, rd->format, rd->area.w, rd->area.h, rd->text_scale, link.page, link.y);
}

enum { NOTE_GO, NOTE_CLOSE };

/* The note's card: above the bottom bar, or under the top bar when the
 * mark is low on the screen, so that the mark stays in sight where it can;
 * as tall as its text (a long note may cover the whole page). */
static SDL_Rect note_card(kiosk *k, int *text_lines)
{
	reader_state *rd = &k->reader;
	int w = SDL_min(k->w - ui_px(k, 24), ui_px(k, 760)), in = ui_px(k, 20);
	int size = ui_font(k, 19), lh = text_line_height(k->text, size), title = ui_font(k, 16);
	int fixed = 3 * in + text_line_height(k->text, title) + ui_px(k, 56);
	int lines = SDL_max(1, (k->h - 2 * ui_px(k, 8) - fixed) / lh);
	const char *text = rd->note_text ? rd->note_text : ui_str(k, "loading");
	int th = text_wrap(k->text, text, (SDL_Rect){0, 0, w - 2 * in, 0}, size, 0, UI_INK, lines, TEXT_LEFT, 0);
	int h = fixed + th + in / 2;
	*text_lines = lines;
	int y = rd->note_mark_y > k->h / 2 ? bar_h(k) + ui_px(k, 8) : k->h - bar_h(k) - ui_px(k, 8) - h;
	y = SDL_clamp(y, ui_px(k, 8), k->h - ui_px(k, 8) - h);
	return (SDL_Rect){(k->w - w) / 2, y, w, h};
}

static SDL_Rect note_button(kiosk *k, int which)
{
	int lines, in = ui_px(k, 20), gap = ui_px(k, 12), h = ui_px(k, 56);
	SDL_Rect c = note_card(k, &lines);
	int w = SDL_min(ui_px(k, 240), (c.w - 2 * in - gap) / 2);
	int x = c.x + c.w - in - w - (which == NOTE_GO ? w + gap : 0);
	return (SDL_Rect){x, c.y + c.h - in - h, w, h};
}

static void draw_note(kiosk *k)
{
	reader_state *rd = &k->reader;
	int lines, in = ui_px(k, 20);
	SDL_Rect c = note_card(k, &lines);
	ui_dim(k);
	ui_round_rect(k, c, ui_px(k, 16), UI_PAPER);
	int y = c.y + in, title = ui_font(k, 16);
	y += text_wrap(k->text, ui_str(k, "footnote_title"), (SDL_Rect){c.x + in, y, c.w - 2 * in, 0}, title, 1, UI_ACCENT, 1,
		       TEXT_LEFT, 1);
	y += in / 2;
	text_wrap(k->text, rd->note_text ? rd->note_text : ui_str(k, "loading"), (SDL_Rect){c.x + in, y, c.w - 2 * in, 0},
		  ui_font(k, 19), 0, rd->note_text ? UI_INK : UI_MUTED, lines, TEXT_LEFT, 1);
	if (rd->note_text)
		ui_button(k, note_button(k, NOTE_GO), ui_str(k, "footnote_go"), 1);
	ui_button(k, note_button(k, NOTE_CLOSE), ui_str(k, "footnote_close"), 0);
}

static void go_to_note(kiosk *k)
{
	reader_state *rd = &k->reader;
	int to = rd->note_link.page;
	close_panel(k);
	jump_to(k, to);
}

static void note_touch(kiosk *k, const gesture *g)
{
	reader_state *rd = &k->reader;
	if (g->kind != GESTURE_TAP)
		return;
	int lines;
	if (rd->note_text && ui_hit(note_button(k, NOTE_GO), g->x, g->y))
		go_to_note(k);
	else if (ui_hit(note_button(k, NOTE_CLOSE), g->x, g->y) || !ui_hit(note_card(k, &lines), g->x, g->y)) {
		close_panel(k);
	}
}

static void reader_tap(kiosk *k, float x, float y)
{
	reader_state *rd = &k->reader;
	if (ui_hit(back_rect(k), x, y)) {
		kiosk_back(k);
		return;
	}
	if (y < (float)bar_h(k)) {
		if (sizable(k) && ui_hit(size_button(k, 0), x, y))
			resize_text(k, -1);
		else if (sizable(k) && ui_hit(size_button(k, 1), x, y))
			resize_text(k, +1);
		else
			ui_lang_tap(k, k->w - ui_px(k, 6), 0, bar_h(k), x, y);
		return;
	}
	if (rd->highlight[0] && y < (float)(bar_h(k) + marks_h(k))) {
		if (ui_hit(mark_button(k, MARK_PREV), x, y))
			find_match(k, rd->page - 1, -1);
		else if (ui_hit(mark_button(k, MARK_NEXT), x, y))
			find_match(k, rd->page + 1, +1);
		else if (ui_hit(mark_button(k, MARK_CLOSE), x, y))
			reader_open(k, rd->item, rd->page, ""); /* the page again, unmarked */
		return;
	}
	if (rd->aloud != READER_ALOUD_OFF && y >= (float)(k->h - bar_h(k))) {
		aloud_tap(k, x, y);
		return;
	}
	if (k->aloud && ui_hit(bottom_button(k, BTN_LISTEN), x, y))
		start_reading(k);
	else if (ui_hit(bottom_button(k, BTN_PREV), x, y))
		turn(k, -1);
	else if (ui_hit(bottom_button(k, BTN_NEXT), x, y))
		turn(k, +1);
	else if (ui_hit(bottom_button(k, BTN_PAGES), x, y) && rd->page_count > 0) {
		rd->panel = READER_PANEL_PAGES;
		rd->panel_scroll = (ui_scroller){0};
		rd->page_thumbs = calloc((size_t)rd->page_count, sizeof *rd->page_thumbs);
		rd->page_thumb_requests = calloc((size_t)rd->page_count, sizeof *rd->page_thumb_requests);
		if (!rd->page_thumbs || !rd->page_thumb_requests)
			drop_page_thumbs(k); /* numbers only */
		/* The contents first when there are any, else scrolled just enough
		 * to show the current page. */
		SDL_Rect r = page_rect(k, rd->page), c = panel_card(k);
		if (!rd->toc_count)
			rd->panel_scroll.offset = (float)SDL_max(0, r.y + r.h - (c.y + c.h - ui_px(k, 10)));
	} else if (ui_hit(bottom_button(k, BTN_FIND), x, y)) {
		search_enter_within(k, rd->item);
	} else if (ui_hit(bottom_button(k, BTN_DETAILS), x, y)) {
		rd->panel = READER_PANEL_DETAILS;
		rd->panel_scroll = (ui_scroller){0};
		kiosk_item_details(k, rd->item);
	} else if (ui_hit(rd->area, x, y)) {
		render_link link = {0};
		if (link_at(k, x, y, &link))
			follow_link(k, link, y);
		else if (rd->zoom > 1)
			return;
		/* The outer quarters of the page turn it, as in a book. */
		else if (x < (float)(rd->area.x + rd->area.w / 4))
			turn(k, -1);
		else if (x > (float)(rd->area.x + rd->area.w * 3 / 4))
			turn(k, +1);
	}
}

static void reader_touch(kiosk *k, const gesture *g)
{
	reader_state *rd = &k->reader;
	if (rd->panel == READER_PANEL_NOTE) {
		note_touch(k, g);
		return;
	}
	if (rd->panel != READER_PANEL_NONE) {
		panel_touch(k, g);
		return;
	}
	int on_page = ui_hit(rd->area, g->x0, g->y0);
	switch (g->kind) {
	case GESTURE_TAP:
		reader_tap(k, g->x, g->y);
		break;
	case GESTURE_DOUBLE_TAP: {
		render_link link;
		if (link_at(k, g->x, g->y, &link)) { /* a link tapped twice is still a link */
			follow_link(k, link, g->y);
			break;
		}
		if (ui_hit(rd->area, g->x, g->y)) {
			if (rd->zoom > 1) {
				unzoom(k);
			} else {
				zoom_at(k, 2.5f, g->x, g->y);
				request_sharp(k);
			}
		}
		break;
	}
	case GESTURE_PINCH:
		if (g->scale == 1) { /* the pinch begins */
			rd->pinch_zoom0 = rd->zoom;
			rd->slide = 0;
			rd->dragging = 0;
		}
		zoom_at(k, rd->pinch_zoom0 * g->scale, g->x, g->y);
		break;
	case GESTURE_PINCH_END:
		request_sharp(k);
		break;
	case GESTURE_DRAG:
		if (!on_page)
			break;
		if (rd->zoom > 1) {
			if (!rd->dragging) {
				rd->dragging = 1;
				rd->pan_x0 = rd->pan_x - g->dx;
				rd->pan_y0 = rd->pan_y - g->dy;
			}
			rd->pan_x = rd->pan_x0 + g->dx;
			rd->pan_y = rd->pan_y0 + g->dy;
			clamp_pan(k);
			break;
		}
		rd->dragging = 1;
		/* Resist at the first and last page. */
		int at_start = rd->page == 0 && g->dx > 0, at_end = rd->page_count >= 0 && rd->page + 1 >= rd->page_count && g->dx < 0;
		rd->slide = at_start || at_end ? g->dx / 4 : g->dx;
		break;
	case GESTURE_RELEASE:
		if (!rd->dragging)
			break;
		rd->dragging = 0;
		if (rd->zoom > 1)
			break;
		float threshold = (float)rd->area.w / 6;
		/* A quick flick turns too, however short. */
		if (rd->slide < -threshold || (g->vx < -0.6f && rd->slide < 0))
			turn(k, +1);
		else if (rd->slide > threshold || (g->vx > 0.6f && rd->slide > 0))
			turn(k, -1);
		break;
	default:
		break;
	}
}

static void reader_key(kiosk *k, SDL_Keycode key)
{
	if (k->reader.panel == READER_PANEL_NOTE) {
		if ((key == SDLK_RETURN || key == SDLK_KP_ENTER) && k->reader.note_text)
			go_to_note(k);
		return;
	}
	if (key == SDLK_RIGHT || key == SDLK_PAGEDOWN || key == SDLK_SPACE)
		turn(k, +1);
	else if (key == SDLK_LEFT || key == SDLK_PAGEUP)
		turn(k, -1);
	else if (key == SDLK_HOME)
		turn(k, -k->reader.page);
	else if (key == SDLK_PLUS || key == SDLK_EQUALS || key == SDLK_KP_PLUS || key == SDLK_MINUS || key == SDLK_KP_MINUS) {
		SDL_Rect a = k->reader.area;
		float z = k->reader.zoom * (key == SDLK_MINUS || key == SDLK_KP_MINUS ? 1 / 1.5f : 1.5f);
		zoom_at(k, z, (float)(a.x + a.w / 2), (float)(a.y + a.h / 2));
		request_sharp(k);
	}
}

static void reader_update(kiosk *k, Uint32 dt)
{
	reader_state *rd = &k->reader;
	if (rd->styled_contrast != k->access.contrast || rd->styled_large_text != k->access.large_text)
		restyle(k);
	aloud_follow(k);
	if (rd->panel)
		ui_scroll_update(&rd->panel_scroll, dt); /* a fling carries on; kept within the list */
	if (rd->dragging || rd->slide == 0)
		return;
	/* Ease the strip back to rest: about 180 ms. */
	rd->slide *= SDL_powf(0.975f, (float)dt);
	if (SDL_fabsf(rd->slide) < 1.0f)
		rd->slide = 0;
}

int reader_page_shown(kiosk *k)
{
	return page_texture(k, k->reader.page) != NULL;
}

static int reader_busy(kiosk *k)
{
	reader_state *rd = &k->reader;
	return rd->slide != 0 || rd->find_request || rd->note_request || rd->aloud_request || rd->sharp_request || rd->keep_place >= 0 ||
	       (!page_texture(k, rd->page) && rd->page != rd->failed_page);
}

static int reader_back(kiosk *k)
{
	if (k->reader.panel == READER_PANEL_NONE)
		return 0;
	close_panel(k);
	return 1;
}

const screen_ops reader_screen = {.name = "reader", .draw = reader_draw, .touch = reader_touch, .update = reader_update,
				  .busy = reader_busy, .key = reader_key, .back = reader_back};
