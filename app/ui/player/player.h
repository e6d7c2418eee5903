/* The player's own header, for its files alone: its state and what its
 * parts ask of each other. player.c is the screen (opening a recording,
 * its layout, touch and keys); transcript.c the transcript that follows
 * the voice; picture.c the picture with its captions and the bar of
 * controls; marks.c the chapters and content notes. */
#ifndef HISHATAK_UI_PLAYER_H
#define HISHATAK_UI_PLAYER_H

#include "ui/ui.h"
#include "ui/panel.h"
#include "ui/playback.h"
#include "core/catalog_recordings.h"
#include "core/subtitles.h"

#define MAX_TRACKS 8

struct player_state {
	int item;
	playback *pb;
	catalog_recording rec;
	subtitles tracks[MAX_TRACKS];
	int track_count;
	SDL_Texture *poster;
	SDL_Texture *picture;     /* the video's picture now (YUV), once one has come */
	ui_scroller scroll;
	int follow;               /* the transcript scrolls with the voice */
	int spoken;               /* the cue last marked */
	int scrubbing;            /* a finger holds the scrub bar */
	long long scrub_ms;
	/* Where each cue of the shown track begins, for this width and text size. */
	int *cue_top, cue_count, laid_track, laid_w, laid_size, content_h;
	segments chapters;        /* the recording's segments, each in its languages */
	catalog_note *notes;      /* its content notes, each in its languages */
	int note_count;
	unsigned char *answered;  /* by note seq: the visitor chose to play or skip it */
	int note_seqs;
	int note_shown;           /* the note seq whose card is up, or -1 */
	int chapters_open;
	ui_scroller chapters_scroll;
	int captions_off;         /* the visitor turned the captions over a video off */
};

typedef struct {
	SDL_Rect picture, transcript, scrub, play, back10, follow, chapters;
	int bar_top;
} player_layout;

/* player.c */
player_layout player_layout_of(const kiosk *k);
/* Plays from ms and has the transcript follow the voice again. */
void player_play_from(kiosk *k, long long ms);

/* transcript.c: the shown track's cues; a tap on one plays from it. */
void player_draw_transcript(kiosk *k, const player_layout *l, int track, long long at);

/* picture.c */
void player_draw_picture(kiosk *k, const player_layout *l, int track, long long at, int failed);
void player_draw_bar(kiosk *k, const player_layout *l, long long at);
/* The time under x on the scrub bar. */
long long player_scrub_time(const kiosk *k, const player_layout *l, float x);

/* marks.c */
void player_draw_marks(kiosk *k, SDL_Rect s, int track_h);
ui_panel player_chapters_panel(const kiosk *k);
void player_draw_chapters(kiosk *k, long long at);
void player_draw_note(kiosk *k, const player_layout *l);
/* Just before a passage with a note, pauses and asks. */
void player_check_notes(kiosk *k);

#endif
