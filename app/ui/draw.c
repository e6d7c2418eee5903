/* Drawing helpers shared by the screens: colours, rounded cards, buttons,
 * and the localised labels every screen uses. */
#include "ui/ui.h"
#include "core/localize.h"
#include "ui/nav.h"
#include "ui/strings.h"

#include <stdio.h>
#include <string.h>

static const ui_colours normal = {
	.ink = {27, 27, 27, 255},
	.muted = {92, 88, 80, 255},
	.paper = {244, 241, 234, 255},
	.card = {255, 255, 255, 255},
	.shade = {226, 222, 212, 255},
	.dusk = {58, 64, 74, 255},
	.navy = {19, 41, 75, 255},
	.navy_soft = {44, 68, 105, 255},
	.on_navy = {255, 255, 255, 255},
	.accent = {181, 84, 44, 255},
	.line = {221, 214, 200, 255},
	.edge = {150, 143, 130, 255},
	.mark = {255, 222, 110, 255},
	.mark_soft = {255, 240, 190, 255},
	.spoken = {70, 130, 230, 56},
	.spoken_rule = {30, 80, 190, 255},
};

/* Yellow and white on black: the usual choice for low vision. Every pair
 * the screens draw (ink on card, on_navy on navy...) stays above 7:1. */
static const ui_colours high_contrast = {
	.ink = {255, 255, 255, 255},
	.muted = {235, 235, 235, 255},
	.paper = {0, 0, 0, 255},
	.card = {36, 36, 36, 255}, /* a card's edge plain to see on black */
	.shade = {60, 60, 60, 255},
	.dusk = {48, 48, 48, 255},
	.navy = {255, 214, 0, 255},
	.navy_soft = {255, 236, 150, 255},
	.on_navy = {0, 0, 0, 255},
	.accent = {255, 170, 80, 255},
	.line = {96, 96, 96, 255},
	.edge = {235, 235, 235, 255},
	.mark = {122, 92, 0, 255},
	.mark_soft = {64, 48, 0, 255},
	.spoken = {255, 214, 0, 64},
	.spoken_rule = {255, 214, 0, 255},
};

const ui_colours *ui_palette = &normal;

void ui_set_contrast(int high)
{
	ui_palette = high ? &high_contrast : &normal;
}

int ui_px(const kiosk *k, float px)
{
	return (int)(px * k->u + 0.5f);
}

int ui_font(const kiosk *k, float px)
{
	return (int)(px * k->u * k->text_scale + 0.5f);
}

int ui_smallest(const kiosk *k, int size)
{
	return SDL_max((int)((float)size * 0.8f / k->text_scale), SDL_min(size, ui_px(k, 16)));
}

int ui_target_px(const kiosk *k)
{
	return ui_px(k, 48);
}

void ui_target_said(kiosk *k, SDL_Rect r, const char *label, int lang)
{
	if (k->target_count == (int)SDL_arraysize(k->targets))
		return;
	ui_touch_target *t = &k->targets[k->target_count++];
	t->r = r;
	snprintf(t->said, sizeof t->said, "%s", label ? label : "");
	t->lang = lang;
}

void ui_target(kiosk *k, SDL_Rect r)
{
	ui_target_said(k, r, "", -1);
}

void ui_targets_within(kiosk *k, int from, SDL_Rect area)
{
	int keep = from;
	for (int i = from; i < k->target_count; i++) {
		SDL_Rect t = k->targets[i].r;
		if (t.x >= area.x && t.y >= area.y && t.x + t.w <= area.x + area.w && t.y + t.h <= area.y + area.h)
			k->targets[keep++] = k->targets[i];
	}
	k->target_count = keep;
}

int ui_tapped(kiosk *k, SDL_Rect r)
{
	int tapped = k->tap.pending && k->tap.screen == k->screen && ui_hit(r, k->tap.x, k->tap.y);
	if (tapped)
		k->tap.pending = 0;
	return tapped;
}

int ui_tapped_outside(kiosk *k, SDL_Rect r)
{
	int tapped = k->tap.pending && k->tap.screen == k->screen && !ui_hit(r, k->tap.x, k->tap.y);
	if (tapped)
		k->tap.pending = 0;
	return tapped;
}

int ui_tap_aside(kiosk *k, SDL_Rect area)
{
	int aside = k->tap.pending && !ui_hit(area, k->tap.x, k->tap.y);
	if (aside)
		k->tap.pending = 0;
	return aside;
}

void ui_tap_back(kiosk *k, int aside)
{
	if (aside)
		k->tap.pending = 1;
}

int ui_pressed(const kiosk *k, SDL_Rect r)
{
	return k->touch.down && !k->touch.moved && ui_hit(r, k->touch.x0, k->touch.y0);
}

void ui_fill(kiosk *k, SDL_Rect r, SDL_Color c)
{
	SDL_SetRenderDrawColor(k->renderer, c.r, c.g, c.b, c.a);
	SDL_RenderFillRect(k->renderer, &r);
}

void ui_round_rect(kiosk *k, SDL_Rect r, int radius, SDL_Color c)
{
	if (radius * 2 > r.h)
		radius = r.h / 2;
	SDL_SetRenderDrawColor(k->renderer, c.r, c.g, c.b, c.a);
	SDL_Rect mid = {r.x, r.y + radius, r.w, r.h - 2 * radius};
	SDL_RenderFillRect(k->renderer, &mid);
	/* Corner rows: each row inset by the circle's width at that height. */
	for (int i = 0; i < radius; i++) {
		float dy = (float)radius - (float)i - 0.5f;
		int inset = radius - (int)(SDL_sqrtf((float)(radius * radius) - dy * dy) + 0.5f);
		SDL_Rect top = {r.x + inset, r.y + i, r.w - 2 * inset, 1};
		SDL_Rect bottom = {r.x + inset, r.y + r.h - 1 - i, r.w - 2 * inset, 1};
		SDL_RenderFillRect(k->renderer, &top);
		SDL_RenderFillRect(k->renderer, &bottom);
	}
}

void ui_copy_fitted(kiosk *k, SDL_Texture *tex, SDL_Rect box)
{
	int tw, th;
	SDL_QueryTexture(tex, NULL, NULL, &tw, &th);
	float scale = SDL_min((float)box.w / (float)tw, (float)box.h / (float)th);
	int w = (int)((float)tw * scale), h = (int)((float)th * scale);
	SDL_Rect dst = {box.x + (box.w - w) / 2, box.y + (box.h - h) / 2, w, h};
	SDL_RenderCopy(k->renderer, tex, NULL, &dst);
}

int ui_fits(kiosk *k, const char *s, int w, int size, int lines)
{
	if (text_width(k->text, s, -1, size, 1) <= w) /* the usual case: one measure */
		return 1;
	if (lines < 2)
		return 0;
	for (const char *p = s; *p;) { /* a word cut in two is never a fit */
		size_t n = strcspn(p, " -"); /* a line may break after a hyphen too */
		if (text_width(k->text, p, (int)n, size, 1) > w)
			return 0;
		p += n;
		p += strspn(p, " -");
	}
	return text_wrap(k->text, s, (SDL_Rect){0, 0, w, 0}, size, 1, UI_INK, 0, TEXT_LEFT, 0) <=
	       lines * text_line_height(k->text, size);
}

int ui_fit_width(kiosk *k, const char *s, int w, int size, int lines)
{
	int smallest = ui_smallest(k, size);
	while (size > smallest && !ui_fits(k, s, w, size, lines))
		size--;
	return size;
}

int ui_fit_size(kiosk *k, const char *s, SDL_Rect box, int size, int bold)
{
	int smallest = ui_smallest(k, size);
	while (size > smallest && text_wrap(k->text, s, (SDL_Rect){0, 0, box.w, 0}, size, bold, UI_INK, 0, TEXT_LEFT, 0) > box.h)
		size--;
	return size;
}

/* Whether lines lines at size s stand within box's height (one line may
 * go an eighth over: a line's height holds room above and below its
 * letters; two lines' middle does not). */
static int lines_fit(kiosk *k, SDL_Rect box, int s, int lines)
{
	return lines * text_line_height(k->text, s) <= box.h + (lines == 1 ? box.h / 8 : 0);
}

/* The largest size from size down to least at which label fits box whole
 * on lines lines; 0 when none does. */
static int largest_fit(kiosk *k, const char *label, SDL_Rect box, int size, int least, int lines)
{
	for (int s = size; s >= least; s--)
		if (lines_fit(k, box, s, lines) && ui_fits(k, label, box.w, s, lines))
			return s;
	return 0;
}

void ui_label(kiosk *k, const char *label, SDL_Rect box, int size, SDL_Color ink, int align)
{
	/* Whole, on one line at a size up to a fifth smaller, then on two
	 * lines where the box has room for them (a long word broken at a
	 * syllable if need be), then smaller still: never cut while another
	 * way fits, and never much smaller while two lines would do. */
	int least = SDL_max(ui_smallest(k, size), size * 4 / 5), lines = 1, s;
	if (!(s = largest_fit(k, label, box, size, least, 1)) && (s = largest_fit(k, label, box, size, least, 2)))
		lines = 2;
	for (int h = size; !s && h >= least; h--)
		if (lines_fit(k, box, h, 2) && text_fits_hyphenated(k->text, label, box.w, h, 1, 2)) /* one long word: at a syllable */
			s = h, lines = 2;
	if (!s) { /* smaller still: the larger of one line and two that fit the box */
		int smallest = ui_smallest(k, size), one = largest_fit(k, label, box, size, smallest, 1);
		int two = largest_fit(k, label, box, size, smallest, 2);
		s = SDL_max(one, two);
		lines = two > one ? 2 : 1;
		if (!s) /* cut (a layout error): as large as its lines allow */
			s = smallest, lines = lines_fit(k, box, smallest, 2) ? 2 : 1;
	}
	if (!ui_fits(k, label, box.w, s, lines) && !(lines == 2 && text_fits_hyphenated(k->text, label, box.w, s, 1, 2)) &&
	    k->check_layout)
		fprintf(stderr, "layout: %s: label \"%s\" is cut (%d px wide)\n", kiosk_screen_name(k), label, box.w);
	int h = text_wrap(k->text, label, (SDL_Rect){0, 0, box.w, 0}, s, 1, ink, lines, align, 0);
	text_wrap(k->text, label, (SDL_Rect){box.x, box.y + (box.h - h) / 2, box.w, h}, s, 1, ink, lines, align, 1);
}

int ui_button(kiosk *k, SDL_Rect r, const char *label, int style)
{
	return ui_button_said(k, r, label, label, style);
}

int ui_button_said(kiosk *k, SDL_Rect r, const char *label, const char *said, int style)
{
	return ui_button_sized(k, r, label, said, style, ui_font(k, 20));
}

int ui_button_words_size(kiosk *k, SDL_Rect r, const char *label)
{
	return ui_fit_width(k, label, r.w - 2 * ui_px(k, 8), ui_font(k, 20), 1);
}

int ui_button_sized(kiosk *k, SDL_Rect r, const char *label, const char *said, int style, int size)
{
	int radius = ui_px(k, 12), pressed = ui_pressed(k, r), tapped = ui_tapped(k, r);
	SDL_Color fill = UI_NAVY, ink = UI_ON_NAVY;
	ui_target_said(k, r, said, -1);
	if (style == 0) {
		ui_round_rect(k, r, radius, pressed ? UI_ACCENT : UI_NAVY);
	} else if (style == 1) {
		ui_round_rect(k, r, radius, UI_NAVY);
		SDL_Rect inner = {r.x + 2, r.y + 2, r.w - 4, r.h - 4};
		ui_round_rect(k, inner, radius - 2, pressed ? UI_LINE : UI_CARD);
		ink = UI_NAVY;
	} else {
		fill = style == 3 ? UI_NAVY : UI_CARD;
		ink = style == 3 ? UI_ON_NAVY : UI_INK;
		ui_round_rect(k, r, r.h / 2, pressed ? UI_LINE : fill);
		if (style == 2 && !pressed) {
			int e = ui_px(k, 2);
			SDL_Rect inner = {r.x + e, r.y + e, r.w - 2 * e, r.h - 2 * e};
			ui_round_rect(k, r, r.h / 2, UI_EDGE);
			ui_round_rect(k, inner, inner.h / 2, UI_CARD);
		}
		if (pressed)
			ink = UI_INK;
	}
	int pad = ui_px(k, 8);
	ui_label(k, label, (SDL_Rect){r.x + pad, r.y + pad / 2, r.w - 2 * pad, r.h - pad}, size, ink, TEXT_CENTER);
	return tapped;
}

int ui_header_height(const kiosk *k)
{
	return ui_px(k, 68);
}

static const char *lang_labels[STRINGS_LANG_COUNT] = {"EN", "ՀԱՅ", "РУС"};
static const char *lang_names[STRINGS_LANG_COUNT] = {"English", "Հայերեն", "Русский"};

static SDL_Rect lang_rect(const kiosk *k, int right, int y, int bar_h, int i)
{
	int bw = ui_px(k, 62), bh = ui_px(k, 52), gap = ui_px(k, 6);
	int x0 = right - STRINGS_LANG_COUNT * bw - (STRINGS_LANG_COUNT - 1) * gap;
	return (SDL_Rect){x0 + i * (bw + gap), y + (bar_h - bh) / 2, bw, bh};
}

/* Home's bar (the archive's name, Listen, the access button, the
 * languages) has room for the access button's word: the button says what
 * it is where it can. */
static int access_worded(const kiosk *k, int right, int bar_h)
{
	if (k->screen != SCREEN_HOME)
		return 0;
	SDL_Rect a = access_button_rect(k, lang_rect(k, right, 0, bar_h, 0).x - ui_px(k, 6), 0, bar_h, 1);
	int x = a.x - ui_px(k, 10);
	if (k->aloud)
		x -= SDL_max(ui_px(k, 120), ui_target_px(k)) + ui_px(k, 12);
	const char *name = ui_archive_name(k);
	return text_width(k->text, name ? name : ui_str(k, "app_name"), -1, ui_font(k, 23), 1) + ui_px(k, 40) <= x;
}

static SDL_Rect access_rect(const kiosk *k, int right, int y, int bar_h, int *worded)
{
	*worded = access_worded(k, right, bar_h);
	return access_button_rect(k, lang_rect(k, right, y, bar_h, 0).x - ui_px(k, 6), y, bar_h, *worded);
}

int ui_lang_buttons(kiosk *k, int right, int y, int bar_h, int draw)
{
	for (int i = 0; draw && i < STRINGS_LANG_COUNT; i++) {
		SDL_Rect r = lang_rect(k, right, y, bar_h, i);
		if (ui_tapped(k, r)) {
			k->lang = i; /* the rest of the frame is drawn in it */
			usage_lang(k->usage, strings_langs[i]);
		}
		SDL_Color bg = i == k->lang ? UI_ON_NAVY : UI_NAVY_SOFT;
		ui_target_said(k, r, lang_names[i], i);
		ui_round_rect(k, r, ui_px(k, 10), ui_pressed(k, r) ? UI_ACCENT : bg);
		ui_label(k, lang_labels[i], (SDL_Rect){r.x + 2, r.y, r.w - 4, r.h}, ui_font(k, 20), i == k->lang ? UI_NAVY : UI_ON_NAVY,
			 TEXT_CENTER);
	}
	/* The access button goes with the languages, wherever they are. */
	int worded;
	SDL_Rect access = access_rect(k, right, y, bar_h, &worded);
	if (draw && ui_tapped(k, access))
		access_open(k);
	if (draw)
		access_button_draw(k, access, worded);
	return access.x;
}

static int back_button(kiosk *k, SDL_Rect r, int arrow_only)
{
	int pad = ui_px(k, 10), tapped = ui_tapped(k, r);
	ui_target_said(k, r, ui_str(k, "back"), -1);
	ui_round_rect(k, r, pad, ui_pressed(k, r) ? UI_ACCENT : UI_NAVY_SOFT);
	char label[96];
	snprintf(label, sizeof label, arrow_only ? "‹" : "‹  %s", ui_str(k, "back"));
	ui_label(k, label, (SDL_Rect){r.x + pad / 2, r.y, r.w - pad, r.h}, ui_font(k, arrow_only ? 26 : 20), UI_ON_NAVY, TEXT_CENTER);
	return tapped;
}

int ui_back_button(kiosk *k, SDL_Rect r)
{
	return back_button(k, r, 0);
}

int ui_back_arrow(kiosk *k, SDL_Rect r)
{
	return back_button(k, r, 1);
}

void ui_fade_out(kiosk *k, SDL_Rect r, SDL_Color c)
{
	SDL_SetRenderDrawBlendMode(k->renderer, SDL_BLENDMODE_BLEND);
	for (int i = 0; i < r.h; i++) {
		SDL_SetRenderDrawColor(k->renderer, c.r, c.g, c.b, (Uint8)(255 * (i + 1) / r.h));
		SDL_RenderDrawLine(k->renderer, r.x, r.y + i, r.x + r.w - 1, r.y + i);
	}
	SDL_SetRenderDrawBlendMode(k->renderer, SDL_BLENDMODE_NONE);
}

void ui_dim(kiosk *k)
{
	SDL_SetRenderDrawBlendMode(k->renderer, SDL_BLENDMODE_BLEND);
	ui_fill(k, (SDL_Rect){0, 0, k->w, k->h}, (SDL_Color){20, 24, 30, 170});
	SDL_SetRenderDrawBlendMode(k->renderer, SDL_BLENDMODE_NONE);
	k->target_count = 0; /* only what is drawn over it can be touched now */
}

static SDL_Rect header_back_rect(const kiosk *k)
{
	int h = ui_header_height(k), bh = ui_px(k, 52);
	return (SDL_Rect){ui_px(k, 10), (h - bh) / 2, ui_px(k, 130), bh};
}

/* Home, just right of Back: as wide as its word needs, at least a square. */
SDL_Rect ui_home_rect(kiosk *k, SDL_Rect back)
{
	int w = SDL_max(text_width(k->text, ui_str(k, "home_button"), -1, ui_font(k, 19), 1) + ui_px(k, 24), back.h);
	return (SDL_Rect){back.x + back.w + ui_px(k, 6), back.y, SDL_min(w, ui_px(k, 150)), back.h};
}

/* A house: a roof over a square with a door, for a Home button too narrow
 * for its word (a held finger still hears it). */
static void draw_house(kiosk *k, SDL_Rect r, SDL_Color c)
{
	int s = SDL_min(r.w, r.h) / 2, x = r.x + r.w / 2, y = r.y + (r.h - s) / 2;
	SDL_Vertex roof[3] = {{{(float)(x - s * 6 / 10), (float)(y + s * 45 / 100)}, c, {0, 0}},
			      {{(float)x, (float)y}, c, {0, 0}},
			      {{(float)(x + s * 6 / 10), (float)(y + s * 45 / 100)}, c, {0, 0}}};
	SDL_RenderGeometry(k->renderer, NULL, roof, 3, NULL, 0);
	ui_fill(k, (SDL_Rect){x - s * 4 / 10, y + s * 45 / 100, s * 8 / 10, s * 55 / 100}, c);
	ui_fill(k, (SDL_Rect){x - s / 10, y + s * 7 / 10, s / 5, s * 3 / 10}, UI_NAVY_SOFT);
}

int ui_home_button(kiosk *k, SDL_Rect r)
{
	int pad = ui_px(k, 10), tapped = ui_tapped(k, r), size = ui_font(k, 19);
	const char *label = ui_str(k, "home_button");
	ui_target_said(k, r, label, -1);
	ui_round_rect(k, r, pad, ui_pressed(k, r) ? UI_ACCENT : UI_NAVY_SOFT);
	if (ui_fits(k, label, r.w - pad, ui_smallest(k, size), 1)) /* as ui_label will find it a size */
		ui_label(k, label, (SDL_Rect){r.x + pad / 2, r.y, r.w - pad, r.h}, size, UI_ON_NAVY, TEXT_CENTER);
	else
		draw_house(k, r, UI_ON_NAVY);
	return tapped;
}

SDL_Rect ui_header_title_rect(kiosk *k)
{
	int h = ui_header_height(k), pad = ui_px(k, 10), x = pad * 2;
	if (k->screen != SCREEN_HOME) {
		SDL_Rect b = ui_home_rect(k, header_back_rect(k));
		x = b.x + b.w + pad * 2;
	}
	int right = ui_lang_buttons(k, k->w - pad, 0, h, 0) - pad;
	if (k->screen == SCREEN_HOME && k->aloud) /* Home's Listen sits before the languages (home.c) */
		right -= SDL_max(ui_px(k, 120), ui_target_px(k)) + ui_px(k, 12);
	return (SDL_Rect){x, pad / 2, right - x, h - pad};
}

/* The room for title in the bar, and Back's and Home's places: a title
 * with no room between the words Back and Home and the languages
 * (portrait, Larger text) makes Back its arrow and Home its house. */
static int header_room(kiosk *k, const char *title, SDL_Rect *room, SDL_Rect *back_r, SDL_Rect *home_r)
{
	int pad = ui_px(k, 10), size = ui_font(k, 23);
	*room = ui_header_title_rect(k);
	*back_r = header_back_rect(k);
	*home_r = ui_home_rect(k, *back_r);
	/* No title (it has a band of its own below): the words need only fit. */
	int compact = k->screen != SCREEN_HOME &&
		      (title[0] ? room->w < ui_px(k, 60) || !ui_fits(k, title, room->w, ui_smallest(k, size), 2) : room->w < 0);
	if (compact) {
		back_r->w = back_r->h;
		*home_r = (SDL_Rect){back_r->x + back_r->w + ui_px(k, 6), back_r->y, back_r->h, back_r->h};
		room->w += room->x - (home_r->x + home_r->w + pad * 2);
		room->x = home_r->x + home_r->w + pad * 2;
	}
	return compact;
}

int ui_header_fits(kiosk *k, const char *title)
{
	SDL_Rect room, back_r, home_r;
	header_room(k, title, &room, &back_r, &home_r);
	return ui_fits(k, title, room.w, ui_smallest(k, ui_font(k, 23)), 2);
}

/* A title with no room in the bar (one long word in a portrait bar:
 * "Администрирование") has a band of its own under it, as wide as the
 * screen; its height, or 0. */
static int header_band(kiosk *k, const char *title)
{
	if (!title[0] || ui_header_fits(k, title))
		return 0;
	int size = ui_font(k, 22), pad = ui_px(k, 10), w = k->w - 4 * pad;
	int lines = ui_fits(k, title, w, ui_smallest(k, size), 1) ? 1 : 2;
	return lines * text_line_height(k->text, size) + 2 * pad;
}

int ui_header_bottom(kiosk *k, const char *title)
{
	return ui_header_height(k) + header_band(k, title);
}

int ui_header(kiosk *k, const char *title)
{
	int h = ui_header_height(k), pad = ui_px(k, 10), band = header_band(k, title);
	ui_fill(k, (SDL_Rect){0, 0, k->w, h}, UI_NAVY);
	SDL_Rect room, back_r, home_r;
	int compact = header_room(k, band ? "" : title, &room, &back_r, &home_r); /* a banded title leaves the words room */
	int back = k->screen != SCREEN_HOME && (compact ? ui_back_arrow(k, back_r) : ui_back_button(k, back_r));
	int home = k->screen != SCREEN_HOME && ui_home_button(k, home_r);
	ui_lang_buttons(k, k->w - pad, 0, h, 1);
	if (!band) { /* smaller, or on two lines, rather than cut */
		ui_label(k, title, room, ui_font(k, 23), UI_ON_NAVY, TEXT_LEFT);
	} else {
		ui_fill(k, (SDL_Rect){0, h, k->w, band}, UI_PAPER);
		ui_fill(k, (SDL_Rect){0, h + band - 1, k->w, 1}, UI_LINE);
		ui_label(k, title, (SDL_Rect){2 * pad, h, k->w - 4 * pad, band}, ui_font(k, 22), UI_NAVY, TEXT_LEFT);
	}
	if (back)
		nav_back(k); /* last: the bar is drawn whole first */
	else if (home)
		nav_home(k);
	return h + band;
}

int ui_hit(SDL_Rect r, float x, float y)
{
	return x >= (float)r.x && x < (float)(r.x + r.w) && y >= (float)r.y && y < (float)(r.y + r.h);
}

const char *ui_str(const kiosk *k, const char *key)
{
	return strings_get(k->lang, key);
}

void ui_format_date(const kiosk *k, const char *date, char out[64])
{
	localize_date(strings_langs[k->lang], date, out, 64);
}

const char *ui_language_name(const kiosk *k, const char *code, char out[64])
{
	char key[48];
	snprintf(key, sizeof key, "language_%.2s", code);
	const char *s = ui_str(k, key);
	snprintf(out, 64, "%s", strcmp(s, key) == 0 ? code : s);
	return out;
}

const char *ui_kind_label(const kiosk *k, item_kind kind)
{
	char key[32];
	snprintf(key, sizeof key, "kind_%s", item_kind_name(kind));
	return ui_str(k, key);
}

const char *ui_kind_plural(const kiosk *k, item_kind kind)
{
	char key[32];
	snprintf(key, sizeof key, "kinds_%s", item_kind_name(kind));
	return ui_str(k, key);
}

void ui_kind_counted(const kiosk *k, item_kind kind, int n, char *out, size_t size)
{
	char key[32];
	snprintf(key, sizeof key, "counted_%s", item_kind_name(kind));
	ui_count_text(k, key, n, out, size);
}

const char *ui_title(const kiosk *k, int index)
{
	return item_title_in(&k->items[index], strings_langs[k->lang]);
}

void ui_count_text(const kiosk *k, const char *key, int n, char *out, size_t size)
{
	/* "_one" or "_few" after the key for those plural forms (ICU's), else
	 * the plain key: Russian's "many" and every language's "other". */
	const char *plural = localize_plural(strings_langs[k->lang], n), *form = "";
	if (!strcmp(plural, "one") || !strcmp(plural, "few"))
		form = !strcmp(plural, "one") ? "_one" : "_few";
	char full[64];
	snprintf(full, sizeof full, "%s%s", key, form);
	const char *fmt = ui_str(k, full);
	if (strcmp(fmt, full) == 0) /* no such form: the plain key */
		fmt = ui_str(k, key);
	ui_format_numbers(fmt, n, 0, out, size);
}

void ui_format_count(const kiosk *k, long long n, char out[32])
{
	localize_number(strings_langs[k->lang], n, out, 32);
}

/* The document's language as a band across the foot of its picture, on
 * every card and tile: most are in English, and the visitor should know
 * before opening one. */
void ui_language_band(kiosk *k, int index, SDL_Rect box)
{
	const item *it = &k->items[index];
	char language[64];
	ui_language_name(k, it->language[0] ? it->language : "en", language);
	int band_size = ui_font(k, 14), band_h = text_line_height(k->text, band_size) + ui_px(k, 4);
	if (!ui_fits(k, language, box.w - ui_px(k, 4), band_size, 1))
		band_size = band_size * 4 / 5;
	SDL_Rect band = {box.x, box.y + box.h - band_h, box.w, band_h};
	ui_fill(k, band, UI_NAVY);
	text_wrap(k->text, language, (SDL_Rect){band.x + ui_px(k, 2), band.y + (band_h - text_line_height(k->text, band_size)) / 2,
						band.w - ui_px(k, 4), 0},
		  band_size, 1, UI_ON_NAVY, 1, TEXT_CENTER, 1);
}

SDL_Rect ui_language_pill(kiosk *k, int index, int right, int y)
{
	const item *it = &k->items[index];
	char language[64];
	ui_language_name(k, it->language[0] ? it->language : "en", language);
	int size = ui_font(k, 16), pad = ui_px(k, 10), h = text_line_height(k->text, size) + ui_px(k, 6);
	int w = text_width(k->text, language, -1, size, 1) + 2 * pad;
	SDL_Rect r = {right - w, y, w, h};
	ui_round_rect(k, r, h / 2, UI_NAVY);
	text_wrap(k->text, language, (SDL_Rect){r.x + pad, r.y + ui_px(k, 3), w - 2 * pad + 1, 0}, size, 1, UI_ON_NAVY, 1, TEXT_LEFT, 1);
	return r;
}

void ui_item_meta(kiosk *k, int index, char out[160])
{
	char date[64];
	ui_format_date(k, k->items[index].date, date);
	snprintf(out, 160, "%s%s%s", ui_kind_label(k, k->items[index].kind), date[0] ? "  ·  " : "", date);
}

int ui_item_card(kiosk *k, int index, SDL_Rect r)
{
	const item *it = &k->items[index];
	int in = ui_px(k, 12), tapped = ui_tapped(k, r);
	ui_target_said(k, r, ui_title(k, index), -1);
	ui_round_rect(k, r, ui_px(k, 12), ui_pressed(k, r) ? UI_LINE : UI_CARD);
	int th = r.h - 2 * in;
	SDL_Rect box = {r.x + in, r.y + in, th * 3 / 4, th};
	thumb_draw(k, index, box);
	ui_language_band(k, index, box);
	int x = box.x + box.w + ui_px(k, 14), w = r.x + r.w - in - x, y = r.y + in;
	char meta[160];
	ui_item_meta(k, index, meta);
	int small = ui_font(k, 20);
	y += text_wrap(k->text, meta, (SDL_Rect){x, y, w, 0}, small, 1, UI_ACCENT, 2, TEXT_LEFT, 1) + ui_px(k, 2);
	/* The title whole, smaller where it must be; the authors only where
	 * there is room left for them. */
	SDL_Rect room = {x, y, w, r.y + r.h - in - y};
	int title_size = ui_fit_size(k, ui_title(k, index), room, ui_font(k, 20), 1);
	int lines = SDL_max(1, room.h / text_line_height(k->text, title_size));
	y += text_wrap(k->text, ui_title(k, index), room, title_size, 1, UI_INK, lines, TEXT_LEFT, 1);
	if (it->author_count > 0 && y + text_line_height(k->text, small) <= r.y + r.h - in) {
		char authors[512] = "";
		for (int a = 0; a < it->author_count; a++)
			snprintf(authors + strlen(authors), sizeof authors - strlen(authors), "%s%s", a ? ", " : "", it->authors[a]);
		text_wrap(k->text, authors, (SDL_Rect){x, y + ui_px(k, 4), w, 0}, small, 0, UI_MUTED, 1, TEXT_LEFT, 1);
	}
	return tapped;
}

void ui_format_numbers(const char *fmt, int a, int b, char *out, size_t size)
{
	size_t n = 0;
	int which = 0;
	for (const char *p = fmt; *p && n + 12 < size; p++) {
		if (p[0] == '%' && p[1] == 'd' && which < 2) {
			n += (size_t)snprintf(out + n, size - n, "%d", which++ == 0 ? a : b);
			p++;
		} else {
			out[n++] = *p;
		}
	}
	out[n] = 0;
}

void ui_format_text(const char *fmt, const char *value, char *out, size_t size)
{
	const char *at = strstr(fmt, "%s");
	if (!at)
		snprintf(out, size, "%s", fmt);
	else
		snprintf(out, size, "%.*s%s%s", (int)(at - fmt), fmt, value, at + 2);
}
