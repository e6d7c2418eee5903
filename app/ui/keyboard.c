/* The on-screen keyboard: see keyboard.h. */
#include "ui/keyboard.h"

#include <stdio.h>
#include <string.h>

#define ROWS 4

/* Keys as space-separated UTF-8, at most 10 a row so that keys stay 9 mm
 * wide on a narrow portrait screen; the last row ends with backspace. */
static const char *const letters[KEYBOARD_LAYOUTS][ROWS] = {
	{"q w e r t y u i o p", "a s d f g h j k l", "z x c v b n m", ""},
	{"է թ փ ձ ջ ր չ ճ ժ ծ", "ք ո ե ռ տ ը ւ ի օ պ", "ա ս դ ֆ գ հ յ կ լ շ", "խ ղ և զ ց վ բ ն մ"},
	{"й ц у к е н г ш щ з", "ф ы в а п р о л д ж", "я ч с м и т ь б ю", "х ъ э ё"},
	{"1 2 3 4 5 6 7 8 9 0", "- ' « » ( ) . ,", "", ""},
};
/* Each tab in its own script; said in its language (strings_langs), or -1. */
static const char *const tab_names[KEYBOARD_LAYOUTS] = {"ABC", "ԱԲԳ", "АБВ", "123"};
static const int tab_langs[KEYBOARD_LAYOUTS] = {-1, 1, 2, -1};
/* The tabs after the first, in this order; digits always last. */
static const int tab_order[KEYBOARD_LAYOUTS] = {KEYBOARD_ARMENIAN, KEYBOARD_RUSSIAN, KEYBOARD_LATIN, KEYBOARD_DIGITS};

enum { KEY_CHAR, KEY_BACKSPACE, KEY_SPACE, KEY_TAB, KEY_CLEAR, KEY_HIDE };

typedef struct {
	SDL_Rect r;
	int type;
	int layout;               /* a tab's */
	char text[8];
} key;

int keyboard_layout_for(const char *lang)
{
	return !strcmp(lang, "hy") ? KEYBOARD_ARMENIAN : !strcmp(lang, "ru") ? KEYBOARD_RUSSIAN : KEYBOARD_LATIN;
}

void keyboard_start(keyboard *kb, int layout)
{
	kb->layout = kb->first = layout;
}

/* Rows holding letters; backspace goes at the end of the last. */
static int letter_rows(int layout)
{
	int n = ROWS;
	while (n > 1 && !letters[layout][n - 1][0])
		n--;
	return n;
}

static int key_h(const kiosk *k)
{
	return ui_px(k, 50);
}

int keyboard_height(const kiosk *k, const keyboard *kb)
{
	int gap = ui_px(k, 5);
	return (letter_rows(kb->layout) + 1) * (key_h(k) + gap) + gap;
}

/* The width a bottom-row key needs for its word at the size it is drawn
 * (as ui_label inside a key's 2-pixel margin, and a little air). */
static int word_w(const kiosk *k, const char *s)
{
	return text_width(k->text, s, (int)strlen(s), ui_font(k, 17), 1) + 4 + ui_px(k, 10);
}

/* The keys of the current layout below top; returns how many. */
static int keys(const kiosk *k, const keyboard *kb, int top, key out[64])
{
	int gap = ui_px(k, 5), kh = key_h(k), n = 0, layout = kb->layout;
	int y = top + gap, counts[ROWS] = {0};
	/* Keys as wide as the widest row allows; backspace takes what the last
	 * row leaves, at least one and a half keys. */
	int rows = letter_rows(layout);
	float widest = 0, back_units;
	for (int row = 0; row < rows; row++) {
		for (const char *q = letters[layout][row]; *q; q += strcspn(q, " "), q += strspn(q, " "))
			counts[row]++;
		widest = SDL_max(widest, (float)counts[row]);
	}
	back_units = SDL_max(1.5f, widest - (float)counts[rows - 1]);
	widest = SDL_max(widest, (float)counts[rows - 1] + back_units);
	int kw = (int)((float)(k->w - gap) / widest) - gap;
	int back_w = (int)(back_units * (float)(kw + gap)) - gap;
	for (int row = 0; row < rows; row++, y += kh + gap) {
		const char *p = letters[layout][row];
		int last = row == rows - 1;
		int total = counts[row] * (kw + gap) + (last ? back_w + gap : 0) - gap;
		int x = (k->w - total) / 2;
		while (*p) {
			size_t len = strcspn(p, " ");
			key *kk = &out[n++];
			*kk = (key){{x, y, kw, kh}, KEY_CHAR, 0, ""};
			snprintf(kk->text, sizeof kk->text, "%.*s", (int)len, p);
			x += kw + gap;
			p += len;
			p += strspn(p, " ");
		}
		if (last)
			out[n++] = (key){{x, y, back_w, kh}, KEY_BACKSPACE, 0, ""};
	}
	/* The bottom row, in units: a tab each, space 2.5, clear and hide 1.25. */
	float unit = (float)(k->w - (KEYBOARD_LAYOUTS + 4) * gap) / ((float)KEYBOARD_LAYOUTS + 5.0f);
	int x = gap;
	int order[KEYBOARD_LAYOUTS], tabs = 0;
	order[tabs++] = kb->first;
	for (int j = 0; j < KEYBOARD_LAYOUTS; j++)
		if (tab_order[j] != kb->first)
			order[tabs++] = tab_order[j];
	for (int i = 0; i < tabs; i++) {
		out[n++] = (key){{x, y, (int)unit, kh}, KEY_TAB, order[i], ""};
		x += (int)unit + gap;
	}
	int space_w = (int)(unit * 2.5f), side = (k->w - x - space_w - 3 * gap) / 2;
	/* Clear and Hide as wide as their words ("Թաքցնել" on a narrow
	 * portrait screen): the space bar gives way, to a key and a half. */
	int need = SDL_max(word_w(k, ui_str(k, "key_clear")), word_w(k, ui_str(k, "key_hide")));
	int spare = space_w - (int)(unit * 1.5f);
	if (need > side && spare > 0) {
		int more = SDL_min(need - side, spare / 2);
		side += more;
		space_w -= 2 * more;
	}
	out[n++] = (key){{x, y, space_w, kh}, KEY_SPACE, 0, " "};
	x += space_w + gap;
	out[n++] = (key){{x, y, side, kh}, KEY_CLEAR, 0, ""};
	x += side + gap;
	out[n++] = (key){{x, y, k->w - gap - x, kh}, KEY_HIDE, 0, ""};
	return n;
}

static const char *key_label(const kiosk *k, const key *kk)
{
	switch (kk->type) {
	case KEY_TAB: return tab_names[kk->layout];
	case KEY_SPACE: return ui_str(k, "key_space");
	case KEY_BACKSPACE: return ui_str(k, "key_delete");
	case KEY_CLEAR: return ui_str(k, "key_clear");
	case KEY_HIDE: return ui_str(k, "key_hide");
	default: return kk->text;
	}
}

int keyboard_draw(kiosk *k, keyboard *kb, int y, char typed[8])
{
	key ks[64];
	int n = keys(k, kb, y, ks), did = KEYBOARD_NOTHING, tab = -1;
	typed[0] = 0;
	ui_fill(k, (SDL_Rect){0, y, k->w, k->h - y}, UI_SHADE);
	for (int i = 0; i < n; i++) {
		const key *kk = &ks[i];
		const char *label = key_label(k, kk);
		int chosen = kk->type == KEY_TAB && kk->layout == kb->layout, pressed = ui_pressed(k, kk->r);
		if (ui_tapped(k, kk->r)) {
			static const int does[] = {KEYBOARD_TYPED, KEYBOARD_BACKSPACE, KEYBOARD_TYPED, KEYBOARD_NOTHING, KEYBOARD_CLEAR,
						   KEYBOARD_HIDE};
			did = does[kk->type];
			if (kk->type == KEY_TAB)
				tab = kk->layout;
			snprintf(typed, 8, "%s", kk->text);
		}
		ui_target_said(k, kk->r, label, kk->type == KEY_TAB ? tab_langs[kk->layout] : -1);
		SDL_Color fill = pressed ? UI_ACCENT : chosen ? UI_NAVY : kk->type == KEY_CHAR ? UI_CARD : UI_PAPER;
		if (!pressed && !chosen) { /* an outline: a key on the keyboard's ground, in either palette */
			ui_round_rect(k, kk->r, ui_px(k, 8), UI_EDGE);
			int e = ui_px(k, 2);
			ui_round_rect(k, (SDL_Rect){kk->r.x + e, kk->r.y + e, kk->r.w - 2 * e, kk->r.h - 2 * e}, ui_px(k, 6), fill);
		} else {
			ui_round_rect(k, kk->r, ui_px(k, 8), fill);
		}
		int size = ui_font(k, kk->type == KEY_CHAR ? 24 : kk->type == KEY_TAB ? 19 : 17);
		ui_label(k, label, (SDL_Rect){kk->r.x + 2, kk->r.y + 2, kk->r.w - 4, kk->r.h - 4}, size,
			 pressed || chosen ? UI_ON_NAVY : UI_INK, TEXT_CENTER);
	}
	if (tab >= 0) /* after the keys: drawn in the layout they were tapped in */
		kb->layout = tab;
	return did;
}
