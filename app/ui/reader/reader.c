/* The reader: one page at a time, fitted to the screen and rendered at its
 * real pixel size. Swipe (the page follows the finger), tap the page's
 * edges, the arrow keys or the bottom buttons turn pages. Pinch or
 * double-tap zooms (the page is rendered again, sharp, at the new size) and
 * one finger then pans. Words from a search are marked on the page, with
 * buttons to the next and previous match. The bottom bar opens the page
 * grid (jump to a page) and the item's details. This file is the screen:
 * its bars, and each touch handed to the part of the reader it is for. */
#include "ui/reader/reader.h"
#include "ui/nav.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int reader_bar_h(const kiosk *k)
{
	return ui_px(k, 64);
}

static SDL_Rect back_rect(const kiosk *k)
{
	int in = ui_px(k, 6);
	return (SDL_Rect){in, in, ui_px(k, 130), reader_bar_h(k) - 2 * in};
}

/* Text size, for reflowable documents: two buttons left of the languages. */
#define TEXT_STEPS 5
static const float text_steps[TEXT_STEPS] = {0.85f, 1.0f, 1.2f, 1.45f, 1.75f};
/* Where documents start for a visitor who chose larger text. */
#define LARGE_TEXT_SCALE 1.2f

static int sizable(const kiosk *k)
{
	return k->items[k->reader->item].reflowable;
}

static SDL_Rect size_button(const kiosk *k, int bigger)
{
	int in = ui_px(k, 6), s = reader_bar_h(k) - 2 * in;
	int lang_x = ui_lang_buttons((kiosk *)k, k->w - ui_px(k, 6), 0, reader_bar_h(k), 0);
	return (SDL_Rect){lang_x - ui_px(k, 12) - (bigger ? 1 : 2) * (s + in), in, s, s};
}

static void open_at(kiosk *k, int index, int page, const char *highlight, int same_visit);

static void resize_text(kiosk *k, int step)
{
	reader_state *rd = k->reader;
	int at = 0;
	while (at < TEXT_STEPS - 1 && text_steps[at] < rd->text_scale - 0.01f)
		at++;
	at = SDL_clamp(at + step, 0, TEXT_STEPS - 1);
	if (text_steps[at] == rd->text_scale)
		return;
	float place = rd->page_count > 0 ? ((float)rd->page + 0.5f) / (float)rd->page_count : 0;
	rd->text_scale = text_steps[at];
	open_at(k, rd->item, 0, rd->highlight, 1);
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
	int in = ui_px(k, 6), y = k->h - reader_bar_h(k) + in, h = reader_bar_h(k) - 2 * in;
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

/* The search bar, under the top bar while words are marked. */
int reader_marks_h(const kiosk *k)
{
	return k->reader->highlight[0] ? ui_px(k, 60) : 0;
}

enum { MARK_PREV, MARK_NEXT, MARK_CLOSE };

static SDL_Rect mark_button(const kiosk *k, int i)
{
	int in = ui_px(k, 5), y = reader_bar_h(k) + in, h = reader_marks_h(k) - 2 * in, close = ui_px(k, 56);
	int w = SDL_min(ui_px(k, 200), (k->w - close - 4 * in) / 3);
	if (i == MARK_CLOSE)
		return (SDL_Rect){k->w - in - close, y, close, h};
	return (SDL_Rect){k->w - 2 * in - close - (2 - i) * (w + in), y, w, h};
}

static void find_match(kiosk *k, int from, int step)
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
	if (!same_visit) { /* a new visit: the usual size, or larger for a visitor who asked */
		rd->text_scale = k->access.large_text ? LARGE_TEXT_SCALE : 1;
		rd->keep_place = -1;
	}
	if (rd->aloud != READER_ALOUD_OFF) /* another document, or the same laid out anew */
		reader_stop_reading(k);
	reader_drop_pages(k);
	reader_unzoom(k);
	reader_close_panel(k);
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
	reader_drop_toc(k);
	rd->toc_request = render_outline(k->render, RENDER_OWNER_READER, rd->path, rd->format, rd->area.w, rd->area.h, rd->text_scale);
	if (page < 0 && rd->open_passage >= 0)
		rd->find_request = render_find_passage(k->render, RENDER_OWNER_READER, rd->path, rd->format, rd->area.w, rd->area.h, rd->text_scale,
						       rd->open_passage, rd->highlight);
	else if (page < 0 && rd->highlight[0])
		find_match(k, 0, +1); /* the first page with a match, at this layout */
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

/* Shown again (Back from Search in it): its pages were let go, so it is
 * opened again where the visitor was. */
static void reader_resume(kiosk *k)
{
	open_at(k, k->reader->item, k->reader->page, k->reader->highlight, 1);
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
	if (text_size_changed && sizable(k)) {
		float place = rd->page_count > 0 ? ((float)rd->page + 0.5f) / (float)rd->page_count : 0;
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
			reader_unzoom(k);
		}
		reader_request_around(k);
		return;
	}
	if (!reader_panels_on_render(k, res))
		reader_pages_on_render(k, res);
}

/* "Next page ›" where it fits whole in its button, else the arrow alone. */
static const char *turn_label(kiosk *k, int button, const char *label, const char *arrow)
{
	SDL_Rect r = bottom_button(k, button);
	int fits = wide_bar(k) && text_width(k->text, label, -1, ui_font(k, 20), 1) <= r.w - ui_px(k, 20);
	return fits ? label : arrow;
}

static void draw_bottom_bar(kiosk *k);

static void reader_draw(kiosk *k)
{
	reader_state *rd = k->reader;
	ui_fill(k, (SDL_Rect){0, 0, k->w, k->h}, UI_SHADE);
	SDL_RenderSetClipRect(k->renderer, &rd->area);
	int step = rd->area.w + ui_px(k, 24), slide = (int)rd->slide;
	reader_draw_page(k, rd->page, slide);
	reader_draw_sentence(k, slide);
	if (slide > 0)
		reader_draw_page(k, rd->page - 1, slide - step);
	if (slide < 0)
		reader_draw_page(k, rd->page + 1, slide + step);
	SDL_RenderSetClipRect(k->renderer, NULL);

	/* Top bar: back, the title, the languages. */
	int bh = reader_bar_h(k);
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
	/* The title, on two smaller lines where one would cut it; none where
	 * even that would leave a word or two (the cover has shown it whole). */
	int tx = back.x + back.w + ui_px(k, 12), room = lang_x - tx - ui_px(k, 10);
	const char *title = ui_title(k, rd->item);
	if (text_width(k->text, title, -1, size, 1) > room) {
		size = ui_font(k, 16);
		lh = text_line_height(k->text, size);
		if (room >= ui_px(k, 150))
			text_wrap(k->text, title, (SDL_Rect){tx, (bh - 2 * lh) / 2, room, 2 * lh}, size, 1, UI_ON_NAVY, 2, TEXT_LEFT, 1);
		size = ui_font(k, 19);
		lh = text_line_height(k->text, size);
	} else {
		text_wrap(k->text, title, (SDL_Rect){tx, (bh - lh) / 2, room, lh}, size, 1, UI_ON_NAVY, 1, TEXT_LEFT, 1);
	}

	if (rd->highlight[0]) {
		int my = bh, mh = reader_marks_h(k);
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
	reader_draw_aloud_notice(k);
	if (rd->aloud != READER_ALOUD_OFF) {
		reader_draw_aloud_bar(k);
	} else {
		draw_bottom_bar(k);
	}
	if (rd->panel == READER_PANEL_NOTE)
		reader_draw_note(k);
	else if (rd->panel != READER_PANEL_NONE)
		reader_draw_panel(k);
}

static void draw_bottom_bar(kiosk *k)
{
	reader_state *rd = k->reader;
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

static void reader_tap(kiosk *k, float x, float y)
{
	reader_state *rd = k->reader;
	if (ui_hit(back_rect(k), x, y)) {
		nav_back(k);
		return;
	}
	if (y < (float)reader_bar_h(k)) {
		if (sizable(k) && ui_hit(size_button(k, 0), x, y))
			resize_text(k, -1);
		else if (sizable(k) && ui_hit(size_button(k, 1), x, y))
			resize_text(k, +1);
		else
			ui_lang_tap(k, k->w - ui_px(k, 6), 0, reader_bar_h(k), x, y);
		return;
	}
	if (rd->highlight[0] && y < (float)(reader_bar_h(k) + reader_marks_h(k))) {
		if (ui_hit(mark_button(k, MARK_PREV), x, y))
			find_match(k, rd->page - 1, -1);
		else if (ui_hit(mark_button(k, MARK_NEXT), x, y))
			find_match(k, rd->page + 1, +1);
		else if (ui_hit(mark_button(k, MARK_CLOSE), x, y))
			open_at(k, rd->item, rd->page, "", 1); /* the page again, unmarked */
		return;
	}
	if (rd->aloud != READER_ALOUD_OFF && y >= (float)(k->h - reader_bar_h(k))) {
		reader_aloud_tap(k, x, y);
		return;
	}
	if (k->aloud && ui_hit(bottom_button(k, BTN_LISTEN), x, y))
		reader_start_reading(k);
	else if (ui_hit(bottom_button(k, BTN_PREV), x, y))
		reader_turn(k, -1);
	else if (ui_hit(bottom_button(k, BTN_NEXT), x, y))
		reader_turn(k, +1);
	else if (ui_hit(bottom_button(k, BTN_PAGES), x, y) && rd->page_count > 0)
		reader_open_pages(k);
	else if (ui_hit(bottom_button(k, BTN_FIND), x, y)) {
		nav_search(k, rd->item);
	} else if (ui_hit(bottom_button(k, BTN_DETAILS), x, y)) {
		rd->panel = READER_PANEL_DETAILS;
		rd->panel_scroll = (ui_scroller){0};
		kiosk_item_details(k, rd->item);
	} else if (ui_hit(rd->area, x, y)) {
		render_link link = {0};
		if (reader_link_at(k, x, y, &link))
			reader_follow_link(k, link, y);
		else if (rd->zoom > 1)
			return;
		/* The outer quarters of the page turn it, as in a book. */
		else if (x < (float)(rd->area.x + rd->area.w / 4))
			reader_turn(k, -1);
		else if (x > (float)(rd->area.x + rd->area.w * 3 / 4))
			reader_turn(k, +1);
	}
}

static void reader_touch(kiosk *k, const gesture *g)
{
	reader_state *rd = k->reader;
	if (rd->panel == READER_PANEL_NOTE) {
		reader_note_touch(k, g);
		return;
	}
	if (rd->panel != READER_PANEL_NONE) {
		reader_panel_touch(k, g);
		return;
	}
	int on_page = ui_hit(rd->area, g->x0, g->y0);
	switch (g->kind) {
	case GESTURE_TAP:
		reader_tap(k, g->x, g->y);
		break;
	case GESTURE_DOUBLE_TAP: {
		render_link link;
		if (reader_link_at(k, g->x, g->y, &link)) { /* a link tapped twice is still a link */
			reader_follow_link(k, link, g->y);
			break;
		}
		if (ui_hit(rd->area, g->x, g->y)) {
			if (rd->zoom > 1) {
				reader_unzoom(k);
			} else {
				reader_zoom_at(k, 2.5f, g->x, g->y);
				reader_request_sharp(k);
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
		reader_zoom_at(k, rd->pinch_zoom0 * g->scale, g->x, g->y);
		break;
	case GESTURE_PINCH_END:
		reader_request_sharp(k);
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
			reader_clamp_pan(k);
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
			reader_turn(k, +1);
		else if (rd->slide > threshold || (g->vx > 0.6f && rd->slide > 0))
			reader_turn(k, -1);
		break;
	default:
		break;
	}
}

static void reader_key(kiosk *k, SDL_Keycode key)
{
	if (k->reader->panel == READER_PANEL_NOTE) {
		if ((key == SDLK_RETURN || key == SDLK_KP_ENTER) && k->reader->note_text)
			reader_go_to_note(k);
		return;
	}
	if (key == SDLK_RIGHT || key == SDLK_PAGEDOWN || key == SDLK_SPACE)
		reader_turn(k, +1);
	else if (key == SDLK_LEFT || key == SDLK_PAGEUP)
		reader_turn(k, -1);
	else if (key == SDLK_HOME)
		reader_turn(k, -k->reader->page);
	else if (key == SDLK_PLUS || key == SDLK_EQUALS || key == SDLK_KP_PLUS || key == SDLK_MINUS || key == SDLK_KP_MINUS) {
		SDL_Rect a = k->reader->area;
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
	return rd->slide != 0 || rd->find_request || rd->note_request || rd->aloud_request || rd->sharp_request || rd->keep_place >= 0 ||
	       (!reader_page_texture(k, rd->page) && rd->page != rd->failed_page);
}

static int reader_back(kiosk *k)
{
	if (k->reader->panel == READER_PANEL_NONE)
		return 0;
	reader_close_panel(k);
	return 1;
}

const screen_ops reader_screen = {.name = "reader", .flags = SCREEN_KEEPS_ALOUD | SCREEN_ZOOMS, .init = reader_init,
				  .open = reader_open, .leave = reader_close, .resume = reader_resume, .back = reader_back,
				  .draw = reader_draw, .touch = reader_touch, .key = reader_key, .update = reader_update,
				  .busy = reader_busy, .on_render = reader_on_render, .resize = reader_resize,
				  .items_changed = reader_close, .free = reader_free};
