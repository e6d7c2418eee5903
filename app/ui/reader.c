/* The reader: one page at a time, fitted to the screen and rendered at its
 * real pixel size. Swipe (the page follows the finger), tap the page's
 * edges, the arrow keys or the bottom buttons turn pages; the back button
 * returns Home. Pages come from the render service; neighbours are
 * prefetched so that a turn shows a page at once. */
#include "ui/ui.h"
#include "ui/strings.h"

#include <stdio.h>
#include <string.h>

static int bar_h(const kiosk *k)
{
	return ui_px(k, 64);
}

static SDL_Rect back_rect(const kiosk *k)
{
	return (SDL_Rect){0, 0, ui_px(k, 150), bar_h(k)};
}

static SDL_Rect prev_rect(const kiosk *k)
{
	int w = k->w / 3;
	return (SDL_Rect){0, k->h - bar_h(k), w, bar_h(k)};
}

static SDL_Rect next_rect(const kiosk *k)
{
	int w = k->w / 3;
	return (SDL_Rect){k->w - w, k->h - bar_h(k), w, bar_h(k)};
}

void reader_relayout(kiosk *k)
{
	reader_state *rd = &k->reader;
	rd->area = (SDL_Rect){0, bar_h(k), k->w, k->h - 2 * bar_h(k)};
}

static void drop_pages(kiosk *k)
{
	reader_state *rd = &k->reader;
	for (int i = 0; i < READER_CACHE; i++) {
		if (rd->tex[i])
			SDL_DestroyTexture(rd->tex[i]);
		rd->tex[i] = NULL;
		rd->tex_page[i] = -1;
		rd->request[i] = 0;
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
			rd->request[i] = render_request(k->render, rd->path, rd->format, page, rd->area.w, rd->area.h,
							rd->area.w, rd->area.h);
			rd->request_page[i] = page;
			return;
		}
}

/* The current page last: the service serves the newest request first. */
static void request_around(kiosk *k)
{
	int p = k->reader.page;
	request_page(k, p + 2);
	request_page(k, p - 1);
	request_page(k, p + 1);
	request_page(k, p);
}

void reader_open(kiosk *k, int index, int page)
{
	reader_state *rd = &k->reader;
	drop_pages(k);
	rd->item = index;
	rd->page = page;
	rd->page_count = -1;
	rd->failed_page = -1;
	rd->slide = 0;
	rd->dragging = 0;
	kiosk_doc_path(k, index, rd->path);
	snprintf(rd->format, sizeof rd->format, "%s", k->items[index].format);
	reader_relayout(k);
	render_cancel_all(k->render);
	k->screen = SCREEN_READER;
	request_around(k);
}

void reader_close(kiosk *k)
{
	drop_pages(k);
	render_cancel_all(k->render);
	kiosk_go_home(k);
}

void reader_on_render(kiosk *k, render_result *res)
{
	reader_state *rd = &k->reader;
	int slot = -1;
	for (int i = 0; i < READER_CACHE; i++)
		if (rd->request[i] == res->request)
			slot = i;
	if (slot < 0)
		return;
	rd->request[slot] = 0;
	if (res->page_count > 0)
		rd->page_count = res->page_count;
	if (!res->rgb) {
		if (res->page == rd->page)
			rd->failed_page = res->page;
		if (rd->page_count < 0 && res->page_count < 0)
			rd->page_count = 1; /* the document itself could not be opened */
		return;
	}
	/* Keep the pages nearest the current one. */
	int victim = 0;
	for (int i = 0; i < READER_CACHE; i++) {
		if (!rd->tex[i]) {
			victim = i;
			break;
		}
		if (SDL_abs(rd->tex_page[i] - rd->page) > SDL_abs(rd->tex_page[victim] - rd->page))
			victim = i;
	}
	if (rd->tex[victim])
		SDL_DestroyTexture(rd->tex[victim]);
	rd->tex[victim] = SDL_CreateTexture(k->renderer, SDL_PIXELFORMAT_RGB24, SDL_TEXTUREACCESS_STATIC, res->w, res->h);
	rd->tex_page[victim] = res->page;
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
	/* The strip moves by one page: start from where it visually was. */
	rd->slide += (float)(delta * (rd->area.w + ui_px(k, 24)));
	request_around(k);
}

static void draw_page(kiosk *k, int page, int x_offset)
{
	reader_state *rd = &k->reader;
	if (page < 0 || (rd->page_count >= 0 && page >= rd->page_count))
		return;
	SDL_Texture *tex = page_texture(k, page);
	SDL_Rect a = rd->area;
	if (tex) {
		int w, h;
		SDL_QueryTexture(tex, NULL, NULL, &w, &h);
		SDL_Rect dst = {a.x + (a.w - w) / 2 + x_offset, a.y + (a.h - h) / 2, w, h};
		SDL_RenderCopy(k->renderer, tex, NULL, &dst);
		return;
	}
	const char *msg = page == rd->failed_page ? ui_str(k, "page_error") : ui_str(k, "loading");
	int size = ui_px(k, 20);
	SDL_Rect box = {a.x + x_offset + a.w / 8, a.y + a.h / 2 - size, a.w * 3 / 4, size * 3};
	text_wrap(k->text, msg, box, size, 0, UI_MUTED, 2, TEXT_CENTER, 1);
}

void reader_draw(kiosk *k)
{
	reader_state *rd = &k->reader;
	const item *it = &k->items[rd->item];
	ui_fill(k, (SDL_Rect){0, 0, k->w, k->h}, (SDL_Color){226, 222, 212, 255});
	SDL_RenderSetClipRect(k->renderer, &rd->area);
	int step = rd->area.w + ui_px(k, 24), slide = (int)rd->slide;
	draw_page(k, rd->page, slide);
	if (slide > 0)
		draw_page(k, rd->page - 1, slide - step);
	if (slide < 0)
		draw_page(k, rd->page + 1, slide + step);
	SDL_RenderSetClipRect(k->renderer, NULL);

	/* Top bar: back, and the title. */
	int bh = bar_h(k);
	ui_fill(k, (SDL_Rect){0, 0, k->w, bh}, UI_NAVY);
	SDL_Rect back = back_rect(k);
	SDL_Rect pill = {back.x + ui_px(k, 10), back.y + ui_px(k, 8), back.w - ui_px(k, 20), back.h - ui_px(k, 16)};
	ui_round_rect(k, pill, ui_px(k, 10), (SDL_Color){44, 68, 105, 255});
	char label[64];
	snprintf(label, sizeof label, "‹  %s", ui_str(k, "back"));
	int size = ui_px(k, 20), lh = text_line_height(k->text, size);
	text_wrap(k->text, label, (SDL_Rect){pill.x, pill.y + (pill.h - lh) / 2, pill.w, lh}, size, 1, UI_WHITE, 1, TEXT_CENTER, 1);
	int tx = back.x + back.w + ui_px(k, 12);
	text_wrap(k->text, item_title_in(it, strings_langs[k->lang]), (SDL_Rect){tx, (bh - lh) / 2, k->w - tx - ui_px(k, 16), lh},
		  size, 1, UI_WHITE, 1, TEXT_LEFT, 1);

	/* Bottom bar: previous, where we are, next. */
	int by = k->h - bh;
	ui_fill(k, (SDL_Rect){0, by, k->w, bh}, UI_PAPER);
	ui_fill(k, (SDL_Rect){0, by, k->w, 1}, UI_LINE);
	char where[96] = "";
	if (rd->page_count > 0)
		ui_format_numbers(ui_str(k, "page_of"), rd->page + 1, rd->page_count, where, sizeof where);
	text_wrap(k->text, where, (SDL_Rect){k->w / 3, by + (bh - lh) / 2, k->w / 3, lh}, size, 0, UI_INK, 1, TEXT_CENTER, 1);
	SDL_Rect prev = prev_rect(k), next = next_rect(k);
	int in = ui_px(k, 8);
	char buf[96];
	if (rd->page > 0) {
		snprintf(buf, sizeof buf, "‹  %s", ui_str(k, "prev_page"));
		ui_button(k, (SDL_Rect){prev.x + in, prev.y + in, prev.w - 2 * in, prev.h - 2 * in}, buf, 1);
	}
	if (rd->page_count < 0 || rd->page + 1 < rd->page_count) {
		snprintf(buf, sizeof buf, "%s  ›", ui_str(k, "next_page"));
		ui_button(k, (SDL_Rect){next.x + in, next.y + in, next.w - 2 * in, next.h - 2 * in}, buf, 1);
	}
}

void reader_tap(kiosk *k, float x, float y)
{
	reader_state *rd = &k->reader;
	if (ui_hit(back_rect(k), x, y)) {
		reader_close(k);
		return;
	}
	if (ui_hit(prev_rect(k), x, y))
		turn(k, -1);
	else if (ui_hit(next_rect(k), x, y))
		turn(k, +1);
	else if (ui_hit(rd->area, x, y)) {
		/* The outer quarters of the page turn it, as in a book. */
		if (x < (float)(rd->area.x + rd->area.w / 4))
			turn(k, -1);
		else if (x > (float)(rd->area.x + rd->area.w * 3 / 4))
			turn(k, +1);
	}
}

void reader_drag(kiosk *k, float dx, float dy)
{
	reader_state *rd = &k->reader;
	rd->dragging = 1;
	/* Resist at the first and last page. */
	int at_start = rd->page == 0 && dx > 0, at_end = rd->page_count >= 0 && rd->page + 1 >= rd->page_count && dx < 0;
	rd->slide = at_start || at_end ? dx / 4 : dx;
}

void reader_release(kiosk *k)
{
	reader_state *rd = &k->reader;
	rd->dragging = 0;
	float threshold = (float)rd->area.w / 6;
	/* A quick flick turns too, however short. */
	if (rd->slide < -threshold || (k->finger.vx < -0.6f && rd->slide < 0))
		turn(k, +1);
	else if (rd->slide > threshold || (k->finger.vx > 0.6f && rd->slide > 0))
		turn(k, -1);
}

void reader_key(kiosk *k, SDL_Keycode key)
{
	if (key == SDLK_RIGHT || key == SDLK_PAGEDOWN || key == SDLK_SPACE)
		turn(k, +1);
	else if (key == SDLK_LEFT || key == SDLK_PAGEUP)
		turn(k, -1);
	else if (key == SDLK_HOME)
		turn(k, -k->reader.page);
}

void reader_update(kiosk *k, Uint32 dt)
{
	reader_state *rd = &k->reader;
	if (rd->dragging || rd->slide == 0)
		return;
	/* Ease the strip back to rest: about 180 ms. */
	rd->slide *= SDL_powf(0.975f, (float)dt);
	if (SDL_fabsf(rd->slide) < 1.0f)
		rd->slide = 0;
}

int reader_busy(kiosk *k)
{
	reader_state *rd = &k->reader;
	return rd->slide != 0 || (!page_texture(k, rd->page) && rd->page != rd->failed_page);
}
