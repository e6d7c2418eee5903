/* The attract screen: after the kiosk has been left alone a while, a slow
 * loop of the collections, each its picture (or its first document's first
 * page, cropped to what it draws) with its title and introduction in the
 * visitor's language, crossfading from one to the next, and the invitation
 * to touch in every language, very large. An archive without collections
 * shows its documents' first pages with its name. Never a sound. Any touch
 * dismisses it (and only dismisses it). Outside the opening hours set in
 * Admin the screen is blank. */
#include "ui/ui.h"
#include "ui/strings.h"
#include "core/store.h"

#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define SLIDE_MS 12000
#define FADE_MS 1500

struct attract_state {
	int slide;                /* collection shown (item, with no collections) */
	Uint32 since;             /* shown since */
	Uint32 changed;           /* when the picture last changed: the fade's start */
	SDL_Texture *page;        /* the slide's picture */
	SDL_Texture *previous;    /* the one it fades in over */
	int request;
	int blank;                /* outside opening hours */
};

static int collections(const kiosk *k)
{
	return k->guide.collection_count;
}

/* Where the picture goes: the left two fifths of a wide screen (the words
 * need the rest), the top of a tall one. */
static SDL_Rect picture_box(const kiosk *k)
{
	int pad = ui_px(k, 32);
	return k->w > k->h ? (SDL_Rect){pad, pad, k->w * 2 / 5 - pad * 3 / 2, k->h - 2 * pad}
			   : (SDL_Rect){pad, pad, k->w - 2 * pad, k->h * 11 / 20 - pad * 3 / 2};
}

/* Asks for item i's first page, cropped to its content. */
static void request_page(kiosk *k, int i)
{
	char path[4096];
	kiosk_doc_path(k, i, path);
	k->attract->request = render_request_cropped(k->render, RENDER_OWNER_ATTRACT, path, k->items[i].format, 0, 900, 1200,
						     1.0f, picture_box(k).w, NULL, 0);
}

/* Collection n's slide: its own picture from the store, else its first
 * document's page; 0 when it has neither. */
static int collection_slide(kiosk *k, int n)
{
	const guide_collection *c = &k->guide.collections[n];
	if (c->picture_sha256[0] && k->data) {
		char path[4096];
		store_path(k->data->st, c->picture_sha256, path);
		SDL_Surface *s = path[0] ? IMG_Load(path) : NULL;
		if (s) {
			k->attract->page = SDL_CreateTextureFromSurface(k->renderer, s);
			SDL_FreeSurface(s);
			if (k->attract->page)
				return 1;
		} else {
			fprintf(stderr, "hishatak: kiosk: collection %s: picture: %s\n", c->id, IMG_GetError());
		}
	}
	for (int j = 0; j < c->item_count; j++) {
		int i = kiosk_item_index(k, c->items[j]);
		if (i >= 0 && !k->items[i].warning) {
			request_page(k, i);
			return 1;
		}
	}
	return 0;
}

static void next_slide(kiosk *k)
{
	attract_state *a = k->attract;
	if (collections(k) == 1 && a->slide == 0 && (a->page || a->request)) {
		a->since = k->now; /* one collection: it stays, without fading into itself */
		return;
	}
	if (a->previous)
		SDL_DestroyTexture(a->previous);
	a->previous = a->page; /* faded out under the next */
	a->page = NULL;
	a->request = 0;
	a->since = a->changed = k->now;
	int count = collections(k) > 0 ? collections(k) : k->item_count;
	for (int step = 1; step <= count; step++) {
		int n = (a->slide + step) % count;
		if (collections(k) > 0 ? collection_slide(k, n) : !k->items[n].warning) {
			a->slide = n;
			if (collections(k) == 0)
				request_page(k, n);
			return;
		}
	}
}

int kiosk_open_now(const kiosk *k)
{
	time_t now = time(NULL);
	struct tm tm;
	if (!clock_plausible(now, k->clock_floor))
		return 1; /* a clock that cannot be right does not black out the screen */
	localtime_r(&now, &tm);
	return settings_screen_on(&k->settings, tm.tm_hour);
}

int kiosk_volume(const kiosk *k)
{
	static const int percent[3] = {50, 100, 125}; /* quiet, as set, loud */
	int v = k->settings.volume * percent[SDL_clamp(k->access.loudness, 0, 2)] / 100;
	return kiosk_open_now(k) ? SDL_min(v, 100) : 0;
}

static void attract_open(kiosk *k, const screen_args *args)
{
	k->attract->blank = !kiosk_open_now(k);
	k->attract->slide = -1;
	if ((k->item_count > 0 || collections(k) > 0) && !k->attract->blank)
		next_slide(k);
}

/* The slides let go: the list changed, or the kiosk ends. */
static void drop_slide(kiosk *k)
{
	if (k->attract->page)
		SDL_DestroyTexture(k->attract->page);
	if (k->attract->previous)
		SDL_DestroyTexture(k->attract->previous);
	k->attract->page = k->attract->previous = NULL;
	k->attract->request = 0;
}

static int attract_init(kiosk *k)
{
	return (k->attract = calloc(1, sizeof *k->attract)) ? 0 : -1;
}

static void attract_free(kiosk *k)
{
	if (!k->attract)
		return;
	drop_slide(k);
	free(k->attract);
	k->attract = NULL;
}

static void attract_on_render(kiosk *k, render_result *res)
{
	attract_state *a = k->attract;
	if (res->owner != RENDER_OWNER_ATTRACT || res->request != a->request)
		return;
	a->request = 0;
	if (!res->rgb)
		return;
	a->page = SDL_CreateTexture(k->renderer, SDL_PIXELFORMAT_RGB24, SDL_TEXTUREACCESS_STATIC, res->w, res->h);
	if (a->page)
		SDL_UpdateTexture(a->page, NULL, res->rgb, res->stride);
}

static void attract_update(kiosk *k, Uint32 dt)
{
	attract_state *a = k->attract;
	a->blank = !kiosk_open_now(k);
	if (!a->blank && (k->item_count > 0 || collections(k) > 0) && k->now - a->since >= SLIDE_MS)
		next_slide(k);
}

/* t fitted into box (its shape kept, centred), at alpha. */
static void draw_fitted(kiosk *k, SDL_Texture *t, SDL_Rect box, Uint8 alpha)
{
	int w, h;
	SDL_QueryTexture(t, NULL, NULL, &w, &h);
	if (w <= 0 || h <= 0)
		return;
	float scale = SDL_min(1.0f, SDL_min((float)box.w / (float)w, (float)box.h / (float)h));
	int dw = (int)((float)w * scale), dh = (int)((float)h * scale);
	SDL_Rect dst = {box.x + (box.w - dw) / 2, box.y + (box.h - dh) / 2, dw, dh};
	SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
	SDL_SetTextureAlphaMod(t, alpha);
	SDL_RenderCopy(k->renderer, t, NULL, &dst);
}

static void attract_draw(kiosk *k)
{
	attract_state *a = k->attract;
	ui_fill(k, (SDL_Rect){0, 0, k->w, k->h}, a->blank ? (SDL_Color){0, 0, 0, 255} : UI_NAVY);
	if (a->blank)
		return;
	int landscape = k->w > k->h, pad = ui_px(k, 32);
	SDL_Rect pic = picture_box(k);
	SDL_Rect text_box = landscape ? (SDL_Rect){pic.x + pic.w + pad, pad, k->w - pic.x - pic.w - pad * 2, k->h - 2 * pad}
				      : (SDL_Rect){pad, k->h * 11 / 20, k->w - 2 * pad, k->h * 9 / 20 - pad};
	/* The new picture fades in over the old as the old fades out. */
	Uint32 age = k->now - a->changed;
	Uint8 in = (Uint8)(age >= FADE_MS ? 255 : age * 255 / FADE_MS);
	if (a->previous && in < 255)
		draw_fitted(k, a->previous, pic, (Uint8)(255 - in));
	if (a->page)
		draw_fitted(k, a->page, pic, in);

	/* A collection's title and introduction, or the archive's name and
	 * what it is; then the invitation in every language, as large as the
	 * room lets it be: whoever walks by can read one from across a room. */
	const guide_collection *c = collections(k) > 0 && a->slide >= 0 ? &k->guide.collections[a->slide] : NULL;
	const char *heading = c ? ui_collection_title(k, c) : strings_get(k->lang, "app_name");
	const char *intro = c ? ui_collection_intro(k, c) : strings_get(k->lang, "app_subtitle");
	int big = ui_font(k, c ? 34 : 44), small = ui_font(k, 21), gap = ui_px(k, 14), invite = ui_font(k, 44), h;
	SDL_Color soft = {214, 222, 235, 255};
	/* The introduction whole or not at all: the invitation steps down to
	 * two thirds for it, and when it still does not fit it is left out. */
	for (int floor = invite * 2 / 3;; invite = invite * 9 / 10) {
		h = text_wrap(k->text, heading, (SDL_Rect){0, 0, text_box.w, 0}, big, 1, UI_ON_NAVY, 3, TEXT_LEFT, 0) + ui_px(k, 28) +
		    (intro ? text_wrap(k->text, intro, (SDL_Rect){0, 0, text_box.w, 0}, small, 0, soft, 0, TEXT_LEFT, 0) + ui_px(k, 8) : 0);
		for (int l = 0; l < STRINGS_LANG_COUNT; l++)
			h += text_wrap(k->text, strings_get(l, "attract_touch"), (SDL_Rect){0, 0, text_box.w, 0}, invite, 1,
				       UI_ON_NAVY, 2, TEXT_LEFT, 0) + gap;
		if (h <= text_box.h || invite <= small)
			break;
		if (intro && invite * 9 / 10 < floor) {
			intro = NULL;
			invite = ui_font(k, 44) * 10 / 9;
		}
	}
	int y = text_box.y + SDL_max(0, (text_box.h - h) / 2);
	y += text_wrap(k->text, heading, (SDL_Rect){text_box.x, y, text_box.w, 0}, big, 1, UI_ON_NAVY, 3, TEXT_LEFT, 1) +
	     (intro ? ui_px(k, 8) : 0);
	if (intro)
		y += text_wrap(k->text, intro, (SDL_Rect){text_box.x, y, text_box.w, 0}, small, 0, soft, 0, TEXT_LEFT, 1);
	y += ui_px(k, 28);
	for (int l = 0; l < STRINGS_LANG_COUNT; l++) {
		int lang = (k->lang + l) % STRINGS_LANG_COUNT;
		y += text_wrap(k->text, strings_get(lang, "attract_touch"), (SDL_Rect){text_box.x, y, text_box.w, 0}, invite, 1,
			       UI_ON_NAVY, 2, TEXT_LEFT, 1) + gap;
	}
}

static int attract_busy(kiosk *k)
{
	return k->attract->request != 0;
}

const screen_ops attract_screen = {.name = "attract",
				   .flags = SCREEN_TRANSIENT | SCREEN_CLEARS_HISTORY | SCREEN_WAKE_ONLY,
				   .init = attract_init, .open = attract_open, .draw = attract_draw, .update = attract_update,
				   .busy = attract_busy, .on_render = attract_on_render, .items_changed = drop_slide,
				   .free = attract_free};
