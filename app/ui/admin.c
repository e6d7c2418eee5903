/* Admin, behind the PIN: the archive's figures, the last imports, free
 * storage and version; the idle time-out, screen hours and large text;
 * the date and time (a Pi has no clock); changing the PIN; and the only
 * way to quit the program. */
#include "ui/ui.h"
#include "ui/clock_card.h"
#include "ui/devices.h"
#include "core/localize.h"
#include "ui/nav.h"
#include "ui/strings.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/files.h"
#include "core/printable.h"
#include "core/stick.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <time.h>

#define HISHATAK_VERSION "0.3.0"
#define LOG_SHOWN 5

enum { SET_IDLE, SET_ON, SET_OFF, SET_LARGE, SET_VOLUME, SET_OUTPUT, SET_COUNT };
static const char *const setting_keys[SET_COUNT] = {"admin_idle", "admin_on", "admin_off", "admin_large", "admin_volume",
						    "admin_output"};
#define OUTPUTS_MAX 16
static const int idle_steps[] = {60, 120, 180, 300, 600, 900, 1800, 3600};

struct admin_state {
	ui_scroller scroll;
	int counts[KIND_COUNT];
	long long total_bytes, free_bytes;
	catalog_log_entry *log;   /* the last imports */
	int log_count;
	int confirm_quit;
	char system_notes[512];   /* what the system found wrong at start-up (the Pi image's set-up) */
	char health[512];         /* what is wrong with the data folder or the catalogue */
	/* The catalogue's check, in the background from start-up. */
	SDL_Thread *check_thread;
	catalog *check_catalog;
	SDL_atomic_t check_done;
	char check_result[256];   /* "" when whole */
	int check_started;
	/* Saving the report onto the stick, on a thread with a connection of its own. */
	SDL_Thread *save_thread;
	SDL_atomic_t save_done;
	char save_data[4096], save_stick[4096]; /* its data folder, the stick's root */
	int save_rc;              /* STICK_WRITTEN, STICK_QUEUED or -1 */
	char save_where[4096], save_error[256];
	time_t save_queued;       /* a job for the system's stick writer since, or 0 */
	char report_note[600];    /* what became of the last save, for staff */
	clock_card clock;
	int figures_h;            /* the figures' height above the settings, as last drawn */
};

static void drop_log(kiosk *k)
{
	free(k->admin->log);
	k->admin->log = NULL;
	k->admin->log_count = 0;
}

static int check_catalogue(void *ctx)
{
	admin_state *a = ctx;
	char err[256];
	if (catalog_quick_check(a->check_catalog, err) != 0 && !strstr(err, "interrupted")) {
		const char *what = strstr(err, "*** in database main ***") ? err + 25 : err;
		snprintf(a->check_result, sizeof a->check_result, "%s", what);
		for (char *c = a->check_result; *c; c++)
			if (*c == '\n')
				*c = ' ';
	}
	SDL_AtomicSet(&a->check_done, 1);
	return 0;
}

void admin_check_start(kiosk *k)
{
	admin_state *a = k->admin;
	char path[4096], err[256];
	if (!k->data || a->check_started)
		return;
	a->check_started = 1;
	data_path(k->data, "catalog.db", path);
	a->check_catalog = catalog_open_readonly(path, err);
	if (a->check_catalog)
		a->check_thread = SDL_CreateThread(check_catalogue, "check", a);
}

/* The report onto the stick (stick.h): read through a read-only
 * connection of this thread's own. */
static int save_report(void *ctx)
{
	admin_state *a = ctx;
	data_folder *d = data_open(a->save_data, DATA_READONLY, a->save_error);
	a->save_rc = d ? stick_save_report(d, a->save_stick, time(NULL), a->save_where, a->save_error) : -1;
	data_close(d);
	SDL_AtomicSet(&a->save_done, 1);
	return 0;
}

static void save_start(kiosk *k)
{
	admin_state *a = k->admin;
	if (a->save_thread || !k->data)
		return;
	if (!k->last_stick[0] || !files_is_dir(k->last_stick)) {
		snprintf(a->report_note, sizeof a->report_note, "%s", ui_str(k, "admin_report_no_stick"));
		return;
	}
	kiosk_usage_flush(k); /* today's counts so far are in it */
	snprintf(a->save_data, sizeof a->save_data, "%s", k->data->dir);
	snprintf(a->save_stick, sizeof a->save_stick, "%s", k->last_stick);
	SDL_AtomicSet(&a->save_done, 0);
	a->save_queued = 0;
	snprintf(a->report_note, sizeof a->report_note, "%s", ui_str(k, "admin_report_saving"));
	if (!(a->save_thread = SDL_CreateThread(save_report, "report", a)))
		snprintf(a->report_note, sizeof a->report_note, "%s %s", ui_str(k, "admin_report_failed"), SDL_GetError());
}

/* The save's end, and then the system's stick writer's. */
static void save_follow(kiosk *k)
{
	admin_state *a = k->admin;
	char result[512];
	if (a->save_thread && SDL_AtomicGet(&a->save_done)) {
		SDL_WaitThread(a->save_thread, NULL);
		a->save_thread = NULL;
		size_t root = strlen(a->save_stick);
		const char *on_stick = strncmp(a->save_where, a->save_stick, root) == 0 ? a->save_where + root + 1 : a->save_where;
		if (a->save_rc == STICK_WRITTEN) { /* where on the stick: staff look for it there */
			snprintf(a->report_note, sizeof a->report_note, "%s %s", ui_str(k, "admin_report_saved"), on_stick);
		} else if (a->save_rc == STICK_QUEUED) {
			a->save_queued = time(NULL);
			snprintf(a->report_note, sizeof a->report_note, "%s", ui_str(k, "admin_report_queued"));
		} else {
			snprintf(a->report_note, sizeof a->report_note, "%s %s", ui_str(k, "admin_report_failed"), a->save_error);
		}
		fprintf(stderr, "hishatak: kiosk: report: %s\n", a->save_rc >= 0 ? a->save_where : a->save_error);
	}
	if (a->save_queued && k->data && stick_result(k->data, a->save_queued, result) == 0) {
		a->save_queued = 0;
		snprintf(a->report_note, sizeof a->report_note, "%s %s",
			 ui_str(k, strncmp(result, "written", 7) == 0 ? "admin_report_saved" : "admin_report_failed"), result);
	}
}

static int admin_init(kiosk *k)
{
	return (k->admin = calloc(1, sizeof *k->admin)) ? 0 : -1;
}

/* The check is interrupted when still running. */
static void admin_free(kiosk *k)
{
	admin_state *a = k->admin;
	if (!a)
		return;
	if (a->save_thread) /* a report half written is not left on the stick */
		SDL_WaitThread(a->save_thread, NULL);
	if (a->check_thread) {
		catalog_interrupt(a->check_catalog);
		SDL_WaitThread(a->check_thread, NULL);
		a->check_thread = NULL;
	}
	catalog_close(a->check_catalog);
	drop_log(k);
	free(a);
	k->admin = NULL;
}

/* What staff must know of the data folder and the catalogue, in a. */
static void find_health(kiosk *k, admin_state *a)
{
	char detail[256];
	a->health[0] = 0;
	if (!k->data)
		return;
	int problem = data_problem(k->data, detail);
	if (problem != DATA_WELL)
		snprintf(a->health, sizeof a->health, "%s (%s)  ",
			 ui_str(k, problem == DATA_GONE ? "admin_gone" : problem == DATA_FULL ? "admin_full" : "admin_unwritable"),
			 detail);
	if (SDL_AtomicGet(&a->check_done) && a->check_result[0])
		snprintf(a->health + strlen(a->health), sizeof a->health - strlen(a->health), "%s %s",
			 ui_str(k, "admin_damaged"), a->check_result);
}

static void admin_open(kiosk *k, const screen_args *args)
{
	admin_state *a = k->admin;
	drop_log(k);
	memset(a->counts, 0, sizeof a->counts);
	a->total_bytes = 0;
	for (int i = 0; i < k->item_count; i++) {
		a->counts[k->items[i].kind]++;
		a->total_bytes += k->items[i].size;
	}
	struct statvfs fs;
	a->free_bytes = k->data && statvfs(k->data->dir, &fs) == 0 ? (long long)fs.f_bavail * (long long)fs.f_frsize : -1;
	if (k->data && catalog_log_list(k->data->cat, 100, &a->log, &a->log_count) == 0 && a->log_count > LOG_SHOWN) {
		/* Refused sticks never push the last update applied out of sight. */
		int applied = -1;
		for (int i = 0; i < a->log_count && applied < 0; i++)
			if (strcmp(a->log[i].result, "applied") == 0)
				applied = i;
		if (applied >= LOG_SHOWN)
			a->log[LOG_SHOWN - 1] = a->log[applied];
		a->log_count = LOG_SHOWN;
	}
	a->confirm_quit = 0;
	a->clock = (clock_card){0};
	a->scroll = (ui_scroller){0};
	kiosk_usage_flush(k);
	/* The Pi image's set-up writes what went wrong (a damaged key file, a
	 * data partition that would not grow) where this names: staff see it
	 * here, not in a log. */
	a->system_notes[0] = 0;
	const char *notes = config_string(CONFIG_SYSTEM_NOTES);
	FILE *f = notes[0] ? fopen(notes, "r") : NULL;
	if (f) {
		size_t n = fread(a->system_notes, 1, sizeof a->system_notes - 1, f);
		a->system_notes[n] = 0;
		for (char *c = a->system_notes; *c; c++)
			if (*c == '\n')
				*c = ' ';
		fclose(f);
	}
	find_health(k, a);
}

typedef struct {
	int x, w, y;       /* the column */
	int row_h, gap;
} admin_layout;

static admin_layout layout(const kiosk *k)
{
	admin_layout l;
	l.w = SDL_min(k->w - ui_px(k, 32), ui_px(k, 760));
	l.x = (k->w - l.w) / 2;
	l.y = ui_header_bottom((kiosk *)k, ui_str(k, "admin_title")) + ui_px(k, 16) - (int)k->admin->scroll.offset;
	l.row_h = SDL_max(ui_px(k, 60), 2 * text_line_height(k->text, ui_font(k, 18)) + ui_px(k, 8)); /* a label on two lines */
	l.gap = ui_px(k, 8);
	return l;
}

/* The settings rows come after the figures: their top. */
static int settings_top(const kiosk *k, const admin_layout *l)
{
	/* Room for the figures and a line of warnings, and more when they take
	 * more (Larger text): the settings stay put as a warning comes and goes. */
	return l->y + SDL_max(ui_px(k, 150), k->admin->figures_h);
}

static SDL_Rect step_button(const kiosk *k, const admin_layout *l, int row, int plus)
{
	int s = ui_px(k, 56), y = settings_top(k, l) + row * (l->row_h + l->gap) + (l->row_h - s) / 2;
	return (SDL_Rect){l->x + l->w - (plus ? 1 : 2) * (s + ui_px(k, 8)), y, s, s};
}

/* The date and time's card (clock_card.c) after the settings rows. */
static int clock_top(const kiosk *k, const admin_layout *l)
{
	return settings_top(k, l) + SET_COUNT * (l->row_h + l->gap);
}

static int buttons_top(const kiosk *k, const admin_layout *l)
{
	return clock_top(k, l) + clock_card_height(k) + l->gap + ui_px(k, 12);
}

/* Two a row. */
static SDL_Rect action_button(const kiosk *k, const admin_layout *l, int i)
{
	int w = (l->w - ui_px(k, 12)) / 2;
	return (SDL_Rect){l->x + i % 2 * (w + ui_px(k, 12)), buttons_top(k, l) + i / 2 * ui_px(k, 72), w, ui_px(k, 60)};
}

/* "78,9 ГБ": the number and the unit as the kiosk's language writes them. */
static void format_bytes(const kiosk *k, long long n, char out[32])
{
	const char *lang = strings_langs[k->lang];
	char number[24];
	if (n < 0) {
		snprintf(out, 32, "?");
		return;
	}
	int unit = n >= 1LL << 30 ? 3 : n >= 1 << 20 ? 2 : 1;
	if (unit == 1)
		localize_number(lang, (n + 1023) / 1024, number, sizeof number);
	else
		localize_tenths(lang, (double)n / (double)(1LL << (10 * unit)), number, sizeof number);
	ui_format_text(ui_str(k, unit == 3 ? "bytes_gb" : unit == 2 ? "bytes_mb" : "bytes_kb"), number, out, 32);
}

static void setting_value(const kiosk *k, int row, char out[64])
{
	const kiosk_settings *s = &k->settings;
	switch (row) {
	case SET_IDLE: ui_format_numbers(ui_str(k, "minutes"), s->idle_seconds / 60, 0, out, 64); break;
	case SET_ON:
	case SET_OFF: /* the same hour for both: never off, and said so */
		if (s->on_hour == s->off_hour)
			snprintf(out, 64, "%s", ui_str(k, "admin_always_on"));
		else
			snprintf(out, 64, "%02d:00", row == SET_ON ? s->on_hour : s->off_hour);
		break;
	case SET_VOLUME: snprintf(out, 64, "%d%%", s->volume); break;
	case SET_OUTPUT: snprintf(out, 64, "%s", s->sound_output[0] ? s->sound_output : ui_str(k, "admin_output_default")); break;
	default: snprintf(out, 64, "%s", ui_str(k, s->large_text ? "on" : "off")); break;
	}
}

static void change(kiosk *k, int row, int delta)
{
	kiosk_settings *s = &k->settings;
	if (row == SET_IDLE) {
		int n = (int)SDL_arraysize(idle_steps), at = 0;
		while (at < n - 1 && idle_steps[at] < s->idle_seconds)
			at++;
		s->idle_seconds = idle_steps[SDL_clamp(at + delta, 0, n - 1)];
	} else if (row == SET_ON) {
		s->on_hour = (s->on_hour + 24 + delta) % 24;
	} else if (row == SET_OFF) {
		s->off_hour = (s->off_hour + 24 + delta) % 24;
	} else if (row == SET_VOLUME) {
		s->volume = SDL_clamp(s->volume + 10 * delta, 0, 100);
		if (k->aloud)
			aloud_set_volume(k->aloud, s->volume);
	} else if (row == SET_OUTPUT) {
		/* The system's default, then each device there is (HDMI, the
		 * headphone jack, a USB speaker...). */
		char names[OUTPUTS_MAX][128];
		int n = SDL_min(aloud_outputs(names, OUTPUTS_MAX), OUTPUTS_MAX), at = 0;
		for (int i = 0; i < n; i++)
			if (strcmp(names[i], s->sound_output) == 0)
				at = i + 1;
		at = (at + delta + n + 1) % (n + 1);
		snprintf(s->sound_output, sizeof s->sound_output, "%s", at ? names[at - 1] : "");
		if (k->aloud)
			aloud_set_output(k->aloud, s->sound_output);
	} else {
		s->large_text = !s->large_text;
		access_reset(k);
	}
	if (k->data && settings_save(k->data->cat, s) != 0)
		fprintf(stderr, "hishatak: kiosk: settings not saved: %s\n", catalog_error(k->data->cat));
}

/* A line of the import log in the staff member's language: "2 декабря
 * 2026 г., 03:15 · Применено · Обновление 1 · Добавлено: 5", not the log's
 * own notation. */
static void log_line(const kiosk *k, const catalog_log_entry *e, const char *result, const char *reason, char *out,
		     size_t size)
{
	char day[11], date[64], key[48], update[64], n[64];
	snprintf(day, sizeof day, "%.10s", e->time);
	localize_date(strings_langs[k->lang], day, date, sizeof date);
	snprintf(key, sizeof key, "log_%s", result);
	const char *said = ui_str(k, key);
	ui_format_numbers(ui_str(k, "log_update"), (int)e->sequence, 0, update, sizeof update);
	int len = snprintf(out, size, "%s, %.5s  ·  %s  ·  %s", date, strlen(e->time) >= 16 ? e->time + 11 : "",
			   strcmp(said, key) ? said : result, update);
	const int counts[3] = {e->added, e->changed, e->withdrawn};
	static const char *const keys[3] = {"import_added", "import_changed", "import_withdrawn"};
	for (int i = 0; i < 3 && len > 0 && (size_t)len < size; i++)
		if (counts[i]) {
			ui_format_numbers(ui_str(k, keys[i]), counts[i], 0, n, sizeof n);
			len += snprintf(out + len, size - (size_t)len, "  ·  %s", n);
		}
	if (reason[0] && len > 0 && (size_t)len < size)
		snprintf(out + len, size - (size_t)len, "  ·  %s", reason);
}

static void admin_draw(kiosk *k)
{
	admin_state *a = k->admin;
	admin_layout l = layout(k);
	ui_fill(k, (SDL_Rect){0, 0, k->w, k->h}, UI_PAPER);
	int tap = k->tap.pending, step_row = -1, step = 0;
	/* The bar first, so that it takes the taps on it; the rest scrolls beneath it. */
	int top = ui_header(k, ui_str(k, "admin_title"));
	SDL_Rect below = {0, top, k->w, k->h - top};
	SDL_RenderSetClipRect(k->renderer, &below);
	int first_target = k->target_count, body = ui_font(k, 18), small = ui_font(k, 15), y = l.y;
	char line[1400], n1[32], n2[32];
	ui_count_text(k, "documents_count", k->item_count, line, sizeof line);
	/* "5 documents (Articles: 3, Reports: 1 ...)": no plural needed. */
	for (int kind = 0, first = 1; kind < KIND_COUNT; kind++)
		if (a->counts[kind]) {
			snprintf(line + strlen(line), sizeof line - strlen(line), "%s%s: %d", first ? " (" : ", ",
				 ui_kind_plural(k, (item_kind)kind), a->counts[kind]);
			first = 0;
		}
	if (k->item_count > 0)
		snprintf(line + strlen(line), sizeof line - strlen(line), ")");
	y += text_wrap(k->text, line, (SDL_Rect){l.x, y, l.w, 0}, body, 1, UI_INK, 3, TEXT_LEFT, 1);
	format_bytes(k, a->total_bytes, n1);
	format_bytes(k, a->free_bytes, n2);
	snprintf(line, sizeof line, "%s %s  ·  %s %s  ·  %s %s", ui_str(k, "admin_stored"), n1, ui_str(k, "admin_free"), n2,
		 ui_str(k, "admin_version"), HISHATAK_VERSION);
	y += text_wrap(k->text, line, (SDL_Rect){l.x, y, l.w, 0}, body, 0, UI_INK, 2, TEXT_LEFT, 1);
	if (settings_pin_is_default(k->data ? k->data->cat : NULL))
		y += text_wrap(k->text, ui_str(k, "admin_default_pin"), (SDL_Rect){l.x, y + ui_px(k, 4), l.w, 0}, body, 1, UI_ACCENT,
			       2, TEXT_LEFT, 1);
	/* Speech that cannot be heard is a staff matter, said here only. */
	const char *silent = !k->aloud ? k->aloud_error : aloud_problem(k->aloud);
	line[0] = 0;
	if (silent[0])
		snprintf(line, sizeof line, "%s %s  ", ui_str(k, "admin_silent"), silent);
	time_t now = time(NULL);
	if (!clock_plausible(now, k->clock_floor)) {
		clock_format(now, n1);
		clock_format(k->clock_floor, n2);
		snprintf(line + strlen(line), sizeof line - strlen(line), "%s (%s < %s)  ", ui_str(k, "admin_clock"), n1, n2);
	}
	snprintf(line + strlen(line), sizeof line - strlen(line), "%s%s%s", a->health, a->health[0] ? "  " : "",
		 a->system_notes);
	if (line[0])
		y += ui_px(k, 4) + text_wrap(k->text, line, (SDL_Rect){l.x, y + ui_px(k, 4), l.w, 0}, small, 0, UI_ACCENT, 2, TEXT_LEFT, 1);
	/* What it has to be touched with (a loose cable shows here). */
	char touch[512];
	if (devices_touch_screens(touch, sizeof touch))
		snprintf(line, sizeof line, "%s %s", ui_str(k, "admin_touch"), touch);
	else
		snprintf(line, sizeof line, "%s", ui_str(k, "admin_no_touch"));
	y += ui_px(k, 4) + text_wrap(k->text, line, (SDL_Rect){l.x, y + ui_px(k, 4), l.w, 0}, small, 0, UI_INK, 2, TEXT_LEFT, 1);
	a->figures_h = y - l.y + ui_px(k, 16); /* the settings below them, however many lines they took */

	for (int row = 0; row < SET_COUNT; row++) {
		SDL_Rect r = {l.x, settings_top(k, &l) + row * (l.row_h + l.gap), l.w, l.row_h};
		ui_round_rect(k, r, ui_px(k, 10), UI_CARD);
		char value[64];
		setting_value(k, row, value);
		SDL_Rect minus = step_button(k, &l, row, 0);
		/* The sound output's name may be long: all the room its label leaves. */
		int label_w = text_width(k->text, ui_str(k, setting_keys[row]), -1, body, 0);
		int vw = row == SET_OUTPUT ? SDL_max((minus.x - r.x) / 2, minus.x - r.x - label_w - ui_px(k, 40)) : ui_px(k, 120);
		ui_label(k, ui_str(k, setting_keys[row]), (SDL_Rect){r.x + ui_px(k, 14), r.y, minus.x - vw - r.x - ui_px(k, 20), r.h}, body,
			 UI_INK, TEXT_LEFT);
		ui_label(k, value, (SDL_Rect){minus.x - vw - ui_px(k, 8), r.y, vw, r.h}, body, UI_NAVY, TEXT_RIGHT);
		if (ui_button(k, minus, "–", 1))
			step_row = row, step = -1;
		if (ui_button(k, step_button(k, &l, row, 1), "+", 1))
			step_row = row, step = 1;
	}
	clock_card_draw(k, &a->clock, l.x, clock_top(k, &l), l.w);
	int new_pin = ui_button(k, action_button(k, &l, 0), ui_str(k, "admin_change_pin"), 1);
	int quit = ui_button(k, action_button(k, &l, 1), ui_str(k, a->confirm_quit ? "admin_quit_sure" : "admin_quit"), 0);
	int save = ui_button(k, action_button(k, &l, 2), ui_str(k, "admin_save_report"), 1);
	SDL_Rect note = action_button(k, &l, 3);
	int note_h = text_wrap(k->text, a->report_note[0] ? a->report_note : ui_str(k, "admin_report_about"),
			       (SDL_Rect){note.x, note.y, note.w, 0}, small, 0, a->report_note[0] ? UI_INK : UI_MUTED, 0, TEXT_LEFT, 1);

	y = SDL_max(buttons_top(k, &l) + ui_px(k, 72 + 80), note.y + note_h + ui_px(k, 16));
	y += text_wrap(k->text, ui_str(k, "admin_imports"), (SDL_Rect){l.x, y, l.w, 0}, body, 1, UI_MUTED, 1, TEXT_LEFT, 1);
	if (a->log_count == 0)
		y += text_wrap(k->text, ui_str(k, "admin_no_imports"), (SDL_Rect){l.x, y, l.w, 0}, small, 0, UI_INK, 1, TEXT_LEFT, 1);
	for (int i = 0; i < a->log_count; i++) {
		const catalog_log_entry *e = &a->log[i];
		char reason[sizeof e->reason], result[sizeof e->result];
		printable(e->reason, reason, sizeof reason); /* lines from before the log was kept printable */
		printable(e->result, result, sizeof result);
		log_line(k, e, result, reason, line, sizeof line);
		y += text_wrap(k->text, line, (SDL_Rect){l.x, y, l.w, 0}, small, 0, UI_INK, 0, TEXT_LEFT, 1) + ui_px(k, 4);
	}
	a->scroll.max = (float)SDL_max(0, y + (int)a->scroll.offset + ui_px(k, 16) - k->h);
	ui_targets_within(k, first_target, below);
	SDL_RenderSetClipRect(k->renderer, NULL);
	if (step_row >= 0)
		change(k, step_row, step);
	else if (new_pin)
		nav_pin(k, PIN_NEW);
	else if (save)
		save_start(k);
	if (quit) { /* the second tap in a row quits */
		k->quit = a->confirm_quit;
		a->confirm_quit = 1;
	} else if (tap) {
		a->confirm_quit = 0;
	}
}

static void admin_touch(kiosk *k, const gesture *g)
{
	ui_scroll_touch(&k->admin->scroll, g, 0); /* taps are the buttons', as drawn */
}

static void admin_update(kiosk *k, Uint32 dt)
{
	ui_scroll_update(&k->admin->scroll, dt);
	save_follow(k);
	clock_card_follow(k, &k->admin->clock);
}

static int admin_busy(kiosk *k)
{
	return ui_scroll_busy(&k->admin->scroll) || k->admin->save_thread || k->admin->save_queued;
}

const screen_ops admin_screen = {.name = "admin", .flags = SCREEN_NO_ADMIN_HOLD | SCREEN_TAPS_IN_DRAW, .init = admin_init, .open = admin_open,
				 .draw = admin_draw, .touch = admin_touch, .update = admin_update, .busy = admin_busy,
				 .free = admin_free};
