/* What opens over the reader's page: the contents and the page grid (a
 * thumbnail a page) and the item's details (a footnote is footnote.c). */
#include "ui/reader/reader.h"
#include "ui/panel.h"
#include "ui/strings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void reader_drop_toc(kiosk *k)
{
	reader_state *rd = k->reader;
	for (int i = 0; i < rd->toc_count; i++)
		free(rd->toc_titles[i]);
	free(rd->toc_titles);
	free(rd->toc_pages);
	free(rd->toc_levels);
	free(rd->toc_open);
	rd->toc_open = NULL;
	rd->toc_titles = NULL;
	rd->toc_pages = rd->toc_levels = NULL;
	rd->toc_count = 0;
	rd->toc_request = 0;
	for (int p = 0; p < rd->page_label_count; p++)
		free(rd->page_labels[p]);
	free(rd->page_labels);
	rd->page_labels = NULL;
	rd->page_label_count = 0;
}

void reader_page_name(const kiosk *k, int page, char *out, size_t size)
{
	const reader_state *rd = k->reader;
	if (page >= 0 && page < rd->page_label_count && rd->page_labels[page] && rd->page_labels[page][0])
		snprintf(out, size, "%s", rd->page_labels[page]);
	else
		snprintf(out, size, "%d", page + 1);
}

void reader_page_where(const kiosk *k, int page, char *out, size_t size)
{
	const reader_state *rd = k->reader;
	char numbers[64], name[64], number[16];
	ui_format_numbers(ui_str(k, "page_short"), page + 1, rd->page_count, numbers, sizeof numbers);
	reader_page_name(k, page, name, sizeof name);
	snprintf(number, sizeof number, "%d", page + 1);
	if (strcmp(name, number)) /* a label that is not the number itself */
		snprintf(out, size, "%s (%s)", name, numbers);
	else
		snprintf(out, size, "%s", numbers);
}

/* Entries with a page and a title, from the render service's outline. */
static void take_toc(kiosk *k, render_result *res)
{
	reader_state *rd = k->reader;
	rd->toc_titles = calloc((size_t)res->outline_count + 1, sizeof *rd->toc_titles);
	rd->toc_pages = calloc((size_t)res->outline_count + 1, sizeof *rd->toc_pages);
	rd->toc_levels = calloc((size_t)res->outline_count + 1, sizeof *rd->toc_levels);
	rd->toc_open = calloc((size_t)res->outline_count + 1, 1);
	if (!rd->toc_titles || !rd->toc_pages || !rd->toc_levels || !rd->toc_open) {
		reader_drop_toc(k);
		return;
	}
	for (int i = 0; i < res->outline_count; i++) {
		render_outline_entry *e = &res->outline[i];
		if (e->page >= 0 && e->title && e->title[0]) {
			rd->toc_titles[rd->toc_count] = e->title; /* the reader keeps it */
			e->title = NULL;
			rd->toc_pages[rd->toc_count] = e->page;
			rd->toc_levels[rd->toc_count] = e->level;
			rd->toc_count++;
		}
	}
	rd->page_labels = res->page_labels; /* the reader keeps them */
	rd->page_label_count = res->page_label_count;
	res->page_labels = NULL;
	res->page_label_count = 0;
}

static void drop_page_thumbs(kiosk *k)
{
	reader_state *rd = k->reader;
	for (int p = 0; rd->page_thumbs && p < rd->page_count; p++)
		if (rd->page_thumbs[p])
			SDL_DestroyTexture(rd->page_thumbs[p]);
	free(rd->page_thumbs);
	free(rd->page_thumb_requests);
	rd->page_thumbs = NULL;
	rd->page_thumb_requests = NULL;
}

/* Closes what is open over the page and lets go of what it held. */
void reader_close_panel(kiosk *k)
{
	reader_state *rd = k->reader;
	free(rd->note_text);
	rd->note_text = NULL;
	rd->note_request = 0;
	drop_page_thumbs(k);
	if (rd->preview)
		SDL_DestroyTexture(rd->preview);
	rd->preview = NULL;
	rd->preview_page = -1;
	rd->preview_request = 0;
	rd->slider_held = 0;
	rd->panel = READER_PANEL_NONE;
}

/* The open panel's title: the contents' (or the page grid's), or the
 * document's over its details; and the lines it may take. */
static const char *panel_title(const kiosk *k, int *lines)
{
	const reader_state *rd = k->reader;
	*lines = rd->panel == READER_PANEL_PAGES ? 1 : 3;
	return rd->panel == READER_PANEL_PAGES ? ui_str(k, rd->toc_count ? "contents" : "go_to_page") : ui_title(k, rd->item);
}

static ui_panel panel(const kiosk *k)
{
	int lines;
	const char *title = panel_title(k, &lines);
	return ui_panel_layout(k, 760, 32, 70, title, lines);
}

/* Over the contents and the page grid, a large slider to hold and slide
 * to any page, a preview of the page under the finger above it. */
static int has_slider(const kiosk *k)
{
	return k->reader->panel == READER_PANEL_PAGES && k->reader->page_count > 1;
}

static int slider_h(const kiosk *k)
{
	return has_slider(k) ? ui_px(k, 96) : 0;
}

static SDL_Rect slider_rect(const kiosk *k)
{
	SDL_Rect b = panel(k).body;
	int in = ui_px(k, 22);
	return (SDL_Rect){b.x + in, b.y, b.w - 2 * in, slider_h(k)};
}

/* The track: where the knob's centre goes, between its ends. */
static void slider_track(const kiosk *k, int *x0, int *x1)
{
	SDL_Rect r = slider_rect(k);
	int knob = ui_px(k, 30);
	*x0 = r.x + knob;
	*x1 = r.x + r.w - knob;
}

static int slider_page_at(const kiosk *k, float x)
{
	int x0, x1, last = SDL_max(k->reader->page_count - 1, 0);
	slider_track(k, &x0, &x1);
	float at = SDL_clamp((x - (float)x0) / (float)SDL_max(x1 - x0, 1), 0.0f, 1.0f);
	return SDL_clamp((int)(at * (float)last + 0.5f), 0, last);
}

/* What scrolls, below the slider. */
static SDL_Rect list_body(const kiosk *k)
{
	SDL_Rect b = panel(k).body;
	int h = slider_h(k);
	return (SDL_Rect){b.x, b.y + h, b.w, b.h - h};
}

static void request_thumb(kiosk *k, int p, int w, int h)
{
	reader_state *rd = k->reader;
	if (rd->page_thumbs && !rd->page_thumbs[p] && !rd->page_thumb_requests[p])
		rd->page_thumb_requests[p] = render_request_marked(k->render, RENDER_OWNER_READER, rd->path, rd->format, p, rd->area.w, rd->area.h,
								   rd->text_scale, w, h, "", k->access.contrast);
}

/* The page grid's cells: a thumbnail of the page as laid out for this
 * screen, its number under it. */
static int page_cell_w(const kiosk *k)
{
	return ui_px(k, 104);
}

static int page_thumb_h(const kiosk *k)
{
	const SDL_Rect *a = &k->reader->area;
	return SDL_clamp(page_cell_w(k) * a->h / SDL_max(a->w, 1), page_cell_w(k) / 2, page_cell_w(k) * 2);
}

static int page_cell_h(const kiosk *k)
{
	return page_thumb_h(k) + ui_px(k, 30);
}

/* The panel lists the contents first, then a grid of page numbers. The
 * contents are folded: the chapters first, a chapter's parts shown under
 * it once its + is tapped (a long PDF's outline is hundreds of rows). */
static int toc_row_h(const kiosk *k)
{
	return SDL_max(ui_px(k, 56), 2 * text_line_height(k->text, ui_font(k, 20)) + ui_px(k, 8)); /* a title on two lines */
}

static int toc_has_parts(const reader_state *rd, int i)
{
	return i + 1 < rd->toc_count && rd->toc_levels[i + 1] > rd->toc_levels[i];
}

/* The entry after i that is shown: its parts when it is open, else the
 * next entry not among them. toc_count at the end. */
static int toc_next_shown(const reader_state *rd, int i)
{
	if (rd->toc_open[i] || !toc_has_parts(rd, i))
		return i + 1;
	int j = i + 1;
	while (j < rd->toc_count && rd->toc_levels[j] > rd->toc_levels[i])
		j++;
	return j;
}

static int toc_rows_shown(const reader_state *rd)
{
	int n = 0;
	for (int i = 0; i < rd->toc_count; i = toc_next_shown(rd, i))
		n++;
	return n;
}

/* The entry shown that holds the current page: the last shown whose page
 * is not after it (entries go in reading order), or -1. */
static int toc_current(const reader_state *rd)
{
	int at = -1;
	for (int i = 0; i < rd->toc_count; i = toc_next_shown(rd, i))
		if (rd->toc_pages[i] <= rd->page)
			at = i;
	return at;
}

/* Row `row` of the contents, for entry i (its indent by its level). */
static SDL_Rect toc_rect(const kiosk *k, int row, int i)
{
	SDL_Rect b = list_body(k);
	int in = ui_px(k, 16), indent = ui_px(k, 24) * SDL_min(k->reader->toc_levels[i], 3);
	return (SDL_Rect){b.x + in + indent, b.y + row * (toc_row_h(k) + ui_px(k, 6)) - (int)k->reader->panel_scroll.offset,
			  b.w - 2 * in - indent, toc_row_h(k)};
}

static SDL_Rect page_rect(const kiosk *k, int p)
{
	SDL_Rect c = list_body(k);
	int in = ui_px(k, 16), cell = page_cell_w(k), cell_h = page_cell_h(k), gap = ui_px(k, 10);
	int cols = SDL_max(1, (c.w - 2 * in + gap) / (cell + gap));
	in = (c.w - cols * cell - (cols - 1) * gap) / 2; /* the grid centred */
	int rows = toc_rows_shown(k->reader);
	int top = c.y + rows * (toc_row_h(k) + ui_px(k, 6)) + (rows ? ui_px(k, 14) : 0);
	return (SDL_Rect){c.x + in + (p % cols) * (cell + gap), top + (p / cols) * (cell_h + gap) - (int)k->reader->panel_scroll.offset,
			  cell, cell_h};
}

static void details_line(kiosk *k, const char *label, const char *value, SDL_Rect c, int *y)
{
	if (!value || !value[0])
		return;
	int in = ui_px(k, 24), small = ui_font(k, 20), body = ui_font(k, 20);
	*y += text_wrap(k->text, label, (SDL_Rect){c.x + in, *y, c.w - 2 * in, 0}, small, 1, UI_ACCENT, 1, TEXT_LEFT, 1);
	*y += text_wrap(k->text, value, (SDL_Rect){c.x + in, *y, c.w - 2 * in, 0}, body, 0, UI_INK, 0, TEXT_LEFT, 1);
	*y += ui_px(k, 10);
}

/* One cell of the page grid: the page's thumbnail (asked for when first
 * seen) framed, the current page's frame filled, and its number. */
static void draw_page_thumb(kiosk *k, int p, SDL_Rect r)
{
	reader_state *rd = k->reader;
	int current = p == rd->page, pressed = ui_pressed(k, r), frame = ui_px(k, 3);
	char n[64];
	reader_page_name(k, p, n, sizeof n);
	ui_target_said(k, r, n, -1);
	ui_round_rect(k, r, ui_px(k, 8), current ? UI_NAVY : pressed ? UI_LINE : UI_CARD);
	SDL_Rect box = {r.x + frame, r.y + frame, r.w - 2 * frame, page_thumb_h(k) - frame};
	SDL_Texture *tex = rd->page_thumbs ? rd->page_thumbs[p] : NULL;
	if (tex) {
		int w, h;
		SDL_QueryTexture(tex, NULL, NULL, &w, &h);
		SDL_Rect dst = {box.x + (box.w - w) / 2, box.y + (box.h - h) / 2, w, h};
		SDL_RenderCopy(k->renderer, tex, NULL, &dst);
	} else {
		ui_fill(k, box, UI_ON_NAVY);
		request_thumb(k, p, box.w, box.h);
	}
	int fs = ui_font(k, 20), fl = text_line_height(k->text, fs), label_y = box.y + box.h;
	text_wrap(k->text, n, (SDL_Rect){r.x, label_y + (r.y + r.h - label_y - fl) / 2, r.w, fl}, fs, 1, current ? UI_ON_NAVY : UI_NAVY,
		  1, TEXT_CENTER, 1);
}

/* The slider: a thick track, a large knob at the page (the one under the
 * finger while it is held), that page's name above it; held, a card over
 * the panel shows the page small with its name. A tap on the track goes
 * to the page there. Returns the page to go to, or -1. */
static int draw_slider(kiosk *k)
{
	reader_state *rd = k->reader;
	SDL_Rect r = slider_rect(k);
	int x0, x1, page = rd->slider_held ? rd->slider_page : rd->page, last = SDL_max(rd->page_count - 1, 1);
	slider_track(k, &x0, &x1);
	float tap_x = k->tap.x;
	int to = ui_tapped(k, r) ? slider_page_at(k, tap_x) : -1;
	ui_target_said(k, r, ui_str(k, "page_slider"), -1);
	char where[96];
	reader_page_where(k, page, where, sizeof where);
	int fs = ui_font(k, 19), fl = text_line_height(k->text, fs);
	int cy = r.y + fl + (r.h - fl) / 2, track = ui_px(k, 10), knob = ui_px(k, 30);
	int kx = x0 + (int)((float)(x1 - x0) * (float)page / (float)last + 0.5f);
	text_wrap(k->text, where, (SDL_Rect){r.x, r.y + ui_px(k, 2), r.w, fl}, fs, 1, UI_INK, 1, TEXT_CENTER, 1);
	ui_round_rect(k, (SDL_Rect){x0, cy - track / 2, x1 - x0, track}, track / 2, UI_LINE);
	ui_round_rect(k, (SDL_Rect){x0, cy - track / 2, kx - x0, track}, track / 2, UI_ACCENT);
	ui_round_rect(k, (SDL_Rect){kx - knob, cy - knob, 2 * knob, 2 * knob}, knob, UI_NAVY);
	ui_round_rect(k, (SDL_Rect){kx - knob / 3, cy - knob / 3, 2 * (knob / 3), 2 * (knob / 3)}, knob / 3, UI_ON_NAVY);
	return to;
}

/* Held: the page under the finger, small, with its name, in a card over
 * the contents just below the knob (drawn last). The page is asked for at
 * the card's size, one request at a time: the newest page the finger is
 * on once the last one came. */
static void draw_slider_preview(kiosk *k)
{
	reader_state *rd = k->reader;
	if (!rd->slider_held)
		return;
	SDL_Rect r = slider_rect(k), area = list_body(k);
	int x0, x1, page = rd->slider_page, last = SDL_max(rd->page_count - 1, 1);
	slider_track(k, &x0, &x1);
	int kx = x0 + (int)((float)(x1 - x0) * (float)page / (float)last + 0.5f);
	int pad = ui_px(k, 10), fs = ui_font(k, 20), fl = text_line_height(k->text, fs);
	char where[96];
	reader_page_where(k, page, where, sizeof where);
	/* As tall as the room below the slider allows, in the page's shape:
	 * a reflowable page's is the view's, a fixed one's its thumbnail's
	 * (an A4 page's until that has come). */
	int th = SDL_min(area.h - fl - 3 * pad - ui_px(k, 8), ui_px(k, 300)), tw = th * 210 / 297;
	SDL_Texture *shape = rd->page_thumbs ? rd->page_thumbs[page] : NULL;
	int sw = 210, sh = 297;
	if (!reader_fixed(k))
		sw = rd->area.w, sh = rd->area.h;
	else if (shape)
		SDL_QueryTexture(shape, NULL, NULL, &sw, &sh);
	tw = th * sw / SDL_max(sh, 1);
	if (tw > ui_px(k, 300)) {
		tw = ui_px(k, 300);
		th = tw * sh / SDL_max(sw, 1);
	}
	tw = SDL_max(tw, ui_px(k, 60));
	int w = SDL_max(tw, text_width(k->text, where, -1, fs, 1)) + 2 * pad, h = th + fl + 3 * pad;
	SDL_Rect card = {SDL_clamp(kx - w / 2, ui_px(k, 4), k->w - w - ui_px(k, 4)), r.y + r.h - ui_px(k, 4), w, h};
	ui_round_rect(k, (SDL_Rect){card.x - 3, card.y - 3, card.w + 6, card.h + 6}, ui_px(k, 12), UI_NAVY);
	ui_round_rect(k, card, ui_px(k, 10), UI_PAPER);
	SDL_Rect box = {card.x + (w - tw) / 2, card.y + pad, tw, th};
	SDL_Texture *tex = rd->preview && rd->preview_page == page ? rd->preview : rd->page_thumbs ? rd->page_thumbs[page] : NULL;
	if (tex) /* the page at the card's size, or its grid thumbnail made larger until it comes */
		ui_copy_fitted(k, tex, box);
	else
		ui_fill(k, box, UI_ON_NAVY);
	if (rd->preview_page != page && !rd->preview_request)
		rd->preview_request = render_request_marked(k->render, RENDER_OWNER_READER, rd->path, rd->format, page, rd->area.w, rd->area.h,
							    rd->text_scale, box.w, box.h, "", k->access.contrast);
	text_wrap(k->text, where, (SDL_Rect){card.x, box.y + th + pad, w, fl}, fs, 1, UI_INK, 1, TEXT_CENTER, 1);
}

void reader_draw_panel(kiosk *k)
{
	reader_state *rd = k->reader;
	const item *it = &k->items[rd->item];
	int lines;
	const char *title = panel_title(k, &lines);
	ui_panel p = panel(k);
	ui_panel_begin(k, &p, title, lines);
	SDL_Rect c = p.card, list = p.body;
	int offset = (int)rd->panel_scroll.offset;
	if (rd->panel == READER_PANEL_DETAILS) {
		char authors[512] = "", date[64], topics[512] = "";
		for (int a = 0; a < it->author_count; a++)
			snprintf(authors + strlen(authors), sizeof authors - strlen(authors), "%s%s", a ? ", " : "", it->authors[a]);
		/* The topics by their labels in the visitor's language; where the
		 * archive has its list, only those on it (not every raw tag). */
		for (int t = 0; t < it->topic_count; t++)
			if (k->guide.topic_count == 0 || guide_find_topic(&k->guide, it->topics[t]))
				snprintf(topics + strlen(topics), sizeof topics - strlen(topics), "%s%s", topics[0] ? ", " : "",
					 ui_topic(k, it->topics[t]));
		ui_format_date(k, it->date, date);
		/* Scrolled when longer than the card (a small screen). */
		int y = list.y - offset;
		details_line(k, ui_str(k, "details_kind"), ui_kind_label(k, it->kind), c, &y);
		details_line(k, ui_str(k, "details_authors"), authors, c, &y);
		details_line(k, ui_str(k, "details_date"), date, c, &y);
		details_line(k, ui_str(k, "details_topics"), topics, c, &y);
		details_line(k, ui_str(k, "details_source"), item_source_in(it, strings_langs[k->lang]), c, &y);
		const char *summary = item_summary_only_in(it, strings_langs[k->lang]);
		details_line(k, ui_str(k, "details_summary"), summary ? summary : it->summary, c, &y);
		ui_panel_end(k, &p, &rd->panel_scroll, y + offset - list.y + ui_px(k, 12));
		return;
	}
	int count = SDL_max(rd->page_count, 0), to = has_slider(k) ? draw_slider(k) : -1;
	list = list_body(k);
	list.y = SDL_max(list.y, p.body.y + slider_h(k)); /* below a title on two lines too */
	list.h = p.body.y + p.body.h - list.y;
	SDL_RenderSetClipRect(k->renderer, &list);
	SDL_Rect last = page_rect(k, count - 1), seen;
	int current = toc_current(rd), fold = -1;
	for (int i = 0, row = 0; i < rd->toc_count; i = toc_next_shown(rd, i), row++) {
		SDL_Rect r = toc_rect(k, row, i);
		if (r.y + r.h < list.y || r.y > list.y + list.h)
			continue;
		/* A chapter with parts: a large + (or –) at its left opens (or
		 * folds) them; the rest of the row goes to its page. */
		SDL_Rect open = {r.x, r.y, toc_has_parts(rd, i) ? r.h + ui_px(k, 8) : 0, r.h};
		SDL_Rect row_r = {r.x + open.w + (open.w ? ui_px(k, 6) : 0), r.y, r.w - open.w - (open.w ? ui_px(k, 6) : 0), r.h};
		if (open.w) {
			char said[320];
			ui_format_text(ui_str(k, rd->toc_open[i] ? "toc_fold" : "toc_unfold"), rd->toc_titles[i], said, sizeof said);
			if (SDL_IntersectRect(&open, &list, &seen) && ui_tapped(k, seen))
				fold = i;
			ui_target_said(k, open, said, -1);
			ui_round_rect(k, open, ui_px(k, 10), ui_pressed(k, open) ? UI_LINE : UI_NAVY);
			int fs = ui_font(k, 30), fl = text_line_height(k->text, fs);
			text_wrap(k->text, rd->toc_open[i] ? "–" : "+", (SDL_Rect){open.x, open.y + (open.h - fl) / 2, open.w, fl}, fs, 1,
				  UI_ON_NAVY, 1, TEXT_CENTER, 1);
		}
		if (SDL_IntersectRect(&row_r, &list, &seen) && ui_tapped(k, seen)) /* tapped where it is seen */
			to = rd->toc_pages[i];
		ui_target_said(k, row_r, rd->toc_titles[i], -1);
		/* The chapter the visitor is in: a thick bar at its left and a
		 * heavier frame, not its colour alone. */
		int here = i == current;
		if (here)
			ui_round_rect(k, row_r, ui_px(k, 10), UI_NAVY);
		SDL_Rect inner = here ? (SDL_Rect){row_r.x + ui_px(k, 8), row_r.y + ui_px(k, 3), row_r.w - ui_px(k, 11), row_r.h - ui_px(k, 6)} : row_r;
		ui_round_rect(k, inner, ui_px(k, 8), ui_pressed(k, row_r) ? UI_LINE : UI_CARD);
		char num[64];
		reader_page_name(k, rd->toc_pages[i], num, sizeof num);
		int fs = ui_font(k, 20), fl = text_line_height(k->text, fs), nw = text_width(k->text, num, -1, fs, 0);
		text_draw(k->text, num, inner.x + inner.w - ui_px(k, 14) - nw, r.y + (r.h - fl) / 2, fs, 0, UI_MUTED);
		int bold = rd->toc_levels[i] == 0 || here, tw = inner.w - nw - ui_px(k, 40);
		fs = ui_fit_width(k, rd->toc_titles[i], tw, fs, 2); /* smaller rather than cut */
		int th = text_wrap(k->text, rd->toc_titles[i], (SDL_Rect){0, 0, tw, 0}, fs, bold, UI_INK, 2, TEXT_LEFT, 0);
		text_wrap(k->text, rd->toc_titles[i], (SDL_Rect){inner.x + ui_px(k, 14), r.y + (r.h - th) / 2, tw, th}, fs, bold, UI_INK, 2,
			  TEXT_LEFT, 1);
	}
	for (int n = 0; n < count; n++) {
		SDL_Rect r = page_rect(k, n);
		if (r.y + r.h < list.y || r.y > list.y + list.h)
			continue;
		if (SDL_IntersectRect(&r, &list, &seen) && ui_tapped(k, seen))
			to = n;
		draw_page_thumb(k, n, r);
	}
	ui_panel_end(k, &p, &rd->panel_scroll, last.y + last.h + offset - list.y);
	draw_slider_preview(k);
	if (fold >= 0) {
		rd->toc_open[fold] = !rd->toc_open[fold];
	} else if (to >= 0) { /* last: the panel is drawn whole first */
		reader_close_panel(k);
		reader_jump_to(k, to);
	}
}

void reader_panel_touch(kiosk *k, const gesture *g)
{
	reader_state *rd = k->reader;
	ui_panel p = panel(k);
	/* A finger on the slider moves it, and where it lets go is the page
	 * gone to (a tap the draw takes, as the buttons'). */
	if (g->kind == GESTURE_PRESS && has_slider(k) && ui_hit(slider_rect(k), g->x, g->y)) {
		rd->slider_held = 1;
		rd->slider_page = slider_page_at(k, g->x);
		return;
	}
	if (rd->slider_held) {
		if (g->kind == GESTURE_DRAG) {
			rd->slider_page = slider_page_at(k, g->x);
		} else if (g->kind == GESTURE_RELEASE) {
			int to = slider_page_at(k, g->x);
			rd->slider_held = 0;
			reader_close_panel(k);
			reader_jump_to(k, to);
		} else if (g->kind != GESTURE_HOLD) {
			rd->slider_held = 0;
		}
		return;
	}
	/* Its rows are tapped as they are drawn (reader_draw_panel). */
	if (ui_panel_touch(&p, &rd->panel_scroll, g) == UI_PANEL_CLOSED)
		reader_close_panel(k);
}

void reader_open_pages(kiosk *k)
{
	reader_state *rd = k->reader;
	rd->panel = READER_PANEL_PAGES;
	rd->panel_scroll = (ui_scroller){0};
	rd->page_thumbs = calloc((size_t)rd->page_count, sizeof *rd->page_thumbs);
	rd->page_thumb_requests = calloc((size_t)rd->page_count, sizeof *rd->page_thumb_requests);
	if (!rd->page_thumbs || !rd->page_thumb_requests)
		drop_page_thumbs(k); /* numbers only */
	/* The contents first when there are any, else scrolled just enough
	 * to show the current page. */
	SDL_Rect r = page_rect(k, rd->page), c = panel(k).card;
	if (!toc_rows_shown(rd))
		rd->panel_scroll.offset = (float)SDL_max(0, r.y + r.h - (c.y + c.h - ui_px(k, 10)));
}

int reader_panels_on_render(kiosk *k, render_result *res)
{
	reader_state *rd = k->reader;
	if (res->request == rd->toc_request) {
		rd->toc_request = 0;
		take_toc(k, res);
		return 1;
	}
	if (res->request == rd->preview_request) {
		rd->preview_request = 0;
		if (rd->panel == READER_PANEL_PAGES) { /* a page that failed is not asked for again while held there */
			if (rd->preview)
				SDL_DestroyTexture(rd->preview);
			rd->preview = res->rgb ? SDL_CreateTexture(k->renderer, SDL_PIXELFORMAT_RGB24, SDL_TEXTUREACCESS_STATIC, res->w, res->h) : NULL;
			if (rd->preview)
				SDL_UpdateTexture(rd->preview, NULL, res->rgb, res->stride);
			rd->preview_page = res->page;
		}
		return 1;
	}
	if (rd->page_thumbs && res->page >= 0 && res->page < rd->page_count && rd->page_thumb_requests[res->page] == res->request) {
		if (res->rgb && !rd->page_thumbs[res->page]) {
			rd->page_thumbs[res->page] = SDL_CreateTexture(k->renderer, SDL_PIXELFORMAT_RGB24, SDL_TEXTUREACCESS_STATIC, res->w,
								       res->h);
			if (rd->page_thumbs[res->page])
				SDL_UpdateTexture(rd->page_thumbs[res->page], NULL, res->rgb, res->stride);
		}
		return 1;
	}
	if (res->request == rd->note_request) {
		rd->note_request = 0;
		free(rd->note_text);
		rd->note_text = res->note && res->note[0] ? res->note : strdup(ui_str(k, "footnote_missing"));
		if (rd->note_text == res->note)
			res->note = NULL; /* the reader keeps it */
		return 1;
	}
	return 0;
}
