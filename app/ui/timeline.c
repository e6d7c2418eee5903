/* Timeline: the years of the archive side by side, each with a bar for how
 * many items it holds and the first of their titles; swipe to move through
 * time, tap a year to browse its items. An item dated only by year or month
 * sits in its year; undated items come last. Years without items are
 * columns of their own only within a short gap: one mistyped date (0202
 * beside 2023) must not make the visitor swipe through eighteen centuries. */
#include "ui/ui.h"
#include "ui/nav.h"
#include "ui/strings.h"

#include <stdio.h>
#include <stdlib.h>

struct timeline_state {
	ui_scroller scroll;       /* horizontal */
	int *years;               /* each column's year, ascending; the last column is undated */
	int columns;
	int *items;               /* item indexes, column by column */
	int *starts;              /* where each column's begin in items (columns + 1) */
};

/* Two years a screen when upright; as many as fit when wide, wider with
 * Larger text (its words must fit a column), two at least. */
static int column_w(const kiosk *k)
{
	int two = (k->w - 2 * ui_px(k, 16) - ui_px(k, 10)) / 2;
	if (k->w > k->h)
		return SDL_min((int)((float)ui_px(k, 190) * k->text_scale), two);
	return two;
}

/* The year of an item, or 0 when undated. */
static int year_of(const item *it)
{
	int y = it->date[0] ? atoi(it->date) : 0;
	return y > 0 ? y : 0;
}

static int column_items(const kiosk *k, int c)
{
	return k->timeline->starts[c + 1] - k->timeline->starts[c];
}

/* Columns shown: every year from the first to the last, then "undated" if
 * any item is. */
static int column_count(const kiosk *k)
{
	const timeline_state *t = k->timeline;
	if (!t->starts)
		return 0;
	return t->columns - (column_items(k, t->columns - 1) == 0);
}

/* Where the years go on past the screen, a bar at the foot says so, with
 * Earlier and Later: its height, or 0. */
static int turn_bar_h(const kiosk *k)
{
	return k->timeline->scroll.max > 0 ? ui_target_px(k) + ui_px(k, 16) : 0;
}

static SDL_Rect column_rect(const kiosk *k, int c)
{
	int top = ui_header_bottom((kiosk *)k, ui_str(k, "go_timeline")) + ui_px(k, 16), pad = ui_px(k, 16), gap = ui_px(k, 10);
	return (SDL_Rect){pad + c * (column_w(k) + gap) - (int)k->timeline->scroll.offset, top, column_w(k),
			  k->h - top - pad - turn_bar_h(k)};
}

/* Earlier and Later, each where there is more that way: a column a tap. */
static void draw_turns(kiosk *k)
{
	ui_scroller *s = &k->timeline->scroll;
	int bar = turn_bar_h(k), pad = ui_px(k, 16), w = SDL_min(ui_px(k, 260), (k->w - 3 * pad) / 2);
	if (!bar)
		return;
	SDL_Rect earlier = {pad, k->h - bar, w, ui_target_px(k)}, later = {k->w - pad - w, earlier.y, w, earlier.h};
	float step = (float)(column_w(k) + ui_px(k, 10));
	char label[96];
	snprintf(label, sizeof label, "‹  %s", ui_str(k, "timeline_earlier"));
	/* Each turn ends with a column at the left edge (or at an end). */
	if (s->offset > 0.5f && ui_button_said(k, earlier, label, ui_str(k, "timeline_earlier"), 1))
		s->offset = SDL_floorf((s->offset - 1) / step) * step;
	snprintf(label, sizeof label, "%s  ›", ui_str(k, "timeline_later"));
	if (s->offset < s->max - 0.5f && ui_button_said(k, later, label, ui_str(k, "timeline_later"), 1))
		s->offset = (SDL_floorf(s->offset / step) + 1) * step;
	ui_scroll_update(s, 0);
}

/* The year of column c, or -1 for undated. */
static int column_year(const kiosk *k, int c)
{
	const timeline_state *t = k->timeline;
	return c < t->columns - 1 ? t->years[c] : -1;
}

static int by_year(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

static int column_of(const timeline_state *t, const item *it)
{
	int y = year_of(it);
	const int *found = y ? bsearch(&y, t->years, (size_t)t->columns - 1, sizeof y, by_year) : NULL;
	return found ? (int)(found - t->years) : t->columns - 1;
}

/* Empty years shown between two that hold items, at most. */
#define TIMELINE_GAP 3

/* The columns' years: those that hold items, and the empty ones between
 * two of them not more than TIMELINE_GAP apart. Returns their count. */
static int make_years(kiosk *k, int **out)
{
	int *held = malloc(((size_t)k->item_count + 1) * sizeof *held), n = 0;
	*out = NULL;
	if (!held)
		return 0;
	for (int i = 0; i < k->item_count; i++)
		if (year_of(&k->items[i]))
			held[n++] = year_of(&k->items[i]);
	qsort(held, (size_t)n, sizeof *held, by_year);
	int *years = malloc(((size_t)n * (TIMELINE_GAP + 1) + 1) * sizeof *years), count = 0;
	for (int i = 0; years && i < n; i++) {
		if (count && held[i] == years[count - 1])
			continue;
		if (count && held[i] - years[count - 1] - 1 <= TIMELINE_GAP)
			for (int y = years[count - 1] + 1; y < held[i]; y++)
				years[count++] = y;
		years[count++] = held[i];
	}
	free(held);
	*out = years;
	return years ? count : 0;
}

static void timeline_clear(kiosk *k)
{
	free(k->timeline->items);
	free(k->timeline->starts);
	free(k->timeline->years);
	*k->timeline = (timeline_state){0};
}

static int timeline_init(kiosk *k)
{
	return (k->timeline = calloc(1, sizeof *k->timeline)) ? 0 : -1;
}

static void timeline_free(kiosk *k)
{
	if (k->timeline)
		timeline_clear(k);
	free(k->timeline);
	k->timeline = NULL;
}

static void timeline_open(kiosk *k, const screen_args *a)
{
	timeline_state *t = k->timeline;
	timeline_clear(k);
	/* The items grouped by column, once (a counting sort), so that drawing
	 * a year never looks through the whole archive. */
	t->columns = make_years(k, &t->years) + 1;
	t->starts = calloc((size_t)t->columns + 1, sizeof *t->starts);
	t->items = malloc(((size_t)k->item_count + 1) * sizeof *t->items);
	int *fill = calloc((size_t)t->columns, sizeof *fill);
	if (!t->starts || !t->items || !fill) {
		timeline_clear(k);
	} else {
		for (int i = 0; i < k->item_count; i++)
			t->starts[column_of(t, &k->items[i]) + 1]++;
		for (int c = 0; c < t->columns; c++)
			t->starts[c + 1] += t->starts[c];
		for (int i = 0; i < k->item_count; i++) {
			int c = column_of(t, &k->items[i]);
			t->items[t->starts[c] + fill[c]++] = i;
		}
	}
	free(fill);
	/* Start at the newest years. */
	int content = 2 * ui_px(k, 16) + column_count(k) * (column_w(k) + ui_px(k, 10)) - ui_px(k, 10); /* margins alike at both ends */
	t->scroll.max = (float)SDL_max(0, content - k->w);
	/* ...with a whole column at the left edge, not a sliver of one: the
	 * last may stop short of the right. */
	float step = (float)(column_w(k) + ui_px(k, 10));
	t->scroll.max = SDL_ceilf(t->scroll.max / step) * step;
	t->scroll.offset = t->scroll.max;
}

static void timeline_draw(kiosk *k)
{
	ui_fill(k, (SDL_Rect){0, 0, k->w, k->h}, UI_PAPER);
	int most = 1, n = column_count(k);
	for (int c = 0; c < n; c++)
		most = SDL_max(most, column_items(k, c));
	int year_size = ui_font(k, 26), small = ui_font(k, 20), pad = ui_px(k, 12), chosen = -1;
	for (int c = 0; c < n; c++) {
		SDL_Rect r = column_rect(k, c);
		if (r.x + r.w < 0 || r.x > k->w)
			continue;
		int count = column_items(k, c), year = column_year(k, c);
		if (ui_tapped(k, r) && count > 0)
			chosen = c;
		char label[64];
		if (year > 0)
			snprintf(label, sizeof label, "%d", year);
		else
			snprintf(label, sizeof label, "%s", ui_str(k, "undated"));
		if (r.x >= 0 && r.x + r.w <= k->w)
			ui_target_said(k, r, label, -1);
		ui_round_rect(k, r, ui_px(k, 12), ui_pressed(k, r) ? UI_LINE : count ? UI_CARD : UI_SHADE);
		int y = r.y + pad, w = r.w - 2 * pad;
		if (year > 0)
			y += text_wrap(k->text, label, (SDL_Rect){r.x + pad, y, w, 0}, year_size, 1, count ? UI_NAVY : UI_MUTED, 1,
				       TEXT_LEFT, 1);
		else { /* "Առանց ամսաթվի": on two lines, smaller, rather than cut */
			int size = ui_fit_size(k, label, (SDL_Rect){0, 0, w, 2 * text_line_height(k->text, small)}, small, 1);
			y += text_wrap(k->text, label, (SDL_Rect){r.x + pad, y, w, 0}, size, 1, count ? UI_NAVY : UI_MUTED, 2,
				       TEXT_LEFT, 1);
		}
		/* The bar: how full this year is. */
		int bar_max = r.w - 2 * pad, bar_h = ui_px(k, 10);
		ui_fill(k, (SDL_Rect){r.x + pad, y + ui_px(k, 6), bar_max, bar_h}, UI_LINE);
		if (count)
			ui_fill(k, (SDL_Rect){r.x + pad, y + ui_px(k, 6), SDL_max(bar_h, bar_max * count / most), bar_h}, UI_ACCENT);
		y += bar_h + ui_px(k, 14);
		ui_count_text(k, "items_count", count, label, sizeof label);
		int count_size = ui_fit_size(k, label, (SDL_Rect){0, 0, r.w - 2 * pad, 2 * text_line_height(k->text, small)}, small, 1);
		if (!ui_fits(k, label, r.w - 2 * pad, count_size, 2))
			count_size = ui_smallest(k, small); /* "4 документа": a word wider than a narrow column */
		y += text_wrap(k->text, label, (SDL_Rect){r.x + pad, y, r.w - 2 * pad, 0}, count_size, 1, UI_MUTED, 2, TEXT_LEFT, 1);
		y += ui_px(k, 8);
		/* The first titles of the year, as many as fit whole (smaller
		 * rather than cut: a title cut short reads as another one), and
		 * how many more there are. */
		int shown = 0, line = text_line_height(k->text, small) + ui_px(k, 12);
		for (int at = k->timeline->starts[c]; at < k->timeline->starts[c + 1]; at++) {
			const char *title = ui_title(k, k->timeline->items[at]);
			SDL_Rect t = {r.x + pad, y + ui_px(k, 6), r.w - 2 * pad, 0};
			int more = at + 1 < k->timeline->starts[c + 1] ? line : 0; /* room kept for "2 more" */
			int room = r.y + r.h - pad - more - t.y; /* a long word breaks at a syllable, with a hyphen */
			int size = ui_fit_size(k, title, (SDL_Rect){0, 0, t.w, room}, small, 0);
			t.h = text_wrap(k->text, title, t, size, 0, UI_INK, 0, TEXT_LEFT, 0);
			if (t.h > room || (shown && size < small * 9 / 10)) /* only the first made much smaller */
				break;
			ui_fill(k, (SDL_Rect){r.x + pad, y, r.w - 2 * pad, 1}, UI_LINE);
			y = t.y + text_wrap(k->text, title, t, size, 0, UI_INK, 0, TEXT_LEFT, 1) + ui_px(k, 6);
			shown++;
		}
		if (shown < count) {
			ui_format_numbers(ui_str(k, shown ? "timeline_more" : "timeline_see"), count - shown, 0, label, sizeof label);
			ui_fill(k, (SDL_Rect){r.x + pad, y, r.w - 2 * pad, 1}, UI_LINE);
			text_wrap(k->text, label, (SDL_Rect){r.x + pad, y + ui_px(k, 6), r.w - 2 * pad, 0},
				  ui_fit_width(k, label, r.w - 2 * pad, small, 2), 1, UI_ACCENT, 2, TEXT_LEFT, 1);
		}
	}
	if (n == 0)
		text_wrap(k->text, ui_str(k, "browse_none"), (SDL_Rect){pad * 3, k->h / 2, k->w - pad * 6, 0}, ui_font(k, 21), 0,
			  UI_MUTED, 2, TEXT_CENTER, 1);
	draw_turns(k);
	ui_header(k, ui_str(k, "go_timeline"));
	if (chosen >= 0)
		nav_browse(k, -1, NULL, NULL, column_year(k, chosen));
}

static void timeline_touch(kiosk *k, const gesture *g)
{
	ui_scroll_touch(&k->timeline->scroll, g, 1); /* taps are the columns', as drawn */
}

static void timeline_update(kiosk *k, Uint32 dt)
{
	ui_scroll_update(&k->timeline->scroll, dt);
}

static int timeline_busy(kiosk *k)
{
	return ui_scroll_busy(&k->timeline->scroll);
}

static void timeline_key(kiosk *k, SDL_Keycode key)
{
	float step = (float)(column_w(k) + ui_px(k, 10));
	if (key == SDLK_RIGHT || key == SDLK_DOWN)
		k->timeline->scroll.offset += step;
	else if (key == SDLK_LEFT || key == SDLK_UP)
		k->timeline->scroll.offset -= step;
	ui_scroll_update(&k->timeline->scroll, 0);
}

const screen_ops timeline_screen = {.name = "timeline", .flags = SCREEN_TAPS_IN_DRAW, .init = timeline_init, .open = timeline_open,
				    .draw = timeline_draw, .touch = timeline_touch, .key = timeline_key,
				    .update = timeline_update, .busy = timeline_busy, .items_changed = timeline_clear,
				    .free = timeline_free};
