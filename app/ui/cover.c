/* A document's cover: the first view of it, in the visitor's language,
 * before its first page. What it is, when and by whom, which language it is
 * written in (most of the archive is English; most visitors read Armenian
 * or Russian first), its summary and content note, and two large buttons,
 * Read and Listen. A swipe or the Right key goes on to the first page.
 * The words scroll above the buttons where the summary is longer than the
 * screen has room for; the first view always says which language it is in.
 * Where the document has a source on the web, a QR code of its address,
 * for a visitor to take it home on a phone. */
#include "core/qr.h"
#include "ui/ui.h"
#include "ui/nav.h"
#include "ui/strings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct cover_state {
	int item;
	float drag_dx;            /* of the finger now moving */
	ui_scroller scroll;       /* the words, where they are longer than their room */
	qr_code *qr;              /* of the item's web address; NULL: none */
};

static int cover_init(kiosk *k)
{
	return (k->cover = calloc(1, sizeof *k->cover)) ? 0 : -1;
}

static void cover_free(kiosk *k)
{
	qr_free(k->cover->qr);
	free(k->cover);
	k->cover = NULL;
}

static void cover_open(kiosk *k, const screen_args *a)
{
	k->cover->item = a->item;
	k->cover->scroll = (ui_scroller){0};
	kiosk_item_details(k, a->item); /* the summary: the kiosk's list leaves it out */
	qr_free(k->cover->qr);
	const char *source = k->items[a->item].source;
	k->cover->qr = qr_is_web_address(source) ? qr_new(source) : NULL;
}

int cover_item(const kiosk *k)
{
	return k->cover->item;
}

/* "This document is in English", in the visitor's language; a language the
 * strings do not name is given by its code. */
static void language_line(const kiosk *k, const item *it, char out[160])
{
	char key[48];
	const char *lang = it->language[0] ? it->language : "en";
	snprintf(key, sizeof key, "cover_in_%.2s", lang);
	const char *s = strings_get(k->lang, key);
	if (s != key) /* strings_get gives the key back when it has no text */
		snprintf(out, 160, "%s", s);
	else { /* its "%s" is the code */
		const char *t = ui_str(k, "cover_in_other"), *at = strstr(t, "%s");
		int n = at ? (int)(at - t) : (int)strlen(t);
		snprintf(out, 160, "%.*s%s%s", n, t, at ? lang : "", at ? at + 2 : "");
	}
}

/* The QR code's side in pixels, quiet zone (4 modules) in: whole pixels a
 * module, so that every edge is crisp, and the code itself at least 30 mm
 * on the display, which a phone reads at arm's length. */
static int qr_side(const kiosk *k, int *module)
{
	int w = k->cover->qr->width;
	*module = SDL_max(2, (int)SDL_ceilf(30.0f / 25.4f * k->dpi / (float)w));
	return (w + 8) * *module;
}

/* The address as a visitor reads it: its host, without "www.", and "/…"
 * for the rest (the code holds it whole). */
static void short_address(const char *url, char out[64])
{
	const char *s = strstr(url, "://") + 3;
	if (strncasecmp(s, "www.", 4) == 0)
		s += 4;
	size_t host = strcspn(s, "/?#");
	int more = s[host] && s[host + strspn(s + host, "/")];
	snprintf(out, 64, "%.*s%s", (int)SDL_min(host, 56), s, more ? "/…" : "");
}

/* The QR code on white, its quiet zone around it, and beside it (below it
 * when r is narrow) the line saying what it is for and the address. With
 * r.h 0 it only measures; returns the height it takes in r.w. */
static int take_home(kiosk *k, SDL_Rect r, int draw)
{
	const qr_code *q = k->cover->qr;
	int module, side = qr_side(k, &module), gap = ui_px(k, 14);
	int beside = r.w - side - gap >= ui_px(k, 170);
	SDL_Rect words = beside ? (SDL_Rect){r.x + side + gap, r.y, r.w - side - gap, 0} : (SDL_Rect){r.x, r.y + side + gap / 2, r.w, 0};
	char address[64];
	short_address(k->items[k->cover->item].source, address);
	int size = ui_font(k, 20), small = ui_font(k, 16);
	int words_h = text_wrap(k->text, ui_str(k, "cover_take_home"), words, size, 1, UI_INK, 0, TEXT_LEFT, 0) + ui_px(k, 4) +
		      text_wrap(k->text, address, words, small, 0, UI_MUTED, 2, TEXT_LEFT, 0);
	if (draw) {
		SDL_Rect code = {r.x, r.y, side, side};
		if (beside) /* the words centred on the code */
			words.y = r.y + SDL_max(0, (side - words_h) / 2);
		ui_fill(k, code, (SDL_Color){255, 255, 255, 255});
		for (int y = 0; y < q->width; y++)
			for (int x = 0; x < q->width; x++)
				if (q->dark[y * q->width + x])
					ui_fill(k, (SDL_Rect){code.x + (x + 4) * module, code.y + (y + 4) * module, module, module},
						(SDL_Color){0, 0, 0, 255});
		words.y += text_wrap(k->text, ui_str(k, "cover_take_home"), words, size, 1, UI_INK, 0, TEXT_LEFT, 1) + ui_px(k, 4);
		text_wrap(k->text, address, words, small, 0, UI_MUTED, 2, TEXT_LEFT, 1);
	}
	return beside ? SDL_max(side, words_h) : side + gap / 2 + words_h;
}

static void open_reader(kiosk *k, int listen)
{
	if (listen)
		nav_listen(k, k->cover->item);
	else
		nav_reader(k, k->cover->item, 0, -1, NULL);
}

static void cover_draw(kiosk *k)
{
	const item *it = &k->items[k->cover->item];
	const char *lang = strings_langs[k->lang];
	ui_fill(k, (SDL_Rect){0, 0, k->w, k->h}, UI_PAPER);
	/* The kind in the bar where it fits whole; it heads the words too. */
	const char *kind = ui_kind_label(k, it->kind);
	int kind_above = ui_header_fits(k, kind), top = ui_header(k, kind_above ? kind : "");
	int pad = ui_px(k, 20), gap = ui_px(k, 16), bh = ui_px(k, 64);
	int portrait = k->w * 6 / 5 <= k->h;
	SDL_Rect body = {pad, top + pad, k->w - 2 * pad, k->h - top - 2 * pad};

	/* The first page beside the words, or above them on a tall screen;
	 * the QR code below the page (beside it on a tall screen), and in
	 * the page's place when there is no room for both. */
	SDL_Rect thumb, text, code = {0};
	int module, side = k->cover->qr ? qr_side(k, &module) : 0;
	if (portrait) {
		int th = SDL_max((int)((float)body.h * 0.3f / k->text_scale), side); /* Larger text: the words take more */
		int tw = SDL_max(0, SDL_min(th * 3 / 4, k->cover->qr ? body.w - side - gap * 2 - ui_px(k, 170) : body.w));
		thumb = (SDL_Rect){body.x + (body.w - tw) / 2, body.y, tw, tw * 4 / 3};
		if (k->cover->qr) {
			thumb.x = body.x;
			int at = tw > 0 ? tw + gap * 2 : 0;
			code = (SDL_Rect){body.x + at, body.y, body.w - at, 0};
			code.h = take_home(k, code, 0);
			code.y = body.y + SDL_max(0, (th - code.h) / 2);
		}
		text = (SDL_Rect){body.x, body.y + th + gap, body.w, body.h - th - gap};
	} else {
		int th = body.h, tw = SDL_max(SDL_min(th * 3 / 4, body.w * 3 / 10), side);
		thumb = (SDL_Rect){body.x, body.y, tw, tw * 4 / 3};
		if (k->cover->qr) {
			code = (SDL_Rect){body.x, 0, tw, 0};
			code.h = take_home(k, code, 0);
			code.y = body.y + body.h - code.h;
			thumb.h = SDL_min(thumb.h, code.y - gap - body.y);
			thumb.w = SDL_min(thumb.w, thumb.h * 3 / 4);
		}
		text = (SDL_Rect){body.x + tw + gap * 2, body.y, body.w - tw - gap * 2, body.h};
	}
	if (thumb.h >= ui_px(k, 120) && thumb.w > 0)
		thumb_draw(k, k->cover->item, thumb);
	if (k->cover->qr)
		take_home(k, code, 1);

	/* The buttons at the foot of the words: Read, and Listen where speech works. */
	int buttons = k->aloud ? 2 : 1, bw = (text.w - (buttons - 1) * gap) / buttons;
	SDL_Rect read_r = {text.x, text.y + text.h - bh, bw, bh}, listen_r = {text.x + bw + gap, read_r.y, bw, bh};
	int bottom = read_r.y - gap, off = (int)k->cover->scroll.offset;
	SDL_RenderSetClipRect(k->renderer, &(SDL_Rect){text.x, text.y, text.w, bottom - text.y});

	/* Laid out as in the first view, then moved up by what was scrolled. */
	int x = text.x, y = text.y - off, w = text.w;
	char line[400], band[200], date[64];

	/* Which language it is in comes before the summary, and is never left
	 * out: its room is kept first, with the summary's first lines under
	 * it, above the fade; the lines above them give way. */
	language_line(k, it, band);
	int size = ui_font(k, 20), in = ui_px(k, 10), fade = SDL_min(ui_px(k, 40), (bottom - text.y) / 4);
	int band_h = text_wrap(k->text, band, (SDL_Rect){x + in, 0, w - 2 * in, 0}, size, 1, UI_NAVY, 2, TEXT_LEFT, 0);
	const char *summary = item_summary_only_in(it, lang);
	int untranslated = !summary && it->summary && it->summary[0];
	if (untranslated)
		summary = it->summary;
	int summary_first = summary && summary[0] ? 2 * text_line_height(k->text, size) + ui_px(k, 10) : 0;
	int limit = bottom - off - band_h - 2 * in - ui_px(k, 6) - (summary_first ? summary_first + fade : 0);
	/* A document in another language than the visitor's: their own words
	 * first, its title as it has it and who made it after the summary. */
	int foreign = strcmp(it->language[0] ? it->language : "en", lang) != 0;

	ui_format_date(k, it->date, date);
	/* The date, and the kind where the bar does not say it already. */
	snprintf(line, sizeof line, "%s%s%s", kind_above ? "" : kind, date[0] && !kind_above ? "  ·  " : "", date);
	if (line[0])
		y += text_wrap(k->text, line, (SDL_Rect){x, y, w, 0}, ui_font(k, 20), 1, UI_ACCENT, 2, TEXT_LEFT, 1) + ui_px(k, 6);
	const char *title = item_title_in(it, lang);
	/* The title whole: smaller rather than cut. */
	int title_size = ui_fit_size(k, title, (SDL_Rect){x, y, w, limit - y}, ui_font(k, 27), 1);
	int title_lines = SDL_max(1, (limit - y) / text_line_height(k->text, title_size));
	/* The title whole and near its size before the summary's start. */
	if (summary_first && (title_size < ui_font(k, 27) * 4 / 5 || !ui_fits(k, title, w, title_size, title_lines))) {
		limit += summary_first + fade;
		title_size = ui_fit_size(k, title, (SDL_Rect){x, y, w, limit - y}, ui_font(k, 27), 1);
		title_lines = SDL_max(1, (limit - y) / text_line_height(k->text, title_size));
	}
	y += text_wrap(k->text, title, (SDL_Rect){x, y, w, 0}, title_size, 1, UI_INK, title_lines, TEXT_LEFT, 1) + ui_px(k, 4);
	/* The title as the document has it, then who made it: each whole
	 * above the language line where it fits there, else under it. */
	char authors[400] = "";
	for (int a = 0; a < it->author_count; a++)
		snprintf(authors + strlen(authors), sizeof authors - strlen(authors), "%s%s", a ? ", " : "", it->authors[a]);
	const char *more[2] = {strcmp(title, it->title) != 0 ? it->title : "", authors};
	const SDL_Color more_ink[2] = {UI_MUTED, UI_INK};
	int after[2] = {0, 0};
	for (int i = 0; i < 2; i++) {
		int h = more[i][0] ? text_wrap(k->text, more[i], (SDL_Rect){x, y, w, 0}, size, 0, more_ink[i], 0, TEXT_LEFT, 0) : 0;
		if (h && y + h <= limit && !after[0] && !foreign)
			y += text_wrap(k->text, more[i], (SDL_Rect){x, y, w, 0}, size, 0, more_ink[i], 0, TEXT_LEFT, 1) + ui_px(k, 4);
		else
			after[i] = h > 0;
	}

	y += ui_px(k, 6);
	ui_round_rect(k, (SDL_Rect){x, y, w, band_h + 2 * in}, ui_px(k, 10), UI_SHADE);
	text_wrap(k->text, band, (SDL_Rect){x + in, y + in, w - 2 * in, 0}, size, 1, UI_NAVY, 2, TEXT_LEFT, 1);
	y += band_h + 2 * in + ui_px(k, 10);
	for (int i = 0; i < 2 && !foreign; i++)
		if (after[i])
			y += text_wrap(k->text, more[i], (SDL_Rect){x, y, w, 0}, size, 0, more_ink[i], 0, TEXT_LEFT, 1) + ui_px(k, 8);

	/* The content note and the summary whole, scrolled to if need be. */
	const char *note = item_warning_in(it, lang);
	if (note) {
		snprintf(line, sizeof line, "%s %s", ui_str(k, "cover_note"), note);
		y += text_wrap(k->text, line, (SDL_Rect){x, y, w, 0}, size, 0, UI_ACCENT, 0, TEXT_LEFT, 1) + ui_px(k, 8);
	}
	/* The summary in the visitor's language; else the archive's, saying
	 * that it is not theirs yet. */
	if (untranslated && strcmp(lang, "en") != 0)
		y += text_wrap(k->text, ui_str(k, "cover_summary_untranslated"), (SDL_Rect){x, y, w, 0}, size, 0, UI_MUTED, 0, TEXT_LEFT,
			       1) + ui_px(k, 4);
	if (summary && summary[0])
		y += text_wrap(k->text, summary, (SDL_Rect){x, y, w, 0}, size, 0, UI_INK, 0, TEXT_LEFT, 1) + ui_px(k, 8);
	for (int i = 0; i < 2 && foreign; i++)
		if (more[i][0])
			y += text_wrap(k->text, more[i], (SDL_Rect){x, y, w, 0}, size, 0, more_ink[i], 0, TEXT_LEFT, 1) + ui_px(k, 8);
	k->cover->scroll.max = (float)SDL_max(0, y + off - bottom);
	SDL_RenderSetClipRect(k->renderer, NULL);
	if (off < (int)k->cover->scroll.max - 1)
		ui_fade_out(k, (SDL_Rect){text.x, bottom - fade, text.w, fade}, UI_PAPER);
	if (k->cover->scroll.max > 0) { /* more than its room: a bar beside the words says how much, and where */
		int room = bottom - text.y, all = room + (int)k->cover->scroll.max, bar_w = ui_px(k, 6);
		SDL_Rect track = {x + w + (pad - bar_w) / 2, text.y, bar_w, room};
		ui_round_rect(k, track, bar_w / 2, UI_LINE);
		ui_round_rect(k, (SDL_Rect){track.x, text.y + off * room / all, bar_w, SDL_max(bar_w * 4, room * room / all)}, bar_w / 2,
			      UI_NAVY);
	}

	if (ui_button(k, read_r, ui_str(k, "cover_read"), 0))
		open_reader(k, 0);
	else if (k->aloud && ui_button(k, listen_r, ui_str(k, "cover_listen"), 1))
		open_reader(k, 1);
}

static void cover_touch(kiosk *k, const gesture *g)
{
	/* A page turn's swipe goes on to the first page, as in the reader;
	 * an upward or downward one scrolls the words. */
	if (g->kind == GESTURE_DRAG)
		k->cover->drag_dx = SDL_fabsf(g->dx) > SDL_fabsf(g->dy) ? g->dx : 0;
	if (k->cover->drag_dx == 0 || g->kind == GESTURE_PRESS)
		ui_scroll_touch(&k->cover->scroll, g, 0);
	if (g->kind == GESTURE_RELEASE) {
		if (k->cover->drag_dx < -(float)(k->w / 6) || (g->vx < -0.6f && k->cover->drag_dx < 0))
			open_reader(k, 0);
		k->cover->drag_dx = 0;
	}
}

static void cover_update(kiosk *k, Uint32 dt)
{
	ui_scroll_update(&k->cover->scroll, dt);
}

static int cover_busy(kiosk *k)
{
	return ui_scroll_busy(&k->cover->scroll);
}

static void cover_key(kiosk *k, SDL_Keycode key)
{
	if (key == SDLK_RIGHT || key == SDLK_RETURN || key == SDLK_KP_ENTER || key == SDLK_PAGEDOWN)
		open_reader(k, 0);
	k->cover->scroll.offset += (float)ui_px(k, 60) * (key == SDLK_DOWN ? 1 : key == SDLK_UP ? -1 : 0);
	ui_scroll_update(&k->cover->scroll, 0);
}

const screen_ops cover_screen = {.name = "cover", .flags = SCREEN_TRANSIENT | SCREEN_TAPS_IN_DRAW, .init = cover_init,
				 .open = cover_open, .draw = cover_draw, .touch = cover_touch, .update = cover_update,
				 .busy = cover_busy, .key = cover_key, .free = cover_free};
