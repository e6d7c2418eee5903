/* Drawing helpers shared by the screens: colours, rounded cards, buttons,
 * and the localised labels every screen uses. */
#include "ui/ui.h"
#include "ui/strings.h"

#include <stdio.h>
#include <string.h>

const SDL_Color UI_INK = {27, 27, 27, 255};
const SDL_Color UI_MUTED = {92, 88, 80, 255};
const SDL_Color UI_PAPER = {244, 241, 234, 255};
const SDL_Color UI_CARD = {255, 255, 255, 255};
const SDL_Color UI_NAVY = {19, 41, 75, 255};
const SDL_Color UI_ACCENT = {181, 84, 44, 255};
const SDL_Color UI_LINE = {221, 214, 200, 255};
const SDL_Color UI_WHITE = {255, 255, 255, 255};

int ui_px(const kiosk *k, float px)
{
	return (int)(px * k->u + 0.5f);
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

void ui_button(kiosk *k, SDL_Rect r, const char *label, int style)
{
	int radius = ui_px(k, 12);
	if (style == 0) {
		ui_round_rect(k, r, radius, UI_NAVY);
	} else {
		ui_round_rect(k, r, radius, UI_NAVY);
		SDL_Rect inner = {r.x + 2, r.y + 2, r.w - 4, r.h - 4};
		ui_round_rect(k, inner, radius - 2, UI_CARD);
	}
	int size = ui_px(k, 20), lh = text_line_height(k->text, size);
	SDL_Rect box = {r.x + ui_px(k, 8), r.y + (r.h - lh) / 2, r.w - ui_px(k, 16), lh};
	text_wrap(k->text, label, box, size, 1, style == 0 ? UI_WHITE : UI_NAVY, 1, TEXT_CENTER, 1);
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
	int y, m, d;
	char key[16];
	out[0] = 0;
	if (sscanf(date, "%d-%d-%d", &y, &m, &d) == 3) {
		snprintf(key, sizeof key, "month_%d", m);
		snprintf(out, 64, "%d %s %d", d, ui_str(k, key), y);
	} else if (sscanf(date, "%d-%d", &y, &m) == 2) {
		snprintf(key, sizeof key, "month_%d", m);
		snprintf(out, 64, "%s %d", ui_str(k, key), y);
	} else {
		snprintf(out, 64, "%s", date);
	}
}

const char *ui_kind_label(const kiosk *k, item_kind kind)
{
	char key[32];
	snprintf(key, sizeof key, "kind_%s", item_kind_name(kind));
	return ui_str(k, key);
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
