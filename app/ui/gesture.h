/* The gesture recogniser: raw finger events in, taps, double taps, drags,
 * holds and two-finger pinches out. Plain C with no SDL, so that its
 * thresholds can be tested on their own. Coordinates are pixels, times ms. */
#ifndef HISHATAK_GESTURE_H
#define HISHATAK_GESTURE_H

typedef enum {
	GESTURE_NONE,
	GESTURE_PRESS,      /* a finger went down (draw the pressed state) */
	GESTURE_TAP,        /* a touch that stayed put, however long (held_ms) */
	GESTURE_DOUBLE_TAP, /* a second tap soon after and near the first */
	GESTURE_DRAG,       /* one finger moving: dx, dy from where it went down */
	GESTURE_RELEASE,    /* the end of a drag, with the finger's speed */
	GESTURE_HOLD,       /* a finger staying put, held_ms so far (each tick) */
	GESTURE_PINCH,      /* two fingers: scale of their distance, around x, y */
	GESTURE_PINCH_END
} gesture_kind;

typedef struct {
	gesture_kind kind;
	float x, y;        /* the finger, or the pinch's centre */
	float x0, y0;      /* where the touch began */
	float dx, dy;      /* drag: from x0, y0 */
	float vx, vy;      /* release: pixels per ms */
	float scale;       /* pinch: distance now over distance at the start */
	unsigned held_ms;  /* hold */
} gesture;

typedef struct {
	long long id;
	int down;
	float x, y;
} gesture_finger;

typedef struct {
	float slop;             /* how far a tap may wander */
	unsigned tap_ms;        /* a longer touch is not a tap */
	unsigned double_ms;     /* the most time between the taps of a double tap */
	gesture_finger f[2];
	float x0, y0, d0;       /* start of the touch; of the pinch */
	unsigned t0, t_last;
	float vx, vy;
	int dragging, pinching, swallowed;
	unsigned last_tap_t;
	float last_tap_x, last_tap_y;
	int have_last_tap;
} gesture_state;

/* slop in pixels (9 mm or so). */
void gesture_init(gesture_state *g, float slop);

/* Each returns 1 and fills out when the event makes a gesture. */
int gesture_down(gesture_state *g, long long id, float x, float y, unsigned now, gesture *out);
int gesture_move(gesture_state *g, long long id, float x, float y, unsigned now, gesture *out);
int gesture_up(gesture_state *g, long long id, float x, float y, unsigned now, gesture *out);
/* Once a frame: GESTURE_HOLD while one finger stays down and put. */
int gesture_tick(gesture_state *g, unsigned now, gesture *out);

/* The touch under way makes no more gestures until every finger is up
 * (the touch that wakes the screen must not act on what lies under it). */
void gesture_swallow(gesture_state *g);

/* True while a finger is down. */
int gesture_active(const gesture_state *g);

#endif
