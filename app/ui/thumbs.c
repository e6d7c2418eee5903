/* Thumbnails: the first page of each item, rendered lazily when its card
 * is first drawn and kept on disk (DATA/cache/thumbs) so that the next
 * start needs no rendering. Items with a content note never show a page. */
#include "ui/ui.h"
#include "core/files.h"

#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>

/* Thumbnails are laid out as on a portrait screen, then scaled down. */
#define THUMB_LAYOUT_W 900
#define THUMB_LAYOUT_H 1200
/* Textures kept: a few screens' worth, whatever the archive's size. */
#define THUMBS_KEPT 240
#define THUMBS_BYTES (64 << 20)

/* As tall as Browse's tiles are at most (two columns in portrait): a
 * page scaled up from a smaller one is a blur. */
static int thumb_h(const kiosk *k)
{
	return SDL_max(ui_px(k, 200), SDL_min(k->w, k->h) * 3 / 5);
}

/* The textures kept: at most THUMBS_KEPT, and at most THUMBS_BYTES of them. */
static int kept_most(const kiosk *k)
{
	int h = thumb_h(k);
	return SDL_clamp(THUMBS_BYTES / (h * h * 3 / 4 * 4), 24, THUMBS_KEPT);
}

static void cache_path(const kiosk *k, int index, char out[4096])
{
	char dir[4096];
	data_path(k->data, DATA_THUMBS, dir);
	snprintf(out, 4096, "%s/%s-%d.png", dir, k->items[index].doc_sha256, thumb_h(k));
}

/* One slot per item of the current list. */
static int ensure(kiosk *k)
{
	if (k->thumbs && k->thumb_count != k->item_count)
		thumbs_free(k);
	if (!k->thumbs && k->item_count > 0) {
		k->thumbs = calloc((size_t)k->item_count, sizeof *k->thumbs);
		k->thumb_request = calloc((size_t)k->item_count, sizeof *k->thumb_request);
		k->thumb_used = calloc((size_t)k->item_count, sizeof *k->thumb_used);
		k->thumb_count = k->item_count;
		k->thumbs_loaded = 0;
	}
	return k->thumbs && k->thumb_request && k->thumb_used;
}

/* Makes room for one more texture: the one drawn longest ago goes (it comes
 * back from the disk cache if scrolled to again). */
static void make_room(kiosk *k)
{
	if (k->thumbs_loaded < kept_most(k))
		return;
	int oldest = -1;
	for (int i = 0; i < k->thumb_count; i++)
		if (k->thumbs[i] && (oldest < 0 || k->thumb_used[i] < k->thumb_used[oldest]))
			oldest = i;
	if (oldest >= 0) {
		SDL_DestroyTexture(k->thumbs[oldest]);
		k->thumbs[oldest] = NULL;
		k->thumb_request[oldest] = 0;
		k->thumbs_loaded--;
	}
}

static void keep(kiosk *k, int i, SDL_Texture *tex)
{
	if (!tex)
		return;
	make_room(k);
	k->thumbs[i] = tex;
	k->thumbs_loaded++;
}

static void load_or_request(kiosk *k, int i)
{
	char path[4096];
	cache_path(k, i, path);
	SDL_Surface *s = files_exists(path) ? IMG_Load(path) : NULL;
	if (s) {
		SDL_Texture *tex = SDL_CreateTextureFromSurface(k->renderer, s);
		SDL_FreeSurface(s);
		if (tex) {
			keep(k, i, tex);
			return;
		}
	}
	kiosk_doc_path(k, i, path);
	int h = thumb_h(k);
	k->thumb_request[i] = render_request(k->render, RENDER_OWNER_THUMBS, path, k->items[i].format, 0, THUMB_LAYOUT_W, THUMB_LAYOUT_H,
					     h * 3 / 4, h);
}

void thumbs_on_render(kiosk *k, render_result *res)
{
	for (int i = 0; res->owner == RENDER_OWNER_THUMBS && k->thumb_request && i < k->thumb_count; i++) {
		if (k->thumb_request[i] != res->request)
			continue;
		k->thumb_request[i] = res->cancelled ? 0 : -1; /* cancelled: asked for again when drawn */
		if (!res->rgb)
			return;
		SDL_Surface *s = SDL_CreateRGBSurfaceWithFormatFrom(res->rgb, res->w, res->h, 24, res->stride,
								    SDL_PIXELFORMAT_RGB24);
		if (!s)
			return;
		keep(k, i, SDL_CreateTextureFromSurface(k->renderer, s));
		char path[4096], dir[4096], err[256];
		data_path(k->data, DATA_THUMBS, dir);
		cache_path(k, i, path);
		if (files_make_dirs(dir, err) == 0)
			IMG_SavePNG(s, path); /* only a cache: a failure costs a render next time */
		SDL_FreeSurface(s);
		return;
	}
}

void thumbs_free(kiosk *k)
{
	for (int i = 0; k->thumbs && i < k->thumb_count; i++)
		if (k->thumbs[i])
			SDL_DestroyTexture(k->thumbs[i]);
	free(k->thumbs);
	free(k->thumb_request);
	free(k->thumb_used);
	k->thumbs = NULL;
	k->thumb_request = NULL;
	k->thumb_used = NULL;
	k->thumb_count = 0;
	k->thumbs_loaded = 0;
}

void thumb_draw(kiosk *k, int i, SDL_Rect box)
{
	const item *it = &k->items[i];
	ui_fill(k, (SDL_Rect){box.x - 1, box.y - 1, box.w + 2, box.h + 2}, UI_LINE);
	if (it->warning || !ensure(k)) {
		/* A calm card with the item's kind. */
		ui_fill(k, box, UI_SHADE);
		int size = ui_font(k, 14);
		SDL_Rect inner = {box.x + ui_px(k, 4), box.y + box.h / 2 - text_line_height(k->text, size), box.w - ui_px(k, 8),
				  box.h / 2};
		text_wrap(k->text, ui_kind_label(k, it->kind), inner, size, 1, UI_MUTED, 3, TEXT_CENTER, 1);
		return;
	}
	k->thumb_used[i] = k->now;
	if (!k->thumbs[i] && k->thumb_request[i] == 0)
		load_or_request(k, i);
	ui_fill(k, box, UI_CARD);
	if (!k->thumbs[i])
		return;
	ui_copy_fitted(k, k->thumbs[i], box); /* keeping the page's shape */
}
