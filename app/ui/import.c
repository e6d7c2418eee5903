/* The Import screen: a stick with bundles was mounted. A worker thread
 * applies them (bundle_import, with its own connection to the data folder)
 * while this screen shows what is being applied and a progress bar; then the
 * result in the visitor's language, "you may remove the stick", and back to
 * where the visitor was. A stick without bundles changes nothing on screen.
 * The visitor may leave the screen while the import goes on (Continue):
 * its result comes back when it ends. A stick mounted meanwhile (or a
 * stick's second partition) waits in a queue and is imported next.
 *
 * The mount watcher is a thread too: poll() on /proc/self/mountinfo wakes
 * at every mount change, and each newly mounted stick becomes an event. */
#include "ui/ui.h"
#include "ui/nav.h"
#include "ui/strings.h"
#include "core/bundle.h"
#include "core/mounts.h"
#include "core/printable.h"
#include "render/render.h"

#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define RESULT_SHOWN_MS 30000 /* the result goes away by itself after this */

typedef struct import_job import_job;

typedef struct {
	int applied, refused, unreadable, already;
	int added, changed, withdrawn;
	int not_held;             /* withdrawals of ids this kiosk does not hold */
	char not_held_ids[256];
	long long first_new, last_new; /* the sequences applied */
	char reason[448];         /* the first refusal's, for staff */
	int why;                  /* and its bundle_why */
	int *new_items, new_count;/* indexes of the items that are new */
} import_result;

struct import_state {
	import_job *job;          /* the import under way, or NULL */
	int items_done, items_total;
	long long bytes_done, bytes_total;
	int done;                 /* the result is on screen */
	Uint32 done_at;
	import_result result;
	char **queue;             /* sticks mounted during the import, next */
	int queue_count;
};

struct import_job {
	char data_dir[4096], path[4096];
	SDL_Thread *thread;
	SDL_mutex *lock;
	SDL_sem *stepped, *go;   /* lock-step with the frames, in scripts */
	int lockstep;
	/* Under lock: */
	int freed;               /* the kiosk is leaving: no more lock-step */
	int done, items_done, items_total;
	long long bytes_done, bytes_total;
	bundle_report *reports;
	int report_count, failed;
};

static void on_progress(void *ctx, const bundle_report *r, int items_done, int items_total, long long bytes_done,
			long long bytes_total)
{
	import_job *job = ctx;
	SDL_LockMutex(job->lock);
	job->items_done = items_done;
	job->items_total = items_total;
	job->bytes_done = bytes_done;
	job->bytes_total = bytes_total;
	int step = job->lockstep && !job->freed;
	SDL_UnlockMutex(job->lock);
	if (step) {
		SDL_SemPost(job->stepped);
		SDL_SemWait(job->go);
	}
}

static int work(void *ctx)
{
	import_job *job = ctx;
	char err[256];
	bundle_report *reports = NULL;
	int count = 0, rc = -1;
	data_folder *d = data_open(job->data_dir, 0, err);
	render_reader *rr = d ? render_reader_open(NULL) : NULL;
	ingest_reader reader = render_reader_ingest(rr);
	if (rr)
		rc = bundle_import(d, job->path, &reader, &reports, &count, on_progress, job);
	else
		fprintf(stderr, "hishatak: kiosk: import: %s\n", d ? "out of memory" : err);
	render_reader_close(rr);
	data_close(d);
	for (int i = 0; i < count; i++) { /* to the journal, which staff read in a terminal */
		char dir[4200], reason[800];
		fprintf(stderr, "hishatak: kiosk: %s: %s %s\n", printable(reports[i].dir, dir, sizeof dir),
			reports[i].outcome == BUNDLE_APPLIED ? "applied" : reports[i].outcome == BUNDLE_ALREADY ? "already applied" : "refused:",
			printable(reports[i].reason, reason, sizeof reason));
	}
	SDL_LockMutex(job->lock);
	job->reports = reports;
	job->report_count = count;
	job->failed = rc < 0;
	job->done = 1;
	SDL_UnlockMutex(job->lock);
	if (job->lockstep)
		SDL_SemPost(job->stepped);
	return 0;
}

static void job_free(import_job *job)
{
	if (!job)
		return;
	/* Never leave the worker waiting: a script may end mid-import. */
	SDL_LockMutex(job->lock);
	job->freed = 1;
	SDL_UnlockMutex(job->lock);
	if (job->lockstep)
		SDL_SemPost(job->go);
	SDL_WaitThread(job->thread, NULL);
	SDL_DestroyMutex(job->lock);
	SDL_DestroySemaphore(job->stepped);
	SDL_DestroySemaphore(job->go);
	free(job->reports);
	free(job);
}

/* Starts the import of the stick at path on the worker thread: 1 when it
 * runs, 0 when there is nothing to import there. */
static int start_job(kiosk *k, const char *path)
{
	bundle_places found;
	if (bundle_find_places(path, &found) != 0)
		return 0;
	int n = found.count + (found.deeper[0] != 0);
	bundle_places_free(&found);
	if (n == 0)
		return 0; /* a visitor's stick of photos: nothing to do, nothing shown */
	import_job *job = calloc(1, sizeof *job);
	if (!job)
		return 0;
	snprintf(job->data_dir, sizeof job->data_dir, "%s", k->data->dir);
	snprintf(job->path, sizeof job->path, "%s", path);
	job->lock = SDL_CreateMutex();
	job->stepped = SDL_CreateSemaphore(0);
	job->go = SDL_CreateSemaphore(0);
	job->lockstep = k->scripted;
	job->thread = SDL_CreateThread(work, "import", job);
	if (!job->thread) {
		fprintf(stderr, "hishatak: kiosk: cannot start the import: %s\n", SDL_GetError());
		job->lockstep = 0;
		job_free(job);
		return 0;
	}
	k->import->job = job;
	k->import->items_done = k->import->items_total = 0;
	k->import->bytes_done = k->import->bytes_total = 0;
	return 1;
}

void import_begin(kiosk *k, const char *path)
{
	import_state *im = k->import;
	if (!k->data)
		return;
	if (im->job) { /* one import at a time: this one next, never dropped */
		if (strcmp(im->job->path, path) != 0 && !mounts_contains(im->queue, im->queue_count, path))
			item_list_add(&im->queue, &im->queue_count, path);
		return;
	}
	if (!start_job(k, path))
		return;
	free(im->result.new_items);
	memset(&im->result, 0, sizeof im->result);
	im->done = 0;
	nav_go(k, SCREEN_IMPORT);
}

static int by_string(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* After an import that changed something: the new list (every screen's
 * lists made again, from Home), and the visitor taken back to the item
 * they had open if it is still there unchanged. */
static void reload(kiosk *k)
{
	char open_id[65] = "", open_sha[65] = "";
	screen_id under = nav_beneath(k);
	int open_index = under == SCREEN_READER ? reader_item(k)
		       : under == SCREEN_NOTE	 ? note_item(k)
		       : under == SCREEN_COVER	 ? cover_item(k)
						 : -1;
	if (open_index >= 0) {
		snprintf(open_id, sizeof open_id, "%s", k->items[open_index].id);
		snprintf(open_sha, sizeof open_sha, "%s", k->items[open_index].sha256);
	}
	int page = under == SCREEN_READER ? reader_page(k) : 0;
	char **old_ids = NULL;
	int old_count = 0;
	for (int i = 0; i < k->item_count; i++)
		item_list_add(&old_ids, &old_count, k->items[i].id);
	if (old_ids) /* sorted, to tell the new items quickly at 100,000 */
		qsort(old_ids, (size_t)old_count, sizeof *old_ids, by_string);
	catalog_free_items(k->items, k->item_count);
	k->items = NULL;
	k->item_count = 0;
	if (catalog_list_shown(k->data->cat, &k->items, &k->item_count) != 0)
		fprintf(stderr, "hishatak: kiosk: %s\n", catalog_error(k->data->cat));
	kiosk_items_changed(k);
	import_result *res = &k->import->result;
	free(res->new_items);
	res->new_items = calloc((size_t)k->item_count + 1, sizeof *res->new_items);
	res->new_count = 0;
	for (int i = 0; i < k->item_count && res->new_items; i++) {
		const char *id = k->items[i].id;
		if (!old_ids || !bsearch(&id, old_ids, (size_t)old_count, sizeof *old_ids, by_string))
			res->new_items[res->new_count++] = i;
	}
	for (int i = 0; i < old_count; i++)
		free(old_ids[i]);
	free(old_ids);
	int found = open_id[0] ? kiosk_item_index(k, open_id) : -1;
	if (found >= 0 && strcmp(k->items[found].sha256, open_sha) != 0)
		found = -1; /* changed: its pages are not where they were */
	screen_args a = {.item = found, .reader = {found, page, -1, NULL}, .browse = {-1, NULL, NULL, 0}};
	/* The visitor goes back to where they were: the document, or the way
	 * in they had taken (made again from the new list, without its filters). */
	screen_id back = open_index >= 0 ? (found >= 0 ? under : SCREEN_HOME)
		       : under == SCREEN_BROWSE || under == SCREEN_TIMELINE || under == SCREEN_TOPICS ? under
											   : SCREEN_HOME;
	nav_items_changed(k, back, &a);
}

void import_update(kiosk *k)
{
	import_job *job = k->import->job;
	if (!job) {
		if (k->import->done && k->screen == SCREEN_IMPORT && k->now - k->import->done_at > RESULT_SHOWN_MS)
			nav_back(k);
		return;
	}
	if (job->lockstep && SDL_SemWaitTimeout(job->stepped, 20000) == 0 && !job->done)
		SDL_SemPost(job->go);
	SDL_LockMutex(job->lock);
	int done = job->done;
	k->import->items_done = job->items_done;
	k->import->items_total = job->items_total;
	k->import->bytes_done = job->bytes_done;
	k->import->bytes_total = job->bytes_total;
	SDL_UnlockMutex(job->lock);
	if (!done)
		return;
	/* Added to what the sticks before it in the queue did. */
	import_result *res = &k->import->result;
	res->unreadable += job->failed;
	for (int i = 0; i < job->report_count; i++) {
		const bundle_report *r = &job->reports[i];
		res->applied += r->outcome == BUNDLE_APPLIED;
		res->refused += r->outcome == BUNDLE_REFUSED;
		res->already += r->outcome == BUNDLE_ALREADY;
		res->added += r->added;
		res->changed += r->changed;
		res->withdrawn += r->withdrawn;
		res->not_held += r->not_held;
		if (r->not_held && !res->not_held_ids[0])
			snprintf(res->not_held_ids, sizeof res->not_held_ids, "%s", r->not_held_ids);
		if (r->outcome == BUNDLE_APPLIED) {
			if (!res->first_new || r->sequence < res->first_new)
				res->first_new = r->sequence;
			if (r->sequence > res->last_new)
				res->last_new = r->sequence;
		}
		if (r->outcome == BUNDLE_REFUSED && !res->reason[0]) {
			/* Which folder, from the stick's root: staff look there. */
			size_t root = strlen(job->path);
			const char *folder = strncmp(r->dir, job->path, root) == 0 && r->dir[root] == '/' ? r->dir + root + 1 : "";
			char where[160], reason[256];
			printable(folder, where, sizeof where);
			printable(r->reason, reason, sizeof reason);
			snprintf(res->reason, sizeof res->reason, "%s%s%s", where, where[0] ? ": " : "", reason);
			res->why = r->why;
		}
	}
	job_free(job);
	k->import->job = NULL;
	while (k->import->queue_count > 0) {
		char *next = k->import->queue[0];
		memmove(k->import->queue, k->import->queue + 1, (size_t)--k->import->queue_count * sizeof *k->import->queue);
		int started = start_job(k, next);
		free(next);
		if (started)
			return;
	}
	k->import->done = 1;
	k->import->done_at = k->now;
	/* A visitor who went on meanwhile sees the result too. */
	if (k->screen != SCREEN_IMPORT)
		nav_go(k, SCREEN_IMPORT);
	if (res->applied)
		reload(k);
}

/* Always allowed: the import goes on without the screen. */
static int import_back(kiosk *k)
{
	k->import->done = 0;
	return 0;
}

int import_running(const kiosk *k)
{
	return k->import->job != NULL;
}

static int import_init(kiosk *k)
{
	return (k->import = calloc(1, sizeof *k->import)) ? 0 : -1;
}

static void import_free(kiosk *k)
{
	if (!k->import)
		return;
	free(k->import->result.new_items);
	job_free(k->import->job);
	mounts_free(k->import->queue, k->import->queue_count);
	free(k->import);
	k->import = NULL;
}

/* The card is drawn twice: once measuring (drawing 0), to fit its height
 * to what it holds, then drawing; Continue was tapped as it was drawn. */
static int drawing, continued;
/* The words at the visitor's text size (Larger text), or at the usual one
 * where the larger would not fit the screen. */
static int larger;
static SDL_Rect card;

/* The card for content h pixels high (buttons included), centred. */
static SDL_Rect card_rect(const kiosk *k, int h)
{
	int w = k->w - 2 * ui_px(k, 24);
	if (w > ui_px(k, 720))
		w = ui_px(k, 720);
	h += 2 * ui_px(k, 24);
	if (h > k->h - 2 * ui_px(k, 16))
		h = k->h - 2 * ui_px(k, 16);
	return (SDL_Rect){(k->w - w) / 2, (k->h - h) / 2, w, h};
}

static SDL_Rect button_rect(const kiosk *k)
{
	int in = ui_px(k, 24), bh = ui_px(k, 60), bw = card.w - 2 * in;
	if (bw > ui_px(k, 320))
		bw = ui_px(k, 320);
	return (SDL_Rect){card.x + (card.w - bw) / 2, card.y + card.h - in - bh, bw, bh};
}

/* One paragraph of the card; returns the y below it. */
static int para(kiosk *k, const char *s, int y, int size, int bold, SDL_Color colour, int lines)
{
	int in = ui_px(k, 24);
	int px = larger ? ui_font(k, (float)size) : ui_px(k, (float)size);
	return y + text_wrap(k->text, s, (SDL_Rect){card.x + in, y, card.w - 2 * in, 0}, px, bold, colour, lines, TEXT_CENTER,
			     drawing) + ui_px(k, 12);
}

static int draw_progress(kiosk *k, int y)
{
	const import_state *im = k->import;
	SDL_Rect c = card;
	int in = ui_px(k, 24);
	char line[160], bytes[80];
	y = para(k, ui_str(k, "import_keep"), y, 20, 0, UI_INK, 3);
	SDL_Rect track = {c.x + in, y + ui_px(k, 8), c.w - 2 * in, ui_px(k, 24)};
	if (drawing)
		ui_round_rect(k, track, track.h / 2, UI_LINE);
	double share = im->bytes_total > 0 ? (double)im->bytes_done / (double)im->bytes_total
		     : im->items_total > 0 ? (double)im->items_done / im->items_total : 0;
	if (share > 0 && drawing) {
		SDL_Rect fill = track;
		fill.w = (int)(track.w * share);
		if (fill.w < track.h)
			fill.w = track.h;
		ui_round_rect(k, fill, track.h / 2, UI_NAVY);
	}
	y = track.y + track.h + ui_px(k, 16);
	if (drawing) /* the visitor may go on while it finishes */
		continued = ui_button(k, button_rect(k), ui_str(k, "import_continue"), 0);
	if (im->items_total == 0)
		return para(k, ui_str(k, "import_checking"), y, 18, 0, UI_MUTED, 1) + ui_px(k, 8 + 60);
	ui_format_numbers(ui_str(k, "import_progress"), im->items_done, im->items_total, line, sizeof line);
	int mb = im->bytes_total >= 10 << 20;
	ui_format_numbers(ui_str(k, mb ? "import_bytes_mb" : "import_bytes_kb"),
			  (int)(im->bytes_done >> (mb ? 20 : 10)), (int)((im->bytes_total + (mb ? 1 << 20 : 1 << 10) - 1) >> (mb ? 20 : 10)),
			  bytes, sizeof bytes);
	size_t n = strlen(line);
	snprintf(line + n, sizeof line - n, " · %s", bytes);
	return para(k, line, y, 18, 0, UI_MUTED, 1) + ui_px(k, 8 + 60);
}

/* Appends " · " and key's text with n, when n is not 0. */
static void add_count(const kiosk *k, char *line, size_t size, const char *key, int n)
{
	size_t len = strlen(line);
	if (n == 0 || len + 3 >= size)
		return;
	if (len)
		len += (size_t)snprintf(line + len, size - len, " · ");
	ui_format_numbers(ui_str(k, key), n, 0, line + len, size - len);
}

static int draw_result(kiosk *k, int y)
{
	const import_result *res = &k->import->result;
	char line[200] = "";
	add_count(k, line, sizeof line, "import_added", res->added);
	add_count(k, line, sizeof line, "import_changed", res->changed);
	add_count(k, line, sizeof line, "import_withdrawn", res->withdrawn);
	if (line[0])
		y = para(k, line, y, 22, 0, UI_INK, 2);
	if (res->applied) { /* which of the stick's bundles were new */
		ui_format_numbers(ui_str(k, res->first_new == res->last_new ? "import_new_one" : "import_new_range"),
				  (int)res->first_new, (int)res->last_new, line, sizeof line);
		if (res->already) {
			size_t len = strlen(line);
			line[len++] = ' ';
			ui_format_numbers(ui_str(k, "import_already"), res->already, 0, line + len, sizeof line - len);
		}
		y = para(k, line, y - ui_px(k, 6), 18, 0, UI_MUTED, 2);
	}
	for (int i = 0; i < res->new_count && i < 3; i++) {
		snprintf(line, sizeof line, "%s", item_title_in(&k->items[res->new_items[i]], strings_langs[k->lang]));
		y = para(k, line, y - ui_px(k, 6), 18, 0, UI_MUTED, 1);
	}
	if (res->new_count > 3) {
		ui_format_numbers(ui_str(k, "import_more"), res->new_count - 3, 0, line, sizeof line);
		y = para(k, line, y - ui_px(k, 6), 18, 0, UI_MUTED, 1);
	}
	if (res->not_held) { /* said truthfully: nothing was withdrawn for these */
		char ids[400];
		ui_format_numbers(ui_str(k, "import_not_held"), res->not_held, 0, line, sizeof line);
		snprintf(ids, sizeof ids, "%s %s", line, res->not_held_ids);
		y = para(k, ids, y, 18, 0, UI_MUTED, 2);
	}
	if (res->refused) {
		static const char *why[] = {"import_why_content", "import_why_signature", "import_why_archive",
					    "import_why_older", "import_why_content", "import_why_full", "import_why_place"};
		y = para(k, ui_str(k, why[res->why]), y, 22, 0, UI_INK, 3);
		char staff[512];
		snprintf(staff, sizeof staff, "%s %s", ui_str(k, "import_reason"), res->reason);
		y = para(k, staff, y, 16, 0, UI_MUTED, 6);
	}
	y = para(k, ui_str(k, "import_remove"), y + ui_px(k, 4), 22, 1, UI_NAVY, 2);
	if (drawing)
		continued = ui_button(k, button_rect(k), ui_str(k, "import_continue"), 0);
	return y + ui_px(k, 8 + 60);
}

static void import_draw(kiosk *k)
{
	const import_state *im = k->import;
	const import_result *res = &im->result;
	const char *title = !im->done ? "import_running"
			  : res->refused || res->unreadable ? (res->applied ? "import_partly" : "import_refused")
			  : res->applied ? "import_done" : "import_current";
	int height = 0;
	continued = 0;
	ui_fill(k, (SDL_Rect){0, 0, k->w, k->h}, UI_DUSK);
	larger = k->text_scale > 1;
	for (drawing = 0; drawing <= 1; drawing++) {
		card = card_rect(k, height);
		if (drawing)
			ui_round_rect(k, card, ui_px(k, 16), UI_PAPER);
		int top = card.y + ui_px(k, 24);
		int y = para(k, ui_str(k, title), top + ui_px(k, 4), 26, 1,
			     im->done && (res->refused || res->unreadable) ? UI_ACCENT : UI_NAVY, 3) + ui_px(k, 4);
		y = im->done ? draw_result(k, y) : draw_progress(k, y);
		height = y - top;
		if (!drawing && larger && card_rect(k, height).h < height + 2 * ui_px(k, 24)) { /* too tall: measured again */
			larger = 0;
			drawing = -1;
		}
	}
	if (continued)
		nav_back(k);
}

const screen_ops import_screen = {.name = "import",
				  .flags = SCREEN_TRANSIENT | SCREEN_OVERLAY | SCREEN_KEEPS_ALOUD | SCREEN_NO_IDLE |
					   SCREEN_NO_ADMIN_HOLD | SCREEN_TAPS_IN_DRAW,
				  .init = import_init, .back = import_back, .draw = import_draw,
				  .free = import_free};

/* --- the mount watcher --- */

static SDL_atomic_t watching;
static SDL_Thread *watcher;
static Uint32 usb_event_type;
static Sint32 usb_event_code;

static int watch(void *unused)
{
	char **before = NULL, **now;
	int before_count = 0, now_count;
	int fd = open(MOUNTS_FILE, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	mounts_read(MOUNTS_FILE, &before, &before_count);
	while (SDL_AtomicGet(&watching)) {
		struct pollfd p = {fd, POLLPRI, 0};
		if (poll(&p, 1, 500) <= 0)
			continue;
		/* Give the automounter a moment to finish before looking. */
		SDL_Delay(300);
		if (mounts_read(MOUNTS_FILE, &now, &now_count) != 0)
			continue;
		for (int i = 0; i < now_count; i++)
			if (!mounts_contains(before, before_count, now[i])) {
				SDL_Event e = {0};
				e.type = usb_event_type;
				e.user.code = usb_event_code;
				e.user.data1 = strdup(now[i]);
				SDL_PushEvent(&e);
			}
		mounts_free(before, before_count);
		before = now;
		before_count = now_count;
		/* mountinfo wakes poll() until read from the start again. */
		char buf[4096];
		lseek(fd, 0, SEEK_SET);
		while (read(fd, buf, sizeof buf) > 0)
			;
	}
	mounts_free(before, before_count);
	close(fd);
	return 0;
}

void import_watch_start(Uint32 event_type, Sint32 code)
{
	usb_event_type = event_type;
	usb_event_code = code;
	SDL_AtomicSet(&watching, 1);
	watcher = SDL_CreateThread(watch, "mounts", NULL);
}

void import_watch_stop(void)
{
	SDL_AtomicSet(&watching, 0);
	SDL_WaitThread(watcher, NULL);
	watcher = NULL;
}
