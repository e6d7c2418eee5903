/* The reader's own header, for its files alone: its state and what its
 * parts ask of each other. reader.c is the screen (opening, what the
 * render service answers, keys); bars.c the bars above and below the
 * page, drawn and tapped in one place; view.c where pages go on the
 * screen (fitted to the width or whole, two side by side, scrolled, zoomed)
 * and the gestures that move them; pages.c the pages as textures, asked
 * for and turned, and their links; aloud.c reading aloud; panels.c what
 * opens over the page (the contents and page grid, the details);
 * footnote.c a footnote's card. */
#ifndef HISHATAK_UI_READER_H
#define HISHATAK_UI_READER_H

#include "ui/ui.h"

/* Pages the reader may keep as textures; how many it does keep is set by
 * memory (pages_kept in pages.c). */
#define READER_CACHE 12

struct reader_state {
	int item;
	char path[4096];
	char format[8];
	int page, page_count;     /* page from 0; count -1 until known */
	int heading;              /* +1 turning forwards, -1 back */
	int kept;                 /* pages kept as textures, up to READER_CACHE */
	SDL_Texture *tex[READER_CACHE];
	int tex_page[READER_CACHE];
	render_rect shown[READER_CACHE]; /* the part of its page each shows (cropped margins) */
	render_link *links[READER_CACHE]; /* each page's links, in its pixels */
	int link_count[READER_CACHE];
	int failed_page;          /* a page that could not be shown, or -1 */
	int request[READER_CACHE];/* pending ids, 0 free */
	int request_page[READER_CACHE];
	float slide;              /* the page strip's offset: drag and animation */
	int dragging;
	SDL_Rect area;            /* between the bars: what pages are laid out for */
	SDL_Rect view;            /* where pages are drawn: the area, or nearly all the screen with the bars hidden */
	int bars_hidden;          /* a tap in the page's middle hides them, another brings them back */
	int fit;                  /* READER_FIT_*, for a fixed-layout document */
	float zoom;               /* 1: the page fits the view (its width, or whole) */
	float pan_x, pan_y;       /* the zoomed page's centre offset, pixels (pan_y whole pages only) */
	float scroll_y;           /* fitted to the width: the current page's top this far above the view's */
	float scroll_v;           /* the scroll's fling, pixels a millisecond */
	int drag_axis;            /* READER_DRAG_*: which way this drag goes */
	float drag_dx, drag_dy;   /* how far it had gone when last seen */
	float pinch_zoom0;        /* zoom when the pinch began */
	float pinch_scale;        /* the pinch's scale so far */
	SDL_Texture *sharp;       /* the current page rendered at zoom */
	int sharp_page, sharp_request;
	float sharp_zoom;
	char highlight[256];      /* words to mark on the page (from a search) */
	int search_from_page;     /* where the visitor was when they searched in it, or -1: Back returns there */
	char search_from_highlight[256];
	int panel;                /* READER_PANEL_* open over the page */
	SDL_Texture **page_thumbs;/* the page grid's thumbnails, page_count of them */
	int *page_thumb_requests;
	ui_scroller panel_scroll;
	int slider_held;          /* a finger holds the page slider (over the page grid) */
	int slider_page;          /* the page under it */
	SDL_Texture *preview;     /* the slider's preview: a page, small, as the finger holds it there */
	int preview_page, preview_request;
	int find_request;         /* looking for the next or previous match */
	int open_passage;         /* reader_open_passage's passage, -1 once asked for */
	char **toc_titles;        /* the table of contents, as the render service gave it */
	int *toc_pages, *toc_levels, toc_count;
	unsigned char *toc_open;
	char **page_labels;       /* the document's own names for its pages (render_outline's), or NULL */
	int page_label_count;  /* an entry's parts shown (its + tapped); at first only the top level */
	int toc_request;
	float text_scale;         /* reflowable text: 1 as laid out for the screen */
	float keep_place;         /* after a text size change: where the visitor was (0-1), or -1 */
	render_link note_link;    /* the footnote mark tapped */
	int note_mark_y;          /* where on screen: the card goes clear of it */
	int note_request;
	char *note_text;          /* its note, once the render service read it */
	/* Reading aloud: the page's sentences, spoken one after another. */
	int aloud;                /* READER_ALOUD_* */
	int aloud_page;           /* the page the sentences are of, or -1 */
	int aloud_request;
	char **sentences;
	SDL_FRect *sentence_rects;/* in fractions of the page; sentence i's from rect_start[i] */
	int *rect_start;          /* sentence_count + 1 of them */
	int sentence_count;
	int sentence;             /* heard now, or -1 */
	int aloud_rate;           /* words a minute */
	int aloud_read_any;       /* this reading found text on some page */
	int aloud_turned;         /* the voice turned to this page (not the visitor) */
	int sentence_continued;   /* the page's first sentence began on the page before */
	char aloud_notice[256];   /* said over the page for a while: no text, another voice */
	Uint32 aloud_notice_until;
	int styled_contrast, styled_large_text; /* the access choices the pages were made for */
};

/* A fixed-layout page (a PDF's) fitted to the view's width with its
 * margins cropped and scrolled down into the next, or whole (two side by
 * side where they fit). A reflowable document is laid out to the view and
 * always whole. */
enum { READER_FIT_WIDTH, READER_FIT_PAGE };

enum { READER_DRAG_NONE, READER_DRAG_ACROSS, READER_DRAG_DOWN };

enum { READER_ALOUD_OFF, READER_ALOUD_LOADING, READER_ALOUD_PLAYING, READER_ALOUD_PAUSED };

enum { READER_PANEL_NONE, READER_PANEL_DETAILS, READER_PANEL_PAGES, READER_PANEL_NOTE };

/* The screen (reader.c): a document let go (another screen took the
 * reader's place, or the list of items changed). */
void reader_close(kiosk *k);

/* The screen (reader.c), for the bars: the text a size larger or
 * smaller (step +1 or -1), the next or previous page with a marked word,
 * and the page again without marks. */
void reader_resize_text(kiosk *k, int step);
/* A pinch's end on reflowed text: the text size nearest to the pinch's
 * scale, laid out again (the page grows under the fingers meanwhile). */
void reader_pinch_text(kiosk *k, float scale);
void reader_find_match(kiosk *k, int from, int step);
void reader_unmark(kiosk *k);
/* Search in this document, remembering the page the visitor was on. */
void reader_search_within(kiosk *k);

/* The bars (bars.c), drawn with their buttons, which do what they say
 * when tapped (as they are drawn). */
int reader_bar_h(const kiosk *k);
int reader_marks_h(const kiosk *k);   /* the bar of marked words, or 0 */
void reader_draw_bars(kiosk *k);

/* Where pages go (view.c). */
int reader_fixed(const kiosk *k);     /* a fixed-layout document (not reflowable) */
int reader_fits_width(const kiosk *k);
/* Pages shown at once: two side by side where they fit (whole pages on
 * a wide view, unzoomed), else one. */
int reader_spread(kiosk *k);
/* The view from the area and the bars, and what is scrolled kept in it. */
void reader_set_view(kiosk *k);
/* The whole page, or back to the width: pages made anew for it. */
void reader_set_fit(kiosk *k, int fit);
void reader_draw_pages(kiosk *k);
/* A tap on the page: a link, a page turned at its outer quarters, the
 * bars hidden or shown in its middle. */
void reader_page_tap(kiosk *k, float x, float y);
/* Drags (scrolling, panning, swiping to turn) and pinches. */
void reader_view_touch(kiosk *k, const gesture *g);
/* Each frame: a fling's scroll carries on. 1 while it does. */
int reader_view_update(kiosk *k, Uint32 dt);
SDL_Rect reader_page_on_screen(kiosk *k, int page, SDL_Texture *tex, int x_offset);
/* Where the whole page would be when only the part of it its texture
 * shows is on screen at dst: for what is placed in fractions of a page. */
SDL_FRect reader_whole_page_at(kiosk *k, int page, SDL_Rect dst);
/* Scrolls the page fitted to the width so that the part of the current
 * page from top to bottom (fractions of it) is in view, a sixth of the
 * view from its top, unless it is in view already or the visitor is
 * scrolling. */
void reader_show_part(kiosk *k, float top, float bottom);
void reader_clamp_pan(kiosk *k);
void reader_zoom_at(kiosk *k, float z, float x, float y);

/* Pages (pages.c). The area between the bars, and how many pages are
 * kept for it, made anew (a new size, the text size, marked words). */
void reader_relayout(kiosk *k);
void reader_drop_pages(kiosk *k);
void reader_drop_sharp(kiosk *k);
void reader_unzoom(kiosk *k);
SDL_Texture *reader_page_texture(kiosk *k, int page);
/* Asks for the current page and its neighbours not yet there. */
void reader_request_around(kiosk *k);
void reader_turn(kiosk *k, int delta);
/* A turn by what is shown at once (one page, or two side by side): dir +1 or -1. */
void reader_turn_spread(kiosk *k, int dir);
/* To another page at once: a jump, not a turn, so no slide. */
void reader_jump_to(kiosk *k, int page);
/* The part of its page a texture shows (its margins cropped, or all). */
render_rect reader_page_part(kiosk *k, int page);
void reader_request_sharp(kiosk *k);
int reader_link_at(kiosk *k, float x, float y, render_link *out);
/* A page or a sharp zoom the render service finished: 1 when it was one. */
int reader_pages_on_render(kiosk *k, render_result *res);

/* Reading aloud (aloud.c). */
void reader_start_reading(kiosk *k);
void reader_stop_reading(kiosk *k);
/* Asks for the current page's sentences, to read them once they come. */
void reader_ask_sentences(kiosk *k);
void reader_on_sentences(kiosk *k, render_result *res);
/* Each frame: the sentence heard marked, the page turned after its last. */
void reader_aloud_follow(kiosk *k);
void reader_draw_sentence(kiosk *k, int x_offset);
void reader_draw_aloud_bar(kiosk *k);
void reader_draw_aloud_notice(kiosk *k);

/* Over the page (panels.c). */
void reader_drop_toc(kiosk *k);
/* Page's name (from 0) as the document prints it where it has labels
 * ("xii", "12"), else its number from 1. */
void reader_page_name(const kiosk *k, int page, char *out, size_t size);
/* Where the visitor is, for the bottom bar's counter and the slider:
 * "40 / 261", or with a label "12 (40 / 261)". */
void reader_page_where(const kiosk *k, int page, char *out, size_t size);
/* Closes what is open over the page and lets go of what it held. */
void reader_close_panel(kiosk *k);
/* The contents (when the document has any) and the page grid. */
void reader_open_pages(kiosk *k);
void reader_draw_panel(kiosk *k);
/* The panel's scrolling, and its closing (its ×, a tap beside it). */
void reader_panel_touch(kiosk *k, const gesture *g);
/* footnote.c: a link followed, the card of the note it leads to. */
void reader_follow_link(kiosk *k, render_link link, float y);
void reader_draw_note(kiosk *k);
void reader_go_to_note(kiosk *k);
/* The contents, a page thumbnail or a note the render service finished:
 * 1 when it was one. */
int reader_panels_on_render(kiosk *k, render_result *res);

#endif
