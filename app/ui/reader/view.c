/* Where the reader's pages go on the screen, and the gestures that move
 * them. A fixed-layout page (a PDF's) is by default fitted to the view's
 * width with its margins cropped, and scrolled by dragging down: the
 * bottom of one page runs on into the top of the next, as on a roll. A
 * page whole is centred, two side by side where the view is wide enough.
 * Sideways swipes turn pages in either way, zoomed or not: a zoomed page
 * pans first, and what is left of the swipe turns it. */
#include "ui/reader/reader.h"

#define ZOOM_MAX 4.0f

int reader_fixed(const kiosk *k)
{
	int index = k->reader->item; /* none yet, before any is opened (an empty archive) */
	return index >= 0 && index < k->item_count && !k->items[index].reflowable;
}

int reader_fits_width(const kiosk *k)
{
	return reader_fixed(k) && k->reader->fit == READER_FIT_WIDTH;
}

static int gap(const kiosk *k)
{
	return ui_px(k, 12);
}

/* Page's size on screen at zoom 1: its texture's, or, until it comes, its
 * neighbours' (the pages of a document are mostly of one size). */
static void page_size(kiosk *k, int page, float *w, float *h)
{
	reader_state *rd = k->reader;
	SDL_Texture *tex = reader_page_texture(k, page);
	for (int i = 0; !tex && i < READER_CACHE; i++)
		tex = rd->tex[i];
	int tw = rd->area.w, th = reader_fits_width(k) ? rd->area.w * 7 / 5 : rd->view.h;
	if (tex)
		SDL_QueryTexture(tex, NULL, NULL, &tw, &th);
	*w = (float)tw;
	*h = (float)th;
}

int reader_spread(kiosk *k)
{
	reader_state *rd = k->reader;
	if (!reader_fixed(k) || rd->fit != READER_FIT_PAGE || rd->zoom > 1 || rd->page_count == 1)
		return 1;
	float w, h;
	page_size(k, rd->page, &w, &h);
	return 2 * w + (float)gap(k) <= (float)rd->view.w ? 2 : 1;
}

/* Keeps the scroll within the document: the current page is the one at
 * the view's top, and the last page's bottom goes no higher than the
 * view's. */
static void settle_scroll(kiosk *k)
{
	reader_state *rd = k->reader;
	if (!reader_fits_width(k)) {
		rd->scroll_y = 0;
		return;
	}
	int before = rd->page;
	float w, h, z = rd->zoom, g = (float)gap(k);
	for (int guard = 0; guard < 64; guard++) {
		page_size(k, rd->page, &w, &h);
		int has_next = rd->page_count < 0 || rd->page + 1 < rd->page_count;
		if (rd->scroll_y >= h * z + g && has_next) {
			rd->scroll_y -= h * z + g;
			rd->page++;
			continue;
		}
		if (rd->scroll_y < 0 && rd->page > 0) {
			rd->page--;
			page_size(k, rd->page, &w, &h);
			rd->scroll_y += h * z + g;
			continue;
		}
		/* Room below the last page: the strip comes down to fill it. */
		float below = -rd->scroll_y;
		int q = rd->page;
		for (; rd->page_count > 0 && q < rd->page_count && below < (float)rd->view.h; q++) {
			page_size(k, q, &w, &h);
			below += h * z + (q + 1 < rd->page_count ? g : 0);
		}
		if (rd->page_count > 0 && q >= rd->page_count && below < (float)rd->view.h - 0.5f && (rd->page > 0 || rd->scroll_y > 0)) {
			rd->scroll_y -= (float)rd->view.h - below;
			rd->scroll_v = 0;
			if (rd->scroll_y < 0 && rd->page == 0)
				rd->scroll_y = 0;
			if (rd->scroll_y >= 0)
				break;
			continue;
		}
		break;
	}
	if (rd->scroll_y < 0) {
		rd->scroll_y = 0;
		rd->scroll_v = 0;
	}
	if (rd->page != before) {
		rd->heading = rd->page < before ? -1 : 1;
		reader_request_around(k);
		if (rd->zoom > 1)
			reader_request_sharp(k);
	}
}

void reader_set_view(kiosk *k)
{
	reader_state *rd = k->reader;
	rd->view = rd->area;
	if (rd->bars_hidden) /* all but the line of progress at the bottom */
		rd->view = (SDL_Rect){0, 0, k->w, k->h - ui_px(k, 4)};
	reader_clamp_pan(k);
	settle_scroll(k);
}

void reader_set_fit(kiosk *k, int fit)
{
	reader_state *rd = k->reader;
	rd->fit = fit;
	reader_unzoom(k);
	rd->scroll_y = rd->scroll_v = 0;
	reader_drop_pages(k);
	reader_relayout(k); /* as many pages kept as fit this way */
	reader_request_around(k);
}

/* Where page goes when the strip (fitted to the width) begins with page
 * first, scrolled by scroll. */
static SDL_Rect strip_rect(kiosk *k, int first, float scroll, int page, int x_offset)
{
	reader_state *rd = k->reader;
	float w, h, z = rd->zoom, y = (float)rd->view.y - scroll;
	for (int q = first; q < page; q++) {
		page_size(k, q, &w, &h);
		y += h * z + (float)gap(k);
	}
	for (int q = first - 1; q >= page; q--) {
		page_size(k, q, &w, &h);
		y -= h * z + (float)gap(k);
	}
	page_size(k, page, &w, &h);
	int zw = (int)(w * z);
	return (SDL_Rect){rd->view.x + (rd->view.w - zw) / 2 + x_offset + (int)rd->pan_x, (int)y, zw, (int)(h * z)};
}

/* Where page goes among whole pages shown from first on (one, or two side
 * by side). */
static SDL_Rect whole_rect(kiosk *k, int first, int page, int x_offset)
{
	reader_state *rd = k->reader;
	SDL_Rect v = rd->view;
	float w, h;
	page_size(k, page, &w, &h);
	int zw = (int)(w * rd->zoom), zh = (int)(h * rd->zoom), x = v.x + (v.w - zw) / 2;
	if (reader_spread(k) == 2) /* the left page ends, the right begins, a gap from the middle */
		x = page == first ? v.x + v.w / 2 - gap(k) / 2 - zw : v.x + v.w / 2 + gap(k) / 2;
	return (SDL_Rect){x + x_offset + (int)rd->pan_x, v.y + (v.h - zh) / 2 + (int)rd->pan_y, zw, zh};
}

SDL_Rect reader_page_on_screen(kiosk *k, int page, SDL_Texture *tex, int x_offset)
{
	reader_state *rd = k->reader;
	if (reader_fits_width(k))
		return strip_rect(k, rd->page, rd->scroll_y, page, x_offset);
	return whole_rect(k, rd->page, page, x_offset);
}

SDL_FRect reader_whole_page_at(kiosk *k, int page, SDL_Rect dst)
{
	render_rect p = reader_page_part(k, page);
	float w = (float)dst.w / (p.x1 - p.x0), h = (float)dst.h / (p.y1 - p.y0);
	return (SDL_FRect){(float)dst.x - p.x0 * w, (float)dst.y - p.y0 * h, w, h};
}

static void draw_page(kiosk *k, int page, SDL_Rect dst)
{
	reader_state *rd = k->reader;
	if (page < 0 || (rd->page_count >= 0 && page >= rd->page_count))
		return;
	SDL_Texture *tex = reader_page_texture(k, page);
	if (tex) {
		/* Zoomed: the sharp render once it is there, the scaled page until then. */
		SDL_Texture *use = rd->zoom > 1 && rd->sharp && rd->sharp_page == page ? rd->sharp : tex;
		SDL_RenderCopy(k->renderer, use, NULL, &dst);
		return;
	}
	const char *msg = page == rd->failed_page ? ui_str(k, "page_error") : ui_str(k, "loading");
	int size = ui_px(k, 20), top = SDL_max(dst.y, rd->view.y), bottom = SDL_min(dst.y + dst.h, rd->view.y + rd->view.h);
	SDL_Rect box = {dst.x + dst.w / 8, (top + bottom) / 2 - size, dst.w * 3 / 4, size * 3};
	text_wrap(k->text, msg, box, size, 0, UI_MUTED, 2, TEXT_CENTER, 1);
}

/* What is shown from first on, moved sideways by x_offset: the strip
 * down to the view's bottom, or the page or two side by side. */
static void draw_shown(kiosk *k, int first, float scroll, int x_offset)
{
	reader_state *rd = k->reader;
	if (reader_fits_width(k)) {
		for (int p = first; rd->page_count < 0 || p < rd->page_count; p++) {
			SDL_Rect dst = strip_rect(k, first, scroll, p, x_offset);
			if (dst.y >= rd->view.y + rd->view.h)
				break;
			draw_page(k, p, dst);
		}
		return;
	}
	for (int p = first; p < first + reader_spread(k); p++)
		draw_page(k, p, whole_rect(k, first, p, x_offset));
}

void reader_draw_pages(kiosk *k)
{
	reader_state *rd = k->reader;
	int step = rd->view.w + ui_px(k, 24), slide = (int)rd->slide, by = reader_spread(k);
	SDL_RenderSetClipRect(k->renderer, &rd->view);
	draw_shown(k, rd->page, rd->scroll_y, slide);
	reader_draw_sentence(k, slide);
	if (slide > 0 && rd->page > 0)
		draw_shown(k, SDL_max(rd->page - by, 0), 0, slide - step);
	if (slide < 0)
		draw_shown(k, rd->page + by, 0, slide + step);
	SDL_RenderSetClipRect(k->renderer, NULL);
}

void reader_show_part(kiosk *k, float top, float bottom)
{
	reader_state *rd = k->reader;
	SDL_Texture *tex = reader_page_texture(k, rd->page);
	if (!reader_fits_width(k) || !tex || rd->dragging || rd->scroll_v != 0)
		return;
	SDL_FRect whole = reader_whole_page_at(k, rd->page, reader_page_on_screen(k, rd->page, tex, 0));
	float y0 = whole.y + top * whole.h, y1 = whole.y + bottom * whole.h, margin = (float)rd->view.h / 6;
	if (y0 >= (float)rd->view.y && y1 <= (float)(rd->view.y + rd->view.h) - margin)
		return;
	rd->scroll_y += y0 - ((float)rd->view.y + margin);
	settle_scroll(k);
}

/* --- zoom and pan --- */

/* Keeps the zoomed page covering the view where it can. */
void reader_clamp_pan(kiosk *k)
{
	reader_state *rd = k->reader;
	float w, h;
	page_size(k, rd->page, &w, &h);
	float mx = SDL_max(0.0f, (w * rd->zoom - (float)rd->view.w) / 2);
	float my = reader_fits_width(k) ? 0 : SDL_max(0.0f, (h * rd->zoom - (float)rd->view.h) / 2);
	rd->pan_x = SDL_clamp(rd->pan_x, -mx, mx);
	rd->pan_y = SDL_clamp(rd->pan_y, -my, my);
}

/* Zoom to z keeping the page point under (x, y) where it is. */
void reader_zoom_at(kiosk *k, float z, float x, float y)
{
	reader_state *rd = k->reader;
	z = SDL_clamp(z, 1.0f, ZOOM_MAX);
	float cx = x - (float)(rd->view.x + rd->view.w / 2), cy = y - (float)(rd->view.y + rd->view.h / 2);
	rd->pan_x = cx + (rd->pan_x - cx) * z / rd->zoom;
	if (reader_fits_width(k)) { /* the strip scrolls instead */
		float down = y - (float)rd->view.y;
		rd->scroll_y = (rd->scroll_y + down) * z / rd->zoom - down;
	} else {
		rd->pan_y = cy + (rd->pan_y - cy) * z / rd->zoom;
	}
	rd->zoom = z;
	reader_clamp_pan(k);
	settle_scroll(k);
}

/* --- touch --- */

void reader_page_tap(kiosk *k, float x, float y)
{
	reader_state *rd = k->reader;
	render_link link = {0};
	if (reader_link_at(k, x, y, &link)) {
		reader_follow_link(k, link, y);
	} else if (x < (float)(rd->view.x + rd->view.w / 4)) { /* the outer quarters turn, as in a book */
		reader_turn_spread(k, -1);
	} else if (x > (float)(rd->view.x + rd->view.w * 3 / 4)) {
		reader_turn_spread(k, +1);
	} else {
		rd->bars_hidden = !rd->bars_hidden;
		reader_set_view(k);
		if (reader_fixed(k) && !reader_fits_width(k)) { /* whole pages fill the new view */
			reader_drop_pages(k);
			reader_drop_sharp(k);
			reader_request_around(k);
		}
	}
}

/* A sideways move of dx: first back to where a slide began, then into a
 * zoomed page's pan, and what is left slides the pages to turn them
 * (resisting at the first and the last). */
static void move_across(kiosk *k, float dx)
{
	reader_state *rd = k->reader;
	if (rd->slide != 0 && (rd->slide > 0) != (dx > 0)) {
		float back = SDL_fabsf(dx) < SDL_fabsf(rd->slide) ? dx : -rd->slide;
		rd->slide += back;
		dx -= back;
	}
	float before = rd->pan_x;
	rd->pan_x += dx;
	reader_clamp_pan(k);
	dx -= rd->pan_x - before;
	int at_start = rd->page == 0 && dx > 0, at_end = rd->page_count >= 0 && rd->page + reader_spread(k) >= rd->page_count && dx < 0;
	rd->slide += at_start || at_end ? dx / 4 : dx;
}

void reader_view_touch(kiosk *k, const gesture *g)
{
	reader_state *rd = k->reader;
	switch (g->kind) {
	case GESTURE_PRESS:
		rd->scroll_v = 0;
		rd->drag_axis = READER_DRAG_NONE;
		rd->drag_dx = rd->drag_dy = 0;
		break;
	case GESTURE_PINCH:
		if (g->scale == 1) { /* the pinch begins */
			rd->pinch_zoom0 = rd->zoom;
			rd->slide = 0;
			rd->dragging = 0;
		}
		rd->pinch_scale = g->scale;
		reader_zoom_at(k, rd->pinch_zoom0 * g->scale, g->x, g->y);
		break;
	case GESTURE_PINCH_END:
		if (reader_fixed(k))
			reader_request_sharp(k);
		else
			reader_pinch_text(k, rd->pinch_scale);
		break;
	case GESTURE_DRAG: {
		if (!ui_hit(rd->view, g->x0, g->y0))
			break;
		float dx = g->dx - rd->drag_dx, dy = g->dy - rd->drag_dy;
		rd->drag_dx = g->dx;
		rd->drag_dy = g->dy;
		rd->dragging = 1;
		if (rd->drag_axis == READER_DRAG_NONE) /* a roll goes down or across, not both */
			rd->drag_axis = reader_fits_width(k) && SDL_fabsf(g->dy) > SDL_fabsf(g->dx) ? READER_DRAG_DOWN : READER_DRAG_ACROSS;
		if (rd->drag_axis == READER_DRAG_DOWN) {
			rd->scroll_y -= dy;
			settle_scroll(k);
			break;
		}
		if (!reader_fits_width(k)) {
			rd->pan_y += dy;
			reader_clamp_pan(k);
		}
		move_across(k, dx);
		break;
	}
	case GESTURE_RELEASE: {
		if (!rd->dragging)
			break;
		rd->dragging = 0;
		if (rd->drag_axis == READER_DRAG_DOWN) {
			rd->scroll_v = -g->vy; /* carries on at the finger's speed */
			break;
		}
		float threshold = (float)rd->view.w / 6;
		/* A quick flick turns too, however short. */
		if (rd->slide < -threshold || (g->vx < -0.6f && rd->slide < 0))
			reader_turn_spread(k, +1);
		else if (rd->slide > threshold || (g->vx > 0.6f && rd->slide > 0))
			reader_turn_spread(k, -1);
		break;
	}
	default:
		break;
	}
}

int reader_view_update(kiosk *k, Uint32 dt)
{
	reader_state *rd = k->reader;
	if (rd->scroll_v == 0 || rd->dragging)
		return 0;
	rd->scroll_y += rd->scroll_v * (float)dt;
	rd->scroll_v *= SDL_powf(0.995f, (float)dt);
	if (SDL_fabsf(rd->scroll_v) < 0.02f)
		rd->scroll_v = 0;
	settle_scroll(k);
	return rd->scroll_v != 0;
}
