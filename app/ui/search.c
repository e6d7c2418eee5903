/* Search: the query, large and whole under the top bar, with how many
 * results; an on-screen keyboard (keyboard.c) that slides away when the
 * results are scrolled on a short screen; results that follow each letter
 * typed, every word matched as a prefix. A result shows its kind, date and
 * a snippet with the match marked; opening it goes to the first matching
 * page with the words marked there too. From the reader, the same screen
 * searches one document: a result for each passage, in reading order. */
#include "ui/ui.h"
#include "ui/keyboard.h"
#include "ui/nav.h"
#include "ui/starting_points.h"
#include "ui/strings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLIDE_MS 200 /* the keyboard's going away, or coming back */

struct search_state {
	char query[256];
	int within;               /* the item searched in, or -1: the whole archive */
	keyboard keys;
	catalog_hit *hits;
	int hit_count;
	int *hit_items;           /* item index of each hit */
	ui_scroller scroll;
	int keyboard_shown;
	float keyboard_away;      /* 0 in place, to 1 gone below the screen */
	int as_typed;             /* the visitor asked for the query uncorrected */
	finder *finder;           /* the queries, on a thread of their own */
};

/* How much of the keyboard is on the screen now. */
static int keyboard_h(const kiosk *k)
{
	return (int)((float)keyboard_height(k, &k->search->keys) * (1.0f - k->search->keyboard_away) + 0.5f);
}

/* The query under the top bar: as large as fits, on up to three lines;
 * the count beside it, or on a line of its own below when there is no
 * room. */
typedef struct {
	SDL_Rect field, text;     /* the field (a touch target); the query in it */
	int size, lines;          /* the query's */
	SDL_Rect count;           /* its line's box, inside the field or below it */
	int bottom;               /* below all of it */
	char shown[300];          /* the query and its caret */
	char count_text[64];
} query_layout;

static query_layout query_place(kiosk *k)
{
	const search_state *s = k->search;
	query_layout q;
	int pad = ui_px(k, 12), in = ui_px(k, 14), top = ui_header_height(k) + ui_px(k, 6), big = ui_font(k, 26);
	int small = ui_font(k, 20), w = k->w - 2 * pad - 2 * in;
	snprintf(q.shown, sizeof q.shown, "%s|", s->query);
	q.count_text[0] = 0;
	if (catalog_searchable(s->query))
		ui_count_text(k, "results_count", s->hit_count, q.count_text, sizeof q.count_text);
	int cw = q.count_text[0] ? text_width(k->text, q.count_text, -1, small, 1) + in : 0;
	int beside = cw && text_width(k->text, q.shown, -1, big, 1) + cw <= w;
	int room = beside ? w - cw : w;
	/* One line at up to a fifth smaller, else two, else three lines. */
	q.size = ui_fit_width(k, q.shown, room, big, 1);
	for (q.lines = 1; q.lines < 3 && !ui_fits(k, q.shown, room, q.size, q.lines); q.lines++)
		;
	int lh = text_line_height(k->text, q.size);
	q.field = (SDL_Rect){pad, top, k->w - 2 * pad, SDL_max(ui_px(k, 52), q.lines * lh + ui_px(k, 12))};
	q.text = (SDL_Rect){q.field.x + in, q.field.y + (q.field.h - q.lines * lh) / 2, room, q.lines * lh};
	int clh = text_line_height(k->text, small);
	q.bottom = q.field.y + q.field.h;
	if (beside) {
		q.count = (SDL_Rect){q.field.x + q.field.w - cw, q.field.y, cw - in, q.field.h};
	} else {
		q.count = (SDL_Rect){q.field.x + in, q.bottom + ui_px(k, 2), w, clh};
		if (q.count_text[0])
			q.bottom += clh + ui_px(k, 2);
	}
	q.bottom += ui_px(k, 6);
	return q;
}

/* The query searched instead of what was typed (a typing mistake taken
 * for the nearest word of the archive), or NULL. */
static const char *corrected(const kiosk *k)
{
	const search_state *s = k->search;
	return s->hit_count > 0 && s->within < 0 && s->hits[0].corrected[0] ? s->hits[0].corrected : NULL;
}

/* "Showing results for X", above the results, with a tap to search what
 * was typed. */
static int banner_h(const kiosk *k)
{
	return corrected(k) ? SDL_max(ui_px(k, 60), ui_target_px(k) + ui_px(k, 12)) : 0;
}

static SDL_Rect as_typed_rect(kiosk *k, char label[300])
{
	int pad = ui_px(k, 12), top = query_place(k).bottom, size = ui_font(k, 20); /* a chip's (style 2) */
	ui_format_text(ui_str(k, "search_as_typed"), k->search->query, label, 300);
	int w = SDL_min(text_width(k->text, label, -1, size, 1) + 3 * pad, k->w / 2 - pad);
	int h = banner_h(k) - ui_px(k, 12);
	return (SDL_Rect){k->w - pad - w, top, w, h};
}

static int results_top(kiosk *k)
{
	return query_place(k).bottom + banner_h(k);
}

static int result_h(const kiosk *k)
{
	/* Its kind, two lines of title, a line of what was found: taller with
	 * Larger text, and a line more on a tall screen (a third line of title
	 * rather than a smaller one). */
	int lines = k->h >= k->w * 6 / 5 ? 5 : 4;
	return SDL_max(ui_px(k, 118), ui_px(k, 28) + lines * text_line_height(k->text, ui_font(k, 20)));
}

static SDL_Rect result_rect(kiosk *k, int n)
{
	int pad = ui_px(k, 12), gap = ui_px(k, 8);
	return (SDL_Rect){pad, results_top(k) + n * (result_h(k) + gap) - (int)k->search->scroll.offset, k->w - 2 * pad, result_h(k)};
}

static void search_clear(kiosk *k)
{
	catalog_free_hits(k->search->hits, k->search->hit_count);
	free(k->search->hit_items);
	k->search->hits = NULL;
	k->search->hit_items = NULL;
	k->search->hit_count = 0;
}

/* Asks the finder (SQLite away from the UI thread): the results come in
 * search_update, the ones on screen stay until then. */
static void run_query(kiosk *k)
{
	search_state *s = k->search;
	char err[256], db[4200];
	if (!k->data)
		return;
	if (!k->search->finder) {
		snprintf(db, sizeof db, "%s/catalog.db", k->data->dir);
		if (!(k->search->finder = finder_new(db, err))) {
			fprintf(stderr, "hishatak: kiosk: search: %s\n", err);
			return;
		}
	}
	char query[sizeof s->query + 1];
	snprintf(query, sizeof query, "%s%s", s->as_typed && s->within < 0 ? "=" : "", s->query); /* CATALOG_AS_TYPED */
	finder_ask(k->search->finder, query, s->within >= 0 ? k->items[s->within].id : NULL, s->within >= 0 ? 300 : 100);
}

/* The answer to the latest query, when it is there. */
static void take_results(kiosk *k)
{
	search_state *s = k->search;
	catalog_hit *hits;
	int n;
	if (!k->search->finder || !finder_take(k->search->finder, &hits, &n))
		return;
	search_clear(k);
	s->scroll.offset = 0;
	s->scroll.velocity = 0;
	s->hit_items = malloc(((size_t)n + 1) * sizeof *s->hit_items);
	if (!s->hit_items) {
		catalog_free_hits(hits, n);
		return;
	}
	s->hits = hits;
	s->hit_count = n;
	usage_search(k->usage, s->query, n);
	for (int i = 0; i < n; i++)
		s->hit_items[i] = kiosk_item_index(k, hits[i].id);
}

static int search_init(kiosk *k)
{
	if (!(k->search = calloc(1, sizeof *k->search)))
		return -1;
	k->search->within = -1;
	return 0;
}

static void search_free(kiosk *k)
{
	if (!k->search)
		return;
	search_clear(k);
	finder_free(k->search->finder);
	free(k->search);
	k->search = NULL;
}

int search_within(const kiosk *k)
{
	return k->search->within;
}

/* Opens Search in the whole archive (item -1) or in one item; a query
 * typed for another scope is not kept. */
static void search_open(kiosk *k, const screen_args *a)
{
	search_state *s = k->search;
	int index = a->item;
	if (s->within != index) {
		s->query[0] = 0;
		search_clear(k);
	}
	s->within = index;
	s->keyboard_shown = 1;
	s->keyboard_away = 0;
	/* The visitor's script first; in a document, the document's. */
	if (!s->query[0])
		keyboard_start(&s->keys, keyboard_layout_for(index >= 0 ? k->items[index].language : strings_langs[k->lang]));
	run_query(k);
}

static void type_text(kiosk *k, const char *text)
{
	search_state *s = k->search;
	if (strlen(s->query) + strlen(text) < sizeof s->query - 1)
		strcat(s->query, text);
	s->as_typed = 0;
	run_query(k);
}

static void backspace(kiosk *k)
{
	search_state *s = k->search;
	size_t n = strlen(s->query);
	while (n > 0 && ((unsigned char)s->query[n - 1] & 0xC0) == 0x80) /* a whole UTF-8 letter */
		n--;
	if (n > 0)
		n--;
	s->query[n] = 0;
	s->as_typed = 0;
	run_query(k);
}

/* "00:00:09" or "1:02:03": a transcript's time, as its pages show it. */
static int is_time(const char *w, size_t len)
{
	int digits = 0, colons = 0;
	for (size_t i = 0; i < len; i++) {
		if (w[i] >= '0' && w[i] <= '9')
			digits++;
		else if (w[i] == ':' && digits > 0)
			colons++;
		else
			return 0;
	}
	return colons == 2 && digits >= 5;
}

static int draw_words(kiosk *k, const char *text, SDL_Rect box, int size, int max_lines, int draw);

/* The snippet with the parts between [ and ] on a yellow ground, wrapped
 * word by word into box; an ellipsis where it is cut. Where the first
 * marked word would fall past the last line (large text, a narrow box),
 * the snippet begins a few words before it instead. */
static void draw_marked(kiosk *k, const char *text, SDL_Rect box, int size, int max_lines)
{
	const char *mark = strchr(text, '[');
	if (!mark || draw_words(k, text, box, size, max_lines, 0)) {
		draw_words(k, text, box, size, max_lines, 1);
		return;
	}
	for (int before = 3; before >= 0; before--) {
		const char *start = mark;
		for (int n = 0; start > text && n <= before;)
			if (*--start == ' ' && start[1] != ' ')
				n++;
		char from[2048];
		snprintf(from, sizeof from, "…%s", start + (*start == ' '));
		if (before == 0 || draw_words(k, from, box, size, max_lines, 0)) {
			draw_words(k, from, box, size, max_lines, 1);
			return;
		}
	}
}

/* draw_marked's drawing (draw 0: only measured); 1 when a marked word is
 * within the lines. */
static int draw_words(kiosk *k, const char *text, SDL_Rect box, int size, int max_lines, int draw)
{
	int shown = 0;
	int lh = text_line_height(k->text, size), x = box.x, line = 0, marked = 0;
	int space = text_width(k->text, " ", 1, size, 0), ellipsis = space + text_width(k->text, "…", -1, size, 0);
	const char *p = text;
	while (*p && line < max_lines) {
		p += strspn(p, " ");
		size_t len = strcspn(p, " ");
		if (!len)
			break;
		/* The yellow ground under the marked letters only, not the
		 * punctuation after them ("[Karabakh]."). */
		/* A transcript's "00:00:09" beside its words is not what was said
		 * (the ellipsis before it stays). */
		size_t skip = 0, dots = strlen("…");
		if (is_time(p, len))
			skip = len;
		else if (len > dots && !strncmp(p, "…", dots) && is_time(p + dots, len - dots))
			skip = len - dots;
		if (skip == len) {
			p += len;
			continue;
		}
		char word[256];
		int o = 0, from = marked ? 0 : -1, to = -1, in = marked;
		for (size_t i = 0; i < len - skip && o < 250; i++) {
			if (p[i] == '[') {
				from = from < 0 ? o : from;
				in = 1;
				continue;
			}
			if (p[i] == ']') {
				to = o;
				in = 0;
				continue;
			}
			word[o++] = p[i];
		}
		word[o] = 0;
		int starts = from >= 0;
		if (in || to < from)
			to = o;
		int w = text_width(k->text, word, -1, size, starts);
		/* On the last line, a word leaves room for the ellipsis after it
		 * (unless it is the last). */
		int more = p[len] != 0 && line == max_lines - 1 ? ellipsis : 0;
		if (x + w + more > box.x + box.w && x > box.x) {
			if (++line >= max_lines) {
				if (draw)
					text_draw(k->text, "…", x, box.y + (line - 1) * lh, size, 0, UI_MUTED);
				break;
			}
			x = box.x;
		}
		int y = box.y + line * lh;
		shown |= starts;
		if (starts && draw) {
			int x0 = x + text_width(k->text, word, from, size, 1), x1 = x + text_width(k->text, word, to, size, 1);
			ui_fill(k, (SDL_Rect){x0 - 2, y, x1 - x0 + 4, lh}, UI_MARK);
		}
		SDL_Rect cell = {x, y, box.x + box.w - x, lh};
		if (draw)
			text_wrap(k->text, word, cell, size, starts, UI_INK, 1, TEXT_LEFT, 1);
		x += w + space;
		marked = in;
		p += len;
	}
	return shown;
}

/* The largest size, down to ui_smallest, at which title fits whole in w
 * on as many lines (*lines) as room (pixels high) holds, with a line of
 * snippet (of height keep) under it where it can. */
static int title_size(kiosk *k, const char *title, int w, int size, int *lines, int room, int keep)
{
	int smallest = ui_smallest(k, size);
	/* With the snippet only while the title stays near its size: a title
	 * smaller than the snippet under it reads as the lesser line. */
	for (int pass = 0; pass < 2; pass++, keep = 0)
		for (int s = size; s >= (pass ? smallest : SDL_max(smallest, size * 4 / 5)); s--)
			for (int n = 1; n * text_line_height(k->text, s) <= room - keep; n++)
				if (ui_fits(k, title, w, s, n)) {
					*lines = n;
					return s;
				}
	*lines = SDL_max(1, room / text_line_height(k->text, smallest));
	return smallest;
}

/* Result n in r; 1 when tapped (on its part in view: seen). */
static int draw_result(kiosk *k, int n, SDL_Rect r, SDL_Rect seen)
{
	const catalog_hit *h = &k->search->hits[n];
	int index = k->search->hit_items[n];
	if (index < 0)
		return 0;
	int tapped = ui_tapped(k, seen);
	const item *it = &k->items[index];
	ui_target_said(k, r, ui_title(k, index), -1);
	ui_round_rect(k, r, ui_px(k, 10), ui_pressed(k, r) ? UI_LINE : UI_CARD);
	int in = ui_px(k, 12), small = ui_font(k, 20), title = ui_font(k, 20);
	int x = r.x + in, w = r.w - 2 * in, y = r.y + in;
	char meta[400], date[64], where[64] = "";
	ui_format_date(k, it->date, date);
	if (h->passage_count > 0 && !it->reflowable && !it->duration_ms) /* a recording's passages are not pages */
		ui_format_numbers(ui_str(k, "on_page"), h->passages[0] + 1, 0, where, sizeof where);
	if (k->search->within >= 0) { /* the passage alone: where it is, what it says */
		if (where[0])
			y += text_wrap(k->text, where, (SDL_Rect){x, y, w, 0}, small, 1, UI_ACCENT, 1, TEXT_LEFT, 1);
		draw_marked(k, h->snippet ? h->snippet : "", (SDL_Rect){x, y, w, 0}, title,
			    SDL_max(1, (r.y + r.h - in - y) / text_line_height(k->text, title)));
		return tapped;
	}
	/* Where it matched, when not plainly in the text; and the word there
	 * when it came through another script, form or name. */
	char how[160] = "", as[100] = "", field_key[32];
	if (h->match_count > 0 && (h->folded || strcmp(h->matched[0].field, "text") != 0)) {
		snprintf(field_key, sizeof field_key, "matched_%s", h->matched[0].field);
		if (h->folded)
			ui_format_text(ui_str(k, "matched_as"), h->matched[0].form, as, sizeof as);
		snprintf(how, sizeof how, "  ·  %s%s%s", ui_str(k, field_key), as[0] ? " " : "", as);
	}
	snprintf(meta, sizeof meta, "%s%s%s%s%s%s", ui_kind_label(k, it->kind), date[0] ? "  ·  " : "", date, where[0] ? "  ·  " : "",
		 where, how);
	/* Its language at the right of the first line: most are in English. */
	SDL_Rect pill = ui_language_pill(k, index, x + w, y);
	int mw = pill.x - ui_px(k, 8) - x;
	int meta_h = text_wrap(k->text, meta, (SDL_Rect){x, y, mw, 0}, small, 1, UI_ACCENT, 0, TEXT_LEFT, 1); /* whole, beside it */
	y += SDL_max(meta_h, pill.h + ui_px(k, 4));
	/* The title whole, large, the snippet giving way to it (a title cut
	 * short reads as another). */
	const char *name = ui_title(k, index);
	int lines = 2, room = r.y + r.h - in - y - ui_px(k, 2);
	title = title_size(k, name, w, title, &lines, room, h->snippet ? text_line_height(k->text, small) : 0);
	y += text_wrap(k->text, name, (SDL_Rect){x, y, w, 0}, title, 1, UI_INK, lines, TEXT_LEFT, 1) + ui_px(k, 2);
	int snippet_lines = (r.y + r.h - in - y) / text_line_height(k->text, small);
	if (h->snippet && snippet_lines > 0)
		draw_marked(k, h->snippet, (SDL_Rect){x, y, w, 0}, small, snippet_lines);
	return tapped;
}

/* Result n opened: on its first matching page, the words marked. */
static void open_result(kiosk *k, int n)
{
	search_state *s = k->search;
	int index = s->hit_items[n];
	const catalog_hit *h = &s->hits[n];
	/* The words to mark are those the page holds: the forms that
	 * matched, when they came through another script or form; none
	 * for a match in the metadata alone (a translated title): the
	 * document opens on its cover. */
	char forms[256] = "";
	for (int m = 0; h->folded && m < h->match_count; m++)
		if (strlen(forms) + strlen(h->matched[m].form) + 2 < sizeof forms)
			strcat(strcat(forms, m ? " " : ""), h->matched[m].form);
	const char *marks = h->passage_count == 0 ? NULL : h->folded ? forms : s->query;
	if (s->within >= 0) {
		nav_reader(k, index, -1, h->passages[0], marks);
		return;
	}
	/* A fixed document's passages are its pages; a reflowable one's
	 * page is found by the reader at its own layout. */
	int page = h->passage_count > 0 && !k->items[index].reflowable ? h->passages[0] : -1;
	if (k->items[index].warning)
		nav_open_item(k, index); /* the content note first */
	else
		nav_reader(k, index, page, -1, marks);
}

/* The query in its field, whole; a tap on it brings the keyboard back. */
static int draw_query(kiosk *k, const query_layout *q)
{
	int tapped = ui_tapped(k, q->field);
	ui_target_said(k, q->field, k->search->query[0] ? k->search->query : ui_str(k, "go_search"), -1);
	ui_round_rect(k, q->field, ui_px(k, 10), ui_pressed(k, q->field) ? UI_LINE : UI_CARD);
	if (!ui_fits(k, q->shown, q->text.w, q->size, q->lines) && k->check_layout)
		fprintf(stderr, "layout: search: the query \"%s\" is cut (%d px wide)\n", k->search->query, q->text.w);
	text_wrap(k->text, q->shown, q->text, q->size, 1, UI_INK, q->lines, TEXT_LEFT, 1);
	if (q->count_text[0]) {
		int small = ui_font(k, 20);
		if (!ui_fits(k, q->count_text, q->count.w, small, 1) && k->check_layout)
			fprintf(stderr, "layout: search: \"%s\" is cut (%d px wide)\n", q->count_text, q->count.w);
		int lh = text_line_height(k->text, small);
		text_wrap(k->text, q->count_text, (SDL_Rect){q->count.x, q->count.y + (q->count.h - lh) / 2, q->count.w, lh}, small, 0,
			  UI_MUTED, 1, q->count.y > q->field.y ? TEXT_LEFT : TEXT_RIGHT, 1);
	}
	return tapped;
}

/* Drawn whole, then what a tap did (gl-ui's way). */
static void search_draw(kiosk *k)
{
	search_state *s = k->search;
	ui_fill(k, (SDL_Rect){0, 0, k->w, k->h}, UI_PAPER);
	/* "Search in this document" where the bar has room; the hint names it. */
	const char *title = ui_str(k, s->within >= 0 ? "search_in_document" : "go_search");
	if (!ui_fits(k, title, ui_header_title_rect(k).w, ui_smallest(k, ui_font(k, 23)), 2))
		title = ui_str(k, "go_search");
	ui_header(k, title);
	query_layout q = query_place(k);
	int field = draw_query(k, &q), as_typed = 0, opened = -1, none = -1;
	int top = results_top(k), bottom = k->h - keyboard_h(k), gap = ui_px(k, 8);
	s->scroll.max = (float)SDL_max(0, s->hit_count * (result_h(k) + gap) - (bottom - top));
	SDL_Rect list = {0, top, k->w, SDL_max(0, bottom - top)};
	SDL_RenderSetClipRect(k->renderer, &list);
	int first = SDL_max(0, (int)s->scroll.offset / (result_h(k) + gap)), first_target = k->target_count;
	for (int n = first; n < s->hit_count; n++) {
		SDL_Rect r = result_rect(k, n), seen;
		if (r.y >= bottom)
			break;
		SDL_IntersectRect(&r, &list, &seen);
		if (draw_result(k, n, r, seen))
			opened = n;
	}
	ui_targets_within(k, first_target, list);
	int searchable = catalog_searchable(s->query);
	const char *msg = !s->query[0]                    ? ui_str(k, s->within >= 0 ? "search_within_hint" : "search_hint")
			  : !searchable                  ? ui_str(k, "search_more")
			  : s->hit_count == 0              ? ui_str(k, "search_none")
							   : NULL;
	if (searchable && s->hit_count == 0 && s->within < 0 && !(s->finder && finder_busy(s->finder))) {
		/* Places to start; above the keyboard of a short screen, in the
		 * message's place (the count says that nothing was found). */
		none = list.y + ui_px(k, 8);
		if (bottom - none >= 2 * ui_px(k, 64) + ui_px(k, 60))
			none = -1;
		else
			msg = NULL;
	}
	if (msg) {
		SDL_Rect box = {ui_px(k, 24), list.y + ui_px(k, 16), k->w - ui_px(k, 48), 0};
		/* Both whole, on as many lines as they need (Larger text, portrait). */
		if (s->within >= 0 && !s->query[0]) /* which document */
			box.y += text_wrap(k->text, ui_title(k, s->within), box, ui_font(k, 20), 1, UI_INK, 4, TEXT_CENTER, 1) + ui_px(k, 6);
		int starts = searchable && s->hit_count == 0 && s->within < 0 && !(s->finder && finder_busy(s->finder));
		if (starts) /* the message says what the buttons under it are */
			msg = ui_str(k, "search_none_start");
		int used = text_wrap(k->text, msg, box, ui_font(k, 20), 0, UI_MUTED, 4, TEXT_CENTER, 1);
		if (starts)
			none = box.y + used + ui_px(k, 14);
	}
	int start = none >= 0 ? starting_points_draw(k, k->search->query, none, bottom) : -1;
	SDL_RenderSetClipRect(k->renderer, NULL);
	if (corrected(k)) {
		char label[300], showing[300];
		SDL_Rect b = as_typed_rect(k, label);
		/* A word as the documents write it ("Lachin"), not as folded. */
		const catalog_hit *h = &k->search->hits[0];
		const char *shown = !strchr(corrected(k), ' ') && h->match_count > 0 ? h->matched[0].form : corrected(k);
		ui_format_text(ui_str(k, "search_showing"), shown, showing, sizeof showing);
		int size = ui_font(k, 20), pad = ui_px(k, 12);
		SDL_Rect line = {pad, b.y, b.x - 2 * pad, 0};
		int lines = text_width(k->text, showing, -1, size, 1) > line.w ? 2 : 1;
		line.y += (b.h - lines * text_line_height(k->text, size)) / 2;
		text_wrap(k->text, showing, line, size, 1, UI_INK, 2, TEXT_LEFT, 1);
		as_typed = ui_button(k, b, label, 2);
	}
	int did = KEYBOARD_NOTHING;
	char typed[8] = "";
	if (bottom < k->h) {
		int keys_from = k->target_count;
		did = keyboard_draw(k, &s->keys, bottom, typed);
		ui_targets_within(k, keys_from, (SDL_Rect){0, 0, k->w, k->h}); /* sliding: the keys half out of sight */
	}
	if (field) {
		s->keyboard_shown = 1;
	} else if (as_typed) {
		s->as_typed = 1;
		run_query(k);
	} else if (opened >= 0) {
		open_result(k, opened);
	} else if (start >= 0 && start < k->guide.topic_count) {
		nav_browse(k, -1, k->guide.topics[start].id, NULL, 0);
	} else if (start >= 0) {
		nav_browse_collection(k, k->guide.collections[start - k->guide.topic_count].id);
	} else if (did == KEYBOARD_TYPED) {
		type_text(k, typed);
	} else if (did == KEYBOARD_BACKSPACE) {
		backspace(k);
	} else if (did == KEYBOARD_CLEAR) {
		s->query[0] = 0;
		s->as_typed = 0;
		run_query(k);
	} else if (did == KEYBOARD_HIDE) {
		s->keyboard_shown = 0;
		s->keyboard_away = 1; /* at once, as before */
	}
}

/* Where the keyboard covers most of what the results could have, it
 * makes way for a finger that scrolls them. */
static int keyboard_in_the_way(kiosk *k)
{
	int below = k->h - results_top(k);
	return keyboard_height(k, &k->search->keys) > below / 2;
}

/* Taps are the keys' and the results', as drawn: here the scrolling. */
static void search_touch(kiosk *k, const gesture *g)
{
	search_state *s = k->search;
	int bottom = k->h - keyboard_h(k);
	if (g->y0 < (float)results_top(k) || g->y0 >= (float)bottom)
		return;
	if (ui_scroll_touch(&s->scroll, g, 0) && g->kind == GESTURE_DRAG && s->keyboard_shown && keyboard_in_the_way(k))
		s->keyboard_shown = 0;
}

static void search_update(kiosk *k, Uint32 dt)
{
	search_state *s = k->search;
	take_results(k);
	ui_scroll_update(&s->scroll, dt);
	float step = (float)dt / SLIDE_MS;
	s->keyboard_away = s->keyboard_shown ? SDL_max(0.0f, s->keyboard_away - step) : SDL_min(1.0f, s->keyboard_away + step);
}

static int search_sliding(const search_state *s)
{
	return s->keyboard_shown ? s->keyboard_away > 0 : s->keyboard_away < 1;
}

static int search_busy(kiosk *k)
{
	return ui_scroll_busy(&k->search->scroll) || search_sliding(k->search) || (k->search->finder && finder_busy(k->search->finder));
}

static void search_key(kiosk *k, SDL_Keycode code)
{
	if (code == SDLK_BACKSPACE)
		backspace(k);
	else if (code == SDLK_RETURN)
		k->search->keyboard_shown = 0, k->search->keyboard_away = 1;
}

static void search_text(kiosk *k, const char *utf8)
{
	type_text(k, utf8);
}

const screen_ops search_screen = {.name = "search", .flags = SCREEN_TAPS_IN_DRAW, .init = search_init, .open = search_open, .draw = search_draw,
				  .touch = search_touch, .key = search_key, .text = search_text, .update = search_update,
				  .busy = search_busy, .items_changed = search_clear, .free = search_free};
