/* The kiosk's state, shared by its screens. The UI knows SDL, the core's
 * plain C API (items, the data folder) and the render service; never SQL or
 * MuPDF types. */
#ifndef HISHATAK_UI_H
#define HISHATAK_UI_H

#include "core/clock.h"
#include "core/data.h"
#include "core/finder.h"
#include "core/guide.h"
#include "core/settings.h"
#include "core/usage.h"
#include "render/render.h"
#include "ui/aloud.h"
#include "ui/gesture.h"
#include "ui/screen.h"
#include "ui/text.h"

#include <SDL.h>


/* A list that scrolls with a finger and carries on after a flick. */
typedef struct {
	float offset, velocity;   /* pixels, pixels per ms */
	float max;                /* set by the screen when it lays out */
	float last;               /* the drag's previous offset along the axis */
} ui_scroller;




/* Each screen's state is its own (defined in its file). */
typedef struct home_state home_state;
typedef struct browse_state browse_state;
typedef struct timeline_state timeline_state;
typedef struct topics_state topics_state;
typedef struct search_state search_state;
typedef struct note_state note_state;
typedef struct cover_state cover_state;
typedef struct import_state import_state;
typedef struct pin_state pin_state;
typedef struct admin_state admin_state;
typedef struct reader_state reader_state;
typedef struct attract_state attract_state;
typedef struct player_state player_state;

/* A place to touch, as drawn this frame. */
typedef struct {
	SDL_Rect r;
	char said[256];           /* its label, said when held with "speak buttons" on */
	int lang;                 /* the label's language (strings_langs), or -1: the visitor's */
} ui_touch_target;

/* The visitor's own choices in the access panel, back to Admin's when the
 * kiosk goes idle. */
typedef struct {
	int panel;                /* the panel is open over the screen */
	int large_text, contrast, speak_buttons;
	int loudness;             /* 0 quiet, 1 as set in Admin, 2 loud */
	int said;                 /* this touch's label has been said */
	ui_scroller scroll;       /* the panel's rows, on a screen too short for them */
} access_state;


struct kiosk {
	SDL_Window *window;
	SDL_Renderer *renderer;
	int w, h;
	float u;                  /* size unit: 1 on an 800x480 screen */
	float dpi;                /* of the display (or --dpi) */
	float text_scale;         /* 1, or more with the large-text setting */
	ui_text *text;
	render_service *render;
	data_folder *data;
	kiosk_settings settings;
	time_t clock_floor;       /* the clock is wrong before this (clock_floor), e.g. after a boot without time */
	char notice[256];         /* why the archive could not be opened */
	item *items;
	int item_count;
	int items_partial;        /* only the newest, for Home's first frame (kiosk.c) */
	guide guide;              /* the archive's name, topics' labels, collections (kiosk_items_changed) */
	int frames_drawn;
	int lang;                 /* index into strings_langs */
	screen_id screen;         /* shown now; written by nav.c alone */
	screen_id history[16];    /* where back goes */
	int history_count;
	Uint32 now;               /* the kiosk's clock, ms */
	Uint32 last_input;
	int locked;               /* full screen kiosk: nothing but Admin quits */
	int quit;
	gesture_state gestures;
	struct {
		int down, moved;      /* a finger is down; it has become a drag */
		float x0, y0;         /* where it went down: the pressed state */
	} touch;
	struct {
		int pending;          /* a tap for the buttons the screen draws next */
		float x, y;
		screen_id screen;     /* the screen it was made on */
	} tap;
	int *by_id;               /* item indexes in id order, for kiosk_item_index */
	SDL_Texture **thumbs;     /* per item, NULL until rendered */
	int *thumb_request;       /* per item: pending request id, 0 none, -1 failed */
	Uint32 *thumb_used;       /* per item: when last drawn */
	int thumb_count;          /* the items those three were made for */
	int thumbs_loaded;        /* textures held: the oldest go past THUMBS_KEPT */
	home_state *home;         /* the screens' own, made by their init */
	browse_state *browse;
	timeline_state *timeline;
	topics_state *topics;
	search_state *search;
	reader_state *reader;
	note_state *note;
	cover_state *cover;
	import_state *import;
	attract_state *attract;
	pin_state *pin;
	admin_state *admin;
	player_state *player;
	access_state access;
	aloud *aloud;             /* reading aloud, or NULL (aloud_error says why) */
	usage *usage;             /* the anonymous counts for the staff's report (usage.h) */
	char last_stick[4096];    /* the root of the stick mounted last: where Admin saves the report */
	char aloud_error[256];
	int scripted;             /* run by a script: the import goes in step with frames */
	int check_layout;         /* report touch targets that overlap or are too small, labels cut; 2: any text cut */
	FILE *stats;              /* --stats: a line of timings each frame */
	Uint64 stats_origin;
	ui_touch_target targets[192]; /* this frame's: for that check and for speak buttons */
	int target_count;
};

/* Colours of the kiosk: the usual ones, or high contrast for the visitor
 * who asked (ui_set_contrast). */
typedef struct {
	SDL_Color ink, muted;     /* text */
	SDL_Color paper, card;    /* the screen, and cards on it */
	SDL_Color shade;          /* around pages, under the keyboard */
	SDL_Color dusk;           /* behind a card that asks for attention (a note, an import) */
	SDL_Color navy, navy_soft;/* bars and filled buttons; buttons on a bar */
	SDL_Color on_navy;        /* text on those */
	SDL_Color accent, line;   /* kinds, the pressed state; rules */
	SDL_Color edge;           /* the outline that shows a pale control is a button */
	SDL_Color mark, mark_soft;/* words found; the bar that says so */
	SDL_Color spoken, spoken_rule; /* the sentence read aloud (translucent), its rule */
} ui_colours;

extern const ui_colours *ui_palette;
void ui_set_contrast(int high);

#define UI_INK (ui_palette->ink)
#define UI_MUTED (ui_palette->muted)
#define UI_PAPER (ui_palette->paper)
#define UI_CARD (ui_palette->card)
#define UI_SHADE (ui_palette->shade)
#define UI_DUSK (ui_palette->dusk)
#define UI_NAVY (ui_palette->navy)
#define UI_NAVY_SOFT (ui_palette->navy_soft)
#define UI_ON_NAVY (ui_palette->on_navy)
#define UI_ACCENT (ui_palette->accent)
#define UI_LINE (ui_palette->line)
#define UI_EDGE (ui_palette->edge)
#define UI_MARK (ui_palette->mark)
#define UI_MARK_SOFT (ui_palette->mark_soft)

/* How much larger Larger text is (issue 21: at least half as large again). */
#define UI_LARGE_TEXT 1.5f

/* Sizes grow with the screen; text sizes with the large-text setting too. */
int ui_px(const kiosk *k, float px);
int ui_font(const kiosk *k, float px);
/* The smallest size text of size may step down to, to fit: a fifth less
 * (Larger text may give back its extra size), never below 16 units. */
int ui_smallest(const kiosk *k, int size);
/* The smallest touch target: 9 mm on this display. */
int ui_target_px(const kiosk *k);

void ui_fill(kiosk *k, SDL_Rect r, SDL_Color c);
void ui_round_rect(kiosk *k, SDL_Rect r, int radius, SDL_Color c);
/* tex drawn whole in box, keeping its shape, centred. */
void ui_copy_fitted(kiosk *k, SDL_Texture *tex, SDL_Rect box);
/* A large button; style 0 filled navy, 1 outlined, 2 a quiet chip, 3 the
 * chosen chip. Shows its pressed state while a finger is on it. On a
 * screen whose buttons are tapped as they are drawn (SCREEN_TAPS_IN_DRAW),
 * 1 when the tap of this frame was on it (it is then used up). */
int ui_button(kiosk *k, SDL_Rect r, const char *label, int style);
/* The same, heard (hold to hear) and tapped by said: "Close" for "×  Close". */
int ui_button_said(kiosk *k, SDL_Rect r, const char *label, const char *said, int style);
/* The same with its words at size (a row of buttons at one size: the
 * least of their ui_button_words_size, the size at which each fits on one line). */
int ui_button_sized(kiosk *k, SDL_Rect r, const char *label, const char *said, int style, int size);
int ui_button_words_size(kiosk *k, SDL_Rect r, const char *label);
/* A touch target's label in box, centred on its height: smaller (to four
 * fifths) or on two lines rather than cut; cut, it is a layout error. */
void ui_label(kiosk *k, const char *label, SDL_Rect box, int size, SDL_Color ink, int align);
/* The size, from size down to ui_smallest, at which s wrapped in box.w is
 * no taller than box.h (the smallest when none is). */
int ui_fit_size(kiosk *k, const char *s, SDL_Rect box, int size, int bold);
/* True when every word of s fits in w at size (bold), and all of it in lines lines. */
int ui_fits(kiosk *k, const char *s, int w, int size, int lines);
/* The size, from size down to ui_smallest, at which s fits in lines lines
 * of w (the smallest when none is): smaller rather than cut. */
int ui_fit_width(kiosk *k, const char *s, int w, int size, int lines);
/* The same for a target drawn some other way: 1 when this frame's tap was
 * in r, which uses it up. Never on other screens: their touch() hit-tests. */
int ui_tapped(kiosk *k, SDL_Rect r);
/* 1 when this frame's tap was outside r (around a panel's card), which
 * uses it up. */
int ui_tapped_outside(kiosk *k, SDL_Rect r);
/* Sets this frame's tap aside while what is drawn next must not take it:
 * the parts of a list scrolled under a bar (a tap outside area), a screen
 * under a panel (an empty area). Returns whether it did; ui_tap_back with
 * that gives the tap back to what is drawn after. */
int ui_tap_aside(kiosk *k, SDL_Rect area);
void ui_tap_back(kiosk *k, int aside);
/* Registers a touch target drawn some other way (for the layout check);
 * ui_target_said with the label a held finger hears (speak buttons). */
void ui_target(kiosk *k, SDL_Rect r);
void ui_target_said(kiosk *k, SDL_Rect r, const char *label, int lang);
/* Forgets the targets registered since index from that are not wholly in
 * area: scrolled partly out of view, they are not laid out wrong. */
void ui_targets_within(kiosk *k, int from, SDL_Rect area);
/* True while a finger that went down in r is still down and has not moved. */
int ui_pressed(const kiosk *k, SDL_Rect r);
int ui_hit(SDL_Rect r, float x, float y);
/* The Back button of the top bars; 1 when tapped (as ui_button). */
int ui_back_button(kiosk *k, SDL_Rect r);
/* The same, its arrow alone (a crowded bar; a held finger still hears "Back"). */
int ui_back_arrow(kiosk *k, SDL_Rect r);
/* The Home button beside a bar's Back (back its place): goes home through
 * navigation; 1 when tapped. */
SDL_Rect ui_home_rect(kiosk *k, SDL_Rect back);
int ui_home_button(kiosk *k, SDL_Rect r);
/* Words that run on below a scrolled area fade out into c over its last
 * r.h pixels, rather than stop cut through a line: there is more. */
void ui_fade_out(kiosk *k, SDL_Rect r, SDL_Color c);
/* Darkens the screen under a panel; the targets under it are forgotten. */
void ui_dim(kiosk *k);
/* The top bar every screen but the reader has: back (unless on Home), a
 * title, the language buttons. Returns where the screen's content begins:
 * the bar's height, or below the band of a title with no room in it. On a screen that takes
 * its taps as drawn, the bar acts on its own (back, a language). */
int ui_header(kiosk *k, const char *title);
/* Where the screen's own content begins under ui_header(title). */
int ui_header_bottom(kiosk *k, const char *title);
int ui_header_height(const kiosk *k);
/* True when title fits in the bar whole (smaller, on two lines, Back and
 * Home as signs): a screen that shows it elsewhere may leave it out. */
int ui_header_fits(kiosk *k, const char *title);
/* Where the bar's title goes, between back and the languages. */
SDL_Rect ui_header_title_rect(kiosk *k);
/* The language buttons in a row ending at right, vertically centred in a
 * bar of height bar_h starting at y, with the access button at their left;
 * returns the row's left edge. */
int ui_lang_buttons(kiosk *k, int right, int y, int bar_h, int draw);

/* Scrolling (scroll.c): drag moves by dy (or dx), release flings, update decays. */
void ui_scroll_drag(ui_scroller *s, float d);
void ui_scroll_release(ui_scroller *s, float v);
void ui_scroll_update(ui_scroller *s, Uint32 dt);
int ui_scroll_busy(const ui_scroller *s);
/* The scroller takes drags and releases along y (or x); 1 when it did. */
int ui_scroll_touch(ui_scroller *s, const gesture *g, int horizontal);

/* "November 2022", "2023" ... in the kiosk's language. */
void ui_format_date(const kiosk *k, const char *date, char out[64]);
const char *ui_kind_label(const kiosk *k, item_kind kind);
const char *ui_kind_plural(const kiosk *k, item_kind kind);
/* The kind's name as it follows a count of n: "articles", "статьи". */
void ui_kind_counted(const kiosk *k, item_kind kind, int n, char *out, size_t size);
/* The name of a language (its code, "en") in the visitor's language, or
 * the code where the strings have no name for it. */
const char *ui_language_name(const kiosk *k, const char *code, char out[64]);
const char *ui_str(const kiosk *k, const char *key);
/* The item's title in the visitor's language. */
const char *ui_title(const kiosk *k, int index);
/* fmt with its first %d replaced by a and the second by b (translations are
 * data, so never a printf format). */
void ui_format_numbers(const char *fmt, int a, int b, char *out, size_t size);
/* fmt with its %s replaced by value (the same reason: never printf). */
void ui_format_text(const char *fmt, const char *value, char *out, size_t size);
/* "3 documents" from key (key_one, key_few: the language's plural forms). */
void ui_count_text(const kiosk *k, const char *key, int n, char *out, size_t size);
/* A count with the language's digit grouping: 12,345 / 12 345. */
void ui_format_count(const kiosk *k, long long n, char out[32]);

/* Thumbnails of first pages, made lazily and cached on disk; items with a
 * content note get a calm card with their kind instead. */
void thumb_draw(kiosk *k, int index, SDL_Rect box);
void thumbs_on_render(kiosk *k, render_result *res);
void thumbs_free(kiosk *k);

/* A card for an item in a list: thumbnail, kind and date, title, authors. */
int ui_item_card(kiosk *k, int index, SDL_Rect r);
/* The item's language across the foot of its picture (box). */
void ui_language_band(kiosk *k, int index, SDL_Rect box);
/* The item's language as a pill ending at right, its top at y (a search
 * result has no picture to carry the band); its place. */
SDL_Rect ui_language_pill(kiosk *k, int index, int right, int y);
/* "Article  ·  October 2023": its kind and date. */
void ui_item_meta(kiosk *k, int index, char out[160]);

/* The loop, for the script driver: one frame of dt ms (events, finished
 * renders, animation, drawing); true while renders or animations run. */
void kiosk_frame(kiosk *k, Uint32 dt);
int kiosk_busy(kiosk *k);
/* The kiosk's own events, as a tap or a stick would make them; text is
 * copied (an item id, a mount point) or NULL. */
enum { KIOSK_EVENT_OPEN, KIOSK_EVENT_BACK, KIOSK_EVENT_USB };
void kiosk_push_event(int code, const char *text);
/* The screen shown, as `expect` names it. */
const char *kiosk_screen_name(const kiosk *k);

/* What the archive tells visitors, in the visitor's language (English
 * where a translation is missing): a topic's label (the topic as written
 * when the archive's list has none), the archive's name and introduction
 * (NULL when it has none), a collection's title and introduction. */
const char *ui_topic(const kiosk *k, const char *topic);
const char *ui_archive_name(const kiosk *k);
const char *ui_archive_intro(const kiosk *k);
const char *ui_collection_title(const kiosk *k, const guide_collection *c);
const char *ui_collection_intro(const kiosk *k, const guide_collection *c);
/* True when the collection with this id holds the item. */
int ui_in_collection(const kiosk *k, const char *collection, const char *item_id);

/* The list of items was read anew (an import): the kiosk's index of
 * them and the thumbnails; the screens are told by nav_items_changed. */
void kiosk_items_changed(kiosk *k);
/* Writes the usage counts so far into the catalogue (as the day's sums):
 * when the kiosk goes back to its attract screen, when Admin opens, at the
 * end. */
void kiosk_usage_flush(kiosk *k);
/* The index of the item with this id, or -1. */
int kiosk_item_index(kiosk *k, const char *id);
/* Reads an item's summary and source, which the list leaves out. */
void kiosk_item_details(kiosk *k, int index);
/* Path of an item's document in the store. */
void kiosk_doc_path(const kiosk *k, int index, char out[4096]);

/* The item Search searches in, or -1: the whole archive. */
int search_within(const kiosk *k);
/* The item the content note shown is of. */
int note_item(const kiosk *k);
/* The item whose cover is shown. */
int cover_item(const kiosk *k);
/* True within the opening hours set in Admin: outside them the screen is
 * dark and the kiosk silent. */
int kiosk_open_now(const kiosk *k);
/* The volume of speech now: Admin's, as the visitor made it louder or
 * quieter; 0 outside the opening hours. */
int kiosk_volume(const kiosk *k);
/* The catalogue's quick check, started once the archive is open (Admin
 * shows what it finds); interrupted at the end when still running. */
void admin_check_start(kiosk *k);

/* True when the current page's pixels are on screen (not "Loading"). */
int reader_page_shown(kiosk *k);
/* True while the reader reads aloud: a visitor who listens does not touch. */
int reader_listening(const kiosk *k);
/* The item the reader has (or had) open, and its page. */
int reader_item(const kiosk *k);
int reader_page(const kiosk *k);

/* Access for every visitor (ui/access.c): the button beside the languages
 * on every bar opens a panel of larger text, high contrast, spoken buttons
 * and loudness. */
/* worded: with its word too (Home, where the bar has room). */
SDL_Rect access_button_rect(const kiosk *k, int right, int y, int bar_h, int worded);
void access_button_draw(kiosk *k, SDL_Rect r, int worded);
void access_open(kiosk *k);
void access_draw(kiosk *k);
/* 1 when the panel took the gesture (it is open). */
int access_touch(kiosk *k, const gesture *g);
/* A finger held still: with speak buttons on, says what is under it. */
void access_hold(kiosk *k, const gesture *g);
/* Back to Admin's settings (start-up, idle, Admin changed them). */
void access_reset(kiosk *k);
/* Says text in lang (a strings_langs code) at the kiosk's volume, in place
 * of whatever was being said. */
void kiosk_say(kiosk *k, const char *lang, const char *text);

/* A stick holding path was mounted: its bundles are applied, on the Import
 * screen (nothing happens when it holds none). */
void import_begin(kiosk *k, const char *path);
/* Each frame: the import's progress, its end. */
void import_update(kiosk *k);
/* True while an import changes the archive. */
int import_running(const kiosk *k);
/* Watches for newly mounted sticks; each becomes an SDL user event of
 * event_type with code and the mount point (malloc'ed) in data1. */
void import_watch_start(Uint32 event_type, Sint32 code);
void import_watch_stop(void);

#endif
