/* A list that scrolls with a finger and carries on after a flick,
 * slowing as it goes (ui_scroller, ui.h). */
#include "ui/ui.h"

void ui_scroll_drag(ui_scroller *s, float d)
{
	s->offset -= d;
	s->velocity = 0;
}

void ui_scroll_release(ui_scroller *s, float v)
{
	s->velocity = -v; /* carries on at the finger's speed */
}

void ui_scroll_update(ui_scroller *s, Uint32 dt)
{
	if (s->velocity != 0) {
		s->offset += s->velocity * (float)dt;
		s->velocity *= SDL_powf(0.995f, (float)dt);
		if (SDL_fabsf(s->velocity) < 0.02f)
			s->velocity = 0;
	}
	if (s->offset < 0 || s->offset > s->max) {
		s->offset = s->offset < 0 ? 0 : s->max;
		s->velocity = 0;
	}
}

int ui_scroll_busy(const ui_scroller *s)
{
	return s->velocity != 0;
}

int ui_scroll_touch(ui_scroller *s, const gesture *g, int horizontal)
{
	float d = horizontal ? g->dx : g->dy;
	switch (g->kind) {
	case GESTURE_PRESS:
		s->velocity = 0;
		s->last = 0;
		return 0;
	case GESTURE_DRAG:
		ui_scroll_drag(s, d - s->last);
		s->last = d;
		return 1;
	case GESTURE_RELEASE:
		ui_scroll_release(s, horizontal ? g->vx : g->vy);
		s->last = 0;
		return 1;
	default:
		return 0;
	}
}
