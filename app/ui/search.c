/* Search: an on-screen keyboard (Latin, Eastern Armenian, Russian and
 * digits, switched by one key) and results that follow each letter typed,
 * every word matched as a prefix. A result shows its kind, date and a
 * snippet with the match marked; opening it goes to the first matching page
 * with the words marked there too. From the reader, the same screen
 * searches one document: a result for each passage, in reading order. */
#include "ui/ui.h"
#include "ui/nav.h"
#include "ui/strings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LAYOUTS 4
#define ROWS 4

/* Keys as space-separated UTF-8, at most 10 a row so that keys stay 9 mm
 * wide on a narrow portrait screen; the last row ends with backspace. */
static const char *const keyboards[LAYOUTS][ROWS] = {
	{"q w e r t y u i o p", "a s d f g h j k l", "z x c v b n m", ""},
	{"է թ փ ձ ջ ր չ ճ ժ ծ", "ք ո ե ռ տ ը ւ ի օ պ", "ա ս դ ֆ գ հ յ կ լ շ", "խ ղ և զ ց վ բ ն մ"},
	{"й ц у к е н г ш щ з", "ф ы в а п р о л д ж", "я ч с м и т ь б ю", "х ъ э ё"},
	{"1 2 3 4 5 6 7 8 9 0", "- ' « » ( ) . ,", "", ""},
};
static const char *const layout_names[LAYOUTS] = {"ABC", "ԱԲԳ", "АБВ", "123"};

struct search_state {
	char query[256];
	int within;               /* the item searched in, or -1: the whole archive */
	int layout;               /* keyboard: 0 Latin, 1 Armenian, 2 Russian, 3 digits */
	catalog_hit *hits;
	int hit_count;
	int *hit_items;           /* item index of each hit */
	ui_scroller scroll;
	int keyboard_shown;
	int as_typed;             /* the visitor asked for the query uncorrected */
	finder *finder;           /* the queries, on a thread of their own */
};

enum { KEY_CHAR, KEY_BACKSPACE, KEY_SPACE, KEY_LAYOUT, KEY_CLEAR, KEY_HIDE };

typedef struct {
	SDL_Rect r;
	int type;
	char text[8];
} key;

/* Rows holding keys; backspace goes at the end of the last. */
static int letter_rows(int layout)
{
	int n = ROWS;
	while (n > 1 && !keyboards[layout][n - 1][0])
		n--;
	return n;
}

static const char *row_text(int layout, int row)
{
	return keyboards[layout][row];
}

static int key_h(const kiosk *k)
{
	return ui_px(k, 50);
}

static int keyboard_h(const kiosk *k)
{
	int gap = ui_px(k, 5);
	return k->search->keyboard_shown ? (letter_rows(k->search->layout) + 1) * (key_h(k) + gap) + gap : 0;
}

/* The keys of the current layout; returns how many. */
static int keys(const kiosk *k, key out[64])
{
	int gap = ui_px(k, 5), kh = key_h(k), n = 0, layout = k->search->layout;
	int y = k->h - keyboard_h(k) + gap, counts[4] = {0};
	/* Keys as wide as the widest row allows; backspace takes what the last
	 * row leaves, at least one and a half keys. */
	int rows = letter_rows(layout);
	float widest = 0, back_units;
	for (int row = 0; row < rows; row++) {
		for (const char *q = row_text(layout, row); *q; q += strcspn(q, " "), q += strspn(q, " "))
			counts[row]++;
		widest = SDL_max(widest, (float)counts[row]);
	}
	back_units = SDL_max(1.5f, widest - (float)counts[rows - 1]);
	widest = SDL_max(widest, (float)counts[rows - 1] + back_units);
	int kw = (int)((float)(k->w - gap) / widest) - gap;
	int back_w = (int)(back_units * (float)(kw + gap)) - gap;
	for (int row = 0; row < letter_rows(layout); row++, y += kh + gap) {
		const char *p = row_text(layout, row);
		int count = counts[row];
		int last = row == letter_rows(layout) - 1;
		int total = count * (kw + gap) + (last ? back_w + gap : 0) - gap;
		int x = (k->w - total) / 2;
		while (*p) {
			size_t len = strcspn(p, " ");
			key *kk = &out[n++];
			kk->r = (SDL_Rect){x, y, kw, kh};
			kk->type = KEY_CHAR;
			snprintf(kk->text, sizeof kk->text, "%.*s", (int)len, p);
			x += kw + gap;
			p += len;
			p += strspn(p, " ");
		}
		if (last)
			out[n++] = (key){{x, y, back_w, kh}, KEY_BACKSPACE, ""};
	}
	/* Bottom row: layout, space, clear, hide. */
	int side = (k->w - 5 * gap) / 5;
	out[n++] = (key){{gap, y, side, kh}, KEY_LAYOUT, ""};
	out[n++] = (key){{2 * gap + side, y, 2 * side + gap, kh}, KEY_SPACE, " "};
	out[n++] = (key){{4 * gap + 3 * side, y, side, kh}, KEY_CLEAR, ""};
	out[n++] = (key){{5 * gap + 4 * side, y, k->w - 6 * gap - 4 * side, kh}, KEY_HIDE, ""};
	return n;
}

/* The query sits in the top bar, between back and the languages, so that
 * the results keep what room the keyboard leaves. */
static SDL_Rect field_rect(const kiosk *k)
{
	int h = ui_header_height(k), fh = ui_px(k, 52), pad = ui_px(k, 10);
	int x = ui_px(k, 10) + ui_px(k, 130) + pad;
	int right = ui_lang_buttons((kiosk *)k, k->w - pad, 0, h, 0) - pad;
	return (SDL_Rect){x, (h - fh) / 2, right - x, fh};
}

/* fmt (a string of the visitor's language) with its %s filled by value:
 * formats are never given to printf from a file. */
static void fill_text(const char *fmt, const char *value, char *out, size_t size)
{
	const char *at = strstr(fmt, "%s");
	if (!at)
		snprintf(out, size, "%s", fmt);
	else
		snprintf(out, size, "%.*s%s%s", (int)(at - fmt), fmt, value, at + 2);
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
	int pad = ui_px(k, 12), top = ui_header_height(k) + ui_px(k, 6), size = ui_font(k, 18); /* a chip's (style 2) */
	fill_text(ui_str(k, "search_as_typed"), k->search->query, label, 300);
	int w = SDL_min(text_width(k->text, label, -1, size, 1) + 3 * pad, k->w / 2 - pad);
	int h = banner_h(k) - ui_px(k, 12);
	return (SDL_Rect){k->w - pad - w, top, w, h};
}

static int results_top(const kiosk *k)
{
	return ui_header_height(k) + ui_px(k, 8) + banner_h(k);
}

static int result_h(const kiosk *k)
{
	return ui_px(k, 118);
}

static SDL_Rect result_rect(const kiosk *k, int n)
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
	if (!s->query[0])
		s->layout = k->lang == 1 ? 1 : k->lang == 2 ? 2 : 0; /* the visitor's script first */
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

/* The snippet with the parts between [ and ] on a yellow ground, wrapped
 * word by word into box; an ellipsis where it is cut. */
static void draw_marked(kiosk *k, const char *text, SDL_Rect box, int size, int max_lines)
{
	int lh = text_line_height(k->text, size), x = box.x, line = 0, marked = 0;
	int space = text_width(k->text, " ", 1, size, 0);
	const char *p = text;
	while (*p && line < max_lines) {
		p += strspn(p, " ");
		size_t len = strcspn(p, " ");
		if (!len)
			break;
		char word[256];
		int o = 0, starts = marked, ends = marked;
		for (size_t i = 0; i < len && o < 250; i++) {
			if (p[i] == '[') {
				starts = ends = 1;
				continue;
			}
			if (p[i] == ']') {
				ends = 0;
				continue;
			}
			word[o++] = p[i];
		}
		word[o] = 0;
		int w = text_width(k->text, word, -1, size, starts);
		if (x + w > box.x + box.w && x > box.x) {
			if (++line >= max_lines) {
				text_draw(k->text, "…", x, box.y + (line - 1) * lh, size, 0, UI_MUTED);
				break;
			}
			x = box.x;
		}
		int y = box.y + line * lh;
		if (starts)
			ui_fill(k, (SDL_Rect){x - 2, y, w + 4, lh}, UI_MARK);
		SDL_Rect cell = {x, y, box.x + box.w - x, lh};
		text_wrap(k->text, word, cell, size, starts, UI_INK, 1, TEXT_LEFT, 1);
		x += w + space;
		marked = ends;
		p += len;
	}
}

static void draw_result(kiosk *k, int n, SDL_Rect r)
{
	const catalog_hit *h = &k->search->hits[n];
	int index = k->search->hit_items[n];
	if (index < 0)
		return;
	const item *it = &k->items[index];
	ui_target_said(k, r, ui_title(k, index), -1);
	ui_round_rect(k, r, ui_px(k, 10), ui_pressed(k, r) ? UI_LINE : UI_CARD);
	int in = ui_px(k, 12), small = ui_font(k, 15), title = ui_font(k, 19);
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
		return;
	}
	/* Where it matched, when not plainly in the text; and the word there
	 * when it came through another script, form or name. */
	char how[160] = "", as[100] = "", field_key[32];
	if (h->match_count > 0 && (h->folded || strcmp(h->matched[0].field, "text") != 0)) {
		snprintf(field_key, sizeof field_key, "matched_%s", h->matched[0].field);
		if (h->folded)
			fill_text(ui_str(k, "matched_as"), h->matched[0].form, as, sizeof as);
		snprintf(how, sizeof how, "  ·  %s%s%s", ui_str(k, field_key), as[0] ? " " : "", as);
	}
	snprintf(meta, sizeof meta, "%s%s%s%s%s%s", ui_kind_label(k, it->kind), date[0] ? "  ·  " : "", date, where[0] ? "  ·  " : "",
		 where, how);
	y += text_wrap(k->text, meta, (SDL_Rect){x, y, w, 0}, small, 1, UI_ACCENT, 1, TEXT_LEFT, 1);
	y += text_wrap(k->text, ui_title(k, index), (SDL_Rect){x, y, w, 0}, title, 1, UI_INK, 1, TEXT_LEFT, 1) + ui_px(k, 2);
	if (h->snippet)
		draw_marked(k, h->snippet, (SDL_Rect){x, y, w, 0}, small, SDL_max(1, (r.y + r.h - in - y) / text_line_height(k->text, small)));
}

static void search_draw(kiosk *k)
{
	search_state *s = k->search;
	ui_fill(k, (SDL_Rect){0, 0, k->w, k->h}, UI_PAPER);
	int bottom = k->h - keyboard_h(k), gap = ui_px(k, 8);
	s->scroll.max = (float)SDL_max(0, s->hit_count * (result_h(k) + gap) - (bottom - results_top(k)));
	SDL_Rect list = {0, results_top(k), k->w, SDL_max(0, bottom - results_top(k))};
	SDL_RenderSetClipRect(k->renderer, &list);
	int first = SDL_max(0, (int)s->scroll.offset / (result_h(k) + gap)), first_target = k->target_count;
	for (int n = first; n < s->hit_count; n++) {
		SDL_Rect r = result_rect(k, n);
		if (r.y >= bottom)
			break;
		draw_result(k, n, r);
	}
	ui_targets_within(k, first_target, list);
	int searchable = catalog_searchable(s->query);
	const char *msg = !s->query[0]                    ? ui_str(k, s->within >= 0 ? "search_within_hint" : "search_hint")
			  : !searchable                  ? ui_str(k, "search_more")
			  : s->hit_count == 0              ? ui_str(k, "search_none")
							   : NULL;
	if (msg) {
		SDL_Rect box = {ui_px(k, 24), list.y + ui_px(k, 16), k->w - ui_px(k, 48), 0};
		if (s->within >= 0 && !s->query[0]) /* which document */
			box.y += text_wrap(k->text, ui_title(k, s->within), box, ui_font(k, 20), 1, UI_INK, 2, TEXT_CENTER, 1) + ui_px(k, 6);
		text_wrap(k->text, msg, box, ui_font(k, 19), 0, UI_MUTED, 2, TEXT_CENTER, 1);
	}
	SDL_RenderSetClipRect(k->renderer, NULL);
	if (corrected(k)) {
		char label[300], showing[300];
		SDL_Rect b = as_typed_rect(k, label);
		/* A word as the documents write it ("Lachin"), not as folded. */
		const catalog_hit *h = &k->search->hits[0];
		const char *shown = !strchr(corrected(k), ' ') && h->match_count > 0 ? h->matched[0].form : corrected(k);
		fill_text(ui_str(k, "search_showing"), shown, showing, sizeof showing);
		int size = ui_font(k, 17), pad = ui_px(k, 12);
		SDL_Rect line = {pad, b.y, b.x - 2 * pad, 0};
		int lines = text_width(k->text, showing, -1, size, 1) > line.w ? 2 : 1;
		line.y += (b.h - lines * text_line_height(k->text, size)) / 2;
		text_wrap(k->text, showing, line, size, 1, UI_INK, 2, TEXT_LEFT, 1);
		ui_button(k, b, label, 2);
	}

	ui_header(k, "");
	/* The query, with a caret. */
	SDL_Rect f = field_rect(k);
	ui_target(k, f);
	ui_round_rect(k, f, ui_px(k, 10), UI_CARD);
	int size = ui_font(k, 22), lh = text_line_height(k->text, size), in = ui_px(k, 14);
	char shown[300], count[64] = "";
	snprintf(shown, sizeof shown, "%s|", s->query);
	if (searchable)
		ui_count_text(k, "results_count", s->hit_count, count, sizeof count);
	int cw = count[0] ? text_width(k->text, count, -1, ui_font(k, 16), 0) : 0;
	int qw = text_width(k->text, shown, -1, size, 0), room = f.w - 3 * in - cw;
	/* A long query shows its end. */
	const char *from = shown;
	while (qw > room && *from) {
		from++;
		while (((unsigned char)*from & 0xC0) == 0x80)
			from++;
		qw = text_width(k->text, from, -1, size, 0);
	}
	text_draw(k->text, from, f.x + in, f.y + (f.h - lh) / 2, size, 0, UI_INK);
	if (count[0])
		text_draw(k->text, count, f.x + f.w - in - cw, f.y + (f.h - text_line_height(k->text, ui_font(k, 16))) / 2,
			  ui_font(k, 16), 0, UI_MUTED);

	if (s->keyboard_shown) {
		key ks[64];
		int n = keys(k, ks);
		ui_fill(k, (SDL_Rect){0, bottom, k->w, k->h - bottom}, UI_SHADE);
		for (int i = 0; i < n; i++) {
			const char *label = ks[i].text;
			if (ks[i].type == KEY_LAYOUT)
				label = layout_names[(s->layout + 1) % LAYOUTS];
			else if (ks[i].type == KEY_SPACE)
				label = ui_str(k, "key_space");
			else if (ks[i].type == KEY_BACKSPACE)
				label = ui_str(k, "key_delete");
			else if (ks[i].type == KEY_CLEAR)
				label = ui_str(k, "key_clear");
			else if (ks[i].type == KEY_HIDE)
				label = ui_str(k, "key_hide");
			ui_target_said(k, ks[i].r, label, -1);
			int pressed = ui_pressed(k, ks[i].r);
			ui_round_rect(k, ks[i].r, ui_px(k, 8), pressed ? UI_ACCENT : ks[i].type == KEY_CHAR ? UI_CARD : UI_PAPER);
			int ks_size = ui_font(k, ks[i].type == KEY_CHAR ? 24 : 17), kl = text_line_height(k->text, ks_size);
			text_wrap(k->text, label, (SDL_Rect){ks[i].r.x + 2, ks[i].r.y + (ks[i].r.h - kl) / 2, ks[i].r.w - 4, kl}, ks_size,
				  ks[i].type != KEY_CHAR, pressed ? UI_ON_NAVY : UI_INK, 1, TEXT_CENTER, 1);
		}
	}
}

static void search_touch(kiosk *k, const gesture *g)
{
	search_state *s = k->search;
	int bottom = k->h - keyboard_h(k);
	if (g->y0 >= (float)results_top(k) && g->y0 < (float)bottom && ui_scroll_touch(&s->scroll, g, 0))
		return;
	if (g->kind != GESTURE_TAP)
		return;
	if (ui_hit(field_rect(k), g->x, g->y)) {
		s->keyboard_shown = 1;
		return;
	}
	if (ui_header_tap(k, g->x, g->y))
		return;
	char label[300];
	if (corrected(k) && ui_hit(as_typed_rect(k, label), g->x, g->y)) {
		s->as_typed = 1;
		run_query(k);
		return;
	}
	if (s->keyboard_shown && g->y >= (float)bottom) {
		key ks[64];
		int n = keys(k, ks);
		for (int i = 0; i < n; i++) {
			if (!ui_hit(ks[i].r, g->x, g->y))
				continue;
			switch (ks[i].type) {
			case KEY_CHAR: case KEY_SPACE: type_text(k, ks[i].text); break;
			case KEY_BACKSPACE: backspace(k); break;
			case KEY_LAYOUT: s->layout = (s->layout + 1) % LAYOUTS; break;
			case KEY_CLEAR: s->query[0] = 0; s->as_typed = 0; run_query(k); break;
			case KEY_HIDE: s->keyboard_shown = 0; break;
			}
			return;
		}
		return;
	}
	int gap = ui_px(k, 8), first = SDL_max(0, (int)s->scroll.offset / (result_h(k) + gap));
	for (int n = first; n < s->hit_count && g->y >= (float)results_top(k); n++) {
		SDL_Rect r = result_rect(k, n);
		if (r.y >= bottom)
			break;
		int index = s->hit_items[n];
		if (!ui_hit(r, g->x, g->y) || index < 0)
			continue;
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
		if (k->items[index].warning) {
			nav_open_item(k, index); /* the content note first */
		} else {
			nav_reader(k, index, page, -1, marks);
		}
		return;
	}
}

static void search_update(kiosk *k, Uint32 dt)
{
	take_results(k);
	ui_scroll_update(&k->search->scroll, dt);
}

static int search_busy(kiosk *k)
{
	return ui_scroll_busy(&k->search->scroll) || (k->search->finder && finder_busy(k->search->finder));
}

static void search_key(kiosk *k, SDL_Keycode code)
{
	if (code == SDLK_BACKSPACE)
		backspace(k);
	else if (code == SDLK_RETURN)
		k->search->keyboard_shown = 0;
}

static void search_text(kiosk *k, const char *utf8)
{
	type_text(k, utf8);
}

const screen_ops search_screen = {.name = "search", .init = search_init, .open = search_open, .draw = search_draw,
				  .touch = search_touch, .key = search_key, .text = search_text, .update = search_update,
				  .busy = search_busy, .items_changed = search_clear, .free = search_free};
