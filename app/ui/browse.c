/* Browse: every item, as a grid of first pages or a list of cards,
 * filtered by kind, topic, language and year, sorted by date or title.
 * Only the visible rows are drawn, so a long archive scrolls as smoothly as
 * a short one; thumbnails come as their cards appear. */
#include "ui/ui.h"
#include "ui/nav.h"
#include "ui/panel.h"
#include "ui/strings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { BROWSE_BY_DATE, BROWSE_BY_TITLE };

typedef struct {
	char label[160];
	char value[128];
} browse_choice;

struct browse_state {
	ui_scroller scroll;
	int kind;                 /* -1 all */
	char topic[128];          /* "" all */
	char language[36];        /* "" all */
	int year;                 /* 0 all; -1 undated */
	char collection[65];      /* a collection's id, "" all */
	int sort, list;           /* BROWSE_BY_*; list 1: one item a row */
	int *shown, shown_count;  /* item indexes, in order */
	int grid_key[5];          /* what grid_cols and grid_lines were found for (grid_fit) */
	int grid_cols, grid_lines, grid_page_h, grid_meta_lines;
	int chooser;              /* the filter whose choices are open, or -1 */
	browse_choice *choices;   /* its choices, "All" first */
	int choice_count;
	ui_scroller chooser_scroll;
};

/* The chips; the year's only while Browse shows one year (from the Timeline). */
enum { CHOOSE_KIND, CHOOSE_TOPIC, CHOOSE_LANGUAGE, CHOOSE_SORT, CHIP_VIEW, CHIP_YEAR, CHIP_COUNT };

typedef struct {
	int top, bar_h, pad, gap, cols, cell_w, cell_h;
	SDL_Rect chip[CHIP_COUNT];
	char title[400];          /* what is shown: in the top bar, or where it has no room, */
	SDL_Rect title_below;     /* on a line below the chips (else empty) */
} browse_layout;

static void title_text(kiosk *k, char *out, size_t size);

/* The grid's columns, title lines and page height: as many columns as fit
 * at a readable width while the longest title (of the first GRID_SAMPLE
 * shown) is whole on GRID_LINES lines or fewer, else fewer columns; the
 * page shorter where a tile would be taller than the room it scrolls in
 * (room). Found again only when the size, language, text size or list changes. */
enum { GRID_SAMPLE = 120, GRID_LINES = 5 };

/* A tile's height besides its page and its title's lines: margins and the
 * lines of its kind and date (two where a narrow tile needs them). */
static int tile_words_h(const kiosk *k)
{
	return ui_px(k, 24) + k->browse->grid_meta_lines * text_line_height(k->text, ui_font(k, 17));
}

static void grid_fit(kiosk *k, int pad, int gap, int room)
{
	browse_state *b = k->browse;
	int key[5] = {k->w, k->h, (int)k->lang, (int)(k->text_scale * 100), b->shown_count};
	if (memcmp(key, b->grid_key, sizeof key) == 0)
		return;
	memcpy(b->grid_key, key, sizeof key);
	int in = ui_px(k, 8), size = ui_font(k, 20), lh = text_line_height(k->text, size);
	for (b->grid_cols = SDL_max(2, (k->w - 2 * pad + gap) / (ui_px(k, 170) + gap));; b->grid_cols--) {
		int w = (k->w - 2 * pad - (b->grid_cols - 1) * gap) / b->grid_cols - 2 * in;
		b->grid_lines = 3; /* a row of short titles keeps the usual tile */
		b->grid_meta_lines = 1;
		for (int n = 0; n < b->shown_count && n < GRID_SAMPLE; n++) {
			int h = text_wrap(k->text, ui_title(k, b->shown[n]), (SDL_Rect){0, 0, w, 0}, size, 1, UI_INK, 0, TEXT_LEFT, 0);
			b->grid_lines = SDL_max(b->grid_lines, (h + lh - 1) / lh);
			char meta[160];
			ui_item_meta(k, b->shown[n], meta);
			if (!ui_fits(k, meta, w, ui_smallest(k, ui_font(k, 17)), 1))
				b->grid_meta_lines = 2;
		}
		if (b->grid_lines <= GRID_LINES || b->grid_cols == 2) {
			int most = room - 2 * pad - tile_words_h(k) - b->grid_lines * lh;
			b->grid_page_h = SDL_min((w + 2 * in) * 4 / 3, SDL_max(room * 2 / 3, most));
			return;
		}
	}
}

static int chip_count(const kiosk *k)
{
	return k->browse->year ? CHIP_COUNT : CHIP_YEAR;
}

static void chip_label(const kiosk *k, int which, char out[200]);
static const char *filter_value(const kiosk *k, int which, char buf[64]);

static browse_layout layout(const kiosk *k)
{
	browse_layout l;
	int chips = chip_count(k);
	title_text((kiosk *)k, l.title, sizeof l.title);
	SDL_Rect room = ui_header_title_rect((kiosk *)k);
	int in_bar = ui_fits((kiosk *)k, l.title, room.w, ui_smallest(k, ui_font(k, 23)), 2);
	l.top = ui_header_height(k);
	l.pad = ui_px(k, 14);
	l.gap = ui_px(k, 12);
	int chip_h = ui_px(k, 52), chip_gap = ui_px(k, 8);
	/* Chips in one row when their words fit there near their size, else two. */
	int per_row = (k->w - 2 * l.pad + chip_gap) / (ui_px(k, 150) + chip_gap) >= chips ? chips : 3;
	for (int i = 0, w = (k->w - 2 * l.pad - (chips - 1) * chip_gap) / chips; per_row == chips && i < chips; i++) {
		char label[200], buf[64];
		chip_label(k, i, label);
		int words_w = w - ui_px(k, 16) - (filter_value(k, i, buf) ? chip_h : 0);
		if (!ui_fits((kiosk *)k, label, words_w, ui_font(k, 20) * 9 / 10, 1))
			per_row = 3;
	}
	for (int i = 0; i < CHIP_COUNT; i++) { /* a shorter last row shares the width too: longer words at their size */
		int in_row = SDL_min(per_row, chips - i / per_row * per_row);
		in_row = SDL_max(1, in_row);
		int chip_w = (k->w - 2 * l.pad - (in_row - 1) * chip_gap) / in_row;
		l.chip[i] = (SDL_Rect){l.pad + (i % per_row) * (chip_w + chip_gap),
				       l.top + ui_px(k, 10) + (i / per_row) * (chip_h + chip_gap), chip_w, chip_h};
	}
	int rows = (chips + per_row - 1) / per_row;
	l.bar_h = ui_px(k, 20) + rows * chip_h + (rows - 1) * chip_gap;
	l.title_below = (SDL_Rect){0};
	if (!in_bar) {
		int lh = text_line_height(k->text, ui_font(k, 20));
		l.title_below = (SDL_Rect){l.pad, l.top + l.bar_h - ui_px(k, 4), k->w - 2 * l.pad, 2 * lh};
		l.bar_h += 2 * lh + ui_px(k, 2);
	}
	if (k->browse->list) {
		l.cols = SDL_max(1, (k->w - 2 * l.pad + l.gap) / (ui_px(k, 520) + l.gap));
		l.cell_h = SDL_max(ui_px(k, 136), ui_px(k, 28) + 4 * text_line_height(k->text, ui_font(k, 20))); /* kind, title, authors */
	} else {
		grid_fit((kiosk *)k, l.pad, l.gap, k->h - l.top - l.bar_h);
		l.cols = k->browse->grid_cols;
		l.cell_h = 0;
	}
	l.cell_w = (k->w - 2 * l.pad - (l.cols - 1) * l.gap) / l.cols;
	if (!k->browse->list)
		l.cell_h = k->browse->grid_page_h + tile_words_h(k) + k->browse->grid_lines * text_line_height(k->text, ui_font(k, 20));
	return l;
}

static int list_top(const browse_layout *l)
{
	return l->top + l->bar_h;
}

static SDL_Rect cell_rect(const kiosk *k, const browse_layout *l, int n)
{
	int row = n / l->cols, col = n % l->cols;
	return (SDL_Rect){l->pad + col * (l->cell_w + l->gap),
			  list_top(l) + l->pad + row * (l->cell_h + l->gap) - (int)k->browse->scroll.offset, l->cell_w, l->cell_h};
}

/* --- the filtered list --- */

static int matches(const kiosk *k, const item *it)
{
	const browse_state *b = k->browse;
	int year = atoi(it->date);
	return (b->kind < 0 || (int)it->kind == b->kind) && (!b->topic[0] || item_list_has(it->topics, it->topic_count, b->topic)) &&
	       (!b->language[0] || strcmp(it->language, b->language) == 0) &&
	       (b->year == 0 || (b->year < 0 ? !it->date[0] : year == b->year)) &&
	       (!b->collection[0] || ui_in_collection(k, b->collection, it->id));
}

static const kiosk *sorting; /* qsort has no context argument in C11 */

static int by_title(const void *a, const void *b)
{
	return strcasecmp(ui_title(sorting, *(const int *)a), ui_title(sorting, *(const int *)b));
}

static void refilter(kiosk *k)
{
	browse_state *b = k->browse;
	free(b->shown);
	b->shown = malloc(((size_t)k->item_count + 1) * sizeof *b->shown);
	b->shown_count = 0;
	for (int i = 0; b->shown && i < k->item_count; i++) /* the catalogue lists newest first */
		if (matches(k, &k->items[i]))
			b->shown[b->shown_count++] = i;
	if (b->sort == BROWSE_BY_TITLE && b->shown) {
		sorting = k;
		qsort(b->shown, (size_t)b->shown_count, sizeof *b->shown, by_title);
	}
	b->scroll.offset = 0;
	b->scroll.velocity = 0;
	b->grid_key[0] = -1;
}

static void close_chooser(kiosk *k)
{
	free(k->browse->choices);
	k->browse->choices = NULL;
	k->browse->choice_count = 0;
	k->browse->chooser = -1;
}

static int browse_init(kiosk *k)
{
	if (!(k->browse = calloc(1, sizeof *k->browse)))
		return -1;
	k->browse->chooser = -1;
	return 0;
}

static void browse_items_changed(kiosk *k)
{
	close_chooser(k);
	free(k->browse->shown);
	k->browse->shown = NULL;
	k->browse->shown_count = 0;
}

static void browse_free(kiosk *k)
{
	if (k->browse)
		browse_items_changed(k);
	free(k->browse);
	k->browse = NULL;
}

static void browse_open(kiosk *k, const screen_args *a)
{
	browse_state *b = k->browse;
	b->kind = a->browse.kind;
	snprintf(b->topic, sizeof b->topic, "%s", a->browse.topic ? a->browse.topic : "");
	snprintf(b->language, sizeof b->language, "%s", a->browse.language ? a->browse.language : "");
	b->year = a->browse.year;
	snprintf(b->collection, sizeof b->collection, "%s", a->browse.collection ? a->browse.collection : "");
	close_chooser(k);
	refilter(k);
}

/* --- the choices of one filter --- */

static int by_label(const void *a, const void *b)
{
	return strcasecmp(((const browse_choice *)a)->label, ((const browse_choice *)b)->label);
}

static int add_unique(browse_choice **list, int *n, const char *value, const char *label)
{
	for (int i = 0; i < *n; i++)
		if (strcmp((*list)[i].value, value) == 0)
			return 0;
	browse_choice *grown = realloc(*list, ((size_t)*n + 1) * sizeof **list);
	if (!grown)
		return -1;
	*list = grown;
	snprintf(grown[*n].value, sizeof grown[*n].value, "%s", value);
	snprintf(grown[*n].label, sizeof grown[*n].label, "%s", label);
	(*n)++;
	return 0;
}

/* The choices, "All" first; caller frees. */
static browse_choice *choices(const kiosk *k, int which, int *n)
{
	browse_choice *list = NULL;
	char buf[64];
	*n = 0;
	if (which != CHOOSE_SORT)
		add_unique(&list, n, "", ui_str(k, "filter_all"));
	if (which == CHOOSE_KIND) {
		for (int kind = 0; kind < KIND_COUNT; kind++)
			for (int i = 0; i < k->item_count; i++)
				if ((int)k->items[i].kind == kind) {
					snprintf(buf, sizeof buf, "%d", kind);
					add_unique(&list, n, buf, ui_kind_plural(k, (item_kind)kind));
					break;
				}
	} else if (which == CHOOSE_TOPIC) {
		for (int i = 0; i < k->item_count; i++)
			for (int t = 0; t < k->items[i].topic_count; t++)
				add_unique(&list, n, k->items[i].topics[t], ui_topic(k, k->items[i].topics[t]));
		if (*n > 1)
			qsort(list + 1, (size_t)*n - 1, sizeof *list, by_label);
	} else if (which == CHOOSE_LANGUAGE) {
		for (int i = 0; i < k->item_count; i++)
			if (k->items[i].language[0])
				add_unique(&list, n, k->items[i].language, ui_language_name(k, k->items[i].language, buf));
	} else {
		add_unique(&list, n, "0", ui_str(k, "sort_date"));
		add_unique(&list, n, "1", ui_str(k, "sort_title"));
	}
	return list;
}

static void choose(kiosk *k, int which, const char *value)
{
	browse_state *b = k->browse;
	if (which == CHOOSE_KIND)
		b->kind = value[0] ? atoi(value) : -1;
	else if (which == CHOOSE_TOPIC)
		snprintf(b->topic, sizeof b->topic, "%s", value);
	else if (which == CHOOSE_LANGUAGE)
		snprintf(b->language, sizeof b->language, "%s", value);
	else if (which == CHIP_YEAR)
		b->year = atoi(value);
	else
		b->sort = atoi(value);
	close_chooser(k);
	refilter(k);
}

static int row_h(const kiosk *k)
{
	return ui_px(k, 60);
}

static const char *const chip_keys[CHIP_COUNT] = {"filter_kind", "filter_topic", "filter_language", "filter_sort", "", ""};

static ui_panel chooser_panel(const kiosk *k)
{
	return ui_panel_layout(k, 560, 40, 64, ui_str(k, chip_keys[k->browse->chooser]), 1);
}

/* Row n of the open chooser's list, scrolled, in its panel's body. */
static SDL_Rect choice_rect(const kiosk *k, int n)
{
	SDL_Rect body = chooser_panel(k).body;
	int in = ui_px(k, 12);
	return (SDL_Rect){body.x + in, body.y + n * row_h(k) - (int)k->browse->chooser_scroll.offset, body.w - 2 * in,
			  row_h(k) - ui_px(k, 4)};
}

static int chosen(const kiosk *k, int which, const browse_choice *c)
{
	const browse_state *b = k->browse;
	switch (which) {
	case CHOOSE_KIND: return c->value[0] ? atoi(c->value) == b->kind : b->kind < 0;
	case CHOOSE_TOPIC: return strcmp(c->value, b->topic) == 0;
	case CHOOSE_LANGUAGE: return strcmp(c->value, b->language) == 0;
	default: return atoi(c->value) == b->sort;
	}
}

/* The choices are gathered once, when the chooser opens. */
static void open_chooser(kiosk *k, int which)
{
	browse_state *b = k->browse;
	close_chooser(k);
	b->chooser = which;
	b->choices = choices(k, which, &b->choice_count);
	b->chooser_scroll = (ui_scroller){0};
}

/* The open chooser, over the screen: a tap on a choice chooses it, one on
 * the × or outside the card closes it. */
static void draw_chooser(kiosk *k)
{
	int n = k->browse->choice_count, tapped = -1;
	const browse_choice *list = k->browse->choices;
	ui_panel p = chooser_panel(k);
	int closed = ui_panel_begin(k, &p, ui_str(k, chip_keys[k->browse->chooser]), 1);
	for (int i = 0; i < n; i++) {
		SDL_Rect r = choice_rect(k, i), seen;
		if (!SDL_IntersectRect(&r, &p.body, &seen))
			continue;
		if (ui_tapped(k, seen))
			tapped = i;
		int on = chosen(k, k->browse->chooser, &list[i]);
		ui_round_rect(k, r, ui_px(k, 10), ui_pressed(k, r) ? UI_LINE : on ? UI_NAVY : UI_CARD);
		ui_target_said(k, r, list[i].label, -1);
		int fs = ui_font(k, 20), fl = text_line_height(k->text, fs);
		text_wrap(k->text, list[i].label, (SDL_Rect){r.x + ui_px(k, 16), r.y + (r.h - fl) / 2, r.w - ui_px(k, 32), fl}, fs,
			  on, on ? UI_ON_NAVY : UI_INK, 1, TEXT_LEFT, 1);
	}
	ui_panel_end(k, &p, &k->browse->chooser_scroll, n * row_h(k));
	if (closed) {
		close_chooser(k);
	} else if (tapped >= 0) {
		char value[128];
		snprintf(value, sizeof value, "%s", list[tapped].value); /* choose frees the list */
		choose(k, k->browse->chooser, value);
	}
}

/* --- drawing --- */

/* The value a filter is set to, in the visitor's words, or NULL: all. */
static const char *filter_value(const kiosk *k, int which, char buf[64])
{
	const browse_state *b = k->browse;
	switch (which) {
	case CHOOSE_KIND: return b->kind >= 0 ? ui_kind_plural(k, (item_kind)b->kind) : NULL;
	case CHOOSE_TOPIC: return b->topic[0] ? ui_topic(k, b->topic) : NULL;
	case CHOOSE_LANGUAGE: return b->language[0] ? ui_language_name(k, b->language, buf) : NULL;
	case CHIP_YEAR: return !b->year ? NULL : b->year < 0 ? ui_str(k, "undated") : (snprintf(buf, 64, "%d", b->year), buf);
	default: return NULL;
	}
}

/* A chip says what it is set to; the view's says what a tap shows. */
static void chip_label(const kiosk *k, int which, char out[200])
{
	const browse_state *b = k->browse;
	char buf[64];
	const char *value = filter_value(k, which, buf);
	if (which == CHOOSE_SORT)
		value = ui_str(k, b->sort == BROWSE_BY_TITLE ? "sort_title" : "sort_date");
	else if (which == CHIP_VIEW) /* view_grid: "Show as list", what the grid offers */
		value = ui_str(k, b->list ? "view_list" : "view_grid");
	snprintf(out, 200, "%s", value ? value : ui_str(k, chip_keys[which]));
}

/* "Articles · Lachin corridor · 2 documents": what is shown, never "all"
 * while a filter is on. */
static void title_text(kiosk *k, char *out, size_t size)
{
	const browse_state *b = k->browse;
	char buf[64], count[64];
	size_t n = 0;
	out[0] = 0;
	const guide_collection *c = guide_find_collection(&k->guide, b->collection);
	if (c) { /* its title alone: the bar is narrow */
		snprintf(out, size, "%s", ui_collection_title(k, c));
		return;
	}
	static const int parts[] = {CHIP_YEAR, CHOOSE_KIND, CHOOSE_TOPIC, CHOOSE_LANGUAGE};
	for (size_t i = 0; i < SDL_arraysize(parts) && n < size; i++) {
		const char *value = filter_value(k, parts[i], buf);
		if (value)
			n += (size_t)snprintf(out + n, size - n, "%s%s", n ? " · " : "", value);
	}
	ui_count_text(k, "items_count", b->shown_count, count, sizeof count);
	/* "· 4 документа" kept on one line: the dot and the count's words never begin a line */
	char whole[80] = "";
	for (size_t i = 0, o = 0; count[i] && o < sizeof whole - 3; i++)
		if (count[i] == ' ') {
			memcpy(whole + o, "\u00A0", 2);
			o += 2;
		} else {
			whole[o++] = count[i];
		}
	if (n < size)
		snprintf(out + n, size - n, "%s\u00A0· %s", n ? "" : ui_str(k, "go_browse"), whole);
}

/* A chip of a filter that is on: its value, and a × that clears it (two
 * targets side by side, one pill). 1 when the value was tapped, 2 the ×. */
static int chip_with_clear(kiosk *k, SDL_Rect r, const char *label, const char *value)
{
	SDL_Rect clear = {r.x + r.w - r.h, r.y, r.h, r.h}, open = {r.x, r.y, r.w - r.h, r.h};
	int what = ui_tapped(k, open) ? 1 : ui_tapped(k, clear) ? 2 : 0;
	char said[300];
	ui_format_text(ui_str(k, "filter_clear"), value, said, sizeof said);
	ui_target_said(k, open, label, -1);
	ui_target_said(k, clear, said, -1);
	ui_round_rect(k, r, r.h / 2, ui_pressed(k, open) ? UI_LINE : UI_NAVY);
	int in = ui_px(k, 6), pad = ui_px(k, 8);
	SDL_Rect disc = {clear.x + in, clear.y + in, clear.w - 2 * in, clear.h - 2 * in};
	ui_round_rect(k, disc, disc.h / 2, ui_pressed(k, clear) ? UI_ACCENT : UI_ON_NAVY);
	int size = ui_font(k, 24), lh = text_line_height(k->text, size);
	text_wrap(k->text, "×", (SDL_Rect){disc.x, disc.y + (disc.h - lh) / 2, disc.w, lh}, size, 1, UI_NAVY, 1, TEXT_CENTER, 1);
	ui_label(k, label, (SDL_Rect){r.x + 2 * pad, r.y + pad / 2, open.w - 2 * pad, r.h - pad}, ui_font(k, 20),
		 ui_pressed(k, open) ? UI_INK : UI_ON_NAVY, TEXT_CENTER);
	return what;
}

/* A tile of the grid; 1 when tapped (on its part in view: seen). */
static int draw_tile(kiosk *k, int index, SDL_Rect r, SDL_Rect seen)
{
	int tapped = ui_tapped(k, seen);
	ui_target_said(k, r, ui_title(k, index), -1);
	int in = ui_px(k, 8);
	ui_round_rect(k, r, ui_px(k, 10), ui_pressed(k, r) ? UI_LINE : UI_CARD);
	SDL_Rect box = {r.x + in, r.y + in, r.w - 2 * in, k->browse->grid_page_h - 2 * in};
	thumb_draw(k, index, box);
	ui_language_band(k, index, box);
	char meta[160];
	ui_item_meta(k, index, meta);
	int ml = k->browse->grid_meta_lines * text_line_height(k->text, ui_font(k, 17)), top = box.y + box.h + ui_px(k, 6);
	ui_label(k, meta, (SDL_Rect){r.x + in, top, r.w - 2 * in, ml}, ui_font(k, 17), UI_ACCENT, TEXT_LEFT);
	top += ml + ui_px(k, 2);
	SDL_Rect title = {r.x + in, top, r.w - 2 * in, r.y + r.h - in - top};
	int size = ui_fit_size(k, ui_title(k, index), title, ui_font(k, 20), 1);
	text_wrap(k->text, ui_title(k, index), title, size, 1, UI_INK, SDL_max(1, title.h / text_line_height(k->text, size)), TEXT_LEFT, 1);
	return tapped;
}

/* Drawn whole, then what a tap chose (gl-ui's way): the bar and the chips
 * first, so that they take the taps on them; the list scrolls beneath. */
static void browse_draw(kiosk *k)
{
	browse_state *b = k->browse;
	browse_layout l = layout(k);
	int under_panel = ui_tap_aside(k, b->chooser >= 0 ? (SDL_Rect){0, 0, 0, 0} : (SDL_Rect){0, 0, k->w, k->h});
	ui_fill(k, (SDL_Rect){0, 0, k->w, k->h}, UI_PAPER);
	ui_header(k, l.title_below.w ? "" : l.title);
	if (l.title_below.w)
		ui_label(k, l.title, l.title_below, ui_font(k, 20), UI_INK, TEXT_LEFT);
	ui_fill(k, (SDL_Rect){0, l.top + l.bar_h - 1, k->w, 1}, UI_LINE);
	int chip = -1, cleared = -1, opened = -1;
	for (int i = 0; i < chip_count(k); i++) {
		char label[200], buf[64];
		chip_label(k, i, label);
		const char *value = filter_value(k, i, buf);
		int what = value ? chip_with_clear(k, l.chip[i], label, value) : ui_button(k, l.chip[i], label, 2);
		if (what == 1 && i != CHIP_YEAR)
			chip = i;
		else if (what) /* the year's chip has no choices: all of it clears */
			cleared = i;
	}

	int rows = (b->shown_count + l.cols - 1) / l.cols;
	int content = 2 * l.pad + rows * l.cell_h + SDL_max(0, rows - 1) * l.gap;
	b->scroll.max = (float)SDL_max(0, content - (k->h - list_top(&l)));
	SDL_Rect list = {0, list_top(&l), k->w, k->h - list_top(&l)};
	SDL_RenderSetClipRect(k->renderer, &list);
	int beside = ui_tap_aside(k, list); /* a card scrolled under the chips is not tapped there */
	/* Only the rows in view. */
	int first_row = SDL_max(0, ((int)b->scroll.offset - l.pad) / (l.cell_h + l.gap)), first_target = k->target_count;
	for (int n = first_row * l.cols; n < b->shown_count; n++) {
		SDL_Rect r = cell_rect(k, &l, n), seen;
		if (r.y >= k->h)
			break;
		SDL_IntersectRect(&r, &list, &seen);
		if (b->list ? ui_item_card(k, b->shown[n], r) : draw_tile(k, b->shown[n], r, seen))
			opened = b->shown[n];
	}
	ui_tap_back(k, beside);
	ui_targets_within(k, first_target, list);
	if (b->shown_count == 0) {
		SDL_Rect box = {l.pad * 2, list.y + ui_px(k, 60), k->w - l.pad * 4, 0};
		text_wrap(k->text, ui_str(k, "browse_none"), box, ui_font(k, 21), 0, UI_MUTED, 3, TEXT_CENTER, 1);
	}
	SDL_RenderSetClipRect(k->renderer, NULL);
	ui_tap_back(k, under_panel);
	if (b->chooser >= 0) {
		draw_chooser(k);
	} else if (cleared >= 0) {
		choose(k, cleared, "");
	} else if (chip == CHIP_VIEW) {
		b->list = !b->list;
		b->scroll.offset = 0;
	} else if (chip >= 0) {
		open_chooser(k, chip);
	} else if (opened >= 0) {
		nav_open_item(k, opened);
	}
}

/* Taps are the buttons', as drawn: here only the scrolling. */
static void browse_touch(kiosk *k, const gesture *g)
{
	browse_state *b = k->browse;
	browse_layout l = layout(k);
	if (b->chooser >= 0)
		ui_scroll_touch(&b->chooser_scroll, g, 0);
	else if (g->y0 >= (float)list_top(&l))
		ui_scroll_touch(&b->scroll, g, 0);
}

static void browse_update(kiosk *k, Uint32 dt)
{
	ui_scroll_update(&k->browse->scroll, dt);
	ui_scroll_update(&k->browse->chooser_scroll, dt);
}

static int browse_busy(kiosk *k)
{
	return ui_scroll_busy(&k->browse->scroll) || ui_scroll_busy(&k->browse->chooser_scroll);
}

static void browse_key(kiosk *k, SDL_Keycode key)
{
	float step = (float)ui_px(k, 160);
	if (key == SDLK_DOWN || key == SDLK_PAGEDOWN)
		k->browse->scroll.offset += key == SDLK_DOWN ? step : (float)k->h * 0.8f;
	else if (key == SDLK_UP || key == SDLK_PAGEUP)
		k->browse->scroll.offset -= key == SDLK_UP ? step : (float)k->h * 0.8f;
	ui_scroll_update(&k->browse->scroll, 0);
}

static int browse_back(kiosk *k)
{
	if (k->browse->chooser < 0)
		return 0;
	k->browse->chooser = -1;
	return 1;
}

const screen_ops browse_screen = {.name = "browse", .flags = SCREEN_TAPS_IN_DRAW, .init = browse_init, .open = browse_open, .back = browse_back,
				  .draw = browse_draw, .touch = browse_touch, .key = browse_key, .update = browse_update,
				  .busy = browse_busy, .items_changed = browse_items_changed, .free = browse_free};
