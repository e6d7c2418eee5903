/* The reader: a fixed-layout page (a PDF's) fitted to the screen's width
 * with its margins cropped and scrolled down into the next, or whole (two
 * side by side where they fit); a reflowable document laid out to the
 * screen, a page at a time; each rendered at its real pixel size. Swipe
 * (the page follows the finger), tap the page's outer quarters, the arrow
 * keys or the bottom buttons turn pages. On a fixed page, pinch or + and -
 * zoom (the page is rendered again, sharp, at the new size), and the zoom
 * stays from page to page; "Whole page" goes back. On reflowed text a pinch
 * sets the text size, so that its lines never run off the screen. A tap in the page's middle hides the
 * bars, another brings them back. Words from a search are marked on the
 * page, with buttons to the next and previous match. The bottom bar opens
 * the page grid (jump to a page) and the item's details. This file is the
 * screen: opening a document, what the render service answers, keys, and
 * each touch handed to the part of the reader it is for. */
#include "ui/reader/reader.h"
#include "ui/nav.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Text size, for reflowable documents: two buttons left of the languages. */
#define TEXT_STEPS 5
static const float text_steps[TEXT_STEPS] = {0.85f, 1.0f, 1.2f, 1.45f, 1.75f};
/* Where documents start for a visitor who chose larger text. */
#define LARGE_TEXT_SCALE 1.2f

static void open_at(kiosk *k, int index, int page, const char *highlight, int same_visit);

/* Where the page being read is, as a part of the whole (its middle: a
 * size and back comes to the same page), to show the page that holds that
 * place once laid out anew. The first page stays first: a title's page. */
static float reading_place(const reader_state *rd)
{
	return rd->page_count > 0 && rd->page > 0 ? ((float)rd->page + 0.5f) / (float)rd->page_count : 0;
}

void reader_resize_text(kiosk *k, int step)
{
	reader_state *rd = k->reader;
	int at = 0;
	while (at < TEXT_STEPS - 1 && text_steps[at] < rd->text_scale - 0.01f)
		at++;
	at = SDL_clamp(at + step, 0, TEXT_STEPS - 1);
	if (text_steps[at] == rd->text_scale)
		return;
	float place = reading_place(rd);
	rd->text_scale = text_steps[at];
	open_at(k, rd->item, 0, rd->highlight, 1);
	rd->keep_place = place;
}

void reader_pinch_text(kiosk *k, float scale)
{
	reader_state *rd = k->reader;
	float want = rd->text_scale * scale;
	int at = 0;
	for (int i = 1; i < TEXT_STEPS; i++)
		if (SDL_fabsf(text_steps[i] - want) < SDL_fabsf(text_steps[at] - want))
			at = i;
	reader_unzoom(k);
	int now = 0;
	while (now < TEXT_STEPS - 1 && text_steps[now] < rd->text_scale - 0.01f)
		now++;
	reader_resize_text(k, at - now);
}

void reader_find_match(kiosk *k, int from, int step)
{
	reader_state *rd = k->reader;
	rd->find_request = render_find(k->render, RENDER_OWNER_READER, rd->path, rd->format, rd->area.w, rd->area.h, rd->text_scale, rd->highlight,
				       from, step);
}

/* Opens item index at page (from 0; the same document at the same size
 * has the same pages; -1: where open_passage is, or the first match),
 * marking the words of highlight ("" none). A visit that goes on (the
 * same document laid out anew) keeps the visitor's text size. */
static void open_at(kiosk *k, int index, int page, const char *highlight, int same_visit)
{
	reader_state *rd = k->reader;
	if (rd->highlight != highlight)
		snprintf(rd->highlight, sizeof rd->highlight, "%s", highlight ? highlight : "");
	if (!same_visit) { /* a new visit: the usual size, or larger for a visitor who asked; fitted to the width, the bars shown */
		rd->text_scale = k->access.large_text ? LARGE_TEXT_SCALE : 1;
		rd->keep_place = -1;
		rd->fit = READER_FIT_WIDTH;
		rd->bars_hidden = 0;
		reader_unzoom(k);
	}
	if (rd->aloud != READER_ALOUD_OFF) /* another document, or the same laid out anew */
		reader_stop_reading(k);
	reader_drop_pages(k);
	reader_drop_sharp(k);
	reader_close_panel(k);
	rd->item = index;
	rd->page = page < 0 ? 0 : page;
	rd->scroll_y = rd->scroll_v = 0;
	rd->page_count = -1;
	rd->failed_page = -1;
	rd->slide = 0;
	rd->dragging = 0;
	rd->find_request = 0;
	kiosk_doc_path(k, index, rd->path);
	snprintf(rd->format, sizeof rd->format, "%s", k->items[index].format);
	reader_relayout(k);
	render_cancel(k->render, RENDER_OWNER_READER);
	reader_drop_toc(k);
	rd->toc_request = render_outline(k->render, RENDER_OWNER_READER, rd->path, rd->format, rd->area.w, rd->area.h, rd->text_scale);
	if (page < 0 && rd->open_passage >= 0)
		rd->find_request = render_find_passage(k->render, RENDER_OWNER_READER, rd->path, rd->format, rd->area.w, rd->area.h, rd->text_scale,
						       rd->open_passage, rd->highlight);
	else if (page < 0 && rd->highlight[0])
		reader_find_match(k, 0, +1); /* the first page with a match, at this layout */
	else
		reader_request_around(k);
	rd->open_passage = -1;
	rd->styled_contrast = k->access.contrast;
	rd->styled_large_text = k->access.large_text;
}

static void reader_open(kiosk *k, const screen_args *a)
{
	int index = a->reader.item, passage = a->reader.passage;
	const char *highlight = a->reader.highlight ? a->reader.highlight : "";
	int same_visit = a->from == SCREEN_READER || a->from == SCREEN_IMPORT ||
			 (a->from == SCREEN_SEARCH && search_within(k) == index);
	if (!(a->from == SCREEN_SEARCH && search_within(k) == index))
		k->reader->search_from_page = -1; /* not a result of a search in it */
	/* A fixed document's passages are its pages; a reflowable one's page
	 * is found by the render service at the reader's layout. */
	if (passage >= 0 && !k->items[index].reflowable) {
		open_at(k, index, passage, highlight, same_visit);
	} else if (passage >= 0) {
		k->reader->open_passage = passage;
		open_at(k, index, -1, highlight, same_visit);
	} else {
		open_at(k, index, a->reader.page, highlight, same_visit);
	}
	if (a->reader.listen && k->aloud) /* Listen on the cover */
		reader_start_reading(k);
}

void reader_search_within(kiosk *k)
{
	reader_state *rd = k->reader;
	rd->search_from_page = rd->page;
	snprintf(rd->search_from_highlight, sizeof rd->search_from_highlight, "%s", rd->highlight);
	nav_search(k, rd->item);
}

/* Shown again (Back from Search in it): its pages were let go, so it is
 * opened again where the visitor was reading before that search (not at
 * the last match a result opened on), with what was marked then. */
static void reader_resume(kiosk *k)
{
	reader_state *rd = k->reader;
	if (rd->search_from_page >= 0) {
		int page = rd->search_from_page;
		rd->search_from_page = -1;
		open_at(k, rd->item, page, rd->search_from_highlight, 1);
		return;
	}
	open_at(k, rd->item, rd->page, rd->highlight, 1);
}

static void reader_resize(kiosk *k)
{
	reader_relayout(k);
	if (k->screen == SCREEN_READER)
		open_at(k, k->reader->item, 0, k->reader->highlight, 1);
}

static int reader_init(kiosk *k)
{
	if (!(k->reader = calloc(1, sizeof *k->reader)))
		return -1;
	k->reader->open_passage = -1;
	k->reader->search_from_page = -1;
	k->reader->preview_page = -1;
	return 0;
}

static void reader_free(kiosk *k)
{
	if (!k->reader)
		return;
	if (k->render)
		reader_close(k);
	free(k->reader);
	k->reader = NULL;
}

int reader_item(const kiosk *k)
{
	return k->reader->item;
}

int reader_page(const kiosk *k)
{
	return k->reader->page;
}

/* The visitor changed the contrast or the text size (the access panel):
 * pages are drawn anew, a reflowable document laid out at the new size
 * where the visitor was. */
static void restyle(kiosk *k)
{
	reader_state *rd = k->reader;
	int text_size_changed = rd->styled_large_text != k->access.large_text;
	reader_relayout(k); /* the bars follow the text size */
	if (text_size_changed && !reader_fixed(k)) {
		float place = reading_place(rd);
		rd->text_scale = k->access.large_text ? LARGE_TEXT_SCALE : 1;
		open_at(k, rd->item, 0, rd->highlight, 1);
		rd->keep_place = place;
	} else { /* the same pages in other colours: reading aloud goes on */
		reader_drop_pages(k);
		reader_drop_sharp(k);
		if (rd->panel == READER_PANEL_PAGES)
			reader_close_panel(k);
		reader_request_around(k);
		rd->styled_contrast = k->access.contrast; /* reader_open does this in the other case */
		rd->styled_large_text = k->access.large_text;
	}
}

void reader_close(kiosk *k)
{
	reader_stop_reading(k);
	k->reader->aloud_notice[0] = 0;
	reader_drop_pages(k);
	reader_drop_sharp(k);
	reader_drop_toc(k);
	reader_close_panel(k);
	render_cancel(k->render, RENDER_OWNER_READER);
	k->reader->highlight[0] = 0;
}

/* A request of the reader's cancelled (by opening or closing a document,
 * or a full queue) is forgotten, so that what wants it asks again. */
static void forget_request(kiosk *k, int id)
{
	reader_state *rd = k->reader;
	for (int i = 0; i < READER_CACHE; i++)
		if (rd->request[i] == id)
			rd->request[i] = 0;
	for (int p = 0; rd->page_thumbs && p < rd->page_count; p++)
		if (rd->page_thumb_requests[p] == id)
			rd->page_thumb_requests[p] = 0;
	if (rd->toc_request == id)
		rd->toc_request = 0;
	if (rd->preview_request == id)
		rd->preview_request = 0;
	if (rd->note_request == id)
		rd->note_request = 0;
	if (rd->sharp_request == id)
		rd->sharp_request = 0;
	if (rd->find_request == id) {
		rd->find_request = 0;
		reader_request_around(k);
	}
	if (rd->aloud_request == id) {
		rd->aloud_request = 0;
		if (rd->aloud == READER_ALOUD_LOADING)
			reader_ask_sentences(k);
	}
}

static void reader_on_render(kiosk *k, render_result *res)
{
	reader_state *rd = k->reader;
	if (res->owner != RENDER_OWNER_READER)
		return;
	if (res->cancelled) {
		forget_request(k, res->request);
		return;
	}
	if (res->request == rd->aloud_request) {
		reader_on_sentences(k, res);
		return;
	}
	if (res->request == rd->find_request) {
		rd->find_request = 0;
		if (res->page >= 0 && res->page != rd->page) {
			rd->page = res->page;
			rd->scroll_y = rd->scroll_v = 0; /* from its top */
			reader_unzoom(k);
		}
		reader_request_around(k);
		return;
	}
	if (!reader_panels_on_render(k, res))
		reader_pages_on_render(k, res);
}

void reader_unmark(kiosk *k)
{
	open_at(k, k->reader->item, k->reader->page, "", 1);
}

/* Drawn whole, and tapped where drawn: the pages, the bars over them and
 * their buttons, then a tap that no button took is the page's. */
static void reader_draw(kiosk *k)
{
	reader_state *rd = k->reader;
	ui_fill(k, (SDL_Rect){0, 0, k->w, k->h}, UI_SHADE);
	int panel_tap = rd->panel != READER_PANEL_NONE && k->tap.pending; /* what is open over the page takes it */
	if (panel_tap)
		k->tap.pending = 0;
	reader_draw_pages(k);
	float x = k->tap.x, y = k->tap.y;
	reader_draw_bars(k);
	if (k->screen == SCREEN_READER && ui_tapped(k, rd->view))
		reader_page_tap(k, x, y);
	k->tap.pending = k->tap.pending || panel_tap;
	if (rd->panel == READER_PANEL_NOTE)
		reader_draw_note(k);
	else if (rd->panel != READER_PANEL_NONE)
		reader_draw_panel(k);
}

/* Gestures only: taps are the buttons' and the page's, in reader_draw. */
static void reader_touch(kiosk *k, const gesture *g)
{
	reader_state *rd = k->reader;
	if (rd->panel != READER_PANEL_NONE) {
		if (rd->panel != READER_PANEL_NOTE) /* the note has only buttons */
			reader_panel_touch(k, g);
		if (rd->panel == READER_PANEL_NONE)
			k->tap.pending = 0; /* the tap that closed it is not the page's */
		return;
	}
	reader_view_touch(k, g);
}

static void reader_key(kiosk *k, SDL_Keycode key)
{
	if (k->reader->panel == READER_PANEL_NOTE) {
		if ((key == SDLK_RETURN || key == SDLK_KP_ENTER) && k->reader->note_text)
			reader_go_to_note(k);
		return;
	}
	if (key == SDLK_RIGHT || key == SDLK_PAGEDOWN || key == SDLK_SPACE)
		reader_turn_spread(k, +1);
	else if (key == SDLK_LEFT || key == SDLK_PAGEUP)
		reader_turn_spread(k, -1);
	else if (key == SDLK_HOME)
		reader_turn(k, -k->reader->page);
	else if (key == SDLK_PLUS || key == SDLK_EQUALS || key == SDLK_KP_PLUS || key == SDLK_MINUS || key == SDLK_KP_MINUS) {
		if (!reader_fixed(k)) { /* reflowed text: its size, as A- and A+ */
			reader_resize_text(k, key == SDLK_MINUS || key == SDLK_KP_MINUS ? -1 : +1);
			return;
		}
		SDL_Rect a = k->reader->view;
		float z = k->reader->zoom * (key == SDLK_MINUS || key == SDLK_KP_MINUS ? 1 / 1.5f : 1.5f);
		reader_zoom_at(k, z, (float)(a.x + a.w / 2), (float)(a.y + a.h / 2));
		reader_request_sharp(k);
	}
}

static void reader_update(kiosk *k, Uint32 dt)
{
	reader_state *rd = k->reader;
	if (rd->styled_contrast != k->access.contrast || rd->styled_large_text != k->access.large_text)
		restyle(k);
	reader_aloud_follow(k);
	if (rd->panel)
		ui_scroll_update(&rd->panel_scroll, dt); /* a fling carries on; kept within the list */
	reader_view_update(k, dt);
	if (rd->dragging || rd->slide == 0)
		return;
	/* Ease the strip back to rest: about 180 ms. */
	rd->slide *= SDL_powf(0.975f, (float)dt);
	if (SDL_fabsf(rd->slide) < 1.0f)
		rd->slide = 0;
}

int reader_page_shown(kiosk *k)
{
	return reader_page_texture(k, k->reader->page) != NULL;
}

int reader_listening(const kiosk *k)
{
	return k->screen == SCREEN_READER &&
	       (k->reader->aloud == READER_ALOUD_PLAYING || k->reader->aloud == READER_ALOUD_LOADING);
}

static int reader_busy(kiosk *k)
{
	reader_state *rd = k->reader;
	return rd->slide != 0 || rd->scroll_v != 0 || rd->find_request || rd->note_request || rd->aloud_request || rd->sharp_request || rd->keep_place >= 0 ||
	       (!reader_page_texture(k, rd->page) && rd->page != rd->failed_page);
}

static int reader_back(kiosk *k)
{
	if (k->reader->panel == READER_PANEL_NONE)
		return 0;
	reader_close_panel(k);
	return 1;
}

const screen_ops reader_screen = {.name = "reader", .flags = SCREEN_KEEPS_ALOUD | SCREEN_TAPS_IN_DRAW, .init = reader_init,
				  .open = reader_open, .leave = reader_close, .resume = reader_resume, .back = reader_back,
				  .draw = reader_draw, .touch = reader_touch, .key = reader_key, .update = reader_update,
				  .busy = reader_busy, .on_render = reader_on_render, .resize = reader_resize,
				  .items_changed = reader_close, .free = reader_free};
