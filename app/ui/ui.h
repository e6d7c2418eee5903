/* The kiosk's state, shared by its screens. The UI knows SDL, the core's
 * plain C API (items, the data folder) and the render service; never SQL or
 * MuPDF types. */
#ifndef HISHATAK_UI_H
#define HISHATAK_UI_H

#include "core/data.h"
#include "render/render.h"
#include "ui/text.h"

#include <SDL.h>

typedef enum { SCREEN_HOME, SCREEN_NOTE, SCREEN_READER, SCREEN_IMPORT } screen_id;

#define READER_CACHE 6

typedef struct {
	float scroll, velocity;   /* pixels, pixels per ms */
	SDL_Texture **thumbs;     /* per item, NULL until rendered */
	int *thumb_request;       /* per item: pending request id, 0 none, -1 failed */
	int pressed;              /* tile under the finger, or -1 */
} home_state;

typedef struct {
	int item;
	char path[4096];
	char format[8];
	int page, page_count;     /* page from 0; count -1 until known */
	SDL_Texture *tex[READER_CACHE];
	int tex_page[READER_CACHE];
	int failed_page;          /* a page that could not be shown, or -1 */
	int request[READER_CACHE];/* pending ids, 0 free */
	int request_page[READER_CACHE];
	float slide;              /* the page strip's offset: drag and animation */
	int dragging;
	SDL_Rect area;            /* where pages are drawn */
} reader_state;

typedef struct import_job import_job; /* ui/import.c */

typedef struct {
	int applied, refused, unreadable;
	int added, changed, withdrawn;
	char reason[256];         /* the first refusal's, for staff */
	int why;                  /* and its bundle_why */
	int *new_items, new_count;/* indexes of the items that are new */
} import_result;

typedef struct {
	import_job *job;          /* the import under way, or NULL */
	screen_id back_to;        /* where the visitor was */
	int items_done, items_total;
	long long bytes_done, bytes_total;
	int done;                 /* the result is on screen */
	Uint32 done_at;
	import_result result;
} import_state;

typedef struct kiosk {
	SDL_Window *window;
	SDL_Renderer *renderer;
	int w, h;
	float u;                  /* size unit: 1 on an 800x480 screen */
	ui_text *text;
	render_service *render;
	data_folder *data;
	char notice[256];         /* why the archive could not be opened */
	item *items;
	int item_count;
	int lang;                 /* index into strings_langs */
	screen_id screen;
	Uint32 now;               /* the kiosk's clock, ms */
	Uint32 last_input;
	struct {
		int down, dragging;
		SDL_FingerID id;
		float x0, y0, x, y;   /* pixels */
		Uint32 t0, t_last;
		float vx, vy;         /* pixels per ms */
	} finger;
	home_state home;
	reader_state reader;
	int note_item;
	import_state import;
	int scripted;             /* run by a script: the import goes in step with frames */
} kiosk;

/* Colours of the kiosk. */
extern const SDL_Color UI_INK, UI_MUTED, UI_PAPER, UI_CARD, UI_NAVY, UI_ACCENT, UI_LINE, UI_WHITE;

/* Sizes grow with the screen. */
int ui_px(const kiosk *k, float px);

void ui_fill(kiosk *k, SDL_Rect r, SDL_Color c);
void ui_round_rect(kiosk *k, SDL_Rect r, int radius, SDL_Color c);
/* A large button; style 0 filled navy, 1 outlined. */
void ui_button(kiosk *k, SDL_Rect r, const char *label, int style);
int ui_hit(SDL_Rect r, float x, float y);
/* "November 2022", "2023" ... in the kiosk's language. */
void ui_format_date(const kiosk *k, const char *date, char out[64]);
const char *ui_kind_label(const kiosk *k, item_kind kind);
const char *ui_str(const kiosk *k, const char *key);
/* fmt with its first %d replaced by a and the second by b (translations are
 * data, so never a printf format). */
void ui_format_numbers(const char *fmt, int a, int b, char *out, size_t size);

/* Screens. */
void home_enter(kiosk *k);
void home_draw(kiosk *k);
void home_tap(kiosk *k, float x, float y);
void home_drag(kiosk *k, float dx, float dy);
void home_release(kiosk *k);
void home_update(kiosk *k, Uint32 dt);
int home_busy(kiosk *k);
void home_on_render(kiosk *k, render_result *res);
void home_free(kiosk *k);

void note_draw(kiosk *k);
void note_tap(kiosk *k, float x, float y);

/* Opens item index at page (from 0; the same document at the same size
 * has the same pages). */
void reader_open(kiosk *k, int index, int page);
void reader_close(kiosk *k);
void reader_draw(kiosk *k);
void reader_tap(kiosk *k, float x, float y);
void reader_drag(kiosk *k, float dx, float dy);
void reader_release(kiosk *k);
void reader_key(kiosk *k, SDL_Keycode key);
void reader_update(kiosk *k, Uint32 dt);
int reader_busy(kiosk *k);
void reader_on_render(kiosk *k, render_result *res);
void reader_relayout(kiosk *k);

/* A stick holding path was mounted: its bundles are applied, on the Import
 * screen (nothing happens when it holds none). */
void import_begin(kiosk *k, const char *path);
void import_update(kiosk *k);
void import_draw(kiosk *k);
void import_tap(kiosk *k, float x, float y);
/* Back to where the visitor was, once the import is over. */
void import_close(kiosk *k);
void import_free(kiosk *k);
/* Watches for newly mounted sticks; each becomes an SDL user event of
 * event_type with code and the mount point (malloc'ed) in data1. */
void import_watch_start(Uint32 event_type, Sint32 code);
void import_watch_stop(void);

/* Opens item (a tile tap): its content note first when it has one. */
void kiosk_open_item(kiosk *k, int index);
void kiosk_go_home(kiosk *k);
/* Path of an item's document in the store. */
void kiosk_doc_path(const kiosk *k, int index, char out[4096]);

#endif
