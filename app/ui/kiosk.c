/* The kiosk: start-up, the event loop, gestures, and the scripted headless
 * mode. Touch (or a mouse on a desktop) becomes taps and drags handed to the
 * current screen; scripts feed real SDL events into the same loop. */
#include "ui/kiosk.h"
#include "ui/archive.h"
#include "ui/devices.h"
#include "ui/idle.h"
#include "ui/nav.h"
#include "ui/scripted.h"
#include "ui/strings.h"
#include "ui/ui.h"
#include "core/config.h"
#include "core/files.h"

#include <SDL_ttf.h>
#include <systemd/sd-daemon.h>
#include <errno.h>
#include <malloc.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static Uint32 kiosk_event_type;

/* "hishatak: kiosk: what" on stderr. */
static void say(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("hishatak: kiosk: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

void kiosk_push_event(int code, const char *text)
{
	SDL_Event e = {0};
	e.type = kiosk_event_type;
	e.user.code = code;
	e.user.data1 = text ? strdup(text) : NULL;
	SDL_PushEvent(&e);
}

/* assets/: $HISHATAK_ASSETS, beside the program's build folder (build/..,
 * or for the tests' builds build/test/../.. and build/sanitize/test/../../..),
 * or the installed copy. */
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
		static const char *const ups[] = {"..", "../..", "../../.."};
		for (int up = 0; up < 3; up++) {
			snprintf(out, 4096, "%s/%s/assets", exe, ups[up]);
			char probe[4200];
			snprintf(probe, sizeof probe, "%s/strings/en.txt", out);
			if (files_exists(probe))
				return;
		}
	}
	snprintf(out, 4096, "/usr/share/hishatak/assets");
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
	k->text_scale = k->access.large_text ? UI_LARGE_TEXT : 1.0f;
	k->gestures.slop = (float)ui_px(k, 14);
	thumbs_free(k);
	for (int i = 0; i < SCREEN_COUNT; i++)
		if (screen_table[i]->resize)
			screen_table[i]->resize(k);
}

/* The Admin way in: a finger held this long in the top-left corner. */
#define ADMIN_HOLD_MS 5000

static void touch(kiosk *k, const gesture *in)
{
	const screen_ops *ops = screen_table[k->screen];
	gesture copy = *in, *g = &copy;
	/* Only a screen that zooms takes a double tap: elsewhere it is a
	 * second tap (a PIN of 0000, a word with a double letter). */
	if (g->kind == GESTURE_DOUBLE_TAP && !(ops->flags & SCREEN_ZOOMS))
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
		    !(ops->flags & SCREEN_NO_ADMIN_HOLD)) {
			gesture_swallow(&k->gestures);
			k->touch.down = 0;
			nav_pin(k, PIN_ENTER);
		}
		break;
	}
	default:
		break;
	}
	/* A press held to hear a button (speak buttons) only says it. */
	if (g->kind == GESTURE_TAP && g->held_ms > k->gestures.tap_ms && k->access.said)
		return;
	if (access_touch(k, g))
		return;
	if (g->kind == GESTURE_TAP && ops->flags & SCREEN_TAPS_IN_DRAW) { /* for the buttons it draws next */
		k->tap.pending = 1;
		k->tap.x = g->x;
		k->tap.y = g->y;
		k->tap.screen = k->screen;
	}
	if (ops->touch)
		ops->touch(k, g);
}

static void finger(kiosk *k, Uint32 type, SDL_FingerID id, float x, float y)
{
	gesture g;
	int made = 0;
	int counting = idle_counting(k);
	k->last_input = k->now;
	if (type == SDL_FINGERDOWN && !gesture_active(&k->gestures) && counting) {
		/* A touch during the count-down only says the visitor is still there. */
		gesture_down(&k->gestures, id, x, y, k->now, &g);
		gesture_swallow(&k->gestures);
		return;
	}
	if (type == SDL_FINGERDOWN && !gesture_active(&k->gestures) && screen_table[k->screen]->flags & SCREEN_WAKE_ONLY) {
		/* The touch that wakes the kiosk only wakes it. */
		gesture_down(&k->gestures, id, x, y, k->now, &g);
		gesture_swallow(&k->gestures);
		nav_home(k);
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
		const screen_ops *ops = screen_table[k->screen];
		if (ops->key)
			ops->key(k, e->wheel.y > 0 ? SDLK_UP : SDLK_DOWN);
		break;
	}
	case SDL_KEYDOWN:
		k->last_input = k->now;
		if (screen_table[k->screen]->flags & SCREEN_WAKE_ONLY) {
			nav_home(k);
		} else if (is_quit_key(&e->key)) {
			if (!k->locked)
				k->quit = 1;
		} else if (e->key.keysym.sym == SDLK_ESCAPE || e->key.keysym.sym == SDLK_AC_BACK) {
			if (k->screen != SCREEN_HOME)
				nav_back(k);
		} else if (screen_table[k->screen]->key) {
			screen_table[k->screen]->key(k, e->key.keysym.sym);
		}
		break;
	case SDL_TEXTINPUT:
		k->last_input = k->now;
		if (screen_table[k->screen]->text)
			screen_table[k->screen]->text(k, e->text.text);
		break;
	default:
		if (e->type == kiosk_event_type) {
			k->last_input = k->now;
			if (e->user.code == KIOSK_EVENT_OPEN) {
				int i = kiosk_item_index(k, e->user.data1);
				if (i >= 0)
					nav_open_item(k, i);
				free(e->user.data1);
			} else if (e->user.code == KIOSK_EVENT_BACK) {
				if (k->screen != SCREEN_HOME)
					nav_back(k);
			} else if (e->user.code == KIOSK_EVENT_USB) {
				snprintf(k->last_stick, sizeof k->last_stick, "%s", (const char *)e->user.data1);
				import_begin(k, e->user.data1);
				free(e->user.data1);
			}
		}
	}
}

int kiosk_busy(kiosk *k)
{
	if (render_busy(k->render))
		return 1;
	const screen_ops *ops = screen_table[k->screen];
	return ops->busy && ops->busy(k);
}

/* Two touch targets that overlap, or one too small or off the screen, is a
 * layout bug: said on stderr (the tests run with the check on). So is text
 * drawn cut, with an ellipsis or a word broken in two, at check level 2
 * (tests/ui/shots.sh; not yet every screen passes it): said once while the
 * same text stays cut. */
static void check_layout(kiosk *k)
{
	static char said[200];
	char cut[160], line[200];
	int cuts = text_cuts(k->text, cut);
	snprintf(line, sizeof line, "%s %s", kiosk_screen_name(k), cut);
	if (cuts && k->check_layout >= 2 && strcmp(line, said) != 0)
		fprintf(stderr, "layout: %s: %d line%s cut, the first \"%s\"\n", kiosk_screen_name(k), cuts, cuts > 1 ? "s" : "", cut);
	snprintf(said, sizeof said, "%s", cuts ? line : "");
	int min = ui_target_px(k) - 1;
	for (int i = 0; i < k->target_count; i++) {
		SDL_Rect a = k->targets[i].r, both;
		if (a.w < min || a.h < min || a.x < 0 || a.y < 0 || a.x + a.w > k->w || a.y + a.h > k->h)
			fprintf(stderr, "layout: %s: target %d,%d %dx%d is too small or off the screen (min %d)\n",
				kiosk_screen_name(k), a.x, a.y, a.w, a.h, min);
		for (int j = i + 1; j < k->target_count; j++)
			if (SDL_IntersectRect(&a, &k->targets[j].r, &both))
				fprintf(stderr, "layout: %s: targets %d,%d %dx%d and %d,%d %dx%d overlap\n",
					kiosk_screen_name(k), a.x, a.y, a.w, a.h, k->targets[j].r.x, k->targets[j].r.y,
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
void kiosk_frame(kiosk *k, Uint32 dt)
{
	Uint64 start = SDL_GetPerformanceCounter();
	SDL_Event e;
	k->now += dt;
	if (k->items_partial && k->frames_drawn > 0) /* Home is on the screen: now the rest, before any touch */
		archive_read_all(k);
	if (k->frames_drawn > 0) /* once: its reading of the whole file would slow the first frame */
		admin_check_start(k);
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
		for (int i = 0; i < SCREEN_COUNT; i++)
			if (screen_table[i]->on_render)
				screen_table[i]->on_render(k, &res);
		render_result_free(&res);
	}
	const screen_ops *ops = screen_table[k->screen];
	if (ops->update)
		ops->update(k, dt);
	import_update(k);
	idle_update(k);
	SDL_SetRenderDrawColor(k->renderer, 0, 0, 0, 255);
	SDL_RenderClear(k->renderer);
	k->target_count = 0;
	ops = screen_table[k->screen]; /* the idle time-out or an import may have opened another */
	ops->draw(k);
	k->tap.pending = 0; /* a tap on none of its buttons */
	access_draw(k);
	idle_draw(k);
	if (k->check_layout)
		check_layout(k);
	text_end_frame(k->text);
	k->frames_drawn++;
	if (k->stats) {
		/* Our own work this frame, without the wait for the display. */
		double hz = (double)SDL_GetPerformanceFrequency();
		int reading = k->screen == SCREEN_READER;
		fprintf(k->stats, "%.3f\t%.3f\t%s\t%d\t%d\n", (double)(start - k->stats_origin) * 1000.0 / hz,
			(double)(SDL_GetPerformanceCounter() - start) * 1000.0 / hz, kiosk_screen_name(k),
			reading ? reader_page(k) : -1, reading && reader_page_shown(k));
	}
}

/* --- start-up --- */

int kiosk_run(const kiosk_options *o)
{
	const script *s = o->script;
	const char *dir = o->data_dir;
	int w = o->width, h = o->height, windowed = o->windowed, rc;
	char err[256], assets[4096], def[4096];
	if (s) { /* headless: SDL's offscreen driver, no display needed; no sound card either */
		setenv("SDL_VIDEODRIVER", "offscreen", 0);
		setenv("SDL_AUDIODRIVER", "dummy", 0);
	}
	find_assets(assets);
	if (strings_load(assets, err) != 0) {
		say("%s", err);
		return 1;
	}
	if (!dir) {
		data_default_dir(def);
		data_folder *made = data_open(def, DATA_CREATE, err); /* created on first use */
		data_close(made);
		dir = def;
	}

	kiosk k = {0};
	k.scripted = s != NULL;
	k.lang = o->lang;
	k.locked = !windowed; /* scripts run as the kiosk on the wall does */
	k.check_layout = config_int(CONFIG_CHECK_LAYOUT);
	k.stats_origin = SDL_GetPerformanceCounter();
	if (o->stats_path && !(k.stats = fopen(o->stats_path, "w"))) {
		say("%s: %s", o->stats_path, strerror(errno));
		strings_free();
		return 1;
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
		say("cannot start SDL: %s", SDL_GetError());
		strings_free();
		return 1;
	}
	/* With no display at all SDL falls back to a window nobody sees. */
	const char *driver = SDL_GetCurrentVideoDriver();
	if (!s && (SDL_strcasecmp(driver, "offscreen") == 0 || SDL_strcasecmp(driver, "dummy") == 0)) {
		say("no display to show the kiosk on (SDL found only its \"%s\" driver): start it on the kiosk's "
		    "screen or in a desktop session, or run it headless with --script FILE --shots DIR", driver);
		SDL_Quit();
		strings_free();
		return 2;
	}
	kiosk_event_type = SDL_RegisterEvents(1);
	/* On KMS/DRM (the Pi) SDL makes OpenGL ES contexts, which its desktop
	 * OpenGL renderer, first in its list, cannot draw with: the screen stays
	 * black. Its OpenGL ES 2 renderer, unless someone chose another. */
	if (SDL_strcasecmp(driver, "kmsdrm") == 0) /* SDL calls it "KMSDRM" */
		SDL_SetHintWithPriority(SDL_HINT_RENDER_DRIVER, "opengles2", SDL_HINT_DEFAULT);
	Uint32 flags = SDL_WINDOW_SHOWN | (s || windowed ? 0 : SDL_WINDOW_FULLSCREEN_DESKTOP);
	k.window = SDL_CreateWindow("Hishatak", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h, flags);
	if (k.window)
		k.renderer = SDL_CreateRenderer(k.window, -1, s ? SDL_RENDERER_SOFTWARE : SDL_RENDERER_PRESENTVSYNC);
	if (!k.window || !k.renderer || !(k.text = text_open(k.renderer, assets, err)) || !(k.render = render_start())) {
		say("cannot open the screen: %s", k.renderer && !k.text ? err : SDL_GetError());
		rc = 1;
		goto done;
	}
	if (!s)
		SDL_ShowCursor(windowed ? SDL_ENABLE : SDL_DISABLE);
	/* Without a DPI from the display: a 7-inch 800x480 screen's. */
	float ddpi = 0;
	if (o->dpi > 0)
		k.dpi = o->dpi;
	else if (SDL_GetDisplayDPI(0, &ddpi, NULL, NULL) == 0 && ddpi >= 50)
		k.dpi = ddpi;
	else
		k.dpi = 133;
	for (int i = 0; i < SCREEN_COUNT; i++)
		if (screen_table[i]->init && screen_table[i]->init(&k) != 0) {
			say("out of memory");
			rc = 1;
			goto done;
		}
	archive_open(&k, dir);
	k.usage = usage_new(); /* NULL: nothing is counted */
	if ((k.aloud = aloud_open(k.settings.volume, k.settings.sound_output, k.aloud_error)))
		aloud_follow_clock(k.aloud, s != NULL);
	else
		fprintf(stderr, "hishatak: kiosk: reading aloud is off: %s\n", k.aloud_error);
	access_reset(&k);
	SDL_GetRendererOutputSize(k.renderer, &w, &h);
	set_size(&k, w, h);
	nav_home(&k);
	if (!s)
		import_watch_start(kiosk_event_type, KIOSK_EVENT_USB);

	if (s) {
		rc = scripted_run(&k, s, o->script_path, o->shots_dir);
	} else {
		Uint32 last = SDL_GetTicks(), alive = 0;
		k.now = last;
		k.last_input = last;
		/* Under systemd (the Pi image): ready once Home is drawn, then a sign
		 * of life every second, so that a hung kiosk is restarted. Without
		 * NOTIFY_SOCKET these do nothing. */
		while (!k.quit) {
			Uint32 t = SDL_GetTicks();
			kiosk_frame(&k, t - last);
			SDL_RenderPresent(k.renderer);
			if (t - alive >= 1000) {
				sd_notify(0, alive ? "WATCHDOG=1" : "READY=1");
				devices_watch();
				alive = t;
			}
			last = t;
			if (!kiosk_busy(&k) && !gesture_active(&k.gestures)) /* nothing moves: sleep until something happens */
				SDL_WaitEventTimeout(NULL, 100);
		}
		import_watch_stop();
		rc = 0;
	}
done:
	for (int i = 0; i < SCREEN_COUNT; i++) /* the import's first: it stops its thread */
		if (screen_table[(SCREEN_IMPORT + i) % SCREEN_COUNT]->free)
			screen_table[(SCREEN_IMPORT + i) % SCREEN_COUNT]->free(&k);
	usage_close(k.usage, k.last_input); /* no import writes now: the counts go in */
	kiosk_usage_flush(&k);
	usage_free(k.usage);
	render_stop(k.render);
	aloud_close(k.aloud);
	thumbs_free(&k);
	free(k.by_id);
	text_close(k.text);
	catalog_free_items(k.items, k.item_count);
	guide_free(&k.guide);
	data_close(k.data);
	if (k.renderer)
		SDL_DestroyRenderer(k.renderer);
	if (k.window)
		SDL_DestroyWindow(k.window);
	TTF_Quit();
	SDL_Quit();
	strings_free();
	if (k.stats && fclose(k.stats) != 0 && rc == 0) {
		say("%s: %s", o->stats_path, strerror(errno));
		rc = 1;
	}
	return rc;
}

void kiosk_usage_flush(kiosk *k)
{
	char day[16], err[256];
	if (!k->usage || !k->data)
		return;
	usage_day(time(NULL), k->clock_floor, day);
	if (usage_flush(k->usage, k->data->cat, day, k->last_input, err) < 0) /* 1: an import writes; later */
		fprintf(stderr, "hishatak: kiosk: usage counts not written (kept for the next try): %s\n", err);
}

const char *kiosk_screen_name(const kiosk *k)
{
	return screen_table[k->screen]->name;
}
