/* Topics: the archive's topics, most items first, each a card with its
 * label in the visitor's language, its count and first titles; a tap
 * browses its items. An archive with a list of topics (guide.h) shows
 * those of its list, curated; one without shows every topic its items
 * name (the transcripts' topic links among them), as written. */
#include "ui/ui.h"
#include "ui/nav.h"
#include "ui/strings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define TOPIC_TITLES 3

struct topics_state {
	ui_scroller scroll;
	char **names;
	int *counts, count;
	int *titles;              /* per topic, its first TOPIC_TITLES items (-1 none) */
};

typedef struct {
	int top, pad, gap, cols, card_w, card_h;
} topics_layout;

static topics_layout layout(const kiosk *k)
{
	topics_layout l;
	l.top = ui_header_bottom((kiosk *)k, ui_str(k, "go_topics"));
	l.pad = ui_px(k, 16);
	l.gap = ui_px(k, 12);
	l.cols = SDL_max(1, (k->w - 2 * l.pad + l.gap) / (ui_px(k, 360) + l.gap));
	l.card_w = (k->w - 2 * l.pad - (l.cols - 1) * l.gap) / l.cols;
	/* The label, its count and an example title on up to two lines. */
	int big = text_line_height(k->text, ui_font(k, 21)), small = text_line_height(k->text, ui_font(k, 20));
	l.card_h = SDL_max(ui_px(k, 128), 2 * ui_px(k, 14) + big + 3 * small + ui_px(k, 4));
	return l;
}

static SDL_Rect card_rect(const kiosk *k, const topics_layout *l, int n)
{
	return (SDL_Rect){l->pad + (n % l->cols) * (l->card_w + l->gap),
			  l->top + l->pad + (n / l->cols) * (l->card_h + l->gap) - (int)k->topics->scroll.offset, l->card_w, l->card_h};
}

static void topics_clear(kiosk *k)
{
	for (int i = 0; i < k->topics->count; i++)
		free(k->topics->names[i]);
	free(k->topics->names);
	free(k->topics->counts);
	free(k->topics->titles);
	*k->topics = (topics_state){0};
}

static const topics_state *sorting;

static int by_count(const void *a, const void *b)
{
	int i = *(const int *)a, j = *(const int *)b;
	if (sorting->counts[i] != sorting->counts[j])
		return sorting->counts[j] - sorting->counts[i];
	return strcasecmp(sorting->names[i], sorting->names[j]);
}

/* Where name is among the topics, or -1. */
static int topic_index(const topics_state *t, const char *name)
{
	for (int n = 0; n < t->count; n++)
		if (strcmp(t->names[n], name) == 0)
			return n;
	return -1;
}

static int topics_init(kiosk *k)
{
	return (k->topics = calloc(1, sizeof *k->topics)) ? 0 : -1;
}

static void topics_free(kiosk *k)
{
	if (k->topics)
		topics_clear(k);
	free(k->topics);
	k->topics = NULL;
}

static void topics_open(kiosk *k, const screen_args *a)
{
	topics_state *t = k->topics;
	topics_clear(k);
	int curated = k->guide.topic_count > 0;
	for (int i = 0; i < k->item_count; i++)
		for (int j = 0; j < k->items[i].topic_count; j++) {
			const char *name = k->items[i].topics[j];
			if (curated && !guide_find_topic(&k->guide, name))
				continue; /* a raw tag, not one of the archive's topics */
			int found = topic_index(t, name);
			if (found < 0) {
				int *counts = realloc(t->counts, ((size_t)t->count + 1) * sizeof *counts);
				if (!counts)
					continue;
				t->counts = counts;
				if (item_list_add(&t->names, &t->count, name) != 0)
					continue;
				found = t->count - 1;
				t->counts[found] = 0;
			}
			t->counts[found]++;
		}
	/* Most items first: sort an order, then apply it to both arrays. */
	int *order = malloc(((size_t)t->count + 1) * sizeof *order);
	char **names = malloc(((size_t)t->count + 1) * sizeof *names);
	int *counts = malloc(((size_t)t->count + 1) * sizeof *counts);
	if (order && names && counts) {
		for (int i = 0; i < t->count; i++)
			order[i] = i;
		sorting = t;
		qsort(order, (size_t)t->count, sizeof *order, by_count);
		for (int i = 0; i < t->count; i++) {
			names[i] = t->names[order[i]];
			counts[i] = t->counts[order[i]];
		}
		free(t->names);
		free(t->counts);
		t->names = names;
		t->counts = counts;
		names = NULL;
		counts = NULL;
	}
	free(order);
	free(names);
	free(counts);
	/* The first titles of each topic, found once rather than each frame. */
	t->titles = malloc(((size_t)t->count * TOPIC_TITLES + 1) * sizeof *t->titles);
	int *fill = calloc((size_t)t->count + 1, sizeof *fill);
	for (int n = 0; t->titles && n < t->count * TOPIC_TITLES; n++)
		t->titles[n] = -1;
	for (int i = 0; t->titles && fill && i < k->item_count; i++)
		for (int j = 0; j < k->items[i].topic_count; j++) {
			int n = topic_index(t, k->items[i].topics[j]);
			if (n >= 0 && fill[n] < TOPIC_TITLES)
				t->titles[n * TOPIC_TITLES + fill[n]++] = i;
		}
	free(fill);
}

static void topics_draw(kiosk *k)
{
	topics_state *t = k->topics;
	topics_layout l = layout(k);
	ui_fill(k, (SDL_Rect){0, 0, k->w, k->h}, UI_PAPER);
	int rows = (t->count + l.cols - 1) / l.cols;
	t->scroll.max = (float)SDL_max(0, 2 * l.pad + rows * (l.card_h + l.gap) - l.gap - (k->h - l.top));
	int in = ui_px(k, 14), big = ui_font(k, 21), small = ui_font(k, 20), chosen = -1;
	SDL_Rect below = {0, l.top, k->w, k->h - l.top}, seen; /* a card half under the bar: only its visible part */
	for (int n = 0; n < t->count; n++) {
		SDL_Rect r = card_rect(k, &l, n);
		if (r.y + r.h < l.top || r.y > k->h)
			continue;
		if (SDL_IntersectRect(&r, &below, &seen) && ui_tapped(k, seen))
			chosen = n;
		const char *label = ui_topic(k, t->names[n]);
		if (r.y >= l.top && r.y + r.h <= k->h)
			ui_target_said(k, r, label, -1);
		ui_round_rect(k, r, ui_px(k, 12), ui_pressed(k, r) ? UI_LINE : UI_CARD);
		ui_fill(k, (SDL_Rect){r.x, r.y + ui_px(k, 12), ui_px(k, 5), r.h - ui_px(k, 24)}, UI_ACCENT);
		/* The label whole, on one line a fifth smaller at most, else on
		 * two (cut, a layout error); the count under it, then the first titles. */
		char count[64];
		ui_count_text(k, "items_count", t->counts[n], count, sizeof count);
		int w = r.w - 2 * in - ui_px(k, 4), lines = 1, size = ui_fit_width(k, label, w, big, 1);
		if (!ui_fits(k, label, w, size, 1) || size < big * 4 / 5) /* two lines rather than much smaller */
			size = ui_fit_width(k, label, w, big, lines = 2);
		if (!ui_fits(k, label, w, size, lines) && k->check_layout)
			fprintf(stderr, "layout: topics: label \"%s\" is cut (%d px wide)\n", label, w);
		int y = r.y + in;
		y += text_wrap(k->text, label, (SDL_Rect){r.x + in + ui_px(k, 4), y, w, 0}, size, 1, UI_NAVY, lines, TEXT_LEFT, 1);
		text_draw(k->text, count, r.x + in + ui_px(k, 4), y, small, 1, UI_MUTED);
		y += text_line_height(k->text, small) + ui_px(k, 4);
		/* The first titles, in order, each whole on as many lines as the
		 * card has left (the first smaller if need be), or not at all: a
		 * cut one reads as another topic's, and a later one that happens
		 * to be short as the topic's first. */
		for (int j = 0; t->titles && j < TOPIC_TITLES; j++) {
			int i = t->titles[n * TOPIC_TITLES + j];
			if (i < 0)
				break;
			char line[400];
			snprintf(line, sizeof line, "· %s", ui_title(k, i));
			SDL_Rect box = {r.x + in + ui_px(k, 4), y, r.w - 2 * in - ui_px(k, 4), r.y + r.h - in - y};
			int s = j ? small : ui_fit_size(k, line, box, small, 0);
			if (text_wrap(k->text, line, box, s, 0, UI_INK, 0, TEXT_LEFT, 0) > box.h)
				break;
			y += text_wrap(k->text, line, box, s, 0, UI_INK, 0, TEXT_LEFT, 1);
		}
	}
	if (t->count == 0)
		text_wrap(k->text, ui_str(k, "browse_none"), (SDL_Rect){l.pad * 3, k->h / 2, k->w - l.pad * 6, 0}, ui_font(k, 21), 0,
			  UI_MUTED, 2, TEXT_CENTER, 1);
	ui_header(k, ui_str(k, "go_topics"));
	if (chosen >= 0)
		nav_browse(k, -1, t->names[chosen], NULL, 0);
}

static void topics_touch(kiosk *k, const gesture *g)
{
	ui_scroll_touch(&k->topics->scroll, g, 0); /* taps are the cards', as drawn */
}

static void topics_update(kiosk *k, Uint32 dt)
{
	ui_scroll_update(&k->topics->scroll, dt);
}

static int topics_busy(kiosk *k)
{
	return ui_scroll_busy(&k->topics->scroll);
}

static void topics_key(kiosk *k, SDL_Keycode key)
{
	float step = (float)ui_px(k, 140);
	k->topics->scroll.offset += key == SDLK_DOWN ? step : key == SDLK_UP ? -step : 0;
	ui_scroll_update(&k->topics->scroll, 0);
}

const screen_ops topics_screen = {.name = "topics", .flags = SCREEN_TAPS_IN_DRAW, .init = topics_init, .open = topics_open, .draw = topics_draw,
				  .touch = topics_touch, .key = topics_key, .update = topics_update, .busy = topics_busy,
				  .items_changed = topics_clear, .free = topics_free};
