/* Reading aloud in the reader: the page's sentences (from the render
 * service) spoken one after another, the one heard marked on the page as
 * a reading ruler would, the page turned after its last; a bar of its own
 * controls; notices said when there is nothing to read. */
#include "ui/reader/reader.h"
#include "ui/strings.h"
#include "core/speech.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* While reading aloud the bottom bar holds its controls instead. */
enum { ALOUD_PLAY, ALOUD_SLOWER, ALOUD_FASTER, ALOUD_LOUDNESS, ALOUD_STOP, ALOUD_COUNT };

static SDL_Rect aloud_button(const kiosk *k, int i)
{
	int in = ui_px(k, 6), y = k->h - reader_bar_h(k) + in, h = reader_bar_h(k) - 2 * in, w = (k->w - in) / ALOUD_COUNT;
	return (SDL_Rect){in + i * w, y, w - in, h};
}

static void drop_sentences(kiosk *k)
{
	reader_state *rd = k->reader;
	for (int i = 0; i < rd->sentence_count; i++)
		free(rd->sentences[i]);
	free(rd->sentences);
	free(rd->sentence_rects);
	free(rd->rect_start);
	rd->sentences = NULL;
	rd->sentence_rects = NULL;
	rd->rect_start = NULL;
	rd->sentence_count = 0;
	rd->sentence = -1;
	rd->aloud_page = -1;
}

/* The render service's sentences (render_sentences) into the reader's
 * arrays. */
static void take_sentences(kiosk *k, render_result *res)
{
	reader_state *rd = k->reader;
	int rects = 0;
	rd->sentence_continued = res->sentence_count > 0 && res->sentences[0].continued;
	for (int i = 0; i < res->sentence_count; i++)
		rects += res->sentences[i].rect_count;
	rd->sentences = calloc((size_t)res->sentence_count + 1, sizeof *rd->sentences);
	rd->rect_start = calloc((size_t)res->sentence_count + 2, sizeof *rd->rect_start);
	rd->sentence_rects = calloc((size_t)rects + 1, sizeof *rd->sentence_rects);
	if (!rd->sentences || !rd->rect_start || !rd->sentence_rects) {
		drop_sentences(k);
		return;
	}
	int n = 0, r = 0;
	for (int i = 0; i < res->sentence_count; i++) {
		render_sentence *s = &res->sentences[i];
		if (!s->text)
			continue;
		rd->sentences[n] = s->text; /* the reader keeps it */
		s->text = NULL;
		rd->rect_start[n] = r;
		for (int j = 0; j < s->rect_count; j++)
			rd->sentence_rects[r++] = (SDL_FRect){s->rects[j].x0, s->rects[j].y0, s->rects[j].x1 - s->rects[j].x0,
							      s->rects[j].y1 - s->rects[j].y0};
		n++;
	}
	rd->rect_start[n] = r;
	rd->sentence_count = n;
}

static const char *document_language(const kiosk *k)
{
	return k->items[k->reader->item].language;
}

static void speak_from(kiosk *k, int first)
{
	reader_state *rd = k->reader;
	aloud_set_volume(k->aloud, kiosk_volume(k));
	aloud_say(k->aloud, document_language(k), rd->sentences, rd->sentence_count, first, rd->aloud_rate, k->now);
	rd->sentence = first;
	rd->aloud = READER_ALOUD_PLAYING;
}

/* A short message shown over the page for a while and said aloud in the
 * visitor's language. */
static void say_notice(kiosk *k, const char *text, int spoken)
{
	reader_state *rd = k->reader;
	snprintf(rd->aloud_notice, sizeof rd->aloud_notice, "%s", text);
	rd->aloud_notice_until = k->now + 6000;
	if (spoken && k->aloud) {
		char *one = rd->aloud_notice;
		aloud_set_volume(k->aloud, kiosk_volume(k));
		aloud_say(k->aloud, strings_langs[k->lang], &one, 1, 0, rd->aloud_rate, k->now);
	}
}

void reader_ask_sentences(kiosk *k)
{
	reader_state *rd = k->reader;
	drop_sentences(k);
	rd->aloud = READER_ALOUD_LOADING;
	rd->aloud_request = render_sentences(k->render, RENDER_OWNER_READER, rd->path, rd->format, rd->area.w, rd->area.h, rd->text_scale, rd->page,
					     document_language(k));
}

void reader_stop_reading(kiosk *k)
{
	reader_state *rd = k->reader;
	if (k->aloud)
		aloud_stop(k->aloud);
	drop_sentences(k);
	rd->aloud = READER_ALOUD_OFF;
	rd->aloud_request = 0;
}

void reader_start_reading(kiosk *k)
{
	reader_state *rd = k->reader;
	usage_listen(k->usage, k->items[rd->item].id);
	rd->aloud_read_any = 0;
	rd->aloud_turned = 0;
	if (!rd->aloud_rate)
		rd->aloud_rate = SPEECH_RATE_NORMAL;
	reader_ask_sentences(k);
}

void reader_on_sentences(kiosk *k, render_result *res)
{
	reader_state *rd = k->reader;
	rd->aloud_request = 0;
	if (rd->aloud != READER_ALOUD_LOADING)
		return;
	if (res->page != rd->page) { /* the visitor moved on meanwhile */
		reader_ask_sentences(k);
		return;
	}
	take_sentences(k, res);
	rd->aloud_page = res->page;
	/* Turned to by the voice: the sentence begun on the page before was
	 * read whole with it. */
	int first = rd->aloud_turned && rd->sentence_continued ? 1 : 0;
	if (rd->sentence_count > first) {
		rd->aloud_read_any = 1;
		speak_from(k, first);
		return;
	}
	/* A page without words (a picture) is passed over once reading has
	 * found some; a document with none (a scan) says so. */
	if (rd->aloud_read_any && rd->page_count > 0 && rd->page + 1 < rd->page_count) {
		reader_turn(k, +1);
		reader_ask_sentences(k);
		rd->aloud_turned = first; /* the continued sentence alone: still in step */
		return;
	}
	int found_any = rd->aloud_read_any;
	reader_stop_reading(k);
	say_notice(k, ui_str(k, found_any ? "aloud_end" : "aloud_no_text"), 1);
}

/* Follows the voice: marks the sentence heard, turns the page after its
 * last one, and starts again where the visitor turned to. */
void reader_aloud_follow(kiosk *k)
{
	reader_state *rd = k->reader;
	if (rd->aloud != READER_ALOUD_PLAYING || !k->aloud)
		return;
	if (rd->page != rd->aloud_page) { /* turned by hand: read the page from its top */
		aloud_stop(k->aloud);
		reader_ask_sentences(k);
		rd->aloud_turned = 0;
		return;
	}
	char used[16];
	if (aloud_voice_fallback(k->aloud, used) && !rd->aloud_notice[0]) {
		char text[256];
		snprintf(text, sizeof text, "%s %s", ui_str(k, "aloud_no_voice"), used);
		say_notice(k, text, 0);
	}
	int at = aloud_position(k->aloud, k->now);
	if (at < 0) { /* stopped from elsewhere (another screen was opened) */
		rd->aloud = READER_ALOUD_PAUSED;
		return;
	}
	if (at < rd->sentence_count) {
		if (at != rd->sentence && rd->rect_start[at] < rd->rect_start[at + 1]) { /* a new sentence: where it can be seen */
			SDL_FRect first = rd->sentence_rects[rd->rect_start[at]], last = rd->sentence_rects[rd->rect_start[at + 1] - 1];
			reader_show_part(k, first.y, last.y + last.h);
		}
		rd->sentence = at;
		return;
	}
	if (rd->page_count > 0 && rd->page + 1 < rd->page_count) {
		reader_turn(k, +1);
		reader_ask_sentences(k);
		rd->aloud_turned = 1;
	} else {
		reader_stop_reading(k);
		say_notice(k, ui_str(k, "aloud_end"), 1);
	}
}

/* The sentence heard, marked on the page as a reading ruler would: a soft
 * band over each of its lines, a firmer line under it. */
void reader_draw_sentence(kiosk *k, int x_offset)
{
	reader_state *rd = k->reader;
	SDL_Texture *tex = reader_page_texture(k, rd->page);
	if (rd->aloud == READER_ALOUD_OFF || rd->aloud_page != rd->page || rd->sentence < 0 ||
	    rd->sentence >= rd->sentence_count || !tex)
		return;
	SDL_FRect dst = reader_whole_page_at(k, rd->page, reader_page_on_screen(k, rd->page, tex, x_offset));
	SDL_SetRenderDrawBlendMode(k->renderer, SDL_BLENDMODE_BLEND);
	float pad = (float)ui_px(k, 2);
	for (int r = rd->rect_start[rd->sentence]; r < rd->rect_start[rd->sentence + 1]; r++) {
		SDL_FRect f = rd->sentence_rects[r];
		SDL_FRect band = {dst.x + f.x * dst.w - pad, dst.y + f.y * dst.h - pad, f.w * dst.w + 2 * pad, f.h * dst.h + 2 * pad};
		SDL_Color c = ui_palette->spoken, rc = ui_palette->spoken_rule;
		SDL_SetRenderDrawColor(k->renderer, c.r, c.g, c.b, c.a);
		SDL_RenderFillRectF(k->renderer, &band);
		SDL_FRect rule = {band.x, band.y + band.h - pad, band.w, pad};
		SDL_SetRenderDrawColor(k->renderer, rc.r, rc.g, rc.b, rc.a);
		SDL_RenderFillRectF(k->renderer, &rule);
	}
	SDL_SetRenderDrawBlendMode(k->renderer, SDL_BLENDMODE_NONE);
}

/* A button of the bar below tapped. */
static void aloud_tapped(kiosk *k, int button)
{
	reader_state *rd = k->reader;
	if (button == ALOUD_PLAY) {
		if (rd->aloud == READER_ALOUD_PAUSED && rd->aloud_page == rd->page)
			speak_from(k, SDL_max(rd->sentence, 0));
		else if (rd->aloud == READER_ALOUD_PAUSED)
			reader_ask_sentences(k);
		else if (rd->aloud == READER_ALOUD_PLAYING) {
			aloud_stop(k->aloud);
			rd->aloud = READER_ALOUD_PAUSED;
		}
	} else if (button == ALOUD_SLOWER || button == ALOUD_FASTER) {
		rd->aloud_rate = SDL_clamp(rd->aloud_rate + (button == ALOUD_FASTER ? 30 : -30), SPEECH_RATE_MIN, SPEECH_RATE_MAX);
		if (rd->aloud == READER_ALOUD_PLAYING) /* the sentence again, at the new speed */
			speak_from(k, SDL_max(rd->sentence, 0));
	} else if (button == ALOUD_LOUDNESS) {
		k->access.loudness = (k->access.loudness + 1) % 3;
		aloud_set_volume(k->aloud, kiosk_volume(k));
	} else if (button == ALOUD_STOP) {
		reader_stop_reading(k);
	}
}

/* The bottom bar while reading aloud: pause or go on, slower, faster,
 * how loud, stop; each does so when tapped, once the bar is drawn. */
void reader_draw_aloud_bar(kiosk *k)
{
	reader_state *rd = k->reader;
	static const char *const loud_keys[3] = {"aloud_soft", "aloud_normal", "aloud_loud"};
	int tapped = -1;
	if (ui_button(k, aloud_button(k, ALOUD_PLAY), ui_str(k, rd->aloud == READER_ALOUD_PAUSED ? "aloud_resume" : "aloud_pause"), 0))
		tapped = ALOUD_PLAY;
	if (ui_button(k, aloud_button(k, ALOUD_SLOWER), ui_str(k, "aloud_slower"), 1))
		tapped = ALOUD_SLOWER;
	if (ui_button(k, aloud_button(k, ALOUD_FASTER), ui_str(k, "aloud_faster"), 1))
		tapped = ALOUD_FASTER;
	if (ui_button(k, aloud_button(k, ALOUD_LOUDNESS), ui_str(k, loud_keys[SDL_clamp(k->access.loudness, 0, 2)]), 1))
		tapped = ALOUD_LOUDNESS;
	if (ui_button(k, aloud_button(k, ALOUD_STOP), ui_str(k, "aloud_stop"), 1))
		tapped = ALOUD_STOP;
	if (tapped >= 0)
		aloud_tapped(k, tapped);
}

void reader_draw_aloud_notice(kiosk *k)
{
	reader_state *rd = k->reader;
	if (!rd->aloud_notice[0] || (Sint32)(k->now - rd->aloud_notice_until) > 0)
		return;
	int in = ui_px(k, 16), size = ui_font(k, 20), w = SDL_min(rd->view.w - 2 * in, ui_px(k, 640));
	int th = text_wrap(k->text, rd->aloud_notice, (SDL_Rect){0, 0, w - 2 * in, 0}, size, 1, UI_ON_NAVY, 3, TEXT_CENTER, 0);
	SDL_Rect card = {rd->view.x + (rd->view.w - w) / 2, rd->view.y + rd->view.h - th - 3 * in, w, th + 2 * in};
	ui_round_rect(k, card, ui_px(k, 12), UI_NAVY);
	text_wrap(k->text, rd->aloud_notice, (SDL_Rect){card.x + in, card.y + in, w - 2 * in, 0}, size, 1, UI_ON_NAVY, 3, TEXT_CENTER,
		  1);
}
