#include "check.h"
#include "ui/gesture.h"

static struct yk_gesture_rec rec(void)
{
    struct yk_gesture_rec g;
    struct yk_gesture_params p = {
        .slop_px = 10, .long_press_ms = 600, .hold_ms = 3000, .fling_min_v = 300};
    yk_gesture_init(&g, &p);
    return g;
}

static void test_tap(void)
{
    struct yk_gesture_rec g = rec();
    struct yk_gesture out[4];
    CHECK_EQ_INT(yk_gesture_down(&g, 1, 100, 100, 0, out), 1);
    CHECK_EQ_INT(out[0].type, YK_G_DOWN);
    /* Small tremble within the slop is still a tap. */
    CHECK_EQ_INT(yk_gesture_move(&g, 1, 104, 103, 30, out), 0);
    int n = yk_gesture_up(&g, 1, 104, 103, 80, out);
    CHECK_EQ_INT(n, 1);
    CHECK_EQ_INT(out[0].type, YK_G_TAP);
    CHECK_EQ_INT(out[0].x, 100);
    CHECK_EQ_INT(out[0].duration_ms, 80);
    CHECK_EQ_INT(yk_gesture_deadline(&g), -1);
}

static void test_second_finger_ignored(void)
{
    struct yk_gesture_rec g = rec();
    struct yk_gesture out[4];
    yk_gesture_down(&g, 1, 10, 10, 0, out);
    CHECK_EQ_INT(yk_gesture_down(&g, 2, 300, 300, 10, out), 0);
    CHECK_EQ_INT(yk_gesture_up(&g, 2, 300, 300, 20, out), 0);
    CHECK_EQ_INT(yk_gesture_up(&g, 1, 10, 10, 40, out), 1);
    CHECK_EQ_INT(out[0].type, YK_G_TAP);
}

static void test_long_press_and_hold(void)
{
    struct yk_gesture_rec g = rec();
    struct yk_gesture out[4];
    yk_gesture_down(&g, 1, 50, 60, 1000, out);
    CHECK_EQ_INT(yk_gesture_deadline(&g), 1600);
    CHECK_EQ_INT(yk_gesture_tick(&g, 1599, out), 0);
    CHECK_EQ_INT(yk_gesture_tick(&g, 1600, out), 1);
    CHECK_EQ_INT(out[0].type, YK_G_LONG_PRESS);
    CHECK_EQ_INT(yk_gesture_deadline(&g), 4000);
    CHECK_EQ_INT(yk_gesture_tick(&g, 4000, out), 1);
    CHECK_EQ_INT(out[0].type, YK_G_HOLD);
    CHECK_EQ_INT(out[0].duration_ms, 3000);
    int n = yk_gesture_up(&g, 1, 50, 60, 4100, out);
    CHECK_EQ_INT(n, 1);
    CHECK_EQ_INT(out[0].type, YK_G_CANCEL); /* a long press is not also a tap */
}

static void test_drag_then_slow_release(void)
{
    struct yk_gesture_rec g = rec();
    struct yk_gesture out[4];
    yk_gesture_down(&g, 1, 100, 300, 0, out);
    int n = yk_gesture_move(&g, 1, 100, 280, 100, out);
    CHECK_EQ_INT(n, 2);
    CHECK_EQ_INT(out[0].type, YK_G_DRAG_BEGIN);
    CHECK_EQ_INT(out[1].type, YK_G_DRAG);
    CHECK(out[1].dy == -20.0f);
    n = yk_gesture_move(&g, 1, 100, 270, 400, out);
    CHECK_EQ_INT(n, 1);
    CHECK(out[0].dy == -10.0f);
    /* A long time still before lifting: no fling. */
    n = yk_gesture_up(&g, 1, 100, 270, 900, out);
    CHECK_EQ_INT(out[n - 1].type, YK_G_DRAG_END);
    /* A drag never fires a long press. */
    CHECK_EQ_INT(yk_gesture_tick(&g, 5000, out), 0);
}

static void test_fling_velocity(void)
{
    struct yk_gesture_rec g = rec();
    struct yk_gesture out[4];
    yk_gesture_down(&g, 1, 100, 500, 0, out);
    for (int i = 1; i <= 10; i++)
        yk_gesture_move(&g, 1, 100, 500 - 16.0f * i, 8 * i, out); /* 2000 px/s upwards */
    int n = yk_gesture_up(&g, 1, 100, 340, 80, out);              /* lifted while moving */
    CHECK_EQ_INT(out[n - 1].type, YK_G_FLING);
    CHECK(out[n - 1].vy < -1800 && out[n - 1].vy > -2200);
    CHECK(out[n - 1].vx == 0);
}

int main(void)
{
    test_tap();
    test_second_finger_ignored();
    test_long_press_and_hold();
    test_drag_then_slow_release();
    test_fling_velocity();
    return yk_test_done();
}
