/* A footnote over the reader's page: a link further on (a footnote mark)
 * shows the text it leads to on a card, with the way to where it stands;
 * a link back simply goes back. */
#include "ui/reader/reader.h"

#include <stdlib.h>

/* A link further on (a footnote mark) shows what it leads to over the page;
 * a link back (a note's number) simply goes back to the text. */
void reader_follow_link(kiosk *k, render_link link, float y)
{
	reader_state *rd = k->reader;
	if (link.page < rd->page) {
		reader_jump_to(k, link.page);
		return;
	}
	reader_close_panel(k);
	rd->note_link = link;
	rd->note_mark_y = (int)y;
	rd->panel = READER_PANEL_NOTE;
	rd->note_request = render_note(k->render, RENDER_OWNER_READER, rd->path, rd->format, rd->area.w, rd->area.h, rd->text_scale, link.page, link.y);
}

enum { NOTE_GO, NOTE_CLOSE };

/* The note's card: above the bottom bar, or under the top bar when the
 * mark is low on the screen, so that the mark stays in sight where it can;
 * as tall as its text (a long note may cover the whole page). */
static SDL_Rect note_card(kiosk *k, int *text_lines)
{
	reader_state *rd = k->reader;
	int w = SDL_min(k->w - ui_px(k, 24), ui_px(k, 760)), in = ui_px(k, 20);
	int size = ui_font(k, 20), lh = text_line_height(k->text, size), title = ui_font(k, 20);
	int fixed = 3 * in + text_line_height(k->text, title) + ui_px(k, 56);
	int lines = SDL_max(1, (k->h - 2 * ui_px(k, 8) - fixed) / lh);
	const char *text = rd->note_text ? rd->note_text : ui_str(k, "loading");
	int th = text_wrap(k->text, text, (SDL_Rect){0, 0, w - 2 * in, 0}, size, 0, UI_INK, lines, TEXT_LEFT, 0);
	int h = fixed + th + in / 2;
	*text_lines = lines;
	int y = rd->note_mark_y > k->h / 2 ? reader_bar_h(k) + ui_px(k, 8) : k->h - reader_bar_h(k) - ui_px(k, 8) - h;
	y = SDL_clamp(y, ui_px(k, 8), k->h - ui_px(k, 8) - h);
	return (SDL_Rect){(k->w - w) / 2, y, w, h};
}

static SDL_Rect note_button(kiosk *k, int which)
{
	int lines, in = ui_px(k, 20), gap = ui_px(k, 12), h = ui_px(k, 56);
	SDL_Rect c = note_card(k, &lines);
	int w = SDL_min(ui_px(k, 240), (c.w - 2 * in - gap) / 2);
	int x = c.x + c.w - in - w - (which == NOTE_GO ? w + gap : 0);
	return (SDL_Rect){x, c.y + c.h - in - h, w, h};
}

void reader_draw_note(kiosk *k)
{
	reader_state *rd = k->reader;
	int lines, in = ui_px(k, 20);
	SDL_Rect c = note_card(k, &lines);
	ui_dim(k);
	ui_round_rect(k, c, ui_px(k, 16), UI_PAPER);
	int y = c.y + in, title = ui_font(k, 20);
	y += text_wrap(k->text, ui_str(k, "footnote_title"), (SDL_Rect){c.x + in, y, c.w - 2 * in, 0}, title, 1, UI_ACCENT, 1,
		       TEXT_LEFT, 1);
	y += in / 2;
	text_wrap(k->text, rd->note_text ? rd->note_text : ui_str(k, "loading"), (SDL_Rect){c.x + in, y, c.w - 2 * in, 0},
		  ui_font(k, 20), 0, rd->note_text ? UI_INK : UI_MUTED, lines, TEXT_LEFT, 1);
	int go = rd->note_text && ui_button(k, note_button(k, NOTE_GO), ui_str(k, "footnote_go"), 1);
	int close = ui_button(k, note_button(k, NOTE_CLOSE), ui_str(k, "footnote_close"), 0);
	/* A tap beside the card puts it away too; one on the card, nothing. */
	if (go)
		reader_go_to_note(k);
	else if (close || (!ui_tapped(k, c) && ui_tapped(k, (SDL_Rect){0, 0, k->w, k->h})))
		reader_close_panel(k);
}

void reader_go_to_note(kiosk *k)
{
	reader_state *rd = k->reader;
	int to = rd->note_link.page;
	reader_close_panel(k);
	reader_jump_to(k, to);
}
