/* The gesture recogniser. One finger: press, then tap, drag or hold; a
 * second finger turns the touch into a pinch until every finger is up. */
#include "ui/gesture.h"

#include <math.h>
#include <string.h>

void gesture_init(gesture_state *g, float slop)
{
	memset(g, 0, sizeof *g);
	g->slop = slop;
	g->tap_ms = 800;
	g->double_ms = 350;
}

static int fingers_down(const gesture_state *g)
{
	return g->f[0].down + g->f[1].down;
}

int gesture_active(const gesture_state *g)
{
	return fingers_down(g) > 0;
}

void gesture_swallow(gesture_state *g)
{
	if (gesture_active(g))
		g->swallowed = 1;
}

static gesture_finger *finger(gesture_state *g, long long id)
{
	for (int i = 0; i < 2; i++)
		if (g->f[i].down && g->f[i].id == id)
			return &g->f[i];
	return NULL;
}

static float spread(const gesture_state *g)
{
	return hypotf(g->f[0].x - g->f[1].x, g->f[0].y - g->f[1].y);
}

static void fill(const gesture_state *g, gesture_kind kind, float x, float y, gesture *out)
{
	memset(out, 0, sizeof *out);
	out->kind = kind;
	out->x = x;
	out->y = y;
	out->x0 = g->x0;
	out->y0 = g->y0;
	out->dx = x - g->x0;
	out->dy = y - g->y0;
	out->vx = g->vx;
	out->vy = g->vy;
	out->scale = 1;
}

static void pinch_centre(const gesture_state *g, float *x, float *y)
{
	*x = (g->f[0].x + g->f[1].x) / 2;
	*y = (g->f[0].y + g->f[1].y) / 2;
}

int gesture_down(gesture_state *g, long long id, float x, float y, unsigned now, gesture *out)
{
	int n = fingers_down(g);
	if (n == 2 || finger(g, id))
		return 0;
	gesture_finger *f = g->f[0].down ? &g->f[1] : &g->f[0];
	f->id = id;
	f->down = 1;
	f->x = x;
	f->y = y;
	if (n == 0) {
		g->x0 = x;
		g->y0 = y;
		g->t0 = g->t_last = now;
		g->vx = g->vy = 0;
		g->dragging = g->pinching = g->swallowed = 0;
		fill(g, GESTURE_PRESS, x, y, out);
		return 1;
	}
	if (g->swallowed)
		return 0;
	/* A second finger: from now on this touch is a pinch. */
	g->pinching = 1;
	g->d0 = spread(g);
	if (g->d0 < 1)
		g->d0 = 1;
	g->dragging = 0;
	pinch_centre(g, &x, &y);
	fill(g, GESTURE_PINCH, x, y, out);
	return 1;
}

int gesture_move(gesture_state *g, long long id, float x, float y, unsigned now, gesture *out)
{
	gesture_finger *f = finger(g, id);
	if (!f)
		return 0;
	if (!g->pinching && now > g->t_last) {
		/* Smoothed speed, for flicks. */
		float dt = (float)(now - g->t_last);
		g->vx = 0.5f * g->vx + 0.5f * (x - f->x) / dt;
		g->vy = 0.5f * g->vy + 0.5f * (y - f->y) / dt;
	}
	f->x = x;
	f->y = y;
	g->t_last = now;
	if (g->swallowed)
		return 0;
	if (g->pinching) {
		if (fingers_down(g) < 2)
			return 0;
		float cx, cy;
		pinch_centre(g, &cx, &cy);
		fill(g, GESTURE_PINCH, cx, cy, out);
		out->scale = spread(g) / g->d0;
		return 1;
	}
	if (!g->dragging && hypotf(x - g->x0, y - g->y0) > g->slop)
		g->dragging = 1;
	if (!g->dragging)
		return 0;
	fill(g, GESTURE_DRAG, x, y, out);
	return 1;
}

int gesture_up(gesture_state *g, long long id, float x, float y, unsigned now, gesture *out)
{
	gesture_finger *f = finger(g, id);
	if (!f)
		return 0;
	/* A finger that stopped before lifting is not a flick. */
	int same = x == f->x && y == f->y, stopped = same && now - g->t_last > 100;
	if (!same)
		gesture_move(g, id, x, y, now, out);
	f->down = 0;
	int left = fingers_down(g);
	if (g->swallowed)
		return 0;
	if (g->pinching) {
		if (left == 1) {
			float cx = (g->f[0].x + g->f[1].x) / 2, cy = (g->f[0].y + g->f[1].y) / 2;
			fill(g, GESTURE_PINCH_END, cx, cy, out);
			out->scale = spread(g) / g->d0;
			return 1;
		}
		return 0; /* the last finger of a pinch does nothing */
	}
	if (g->dragging) {
		if (stopped)
			g->vx = g->vy = 0;
		fill(g, GESTURE_RELEASE, x, y, out);
		return 1;
	}
	if (now - g->t0 > g->tap_ms) {
		/* A press held long is still a tap where it was let go (older
		 * hands, a tremor), but never the second of a double tap. */
		fill(g, GESTURE_TAP, x, y, out);
		out->held_ms = now - g->t0;
		g->have_last_tap = 0;
		return 1;
	}
	int is_double = g->have_last_tap && now - g->last_tap_t <= g->double_ms &&
			hypotf(x - g->last_tap_x, y - g->last_tap_y) <= 2 * g->slop;
	fill(g, is_double ? GESTURE_DOUBLE_TAP : GESTURE_TAP, x, y, out);
	/* A third tap starts a new pair. */
	g->have_last_tap = !is_double;
	g->last_tap_t = now;
	g->last_tap_x = x;
	g->last_tap_y = y;
	return 1;
}

int gesture_tick(gesture_state *g, unsigned now, gesture *out)
{
	if (fingers_down(g) != 1 || g->dragging || g->pinching || g->swallowed)
		return 0;
	const gesture_finger *f = g->f[0].down ? &g->f[0] : &g->f[1];
	fill(g, GESTURE_HOLD, f->x, f->y, out);
	out->held_ms = now - g->t0;
	return 1;
}
