/* Home: the archive at a glance. A header with the archive's name and the
 * language buttons, then every document as a large tile (first-page
 * thumbnail, title, kind, date, authors), scrolled with a finger. */
#include "ui/ui.h"
#include "ui/strings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Thumbnails are laid out as on a portrait screen, then scaled down. */
#define THUMB_LAYOUT_W 900
#define THUMB_LAYOUT_H 1200

typedef struct {
	int header_h, pad, gap, cols, tile_w, tile_h;
} home_layout;

static home_layout layout(const kiosk *k)
{
	home_layout l;
	l.header_h = ui_px(k, 92);
	l.pad = ui_px(k, 16);
	l.gap = ui_px(k, 14);
	l.cols = k->w * 10 >= k->h * 16 ? k->w / ui_px(k, 560) : 1;
	if (l.cols < 1)
		l.cols = 1;
	l.tile_w = (k->w - 2 * l.pad - (l.cols - 1) * l.gap) / l.cols;
	l.tile_h = ui_px(k, 172);
	return l;
}

static SDL_Rect tile_rect(const kiosk *k, const home_layout *l, int i)
{
	int row = i / l->cols, col = i % l->cols;
	SDL_Rect r = {l->pad + col * (l->tile_w + l->gap), l->header_h + l->pad + row * (l->tile_h + l->gap) - (int)k->home.scroll,
		      l->tile_w, l->tile_h};
	return r;
}

static float max_scroll(const kiosk *k)
{
	home_layout l = layout(k);
	int rows = (k->item_count + l.cols - 1) / l.cols;
	float content = (float)(l.header_h + 2 * l.pad + rows * l.tile_h + (rows > 0 ? rows - 1 : 0) * l.gap);
	return content > (float)k->h ? content - (float)k->h : 0;
}

/* The language buttons, right of the header. */
static SDL_Rect lang_rect(const kiosk *k, int lang)
{
	int bw = ui_px(k, 64), bh = ui_px(k, 52), gap = ui_px(k, 6);
	int x0 = k->w - ui_px(k, 16) - STRINGS_LANG_COUNT * bw - (STRINGS_LANG_COUNT - 1) * gap;
	SDL_Rect r = {x0 + lang * (bw + gap), (ui_px(k, 92) - bh) / 2, bw, bh};
	return r;
}

static const char *lang_labels[STRINGS_LANG_COUNT] = {"EN", "ՀԱՅ", "РУС"};

void home_enter(kiosk *k)
{
	k->screen = SCREEN_HOME;
	k->home.pressed = -1;
	if (!k->home.thumbs && k->item_count > 0) {
		k->home.thumbs = calloc((size_t)k->item_count, sizeof *k->home.thumbs);
		k->home.thumb_request = calloc((size_t)k->item_count, sizeof *k->home.thumb_request);
	}
}

void home_free(kiosk *k)
{
	for (int i = 0; k->home.thumbs && i < k->item_count; i++)
		if (k->home.thumbs[i])
			SDL_DestroyTexture(k->home.thumbs[i]);
	free(k->home.thumbs);
	free(k->home.thumb_request);
	k->home.thumbs = NULL;
	k->home.thumb_request = NULL;
}

static SDL_Rect thumb_box(const kiosk *k, SDL_Rect tile)
{
	int in = ui_px(k, 12);
	int h = tile.h - 2 * in, w = h * 3 / 4;
	SDL_Rect r = {tile.x + in, tile.y + in, w, h};
	return r;
}

static void request_thumb(kiosk *k, int i, SDL_Rect box)
{
	if (!k->home.thumb_request || k->home.thumbs[i] || k->home.thumb_request[i] != 0 || k->items[i].warning)
		return;
	char path[4096];
	kiosk_doc_path(k, i, path);
	k->home.thumb_request[i] = render_request(k->render, path, k->items[i].format, 0,
						  THUMB_LAYOUT_W, THUMB_LAYOUT_H, box.w, box.h);
}

void home_on_render(kiosk *k, render_result *res)
{
	for (int i = 0; k->home.thumb_request && i < k->item_count; i++) {
		if (k->home.thumb_request[i] != res->request)
			continue;
		k->home.thumb_request[i] = -1;
		if (!res->rgb)
			return;
		SDL_Texture *tex = SDL_CreateTexture(k->renderer, SDL_PIXELFORMAT_RGB24, SDL_TEXTUREACCESS_STATIC, res->w, res->h);
		if (tex) {
			SDL_UpdateTexture(tex, NULL, res->rgb, res->stride);
			k->home.thumbs[i] = tex;
		}
		return;
	}
}

static void draw_placeholder(kiosk *k, SDL_Rect box, int i)
{
	/* Items with a content note show no page: a calm card with their kind. */
	ui_fill(k, box, (SDL_Color){232, 226, 214, 255});
	int size = ui_px(k, 15);
	SDL_Rect inner = {box.x + ui_px(k, 6), box.y + box.h / 2 - text_line_height(k->text, size), box.w - ui_px(k, 12), box.h / 2};
	text_wrap(k->text, ui_kind_label(k, k->items[i].kind), inner, size, 1, UI_MUTED, 3, TEXT_CENTER, 1);
}

static void draw_tile(kiosk *k, SDL_Rect tile, int i)
{
	const item *it = &k->items[i];
	int in = ui_px(k, 12);
	ui_round_rect(k, tile, ui_px(k, 12), k->home.pressed == i ? UI_LINE : UI_CARD);
	SDL_Rect box = thumb_box(k, tile);
	request_thumb(k, i, box);
	ui_fill(k, (SDL_Rect){box.x - 1, box.y - 1, box.w + 2, box.h + 2}, UI_LINE);
	if (k->home.thumbs && k->home.thumbs[i]) {
		int tw, th;
		SDL_QueryTexture(k->home.thumbs[i], NULL, NULL, &tw, &th);
		ui_fill(k, box, UI_CARD);
		SDL_Rect dst = {box.x + (box.w - tw) / 2, box.y + (box.h - th) / 2, tw, th};
		SDL_RenderCopy(k->renderer, k->home.thumbs[i], NULL, &dst);
	} else if (it->warning) {
		draw_placeholder(k, box, i);
	} else {
		ui_fill(k, box, UI_CARD);
	}
	int x = box.x + box.w + ui_px(k, 16), w = tile.x + tile.w - in - x, y = tile.y + in;
	char meta[160], date[64];
	ui_format_date(k, it->date, date);
	snprintf(meta, sizeof meta, "%s%s%s", ui_kind_label(k, it->kind), date[0] ? "  ·  " : "", date);
	int small = ui_px(k, 16);
	text_wrap(k->text, meta, (SDL_Rect){x, y, w, 0}, small, 1, UI_ACCENT, 1, TEXT_LEFT, 1);
	y += text_line_height(k->text, small) + ui_px(k, 2);
	int title_size = ui_px(k, 21);
	y += text_wrap(k->text, item_title_in(it, strings_langs[k->lang]), (SDL_Rect){x, y, w, 0}, title_size, 1, UI_INK, 3,
		       TEXT_LEFT, 1);
	if (it->author_count > 0 && y + text_line_height(k->text, small) <= tile.y + tile.h - in) {
		char authors[512] = "";
		for (int a = 0; a < it->author_count; a++)
			snprintf(authors + strlen(authors), sizeof authors - strlen(authors), "%s%s", a ? ", " : "", it->authors[a]);
		text_wrap(k->text, authors, (SDL_Rect){x, y + ui_px(k, 4), w, 0}, small, 0, UI_MUTED, 1, TEXT_LEFT, 1);
	}
}

void home_draw(kiosk *k)
{
	home_layout l = layout(k);
	ui_fill(k, (SDL_Rect){0, 0, k->w, k->h}, UI_PAPER);
	SDL_Rect list = {0, l.header_h, k->w, k->h - l.header_h};
	SDL_RenderSetClipRect(k->renderer, &list);
	for (int i = 0; i < k->item_count; i++) {
		SDL_Rect tile = tile_rect(k, &l, i);
		if (tile.y + tile.h >= l.header_h && tile.y < k->h)
			draw_tile(k, tile, i);
	}
	if (k->item_count == 0) {
		const char *msg = k->notice[0] ? k->notice : ui_str(k, "empty");
		SDL_Rect box = {l.pad * 3, k->h / 2 - ui_px(k, 40), k->w - l.pad * 6, ui_px(k, 120)};
		text_wrap(k->text, msg, box, ui_px(k, 22), 0, UI_MUTED, 4, TEXT_CENTER, 1);
	}
	SDL_RenderSetClipRect(k->renderer, NULL);

	/* Header, drawn last so the list scrolls under it. */
	ui_fill(k, (SDL_Rect){0, 0, k->w, l.header_h}, UI_NAVY);
	int lang_x = lang_rect(k, 0).x;
	int name_size = ui_px(k, 30), sub_size = ui_px(k, 17);
	int block = text_line_height(k->text, name_size) + text_line_height(k->text, sub_size);
	int y = (l.header_h - block) / 2;
	text_wrap(k->text, ui_str(k, "app_name"), (SDL_Rect){l.pad + ui_px(k, 4), y, lang_x - 2 * l.pad, 0}, name_size, 1,
		  UI_WHITE, 1, TEXT_LEFT, 1);
	char sub[256];
	snprintf(sub, sizeof sub, "%s", ui_str(k, "app_subtitle"));
	text_wrap(k->text, sub, (SDL_Rect){l.pad + ui_px(k, 4), y + text_line_height(k->text, name_size), lang_x - 2 * l.pad, 0},
		  sub_size, 0, (SDL_Color){214, 222, 235, 255}, 1, TEXT_LEFT, 1);
	for (int i = 0; i < STRINGS_LANG_COUNT; i++) {
		SDL_Rect r = lang_rect(k, i);
		ui_round_rect(k, r, ui_px(k, 10), i == k->lang ? UI_WHITE : (SDL_Color){44, 68, 105, 255});
		int size = ui_px(k, 17), lh = text_line_height(k->text, size);
		text_wrap(k->text, lang_labels[i], (SDL_Rect){r.x, r.y + (r.h - lh) / 2, r.w, lh}, size, 1,
			  i == k->lang ? UI_NAVY : UI_WHITE, 1, TEXT_CENTER, 1);
	}
}

static int tile_at(kiosk *k, float x, float y)
{
	home_layout l = layout(k);
	if (y < (float)l.header_h)
		return -1;
	for (int i = 0; i < k->item_count; i++)
		if (ui_hit(tile_rect(k, &l, i), x, y))
			return i;
	return -1;
}

void home_tap(kiosk *k, float x, float y)
{
	for (int i = 0; i < STRINGS_LANG_COUNT; i++)
		if (ui_hit(lang_rect(k, i), x, y)) {
			k->lang = i;
			return;
		}
	int i = tile_at(k, x, y);
	if (i >= 0)
		kiosk_open_item(k, i);
}

void home_drag(kiosk *k, float dx, float dy)
{
	k->home.scroll -= dy;
	k->home.velocity = 0;
}

void home_release(kiosk *k)
{
	/* Kinetic scrolling: the list carries on at the finger's speed. */
	k->home.velocity = -k->finger.vy;
}

void home_update(kiosk *k, Uint32 dt)
{
	if (k->home.velocity != 0 && !k->finger.down) {
		k->home.scroll += k->home.velocity * (float)dt;
		k->home.velocity *= SDL_powf(0.995f, (float)dt);
		if (SDL_fabsf(k->home.velocity) < 0.02f)
			k->home.velocity = 0;
	}
	float top = max_scroll(k);
	if (k->home.scroll < 0 || k->home.scroll > top) {
		k->home.scroll = k->home.scroll < 0 ? 0 : top;
		k->home.velocity = 0;
	}
}

int home_busy(kiosk *k)
{
	if (k->home.velocity != 0)
		return 1;
	/* Visible thumbnails still coming. */
	home_layout l = layout(k);
	for (int i = 0; k->home.thumb_request && i < k->item_count; i++) {
		SDL_Rect tile = tile_rect(k, &l, i);
		if (tile.y + tile.h >= l.header_h && tile.y < k->h && k->home.thumb_request[i] > 0)
			return 1;
	}
	return 0;
}
