/* The scripted, headless kiosk: see scripted.h. Every command becomes real
 * SDL events fed to the kiosk's own loop, one frame at a time. */
#include "ui/scripted.h"
#include "core/files.h"

#include <SDL_image.h>
#include <stdio.h>
#include <string.h>

#define FRAME_MS 16
#define SCRIPT_FINGER 1

static void push_finger(kiosk *k, Uint32 type, SDL_FingerID id, float x, float y)
{
	SDL_Event e = {0};
	e.type = type;
	e.tfinger.timestamp = SDL_GetTicks();
	e.tfinger.touchId = 1;
	e.tfinger.fingerId = id;
	e.tfinger.x = x / (float)k->w;
	e.tfinger.y = y / (float)k->h;
	e.tfinger.pressure = type == SDL_FINGERUP ? 0.0f : 1.0f;
	e.tfinger.windowID = SDL_GetWindowID(k->window);
	SDL_PushEvent(&e);
}

static void run_ms(kiosk *k, float ms)
{
	for (float t = 0; t < ms && !k->quit; t += FRAME_MS)
		kiosk_frame(k, FRAME_MS);
}

/* Runs until renders and animations are done (a screenshot shows what a
 * person would see once the screen is still), or 20 s of real time pass. */
static void settle(kiosk *k)
{
	Uint32 start = SDL_GetTicks();
	kiosk_frame(k, FRAME_MS);
	while (kiosk_busy(k) && SDL_GetTicks() - start < 20000) {
		if (render_busy(k->render))
			SDL_Delay(2);
		kiosk_frame(k, FRAME_MS);
	}
}

static int save_shot(kiosk *k, const char *dir, const char *name)
{
	char path[4096], err[256];
	if (files_make_dirs(dir, err) != 0) {
		fprintf(stderr, "hishatak: kiosk: %s\n", err);
		return -1;
	}
	snprintf(path, sizeof path, "%s/%s.png", dir, name);
	SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, k->w, k->h, 24, SDL_PIXELFORMAT_RGB24);
	if (!s || SDL_RenderReadPixels(k->renderer, NULL, SDL_PIXELFORMAT_RGB24, s->pixels, s->pitch) != 0 ||
	    IMG_SavePNG(s, path) != 0) {
		fprintf(stderr, "hishatak: kiosk: %s: %s\n", path, SDL_GetError());
		SDL_FreeSurface(s);
		return -1;
	}
	SDL_FreeSurface(s);
	return 0;
}

/* Returns the exit status: 0 ran to the end, 1 an expect (or open) failed. */
/* The centre of the visible touch target labelled label (the last drawn
 * of those, as it is on top), once the screen is still; -1 with the line
 * and the labels there are when there is none. */
static int find_target(kiosk *k, const char *label, float *x, float *y, const char *where)
{
	settle(k);
	for (int i = k->target_count - 1; i >= 0; i--)
		if (strcmp(k->targets[i].said, label) == 0) {
			*x = (float)k->targets[i].r.x + (float)k->targets[i].r.w / 2.0f;
			*y = (float)k->targets[i].r.y + (float)k->targets[i].r.h / 2.0f;
			return 0;
		}
	fprintf(stderr, "%s: no touch target \"%s\" on the %s screen; its labels:", where, label, kiosk_screen_name(k));
	for (int i = 0; i < k->target_count; i++)
		if (k->targets[i].said[0])
			fprintf(stderr, " \"%s\"", k->targets[i].said);
	fputc('\n', stderr);
	return -1;
}

/* Text as an input method sends it: events of at most 31 bytes (SDL's
 * limit), each cut between characters, never inside one. */
static void type_text(kiosk *k, const char *text)
{
	SDL_Event e = {0};
	e.type = SDL_TEXTINPUT;
	e.text.windowID = SDL_GetWindowID(k->window);
	size_t room = sizeof e.text.text - 1;
	while (*text) {
		size_t n = strlen(text);
		if (n > room) {
			n = room;
			while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80) /* text[n] continues a character */
				n--;
		}
		memcpy(e.text.text, text, n);
		e.text.text[n] = 0;
		SDL_PushEvent(&e);
		kiosk_frame(k, FRAME_MS);
		text += n;
	}
}

int scripted_run(kiosk *k, const script *s, const char *script_path, const char *shots)
{
	settle(k);
	for (int i = 0; i < s->count && !k->quit; i++) {
		const script_command *c = &s->commands[i];
		const float *a = c->arg;
		float at[2] = {c->arg[0], c->arg[1]};
		char where[300];
		snprintf(where, sizeof where, "%s:%d", script_path, c->line);
		if ((c->op == SCRIPT_TAP || c->op == SCRIPT_LONGPRESS) && c->text &&
		    find_target(k, c->text, &at[0], &at[1], where) != 0)
			return 1;
		switch (c->op) {
		case SCRIPT_TAP:
			push_finger(k, SDL_FINGERDOWN, SCRIPT_FINGER, at[0], at[1]);
			run_ms(k, 64);
			push_finger(k, SDL_FINGERUP, SCRIPT_FINGER, at[0], at[1]);
			kiosk_frame(k, FRAME_MS);
			break;
		case SCRIPT_LONGPRESS:
			push_finger(k, SDL_FINGERDOWN, SCRIPT_FINGER, at[0], at[1]);
			run_ms(k, a[2]);
			push_finger(k, SDL_FINGERUP, SCRIPT_FINGER, at[0], at[1]);
			kiosk_frame(k, FRAME_MS);
			break;
		case SCRIPT_SWIPE: {
			int steps = (int)(a[4] / FRAME_MS);
			if (steps < 2)
				steps = 2;
			push_finger(k, SDL_FINGERDOWN, SCRIPT_FINGER, a[0], a[1]);
			kiosk_frame(k, FRAME_MS);
			for (int n = 1; n <= steps; n++) {
				float f = (float)n / (float)steps;
				push_finger(k, SDL_FINGERMOTION, SCRIPT_FINGER, a[0] + (a[2] - a[0]) * f, a[1] + (a[3] - a[1]) * f);
				kiosk_frame(k, FRAME_MS);
			}
			push_finger(k, SDL_FINGERUP, SCRIPT_FINGER, a[2], a[3]);
			kiosk_frame(k, FRAME_MS);
			break;
		}
		case SCRIPT_PINCH: {
			/* Two fingers 10% of the screen apart, moving to SCALE times that. */
			float d0 = (float)(k->w < k->h ? k->w : k->h) * 0.1f, d1 = d0 * a[2];
			push_finger(k, SDL_FINGERDOWN, SCRIPT_FINGER, a[0] - d0, a[1]);
			push_finger(k, SDL_FINGERDOWN, SCRIPT_FINGER + 1, a[0] + d0, a[1]);
			kiosk_frame(k, FRAME_MS);
			for (int n = 1; n <= 10; n++) {
				float d = d0 + (d1 - d0) * (float)n / 10.0f;
				push_finger(k, SDL_FINGERMOTION, SCRIPT_FINGER, a[0] - d, a[1]);
				push_finger(k, SDL_FINGERMOTION, SCRIPT_FINGER + 1, a[0] + d, a[1]);
				kiosk_frame(k, FRAME_MS);
			}
			push_finger(k, SDL_FINGERUP, SCRIPT_FINGER, a[0] - d1, a[1]);
			push_finger(k, SDL_FINGERUP, SCRIPT_FINGER + 1, a[0] + d1, a[1]);
			kiosk_frame(k, FRAME_MS);
			break;
		}
		case SCRIPT_KEY: {
			SDL_Event e = {0};
			e.type = SDL_KEYDOWN;
			e.key.state = SDL_PRESSED;
			script_key(c->text, &e.key.keysym.sym, &e.key.keysym.mod);
			e.key.keysym.scancode = SDL_GetScancodeFromKey(e.key.keysym.sym);
			e.key.windowID = SDL_GetWindowID(k->window);
			SDL_PushEvent(&e);
			e.type = SDL_KEYUP;
			e.key.state = SDL_RELEASED;
			SDL_PushEvent(&e);
			kiosk_frame(k, FRAME_MS);
			break;
		}
		case SCRIPT_TYPE:
			type_text(k, c->text);
			break;
		case SCRIPT_WAIT:
			run_ms(k, a[0]);
			break;
		case SCRIPT_IDLE:
			/* Time passes with no input: big steps, no events. */
			for (float t = 0; t < a[0] * 1000.0f; t += 1000.0f)
				kiosk_frame(k, 1000);
			break;
		case SCRIPT_OPEN:
			if (kiosk_item_index(k, c->text) < 0) {
				fprintf(stderr, "%s: open: no item \"%s\" in this archive\n", where, c->text);
				return 1;
			}
			kiosk_push_event(KIOSK_EVENT_OPEN, c->text);
			kiosk_frame(k, FRAME_MS);
			break;
		case SCRIPT_BACK:
			kiosk_push_event(KIOSK_EVENT_BACK, NULL);
			kiosk_frame(k, FRAME_MS);
			break;
		case SCRIPT_USB:
			kiosk_push_event(KIOSK_EVENT_USB, c->text);
			kiosk_frame(k, FRAME_MS);
			break;
		case SCRIPT_SHOT:
			settle(k);
			if (save_shot(k, shots, c->text) != 0)
				return 1;
			break;
		case SCRIPT_EXPECT:
			settle(k);
			/* The cover is the reader's first view: "expect reader" holds there too. */
			if (strcmp(c->text, kiosk_screen_name(k)) != 0 &&
			    !(strcmp(c->text, "reader") == 0 && k->screen == SCREEN_COVER)) {
				fprintf(stderr, "%s: expected %s, the kiosk shows %s\n", where, c->text, kiosk_screen_name(k));
				return 1;
			}
			break;
		}
	}
	return 0;
}
