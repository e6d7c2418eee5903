/* The kiosk: start-up, the event loop, gestures, and the scripted headless
 * mode. Touch (or a mouse on a desktop) becomes taps and drags handed to the
 * current screen; scripts feed real SDL events into the same loop. */
#include "ui/kiosk.h"
#include "ui/script.h"
#include "ui/strings.h"
#include "ui/ui.h"
#include "cli/cli.h"
#include "core/config.h"
#include "core/files.h"

#include <SDL_image.h>
#include <SDL_ttf.h>
#include <systemd/sd-daemon.h>
#include <errno.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FRAME_MS 16
#define SCRIPT_FINGER 1

enum { EVENT_OPEN, EVENT_BACK, EVENT_USB };
static Uint32 kiosk_event_type;

/* assets/: $HISHATAK_ASSETS, beside the program (build/../assets), or the
 * installed copy. */
static void find_assets(char out[4096])
{
	const char *env = config_string(CONFIG_ASSETS);
	char exe[4096];
	ssize_t n;
	if (env[0]) {
		snprintf(out, 4096, "%s", env);
		return;
	}
	if ((n = readlink("/proc/self/exe", exe, sizeof exe - 1)) > 0) {
		exe[n] = 0;
		char *slash = strrchr(exe, '/');
		if (slash)
			*slash = 0;
		for (int up = 1; up <= 2; up++) {
			snprintf(out, 4096, "%s/%s/assets", exe, up == 1 ? ".." : "../..");
			char probe[4200];
			snprintf(probe, sizeof probe, "%s/strings/en.txt", out);
			if (files_exists(probe))
				return;
		}
	}
	snprintf(out, 4096, "/usr/share/hishatak/assets");
}

void kiosk_doc_path(const kiosk *k, int index, char out[4096])
{
	store_path(k->data->st, k->items[index].doc_sha256, out);
}

static const screen_ops *const screens[SCREEN_COUNT] = {
	[SCREEN_HOME] = &home_screen,       [SCREEN_BROWSE] = &browse_screen, [SCREEN_TIMELINE] = &timeline_screen,
	[SCREEN_TOPICS] = &topics_screen,   [SCREEN_SEARCH] = &search_screen, [SCREEN_NOTE] = &note_screen,
	[SCREEN_READER] = &reader_screen,   [SCREEN_IMPORT] = &import_screen, [SCREEN_ATTRACT] = &attract_screen,
	[SCREEN_PIN] = &pin_screen,         [SCREEN_ADMIN] = &admin_screen,
};

void kiosk_open_item(kiosk *k, int index)
{
	if (k->items[index].warning) {
		k->note_item = index;
		kiosk_go(k, SCREEN_NOTE);
	} else {
		reader_open(k, index, 0, "");
	}
}

/* The note, the PIN pad and the attract screen are passed through, never
 * returned to. */
static int transient(screen_id s)
{
	return s == SCREEN_NOTE || s == SCREEN_PIN || s == SCREEN_ATTRACT || s == SCREEN_IMPORT;
}

void kiosk_go(kiosk *k, screen_id s)
{
	if (k->aloud && s != SCREEN_READER) /* what was being said belongs to the screen left */
		aloud_stop(k->aloud);
	if (s == k->screen)
		return;
	if (!transient(k->screen)) {
		if (k->history_count == (int)SDL_arraysize(k->history)) {
			memmove(k->history, k->history + 1, sizeof k->history - sizeof k->history[0]);
			k->history_count--;
		}
		k->history[k->history_count++] = k->screen;
	}
	if (k->screen == SCREEN_READER && s != SCREEN_READER)
		reader_close(k);
	k->screen = s;
}

void kiosk_back(kiosk *k)
{
	if (screens[k->screen]->back && screens[k->screen]->back(k))
		return;
	if (k->screen == SCREEN_IMPORT) {
		import_close(k);
		return;
	}
	if (k->screen == SCREEN_READER)
		reader_close(k);
	k->screen = k->history_count > 0 ? k->history[--k->history_count] : SCREEN_HOME;
}

void kiosk_go_home(kiosk *k)
{
	if (k->aloud)
		aloud_stop(k->aloud);
	reader_close(k); /* whether on screen or under Search in it */
	k->history_count = 0;
	home_enter(k);
}

static void index_items(kiosk *k);

void kiosk_items_changed(kiosk *k)
{
	index_items(k);
	thumbs_free(k);
	home_free(k);
	browse_free(k);
	timeline_free(k);
	topics_free(k);
	search_clear(k);
	attract_free(k);
	k->history_count = 0;
	home_enter(k);
}

static void set_size(kiosk *k, int w, int h)
{
	k->w = w;
	k->h = h;
	float u = (float)(w < h ? w : h) / 480.0f;
	/* Larger screens are seen from further away, but not that much further. */
	k->u = u <= 1.0f ? u : 1.0f + (u - 1.0f) * 0.55f;
	if (k->u < 0.75f)
		k->u = 0.75f;
	/* Touch targets (48 units) never below 9 mm on this display. */
	float min_u = 9.0f / 25.4f * k->dpi / 48.0f;
	if (k->u < min_u)
		k->u = min_u;
	k->text_scale = k->access.large_text ? 1.25f : 1.0f;
	k->gestures.slop = (float)ui_px(k, 14);
	thumbs_free(k);
	reader_relayout(k);
	if (k->screen == SCREEN_READER)
		reader_open(k, k->reader.item, 0, k->reader.highlight);
}

/* The Admin way in: a finger held this long in the top-left corner. */
#define ADMIN_HOLD_MS 5000

static void touch(kiosk *k, const gesture *in)
{
	const screen_ops *ops = screens[k->screen];
	gesture copy = *in, *g = &copy;
	/* Only the reader zooms on a double tap: elsewhere it is a second tap
	 * (a PIN of 0000, a word with a double letter). */
	if (g->kind == GESTURE_DOUBLE_TAP && k->screen != SCREEN_READER)
		g->kind = GESTURE_TAP;
	switch (g->kind) {
	case GESTURE_PRESS:
		k->access.said = 0;
		k->touch.down = 1;
		k->touch.moved = 0;
		k->touch.x0 = g->x;
		k->touch.y0 = g->y;
		break;
	case GESTURE_DRAG:
	case GESTURE_PINCH:
		k->touch.moved = 1;
		break;
	case GESTURE_HOLD: {
		access_hold(k, g);
		int corner = ui_target_px(k) * 3 / 2;
		if (g->held_ms >= ADMIN_HOLD_MS && g->x0 < (float)corner && g->y0 < (float)corner &&
		    k->screen != SCREEN_PIN && k->screen != SCREEN_ADMIN && k->screen != SCREEN_IMPORT) {
			gesture_swallow(&k->gestures);
			k->touch.down = 0;
			pin_enter(k, PIN_ENTER);
		}
		break;
	}
	default:
		break;
	}
	if (access_touch(k, g))
		return;
	if (ops->touch)
		ops->touch(k, g);
}

static void finger(kiosk *k, Uint32 type, SDL_FingerID id, float x, float y)
{
	gesture g;
	int made = 0;
	k->last_input = k->now;
	if (type == SDL_FINGERDOWN && !gesture_active(&k->gestures) && k->screen == SCREEN_ATTRACT) {
		/* The touch that wakes the kiosk only wakes it. */
		gesture_down(&k->gestures, id, x, y, k->now, &g);
		gesture_swallow(&k->gestures);
		kiosk_go_home(k);
		return;
	}
	if (type == SDL_FINGERDOWN)
		made = gesture_down(&k->gestures, id, x, y, k->now, &g);
	else if (type == SDL_FINGERMOTION)
		made = gesture_move(&k->gestures, id, x, y, k->now, &g);
	else
		made = gesture_up(&k->gestures, id, x, y, k->now, &g);
	if (made)
		touch(k, &g);
	if (!gesture_active(&k->gestures))
		k->touch.down = 0;
}

static const kiosk *sorting; /* qsort and bsearch take no context in C11 */

static int by_id(const void *a, const void *b)
{
	return strcmp(sorting->items[*(const int *)a].id, sorting->items[*(const int *)b].id);
}

static int id_to_index(const void *id, const void *b)
{
	return strcmp(id, sorting->items[*(const int *)b].id);
}

/* The items' indexes sorted by id, made whenever the list is loaded (not
 * on a visitor's first search: 30 ms at 100,000 items). */
static void index_items(kiosk *k)
{
	free(k->by_id);
	k->by_id = k->item_count > 0 ? malloc((size_t)k->item_count * sizeof *k->by_id) : NULL;
	if (!k->by_id)
		return;
	for (int i = 0; i < k->item_count; i++)
		k->by_id[i] = i;
	sorting = k;
	qsort(k->by_id, (size_t)k->item_count, sizeof *k->by_id, by_id);
}

int kiosk_item_index(kiosk *k, const char *id)
{
	sorting = k;
	const int *found = k->by_id ? bsearch(id, k->by_id, (size_t)k->item_count, sizeof *k->by_id, id_to_index) : NULL;
	return found ? *found : -1;
}

void kiosk_item_details(kiosk *k, int index)
{
	item *it = &k->items[index], full;
	if (it->summary || it->source || !k->data || catalog_get(k->data->cat, it->id, &full) != 0)
		return;
	it->summary = full.summary; /* the item takes them */
	it->source = full.source;
	full.summary = full.source = NULL;
	item_clear(&full);
}

/* Keys that would leave the program elsewhere: ignored in kiosk mode. */
static int is_quit_key(const SDL_KeyboardEvent *e)
{
	SDL_Keycode key = e->keysym.sym;
	Uint16 mod = e->keysym.mod;
	return (key == SDLK_F4 && (mod & KMOD_ALT)) || (key == SDLK_q && (mod & KMOD_CTRL)) ||
	       (key == SDLK_w && (mod & KMOD_CTRL));
}

static void handle_event(kiosk *k, const SDL_Event *e)
{
	switch (e->type) {
	case SDL_QUIT:
		if (!k->locked)
			k->quit = 1;
		break;
	case SDL_WINDOWEVENT:
		if (e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED)
			set_size(k, e->window.data1, e->window.data2);
		break;
	case SDL_FINGERDOWN:
	case SDL_FINGERMOTION:
	case SDL_FINGERUP:
		finger(k, e->type, e->tfinger.fingerId, e->tfinger.x * (float)k->w, e->tfinger.y * (float)k->h);
		break;
	/* A mouse on a desktop acts as a finger; the mouse events SDL makes up
	 * from touches are ignored, since the touches came too. */
	case SDL_MOUSEBUTTONDOWN:
	case SDL_MOUSEBUTTONUP:
		if (e->button.which != SDL_TOUCH_MOUSEID && e->button.button == SDL_BUTTON_LEFT)
			finger(k, e->type == SDL_MOUSEBUTTONDOWN ? SDL_FINGERDOWN : SDL_FINGERUP, -1, (float)e->button.x,
			       (float)e->button.y);
		break;
	case SDL_MOUSEMOTION:
		if (e->motion.which != SDL_TOUCH_MOUSEID && (e->motion.state & SDL_BUTTON_LMASK))
			finger(k, SDL_FINGERMOTION, -1, (float)e->motion.x, (float)e->motion.y);
		break;
	case SDL_MOUSEWHEEL: {
		/* The wheel scrolls like a short drag. */
		k->last_input = k->now;
		const screen_ops *ops = screens[k->screen];
		if (ops->key)
			ops->key(k, e->wheel.y > 0 ? SDLK_UP : SDLK_DOWN);
		break;
	}
	case SDL_KEYDOWN:
		k->last_input = k->now;
		if (k->screen == SCREEN_ATTRACT) {
			kiosk_go_home(k);
		} else if (is_quit_key(&e->key)) {
			if (!k->locked)
				k->quit = 1;
		} else if (e->key.keysym.sym == SDLK_ESCAPE || e->key.keysym.sym == SDLK_AC_BACK) {
			if (k->screen != SCREEN_HOME)
				kiosk_back(k);
		} else if (screens[k->screen]->key) {
			screens[k->screen]->key(k, e->key.keysym.sym);
		}
		break;
	case SDL_TEXTINPUT:
		k->last_input = k->now;
		if (screens[k->screen]->text)
			screens[k->screen]->text(k, e->text.text);
		break;
	default:
		if (e->type == kiosk_event_type) {
			k->last_input = k->now;
			if (e->user.code == EVENT_OPEN) {
				int i = kiosk_item_index(k, e->user.data1);
				if (i >= 0)
					kiosk_open_item(k, i);
				free(e->user.data1);
			} else if (e->user.code == EVENT_BACK) {
				if (k->screen != SCREEN_HOME)
					kiosk_back(k);
			} else if (e->user.code == EVENT_USB) {
				import_begin(k, e->user.data1);
				free(e->user.data1);
			}
		}
	}
}

static int busy(kiosk *k)
{
	if (render_busy(k->render))
		return 1;
	const screen_ops *ops = screens[k->screen];
	return ops->busy && ops->busy(k);
}

/* Untouched: back Home, then the attract screen; outside opening hours the
 * attract screen is blank. Never while staff work or an import runs. */
static void idle(kiosk *k)
{
	if (gesture_active(&k->gestures) || k->import.job || k->screen == SCREEN_IMPORT)
		return;
	Uint32 quiet = k->now - k->last_input;
	Uint32 to_home = (Uint32)k->settings.idle_seconds * 1000;
	Uint32 to_attract = to_home + (Uint32)k->settings.attract_seconds * 1000;
	if (quiet >= to_attract && k->screen != SCREEN_ATTRACT)
		attract_enter(k);
	else if (quiet >= to_home && quiet < to_attract && (k->screen != SCREEN_HOME || k->history_count))
		kiosk_go_home(k);
	if (quiet >= to_home) /* the next visitor finds the kiosk as staff set it */
		access_reset(k);
}

/* Two touch targets that overlap, or one too small or off the screen, is a
 * layout bug: said on stderr (the tests run with the check on). */
static void check_layout(kiosk *k)
{
	int min = ui_target_px(k) - 1;
	for (int i = 0; i < k->target_count; i++) {
		SDL_Rect a = k->targets[i].r, both;
		if (a.w < min || a.h < min || a.x < 0 || a.y < 0 || a.x + a.w > k->w || a.y + a.h > k->h)
			fprintf(stderr, "layout: %s: target %d,%d %dx%d is too small or off the screen (min %d)\n",
				screens[k->screen]->name, a.x, a.y, a.w, a.h, min);
		for (int j = i + 1; j < k->target_count; j++)
			if (SDL_IntersectRect(&a, &k->targets[j].r, &both))
				fprintf(stderr, "layout: %s: targets %d,%d %dx%d and %d,%d %dx%d overlap\n",
					screens[k->screen]->name, a.x, a.y, a.w, a.h, k->targets[j].r.x, k->targets[j].r.y,
					k->targets[j].r.w, k->targets[j].r.h);
	}
}

/* SIGTERM is the system (systemctl stop, a shutdown) and is obeyed at
 * once; the signals a keyboard on a terminal can send are not. */
static volatile sig_atomic_t stop_signalled;

static void on_stop_signal(int sig)
{
	stop_signalled = 1;
}

static void take_signals(int locked)
{
	struct sigaction stop = {0};
	stop.sa_handler = on_stop_signal;
	sigaction(SIGTERM, &stop, NULL);
	if (locked) { /* Ctrl+C, Ctrl+\, Ctrl+Z, a hang-up */
		signal(SIGINT, SIG_IGN);
		signal(SIGQUIT, SIG_IGN);
		signal(SIGTSTP, SIG_IGN);
		signal(SIGHUP, SIG_IGN);
	} else {
		sigaction(SIGINT, &stop, NULL);
	}
}

/* One frame: events, finished renders, animation, drawing. */
static void frame(kiosk *k, Uint32 dt)
{
	Uint64 start = SDL_GetPerformanceCounter();
	SDL_Event e;
	k->now += dt;
	while (SDL_PollEvent(&e))
		handle_event(k, &e);
	if (stop_signalled)
		k->quit = 1;
	gesture g;
	if (gesture_tick(&k->gestures, k->now, &g))
		touch(k, &g);
	render_result res;
	while (render_poll(k->render, &res)) {
		thumbs_on_render(k, &res);
		reader_on_render(k, &res);
		attract_on_render(k, &res);
		render_result_free(&res);
	}
	const screen_ops *ops = screens[k->screen];
	if (ops->update)
		ops->update(k, dt);
	import_update(k);
	idle(k);
	SDL_SetRenderDrawColor(k->renderer, 0, 0, 0, 255);
	SDL_RenderClear(k->renderer);
	k->target_count = 0;
	screens[k->screen]->draw(k);
	access_draw(k);
	if (k->check_layout)
		check_layout(k);
	text_end_frame(k->text);
	if (k->stats) {
		/* Our own work this frame, without the wait for the display. */
		double hz = (double)SDL_GetPerformanceFrequency();
		fprintf(k->stats, "%.3f\t%.3f\t%s\t%d\t%d\n", (double)(start - k->stats_origin) * 1000.0 / hz,
			(double)(SDL_GetPerformanceCounter() - start) * 1000.0 / hz, screens[k->screen]->name,
			k->screen == SCREEN_READER ? k->reader.page : -1, k->screen == SCREEN_READER && reader_page_shown(k));
	}
}

/* --- the scripted, headless kiosk --- */

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

static void push_user(Uint32 code, const char *text)
{
	SDL_Event e = {0};
	e.type = kiosk_event_type;
	e.user.code = (Sint32)code;
	e.user.data1 = text ? strdup(text) : NULL;
	SDL_PushEvent(&e);
}

static void run_ms(kiosk *k, float ms)
{
	for (float t = 0; t < ms && !k->quit; t += FRAME_MS)
		frame(k, FRAME_MS);
}

/* Runs until renders and animations are done (a screenshot shows what a
 * person would see once the screen is still), or 20 s of real time pass. */
static void settle(kiosk *k)
{
	Uint32 start = SDL_GetTicks();
	frame(k, FRAME_MS);
	while (busy(k) && SDL_GetTicks() - start < 20000) {
		if (render_busy(k->render))
			SDL_Delay(2);
		frame(k, FRAME_MS);
	}
}

static int save_shot(kiosk *k, const char *dir, const char *name)
{
	char path[4096], err[256];
	if (files_make_dirs(dir, err) != 0) {
		cli_error("kiosk: %s", err);
		return -1;
	}
	snprintf(path, sizeof path, "%s/%s.png", dir, name);
	SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, k->w, k->h, 24, SDL_PIXELFORMAT_RGB24);
	if (!s || SDL_RenderReadPixels(k->renderer, NULL, SDL_PIXELFORMAT_RGB24, s->pixels, s->pitch) != 0 ||
	    IMG_SavePNG(s, path) != 0) {
		cli_error("kiosk: %s: %s", path, SDL_GetError());
		SDL_FreeSurface(s);
		return -1;
	}
	SDL_FreeSurface(s);
	return 0;
}

/* Returns the exit status: 0 ran to the end, 1 an expect (or open) failed. */
static int run_script(kiosk *k, const script *s, const char *script_path, const char *shots)
{
	settle(k);
	for (int i = 0; i < s->count && !k->quit; i++) {
		const script_command *c = &s->commands[i];
		const float *a = c->arg;
		switch (c->op) {
		case SCRIPT_TAP:
			push_finger(k, SDL_FINGERDOWN, SCRIPT_FINGER, a[0], a[1]);
			run_ms(k, 64);
			push_finger(k, SDL_FINGERUP, SCRIPT_FINGER, a[0], a[1]);
			frame(k, FRAME_MS);
			break;
		case SCRIPT_LONGPRESS:
			push_finger(k, SDL_FINGERDOWN, SCRIPT_FINGER, a[0], a[1]);
			run_ms(k, a[2]);
			push_finger(k, SDL_FINGERUP, SCRIPT_FINGER, a[0], a[1]);
			frame(k, FRAME_MS);
			break;
		case SCRIPT_SWIPE: {
			int steps = (int)(a[4] / FRAME_MS);
			if (steps < 2)
				steps = 2;
			push_finger(k, SDL_FINGERDOWN, SCRIPT_FINGER, a[0], a[1]);
			frame(k, FRAME_MS);
			for (int n = 1; n <= steps; n++) {
				float f = (float)n / (float)steps;
				push_finger(k, SDL_FINGERMOTION, SCRIPT_FINGER, a[0] + (a[2] - a[0]) * f, a[1] + (a[3] - a[1]) * f);
				frame(k, FRAME_MS);
			}
			push_finger(k, SDL_FINGERUP, SCRIPT_FINGER, a[2], a[3]);
			frame(k, FRAME_MS);
			break;
		}
		case SCRIPT_PINCH: {
			/* Two fingers 10% of the screen apart, moving to SCALE times that. */
			float d0 = (float)(k->w < k->h ? k->w : k->h) * 0.1f, d1 = d0 * a[2];
			push_finger(k, SDL_FINGERDOWN, SCRIPT_FINGER, a[0] - d0, a[1]);
			push_finger(k, SDL_FINGERDOWN, SCRIPT_FINGER + 1, a[0] + d0, a[1]);
			frame(k, FRAME_MS);
			for (int n = 1; n <= 10; n++) {
				float d = d0 + (d1 - d0) * (float)n / 10.0f;
				push_finger(k, SDL_FINGERMOTION, SCRIPT_FINGER, a[0] - d, a[1]);
				push_finger(k, SDL_FINGERMOTION, SCRIPT_FINGER + 1, a[0] + d, a[1]);
				frame(k, FRAME_MS);
			}
			push_finger(k, SDL_FINGERUP, SCRIPT_FINGER, a[0] - d1, a[1]);
			push_finger(k, SDL_FINGERUP, SCRIPT_FINGER + 1, a[0] + d1, a[1]);
			frame(k, FRAME_MS);
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
			frame(k, FRAME_MS);
			break;
		}
		case SCRIPT_TYPE: {
			SDL_Event e = {0};
			e.type = SDL_TEXTINPUT;
			e.text.windowID = SDL_GetWindowID(k->window);
			snprintf(e.text.text, sizeof e.text.text, "%s", c->text);
			SDL_PushEvent(&e);
			frame(k, FRAME_MS);
			break;
		}
		case SCRIPT_WAIT:
			run_ms(k, a[0]);
			break;
		case SCRIPT_IDLE:
			/* Time passes with no input: big steps, no events. */
			for (float t = 0; t < a[0] * 1000.0f; t += 1000.0f)
				frame(k, 1000);
			break;
		case SCRIPT_OPEN:
			if (kiosk_item_index(k, c->text) < 0) {
				fprintf(stderr, "%s:%d: open: no item \"%s\" in this archive\n", script_path, c->line, c->text);
				return 1;
			}
			push_user(EVENT_OPEN, c->text);
			frame(k, FRAME_MS);
			break;
		case SCRIPT_BACK:
			push_user(EVENT_BACK, NULL);
			frame(k, FRAME_MS);
			break;
		case SCRIPT_USB:
			push_user(EVENT_USB, c->text);
			frame(k, FRAME_MS);
			break;
		case SCRIPT_SHOT:
			settle(k);
			if (save_shot(k, shots, c->text) != 0)
				return 1;
			break;
		case SCRIPT_EXPECT:
			settle(k);
			if (strcmp(c->text, screens[k->screen]->name) != 0) {
				fprintf(stderr, "%s:%d: expected %s, the kiosk shows %s\n", script_path, c->line, c->text,
					screens[k->screen]->name);
				return 1;
			}
			break;
		}
	}
	return 0;
}

/* --- start-up --- */

static void load_items(kiosk *k, const char *dir)
{
	char err[256];
	settings_load(NULL, &k->settings);
	k->data = data_open(dir, 0, err);
	if (!k->data) /* a storage remounted read-only after errors: show what it holds */
		k->data = data_open(dir, DATA_READONLY, err);
	if (!k->data) {
		snprintf(k->notice, sizeof k->notice, "%s\n%s", ui_str(k, "error_open"), err);
		fprintf(stderr, "hishatak: kiosk: %s\n", err);
		return;
	}
	/* What an import cut short left behind (unless one is running now). */
	if (data_lock(k->data, 0) == 0) {
		data_collect_garbage(k->data);
		data_unlock(k->data);
	}
	settings_load(k->data->cat, &k->settings);
	if (catalog_list_shown(k->data->cat, &k->items, &k->item_count) != 0) {
		snprintf(k->notice, sizeof k->notice, "%s\n%s", ui_str(k, "error_open"), catalog_error(k->data->cat));
		fprintf(stderr, "hishatak: kiosk: %s\n", catalog_error(k->data->cat));
	}
	index_items(k);
}

int kiosk_main(int argc, char **argv)
{
	const char *dir = NULL, *size = NULL, *lang = NULL, *script_path = NULL, *shots = NULL, *dpi = NULL, *stats = NULL,
		   *args[1];
	int windowed = 0, n, w = 1280, h = 800;
	cli_option opts[] = {
		{"--data", &dir}, {"--size", &size}, {"--lang", &lang}, {"--script", &script_path},
		{"--shots", &shots}, {"--dpi", &dpi}, {"--windowed", NULL, &windowed}, {"--stats", &stats}, {0},
	};
	const char *usage = "hishatak [kiosk] [--data DIR] [--windowed] [--size WxH] [--dpi N] [--lang en|hy|ru] "
			    "[--script FILE --shots DIR] [--stats FILE]";
	int rc = cli_parse(argc, argv, opts, args, 0, &n, usage);
	if (rc)
		return rc == -2 ? CLI_OK : CLI_USAGE;
	if (size && !cli_parse_size(size, &w, &h)) {
		cli_error("kiosk: bad --size \"%s\" (WxH, like 800x480)", size);
		return CLI_USAGE;
	}
	if (lang && strings_lang_index(lang) < 0) {
		cli_error("kiosk: --lang must be en, hy or ru");
		return CLI_USAGE;
	}
	if (dpi && (atof(dpi) < 50 || atof(dpi) > 1000)) {
		cli_error("kiosk: --dpi must be between 50 and 1000");
		return CLI_USAGE;
	}
	if ((script_path != NULL) != (shots != NULL)) {
		cli_error("kiosk: --script and --shots go together\nusage: %s", usage);
		return CLI_USAGE;
	}
	script *s = NULL;
	char err[256], assets[4096], def[4096];
	if (script_path && !(s = script_load(script_path, err))) {
		cli_error("kiosk: %s", err);
		return CLI_USAGE;
	}
	if (script_path) { /* headless: SDL's offscreen driver, no display needed; no sound card either */
		setenv("SDL_VIDEODRIVER", "offscreen", 0);
		setenv("SDL_AUDIODRIVER", "dummy", 0);
	}
	find_assets(assets);
	if (strings_load(assets, err) != 0) {
		cli_error("kiosk: %s", err);
		script_free(s);
		return CLI_FAILED;
	}
	if (!dir) {
		data_default_dir(def);
		data_folder *made = data_open(def, DATA_CREATE, err); /* created on first use */
		data_close(made);
		dir = def;
	}

	kiosk k = {0};
	k.scripted = s != NULL;
	k.lang = lang ? strings_lang_index(lang) : 0;
	k.note_item = -1;
	k.search.within = -1;
	k.reader.open_passage = -1;
	k.locked = !windowed; /* scripts run as the kiosk on the wall does */
	k.check_layout = config_int(CONFIG_CHECK_LAYOUT);
	k.stats_origin = SDL_GetPerformanceCounter();
	if (stats && !(k.stats = fopen(stats, "w"))) {
		cli_error("kiosk: %s: %s", stats, strerror(errno));
		strings_free();
		script_free(s);
		return CLI_FAILED;
	}
	if (k.stats) { /* a line as each frame ends: a reader at the other end of a pipe sees it then */
		setvbuf(k.stats, NULL, _IOLBF, 0);
		fprintf(k.stats, "start_ms\twork_ms\tscreen\tpage\tshown\n");
	}
	gesture_init(&k.gestures, 14);
	SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
	SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
	/* Pages and textures are large blocks, made and freed all day: from
	 * their own mappings, given back when freed, so that months of pages
	 * do not leave the heap in pieces (glibc would otherwise raise the
	 * threshold after the first free and serve them from the heap). */
	mallopt(M_MMAP_THRESHOLD, 128 * 1024);
	SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1"); /* ours, below */
	if (s) { /* the software renderer a script uses, and no OpenGL at all (Mesa's 100 MB) */
		SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
		SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
	}
	take_signals(k.locked);
	if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
		cli_error("kiosk: cannot start SDL: %s", SDL_GetError());
		strings_free();
		script_free(s);
		return CLI_FAILED;
	}
	kiosk_event_type = SDL_RegisterEvents(1);
	/* On KMS/DRM (the Pi) SDL makes OpenGL ES contexts, which its desktop
	 * OpenGL renderer, first in its list, cannot draw with: the screen stays
	 * black. Its OpenGL ES 2 renderer, unless someone chose another. */
	if (SDL_strcasecmp(SDL_GetCurrentVideoDriver(), "kmsdrm") == 0) /* SDL calls it "KMSDRM" */
		SDL_SetHintWithPriority(SDL_HINT_RENDER_DRIVER, "opengles2", SDL_HINT_DEFAULT);
	Uint32 flags = SDL_WINDOW_SHOWN | (s || windowed ? 0 : SDL_WINDOW_FULLSCREEN_DESKTOP);
	k.window = SDL_CreateWindow("Hishatak", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h, flags);
	if (k.window)
		k.renderer = SDL_CreateRenderer(k.window, -1, s ? SDL_RENDERER_SOFTWARE : SDL_RENDERER_PRESENTVSYNC);
	if (!k.window || !k.renderer || !(k.text = text_open(k.renderer, assets, err)) || !(k.render = render_start())) {
		cli_error("kiosk: cannot open the screen: %s", k.renderer && !k.text ? err : SDL_GetError());
		rc = CLI_FAILED;
		goto done;
	}
	if (!s)
		SDL_ShowCursor(windowed ? SDL_ENABLE : SDL_DISABLE);
	/* Without a DPI from the display: a 7-inch 800x480 screen's. */
	float ddpi = 0;
	if (dpi)
		k.dpi = (float)atof(dpi);
	else if (SDL_GetDisplayDPI(0, &ddpi, NULL, NULL) == 0 && ddpi >= 50)
		k.dpi = ddpi;
	else
		k.dpi = 133;
	load_items(&k, dir);
	admin_check_start(&k);
	if ((k.aloud = aloud_open(k.settings.volume, k.settings.sound_output, k.aloud_error)))
		aloud_follow_clock(k.aloud, s != NULL);
	else
		fprintf(stderr, "hishatak: kiosk: reading aloud is off: %s\n", k.aloud_error);
	access_reset(&k);
	SDL_GetRendererOutputSize(k.renderer, &w, &h);
	set_size(&k, w, h);
	home_enter(&k);
	if (!s)
		import_watch_start(kiosk_event_type, EVENT_USB);

	if (s) {
		rc = run_script(&k, s, script_path, shots);
	} else {
		Uint32 last = SDL_GetTicks(), alive = 0;
		k.now = last;
		k.last_input = last;
		/* Under systemd (the Pi image): ready once Home is drawn, then a sign
		 * of life every second, so that a hung kiosk is restarted. Without
		 * NOTIFY_SOCKET these do nothing. */
		while (!k.quit) {
			Uint32 t = SDL_GetTicks();
			frame(&k, t - last);
			SDL_RenderPresent(k.renderer);
			if (t - alive >= 1000) {
				sd_notify(0, alive ? "WATCHDOG=1" : "READY=1");
				alive = t;
			}
			last = t;
			if (!busy(&k) && !gesture_active(&k.gestures)) /* nothing moves: sleep until something happens */
				SDL_WaitEventTimeout(NULL, 100);
		}
		import_watch_stop();
		rc = CLI_OK;
	}
done:
	admin_check_stop(&k);
	import_free(&k);
	if (k.render)
		reader_close(&k);
	render_stop(k.render);
	aloud_close(k.aloud);
	thumbs_free(&k);
	free(k.by_id);
	home_free(&k);
	browse_free(&k);
	timeline_free(&k);
	topics_free(&k);
	search_clear(&k);
	finder_free(k.finder);
	attract_free(&k);
	admin_free(&k);
	text_close(k.text);
	catalog_free_items(k.items, k.item_count);
	data_close(k.data);
	if (k.renderer)
		SDL_DestroyRenderer(k.renderer);
	if (k.window)
		SDL_DestroyWindow(k.window);
	TTF_Quit();
	SDL_Quit();
	strings_free();
	script_free(s);
	if (k.stats && fclose(k.stats) != 0 && rc == CLI_OK) {
		cli_error("kiosk: %s: %s", stats, strerror(errno));
		rc = CLI_FAILED;
	}
	return rc;
}
