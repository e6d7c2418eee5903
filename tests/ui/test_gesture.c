/* The gesture recogniser's thresholds: tap versus drag versus long press,
 * double taps, flicks and two-finger pinches. */
#include "helpers.h"
#include "ui/gesture.h"

#define SLOP 20.0f

static gesture_state g;
static gesture out;

static int setup(void **state)
{
	gesture_init(&g, SLOP);
	return 0;
}

static gesture_kind down(long long id, float x, float y, unsigned t)
{
	return gesture_down(&g, id, x, y, t, &out) ? out.kind : GESTURE_NONE;
}

static gesture_kind move(long long id, float x, float y, unsigned t)
{
	return gesture_move(&g, id, x, y, t, &out) ? out.kind : GESTURE_NONE;
}

static gesture_kind up(long long id, float x, float y, unsigned t)
{
	return gesture_up(&g, id, x, y, t, &out) ? out.kind : GESTURE_NONE;
}

static void test_a_short_touch_that_stays_put_is_a_tap(void **state)
{
	assert_int_equal(down(1, 100, 100, 0), GESTURE_PRESS);
	assert_int_equal(move(1, 105, 110, 40), GESTURE_NONE); /* within the slop */
	assert_int_equal(up(1, 105, 110, 80), GESTURE_TAP);
	assert_true(out.x == 105 && out.y == 110);
}

static void test_moving_past_the_slop_is_a_drag_not_a_tap(void **state)
{
	down(1, 100, 100, 0);
	assert_int_equal(move(1, 100 + SLOP + 1, 100, 30), GESTURE_DRAG);
	assert_true(out.dx == SLOP + 1 && out.dy == 0);
	assert_int_equal(move(1, 100, 100, 60), GESTURE_DRAG); /* back to the start: still a drag */
	assert_int_equal(up(1, 100, 100, 70), GESTURE_RELEASE);
}

static void test_a_quick_flick_has_speed_and_a_stopped_finger_has_none(void **state)
{
	down(1, 400, 200, 0);
	for (int i = 1; i <= 10; i++)
		move(1, 400 - (float)i * 40, 200, (unsigned)i * 16);
	assert_int_equal(up(1, 0, 200, 176), GESTURE_RELEASE);
	assert_true(out.vx < -1.5f);

	down(1, 400, 200, 1000);
	move(1, 200, 200, 1100);
	assert_int_equal(up(1, 200, 200, 1400), GESTURE_RELEASE); /* held still for 300 ms first */
	assert_true(out.vx == 0);
}

/* Held as long as a hand needs, a press is still a tap when let go. */
static void test_a_long_press_holds_and_then_taps_where_it_is_let_go(void **state)
{
	down(1, 10, 10, 0);
	assert_int_equal(gesture_tick(&g, 3000, &out), 1);
	assert_int_equal(out.kind, GESTURE_HOLD);
	assert_int_equal(out.held_ms, 3000);
	assert_int_equal(up(1, 10, 10, 5200), GESTURE_TAP);
	assert_int_equal(out.held_ms, 5200);
	assert_int_equal(gesture_tick(&g, 5300, &out), 0); /* nothing is held any more */
}

static void test_a_drag_does_not_hold(void **state)
{
	down(1, 10, 10, 0);
	move(1, 200, 10, 50);
	assert_int_equal(gesture_tick(&g, 3000, &out), 0);
}

static void test_two_quick_taps_in_one_place_are_a_double_tap(void **state)
{
	down(1, 300, 300, 0);
	assert_int_equal(up(1, 300, 300, 60), GESTURE_TAP);
	down(1, 305, 302, 200);
	assert_int_equal(up(1, 305, 302, 260), GESTURE_DOUBLE_TAP);
	/* A third tap starts again. */
	down(1, 305, 302, 400);
	assert_int_equal(up(1, 305, 302, 460), GESTURE_TAP);
}

static void test_taps_far_apart_in_time_or_space_are_two_taps(void **state)
{
	down(1, 300, 300, 0);
	up(1, 300, 300, 60);
	down(1, 300, 300, 600);
	assert_int_equal(up(1, 300, 300, 660), GESTURE_TAP);
	down(1, 500, 300, 700);
	assert_int_equal(up(1, 500, 300, 760), GESTURE_TAP);
}

static void test_two_fingers_moving_apart_pinch_and_make_no_tap(void **state)
{
	down(1, 300, 200, 0);
	assert_int_equal(down(2, 500, 200, 10), GESTURE_PINCH);
	assert_true(out.scale == 1 && out.x == 400);
	assert_int_equal(move(1, 200, 200, 30), GESTURE_PINCH);
	assert_int_equal(move(2, 600, 200, 30), GESTURE_PINCH);
	assert_true(out.scale == 2 && out.x == 400 && out.y == 200);
	assert_int_equal(up(1, 200, 200, 50), GESTURE_PINCH_END);
	assert_true(out.scale == 2);
	assert_int_equal(up(2, 600, 200, 60), GESTURE_NONE);
	/* Fingers moving together give a scale below 1. */
	down(1, 200, 200, 1000);
	down(2, 600, 200, 1000);
	move(1, 300, 200, 1020);
	assert_int_equal(move(2, 500, 200, 1020), GESTURE_PINCH);
	assert_true(out.scale == 0.5f);
}

static void test_a_swallowed_touch_makes_nothing_until_every_finger_is_up(void **state)
{
	down(1, 100, 100, 0);
	gesture_swallow(&g);
	assert_int_equal(move(1, 300, 100, 20), GESTURE_NONE);
	assert_int_equal(gesture_tick(&g, 2000, &out), 0);
	assert_int_equal(up(1, 300, 100, 40), GESTURE_NONE);
	assert_false(gesture_active(&g));
	assert_int_equal(down(1, 100, 100, 100), GESTURE_PRESS);
	assert_int_equal(up(1, 100, 100, 150), GESTURE_TAP);
}

static void test_unknown_and_third_fingers_are_ignored(void **state)
{
	assert_int_equal(move(7, 1, 1, 0), GESTURE_NONE);
	assert_int_equal(up(7, 1, 1, 0), GESTURE_NONE);
	down(1, 0, 0, 0);
	down(2, 100, 0, 0);
	assert_int_equal(down(3, 50, 50, 0), GESTURE_NONE);
	assert_int_equal(down(1, 0, 0, 0), GESTURE_NONE); /* already down */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_a_short_touch_that_stays_put_is_a_tap, setup),
		cmocka_unit_test_setup(test_moving_past_the_slop_is_a_drag_not_a_tap, setup),
		cmocka_unit_test_setup(test_a_quick_flick_has_speed_and_a_stopped_finger_has_none, setup),
		cmocka_unit_test_setup(test_a_long_press_holds_and_then_taps_where_it_is_let_go, setup),
		cmocka_unit_test_setup(test_a_drag_does_not_hold, setup),
		cmocka_unit_test_setup(test_two_quick_taps_in_one_place_are_a_double_tap, setup),
		cmocka_unit_test_setup(test_taps_far_apart_in_time_or_space_are_two_taps, setup),
		cmocka_unit_test_setup(test_two_fingers_moving_apart_pinch_and_make_no_tap, setup),
		cmocka_unit_test_setup(test_a_swallowed_touch_makes_nothing_until_every_finger_is_up, setup),
		cmocka_unit_test_setup(test_unknown_and_third_fingers_are_ignored, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
