/* The attract screen: after the kiosk has been left alone a while, a slow
 * slideshow of first pages with the archive's name and an invitation in
 * every language. Any touch dismisses it (and only dismisses it). Outside
 * the opening hours set in Admin the screen is blank. */
#include "ui/ui.h"
#include "ui/strings.h"

#include <stdlib.h>
#include <time.h>

#define SLIDE_MS 8000

struct attract_state {
	int slide;                /* item shown */
	Uint32 since;
	SDL_Texture *page;
	int request;
	int blank;                /* outside opening hours */
};

static int showable(const kiosk *k, int i)
{
	return !k->items[i].warning;
}

static void next_slide(kiosk *k)
{
	attract_state *a = k->attract;
	if (a->page)
		SDL_DestroyTexture(a->page);
	a->page = NULL;
	a->since = k->now;
	for (int step = 1; step <= k->item_count; step++) {
		int i = (a->slide + step) % k->item_count;
		if (showable(k, i)) {
			a->slide = i;
			char path[4096];
			kiosk_doc_path(k, i, path);
			int h = k->w > k->h ? k->h * 7 / 10 : k->h / 2;
			a->request = render_request(k->render, RENDER_OWNER_ATTRACT, path, k->items[i].format, 0, 900, 1200, k->w / 2, h);
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
	if (k->item_count > 0 && !k->attract->blank)
		next_slide(k);
}

/* The slide let go: the list changed, or the kiosk ends. */
static void drop_slide(kiosk *k)
{
	if (k->attract->page)
		SDL_DestroyTexture(k->attract->page);
	k->attract->page = NULL;
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
	if (!a->blank && k->item_count > 0 && k->now - a->since >= SLIDE_MS)
		next_slide(k);
}

static void attract_draw(kiosk *k)
{
	attract_state *a = k->attract;
	ui_fill(k, (SDL_Rect){0, 0, k->w, k->h}, a->blank ? (SDL_Color){0, 0, 0, 255} : UI_NAVY);
	if (a->blank)
		return;
	int landscape = k->w > k->h, pad = ui_px(k, 32);
	SDL_Rect text_box = landscape ? (SDL_Rect){k->w / 2 + pad / 2, pad, k->w / 2 - pad * 3 / 2, k->h - 2 * pad}
				      : (SDL_Rect){pad, k->h * 11 / 20, k->w - 2 * pad, k->h * 9 / 20 - pad};
	if (a->page) {
		int w, h;
		SDL_QueryTexture(a->page, NULL, NULL, &w, &h);
		/* The page, slowly fading in over its first second. */
		Uint32 age = k->now - a->since;
		SDL_SetTextureAlphaMod(a->page, (Uint8)(age >= 1000 ? 255 : age * 255 / 1000));
		SDL_SetTextureBlendMode(a->page, SDL_BLENDMODE_BLEND);
		SDL_Rect dst = landscape ? (SDL_Rect){k->w / 4 - w / 2, (k->h - h) / 2, w, h}
					 : (SDL_Rect){(k->w - w) / 2, (k->h * 11 / 20 - h) / 2, w, h};
		SDL_RenderCopy(k->renderer, a->page, NULL, &dst);
	}
	/* The name in the visitor's script, then the invitation in every
	 * language, as large as the room lets it be: whoever walks by can
	 * read one from across a room. */
	int big = ui_font(k, 44), small = ui_font(k, 20), gap = ui_px(k, 14), invite = ui_font(k, 40), h;
	for (;; invite = invite * 9 / 10) {
		h = text_line_height(k->text, big) + ui_px(k, 28) +
		    text_wrap(k->text, strings_get(k->lang, "app_subtitle"), (SDL_Rect){0, 0, text_box.w, 0}, small, 0,
			      UI_ON_NAVY, 2, TEXT_LEFT, 0);
		for (int l = 0; l < STRINGS_LANG_COUNT; l++)
			h += text_wrap(k->text, strings_get(l, "attract_touch"), (SDL_Rect){0, 0, text_box.w, 0}, invite, 1,
				       UI_ON_NAVY, 2, TEXT_LEFT, 0) + gap;
		if (h <= text_box.h || invite <= small)
			break;
	}
	int y = text_box.y + SDL_max(0, (text_box.h - h) / 2);
	y += text_wrap(k->text, strings_get(k->lang, "app_name"), (SDL_Rect){text_box.x, y, text_box.w, 0}, big, 1,
		       UI_ON_NAVY, 1, TEXT_LEFT, 1);
	y += text_wrap(k->text, strings_get(k->lang, "app_subtitle"), (SDL_Rect){text_box.x, y, text_box.w, 0}, small, 0,
		       (SDL_Color){214, 222, 235, 255}, 2, TEXT_LEFT, 1);
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
