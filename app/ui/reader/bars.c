/* The reader's bars: above the page, Back, the title, the text size (a
 * reflowable document) or the fit and zoom (a fixed one), the languages;
 * under the top bar while words are marked, the way to each match; below
 * the page, turning, the pages, search, listening and the details. Each
 * button does what it says when it is tapped, where it is drawn (gl-ui's
 * way): what is drawn is what is tapped. With the bars hidden, a thin line
 * at the bottom says how far into the document the visitor is. */
#include "ui/reader/reader.h"
#include "ui/nav.h"
#include "ui/strings.h"
#include "core/localize.h"

#include <stdio.h>

int reader_bar_h(const kiosk *k)
{
	return ui_px(k, 64);
}

static SDL_Rect back_rect(const kiosk *k)
{
	int in = ui_px(k, 6);
	return (SDL_Rect){in, in, ui_px(k, 130), reader_bar_h(k) - 2 * in};
}

/* A square button of the top bar, the i-th left of x. */
static SDL_Rect square_left_of(const kiosk *k, int x, int i)
{
	int in = ui_px(k, 6), s = reader_bar_h(k) - 2 * in;
	return (SDL_Rect){x - ui_px(k, 12) - (i + 1) * (s + in), in, s, s};
}

/* The bottom bar: previous, pages, search in it, listen, details, next.
 * The page turns are arrows only where the screen is narrow. */
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
	int middle = BTN_COUNT - 2, arrow = ui_px(k, 72), w = (k->w - 2 * arrow - (middle + 2) * in) / middle;
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

/* "Next page ›" where it fits whole in its button, else the arrow alone. */
static const char *turn_label(kiosk *k, int button, const char *label, const char *arrow)
{
	SDL_Rect r = bottom_button(k, button);
	int fits = wide_bar(k) && text_width(k->text, label, -1, ui_font(k, 20), 1) <= r.w - ui_px(k, 20);
	return fits ? label : arrow;
}

/* The fixed page's own buttons, right to left from right: the zoom's
 * larger and smaller where there is room, and the way to the whole page
 * (fitted to the width or zoomed) or back to the width. Returns where
 * they begin. */
static int fit_buttons(kiosk *k, int right, int left)
{
	reader_state *rd = k->reader;
	int in = ui_px(k, 6), pad = ui_px(k, 16), size = ui_font(k, 20);
	int whole = reader_fits_width(k) || rd->zoom > 1;
	const char *label = ui_str(k, whole ? "reader_whole_page" : "reader_fit_width");
	int w = SDL_max(text_width(k->text, label, -1, size, 1) + 2 * pad, ui_px(k, 110));
	SDL_Rect plus = square_left_of(k, right, 0), minus = square_left_of(k, right, 1);
	int zoom_buttons = minus.x - ui_px(k, 12) - w >= left;
	int x = zoom_buttons ? minus.x : right;
	w = SDL_min(w, x - ui_px(k, 12) - left); /* a narrow screen: the label smaller, or on two lines */
	SDL_Rect fit = {x - ui_px(k, 12) - w, in, w, reader_bar_h(k) - 2 * in};
	SDL_Rect a = rd->view;
	if (zoom_buttons && ui_button(k, minus, "–", 1)) {
		reader_zoom_at(k, rd->zoom / 1.5f, (float)(a.x + a.w / 2), (float)(a.y + a.h / 2));
		reader_request_sharp(k);
	}
	if (zoom_buttons && ui_button(k, plus, "+", 1)) {
		reader_zoom_at(k, rd->zoom * 1.5f, (float)(a.x + a.w / 2), (float)(a.y + a.h / 2));
		reader_request_sharp(k);
	}
	if (ui_button(k, fit, label, 1))
		reader_set_fit(k, whole ? READER_FIT_PAGE : READER_FIT_WIDTH);
	return fit.x;
}

/* Top bar: back, home, the title, the text size or the fit, the languages.
 * Returns 1 when Back was tapped, 2 Home (navigation goes last, once all
 * is drawn). */
static int draw_top_bar(kiosk *k)
{
	reader_state *rd = k->reader;
	int bh = reader_bar_h(k);
	ui_fill(k, (SDL_Rect){0, 0, k->w, bh}, UI_NAVY);
	SDL_Rect back = back_rect(k);
	/* Back no wider than its word needs: this bar has Home beside it too;
	 * its arrow alone where the fit's label would not fit beside them. */
	char back_label[96];
	snprintf(back_label, sizeof back_label, "‹  %s", ui_str(k, "back"));
	back.w = SDL_min(back.w, SDL_max(text_width(k->text, back_label, -1, ui_font(k, 20), 1) + ui_px(k, 28), back.h));
	int right = ui_lang_buttons(k, k->w - ui_px(k, 6), 0, bh, 0), fit_need = ui_px(k, 110) + ui_px(k, 12);
	if (reader_fixed(k)) {
		const char *label = ui_str(k, reader_fits_width(k) || rd->zoom > 1 ? "reader_whole_page" : "reader_fit_width");
		fit_need = SDL_max(text_width(k->text, label, -1, ui_font(k, 20), 1) * 4 / 5 + ui_px(k, 32), ui_px(k, 110)) + ui_px(k, 12);
	} else {
		fit_need = 2 * (bh - ui_px(k, 12)) + ui_px(k, 24);
	}
	SDL_Rect home = ui_home_rect(k, back);
	int arrow = home.x + home.w + ui_px(k, 12) + fit_need > right;
	if (arrow) {
		back.w = back.h;
		home = ui_home_rect(k, back);
	}
	int back_tapped = arrow ? ui_back_arrow(k, back) : ui_back_button(k, back);
	/* Still short of room: Home and the fit share it, each its word at four fifths at least. */
	home.w = SDL_max(SDL_min(home.w, right - fit_need - home.x), home.h);
	int size = ui_font(k, 20), lh = text_line_height(k->text, size);
	int lang_x = ui_lang_buttons(k, k->w - ui_px(k, 6), 0, bh, 1);
	if (!reader_fixed(k)) {
		/* The sign in the visitor's letters; held, or for a script, its words. */
		if (ui_button_said(k, square_left_of(k, lang_x, 1), ui_str(k, "text_smaller_sign"), ui_str(k, "text_smaller"), 1))
			reader_resize_text(k, -1);
		if (ui_button_said(k, square_left_of(k, lang_x, 0), ui_str(k, "text_larger_sign"), ui_str(k, "text_larger"), 1))
			reader_resize_text(k, +1);
		lang_x = square_left_of(k, lang_x, 1).x;
	} else { /* Home whole first; the fit's label smaller or on two lines where they do not both fit */
		lang_x = fit_buttons(k, lang_x, home.x + home.w + ui_px(k, 12));
	}
	/* Home narrower (its word smaller) where the bar has no room for it whole. */
	home.w = SDL_max(SDL_min(home.w, lang_x - ui_px(k, 10) - home.x), home.h);
	if (ui_home_button(k, home))
		back_tapped = 2;
	int tx = home.x + home.w + ui_px(k, 12);
	/* The title whole, on one line or two smaller ones; none where even
	 * that would cut it (the cover has shown it whole). */
	int room = lang_x - tx - ui_px(k, 10);
	const char *title = ui_title(k, rd->item);
	for (int s = size, lines = 1; s >= ui_smallest(k, size); s--) {
		lh = text_line_height(k->text, s);
		if (!ui_fits(k, title, room, s, 1))
			lines = ui_fits(k, title, room, s, 2) && 2 * lh <= bh ? 2 : 0;
		if (lines > 0) {
			text_wrap(k->text, title, (SDL_Rect){tx, (bh - lines * lh) / 2, room, lines * lh}, s, 1, UI_ON_NAVY, lines,
				  TEXT_LEFT, 1);
			break;
		}
		lines = 1;
	}
	return back_tapped;
}

static void draw_marks_bar(kiosk *k)
{
	reader_state *rd = k->reader;
	int my = reader_bar_h(k), mh = reader_marks_h(k), size = ui_font(k, 20), lh = text_line_height(k->text, size);
	ui_fill(k, (SDL_Rect){0, my, k->w, mh}, UI_MARK_SOFT);
	char what[320], quoted[280];
	localize_quote(strings_langs[k->lang], rd->highlight, quoted, sizeof quoted);
	snprintf(what, sizeof what, "%s %s", ui_str(k, "marked"), quoted);
	SDL_Rect first = mark_button(k, MARK_PREV);
	text_wrap(k->text, what, (SDL_Rect){ui_px(k, 14), my + (mh - lh) / 2, first.x - ui_px(k, 24), lh}, size, 0, UI_INK, 1, TEXT_LEFT, 1);
	int prev = ui_button(k, mark_button(k, MARK_PREV), ui_str(k, "match_prev"), 1);
	int next = ui_button(k, mark_button(k, MARK_NEXT), ui_str(k, "match_next"), 1);
	int close = ui_button(k, mark_button(k, MARK_CLOSE), "×", 1);
	if (prev)
		reader_find_match(k, rd->page - 1, -1);
	else if (next)
		reader_find_match(k, rd->page + 1, +1);
	else if (close)
		reader_unmark(k); /* the page again, unmarked */
}

/* Returns 1 when Search was tapped. */
static int draw_bottom_bar(kiosk *k)
{
	reader_state *rd = k->reader;
	char label[96], where[96] = "";
	int prev = 0, next = 0;
	if (rd->page_count > 0)
		reader_page_where(k, rd->page, where, sizeof where);
	if (rd->page > 0) {
		snprintf(label, sizeof label, "‹  %s", ui_str(k, "prev_page"));
		prev = ui_button(k, bottom_button(k, BTN_PREV), turn_label(k, BTN_PREV, label, "‹"), 1);
	}
	/* The four in the middle at one size: a row of sizes read as of importance. */
	static const int middle[4] = {BTN_PAGES, BTN_FIND, BTN_LISTEN, BTN_DETAILS};
	const char *words[4] = {where[0] ? where : "…", ui_str(k, "find_in_doc"), ui_str(k, "aloud_listen"), ui_str(k, "details")};
	int size = ui_font(k, 20);
	for (int i = 0; i < 4; i++)
		if (i != 2 || k->aloud)
			size = SDL_min(size, ui_button_words_size(k, bottom_button(k, middle[i]), words[i]));
	size = SDL_max(size, ui_font(k, 20) * 4 / 5); /* one that needs less goes smaller, or on two lines, on its own */
	int pages = ui_button_sized(k, bottom_button(k, BTN_PAGES), words[0], words[0], 1, size);
	int find = ui_button_sized(k, bottom_button(k, BTN_FIND), words[1], words[1], 1, size);
	int listen = k->aloud && ui_button_sized(k, bottom_button(k, BTN_LISTEN), words[2], words[2], 0, size);
	int details = ui_button_sized(k, bottom_button(k, BTN_DETAILS), words[3], words[3], 1, size);
	if (rd->page_count < 0 || rd->page + reader_spread(k) < rd->page_count) {
		snprintf(label, sizeof label, "%s  ›", ui_str(k, "next_page"));
		next = ui_button(k, bottom_button(k, BTN_NEXT), turn_label(k, BTN_NEXT, label, "›"), 1);
	}
	if (prev || next) {
		reader_turn_spread(k, next ? +1 : -1);
	} else if (pages && rd->page_count > 0) {
		reader_open_pages(k);
	} else if (listen) {
		reader_start_reading(k);
	} else if (details) {
		rd->panel = READER_PANEL_DETAILS;
		rd->panel_scroll = (ui_scroller){0};
		kiosk_item_details(k, rd->item);
	}
	return find;
}

/* How far into the document: a line along the bottom. */
static void draw_progress(kiosk *k)
{
	reader_state *rd = k->reader;
	int h = ui_px(k, 4), y = k->h - h;
	ui_fill(k, (SDL_Rect){0, y, k->w, h}, UI_LINE);
	if (rd->page_count <= 0)
		return;
	float at = (float)(rd->page + reader_spread(k)) / (float)rd->page_count;
	ui_fill(k, (SDL_Rect){0, y, (int)((float)k->w * SDL_min(at, 1.0f)), h}, UI_ACCENT);
}

/* While zoomed, how much, at the view's top right: the page is larger
 * than it fits, and Whole page goes back. */
static void draw_zoom_badge(kiosk *k)
{
	reader_state *rd = k->reader;
	if (rd->zoom <= 1.01f)
		return;
	char label[16];
	snprintf(label, sizeof label, "%d %%", (int)(rd->zoom * 10 + 0.5f) * 10);
	int size = ui_font(k, 20), pad = ui_px(k, 12), lh = text_line_height(k->text, size);
	int w = text_width(k->text, label, -1, size, 1) + 2 * pad, h = lh + pad;
	SDL_Rect r = {rd->view.x + rd->view.w - w - pad, rd->view.y + pad, w, h};
	ui_round_rect(k, r, h / 2, UI_NAVY);
	text_wrap(k->text, label, (SDL_Rect){r.x, r.y + (h - lh) / 2, w, lh}, size, 1, UI_ON_NAVY, 1, TEXT_CENTER, 1);
}

void reader_draw_bars(kiosk *k)
{
	reader_state *rd = k->reader;
	reader_draw_aloud_notice(k);
	draw_zoom_badge(k);
	if (rd->bars_hidden) {
		draw_progress(k);
		return;
	}
	int back = draw_top_bar(k), find = 0;
	if (rd->highlight[0])
		draw_marks_bar(k);
	int by = k->h - reader_bar_h(k);
	ui_fill(k, (SDL_Rect){0, by, k->w, reader_bar_h(k)}, UI_PAPER);
	ui_fill(k, (SDL_Rect){0, by, k->w, 1}, UI_LINE);
	if (rd->aloud != READER_ALOUD_OFF)
		reader_draw_aloud_bar(k);
	else
		find = draw_bottom_bar(k);
	if (back == 2)
		nav_home(k); /* last: the bars are drawn whole first */
	else if (back)
		nav_back(k);
	else if (find)
		reader_search_within(k);
}
