/* A panel over a screen: see panel.h. */
#include "ui/panel.h"
#include "ui/strings.h"

#include <stdio.h>

/* "× Close" in the visitor's language. */
static void close_label(const kiosk *k, char *out, size_t size)
{
	snprintf(out, size, "×  %s", ui_str(k, "close"));
}

/* The title's room beside a close button close_w wide. */
static int title_w(const kiosk *k, const ui_panel *p, int close_w)
{
	return p->card.w - close_w - ui_px(k, 8) - ui_px(k, 22) - ui_px(k, 8);
}

ui_panel ui_panel_layout(const kiosk *k, int max_w, int margin, int head_h, const char *title, int title_lines)
{
	ui_panel p = {0};
	int w = SDL_min(k->w - ui_px(k, (float)margin), ui_px(k, (float)max_w)), h = k->h - ui_px(k, (float)margin);
	p.card = (SDL_Rect){(k->w - w) / 2, (k->h - h) / 2, w, h};
	/* Close says so in words ("× Close") where the title still fits beside it. */
	int s = ui_px(k, 52), top = p.card.y + ui_px(k, (float)head_h), cw = s;
	char label[96];
	close_label(k, label, sizeof label);
	int worded = SDL_max(s, text_width(k->text, label, -1, ui_font(k, 20), 1) + ui_px(k, 28)), size = ui_font(k, 21);
	if (worded <= w / 3 &&
	    text_wrap(k->text, title, (SDL_Rect){0, 0, title_w(k, &p, worded), 0}, size, 1, UI_INK, 0, TEXT_LEFT, 0) <=
		    title_lines * text_line_height(k->text, size))
		cw = worded;
	p.close = (SDL_Rect){p.card.x + p.card.w - cw - ui_px(k, 8), p.card.y + ui_px(k, 8), cw, s};
	p.body = (SDL_Rect){p.card.x, top, p.card.w, p.card.y + p.card.h - ui_px(k, 12) - top};
	return p;
}

void ui_panel_fit(const kiosk *k, ui_panel *p, int content_h)
{
	int head = p->body.y - p->card.y, foot = ui_px(k, 12);
	int h = SDL_min(p->card.h, head + content_h + foot), dy = (k->h - h) / 2 - p->card.y;
	p->card.y += dy;
	p->card.h = h;
	p->close.y += dy;
	p->body.y += dy;
	p->body.h = p->card.y + p->card.h - foot - p->body.y;
}

int ui_panel_begin(kiosk *k, ui_panel *p, const char *title, int title_lines)
{
	int in = ui_px(k, 22), y = p->card.y + ui_px(k, 18), closed = ui_tapped_outside(k, p->card);
	ui_dim(k);
	int edge = ui_px(k, 2); /* a rim: in high contrast the card is as dark as the dimmed screen */
	ui_round_rect(k, (SDL_Rect){p->card.x - edge, p->card.y - edge, p->card.w + 2 * edge, p->card.h + 2 * edge}, ui_px(k, 18),
		      UI_LINE);
	ui_round_rect(k, p->card, ui_px(k, 16), UI_PAPER);
	y += text_wrap(k->text, title, (SDL_Rect){p->card.x + in, y, title_w(k, p, p->close.w), 0}, ui_font(k, 21), 1, UI_INK,
		       title_lines, TEXT_LEFT, 1);
	char label[96];
	close_label(k, label, sizeof label);
	closed |= ui_button_said(k, p->close, p->close.w > p->close.h ? label : "×", ui_str(k, "close"), 1);
	int bottom = p->body.y + p->body.h;
	p->body.y = SDL_max(p->body.y, y + ui_px(k, 12));
	p->body.h = bottom - p->body.y;
	p->first_target = k->target_count;
	SDL_RenderSetClipRect(k->renderer, &p->body);
	return closed;
}

void ui_panel_end(kiosk *k, const ui_panel *p, ui_scroller *s, int content_h)
{
	s->max = (float)SDL_max(0, content_h - p->body.h);
	ui_targets_within(k, p->first_target, p->body);
	SDL_RenderSetClipRect(k->renderer, NULL);
	int fade = SDL_min(ui_px(k, 40), p->body.h / 4);
	if (s->offset < s->max - 1)
		ui_fade_out(k, (SDL_Rect){p->body.x, p->body.y + p->body.h - fade, p->body.w, fade}, UI_PAPER);
}

int ui_panel_touch(const ui_panel *p, ui_scroller *s, const gesture *g)
{
	if (ui_scroll_touch(s, g, 0))
		return UI_PANEL_SCROLLED;
	if (g->kind != GESTURE_TAP)
		return UI_PANEL_NOTHING;
	if (!ui_hit(p->card, g->x, g->y) || ui_hit(p->close, g->x, g->y))
		return UI_PANEL_CLOSED;
	return ui_hit(p->body, g->x, g->y) ? UI_PANEL_TAPPED : UI_PANEL_NOTHING;
}
