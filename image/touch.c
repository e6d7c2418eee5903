/* hishatak-touch: a virtual multitouch screen for make image-test.
 *
 * Inside the booted image (as root) it makes a touch screen with
 * /dev/uinput, as the official Pi displays and common USB panels are: the
 * multitouch type B protocol (slots, tracking ids), INPUT_PROP_DIRECT (a
 * screen, not a touchpad), its axes the screen's pixels. Then it reads
 * commands, one a line, and sends each as a finger would, so that the touch
 * goes through the kernel, udev, evdev and SDL's KMS/DRM backend:
 *   tap X Y
 *   swipe X1 Y1 X2 Y2          (one finger, 20 steps over 400 ms)
 *   pinch CX CY FROM TO        (two fingers on a horizontal line through
 *                               CX,CY, FROM then TO pixels apart)
 *   replug                     (the device gone for 3 s, then back, as
 *                               with a loose USB cable)
 * and answers "hishatak-touch: done N" (N counts the commands) on
 * standard output, "hishatak-touch: ready" once the device exists.
 *   hishatak-touch WIDTH HEIGHT
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/uinput.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int fd;

static void sleep_ms(long ms)
{
	struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };
	nanosleep(&t, NULL);
}

static void emit(int type, int code, int value)
{
	struct input_event e;
	memset(&e, 0, sizeof e);
	e.type = (unsigned short)type;
	e.code = (unsigned short)code;
	e.value = value;
	if (write(fd, &e, sizeof e) != (ssize_t)sizeof e) {
		fprintf(stderr, "hishatak-touch: write: %s\n", strerror(errno));
		exit(1);
	}
}

static void sync_frame(void)
{
	emit(EV_SYN, SYN_REPORT, 0);
}

/* Finger `slot` (tracking id slot + 1) down at, or moved to, x,y. */
static void finger_at(int slot, int x, int y)
{
	emit(EV_ABS, ABS_MT_SLOT, slot);
	emit(EV_ABS, ABS_MT_TRACKING_ID, slot + 1);
	emit(EV_ABS, ABS_MT_POSITION_X, x);
	emit(EV_ABS, ABS_MT_POSITION_Y, y);
}

static void finger_up(int slot)
{
	emit(EV_ABS, ABS_MT_SLOT, slot);
	emit(EV_ABS, ABS_MT_TRACKING_ID, -1);
}

/* The single-touch axes and BTN_TOUCH too, as real panels send them. */
static void pointer(int down, int x, int y)
{
	emit(EV_KEY, BTN_TOUCH, down);
	if (down) {
		emit(EV_ABS, ABS_X, x);
		emit(EV_ABS, ABS_Y, y);
	}
}

static void axis(int code, int max)
{
	struct uinput_abs_setup a;
	memset(&a, 0, sizeof a);
	a.code = (unsigned short)code;
	a.absinfo.minimum = 0;
	a.absinfo.maximum = max;
	a.absinfo.resolution = 5; /* units per mm: a 7-inch screen's */
	if (ioctl(fd, UI_ABS_SETUP, &a) < 0) {
		fprintf(stderr, "hishatak-touch: UI_ABS_SETUP: %s\n", strerror(errno));
		exit(1);
	}
}

static void make_device(int w, int h)
{
	fd = open("/dev/uinput", O_WRONLY | O_NONBLOCK);
	if (fd < 0) {
		fprintf(stderr, "hishatak-touch: /dev/uinput: %s (modprobe uinput)\n", strerror(errno));
		exit(1);
	}
	ioctl(fd, UI_SET_EVBIT, EV_KEY);
	ioctl(fd, UI_SET_KEYBIT, BTN_TOUCH);
	ioctl(fd, UI_SET_EVBIT, EV_ABS);
	int codes[] = { ABS_X, ABS_Y, ABS_MT_SLOT, ABS_MT_TRACKING_ID, ABS_MT_POSITION_X, ABS_MT_POSITION_Y };
	for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
		ioctl(fd, UI_SET_ABSBIT, codes[i]);
	ioctl(fd, UI_SET_PROPBIT, INPUT_PROP_DIRECT);
	axis(ABS_X, w - 1);
	axis(ABS_Y, h - 1);
	axis(ABS_MT_POSITION_X, w - 1);
	axis(ABS_MT_POSITION_Y, h - 1);
	axis(ABS_MT_SLOT, 9);
	axis(ABS_MT_TRACKING_ID, 65535);
	struct uinput_setup s;
	memset(&s, 0, sizeof s);
	s.id.bustype = BUS_USB;
	s.id.vendor = 0x1209; /* pid.codes' test range */
	s.id.product = 0x0001;
	snprintf(s.name, sizeof s.name, "hishatak virtual touch screen");
	if (ioctl(fd, UI_DEV_SETUP, &s) < 0 || ioctl(fd, UI_DEV_CREATE) < 0) {
		fprintf(stderr, "hishatak-touch: cannot create the device: %s\n", strerror(errno));
		exit(1);
	}
}

static void tap(int x, int y)
{
	finger_at(0, x, y);
	pointer(1, x, y);
	sync_frame();
	sleep_ms(80);
	finger_up(0);
	pointer(0, 0, 0);
	sync_frame();
}

static void swipe(int x1, int y1, int x2, int y2)
{
	const int steps = 20;
	for (int i = 0; i <= steps; i++) {
		int x = x1 + (x2 - x1) * i / steps, y = y1 + (y2 - y1) * i / steps;
		finger_at(0, x, y);
		pointer(1, x, y);
		sync_frame();
		sleep_ms(20);
	}
	finger_up(0);
	pointer(0, 0, 0);
	sync_frame();
}

static void pinch(int cx, int cy, int from, int to)
{
	const int steps = 20;
	for (int i = 0; i <= steps; i++) {
		int half = (from + (to - from) * i / steps) / 2;
		finger_at(0, cx - half, cy);
		finger_at(1, cx + half, cy);
		pointer(1, cx - half, cy);
		sync_frame();
		sleep_ms(30);
	}
	finger_up(0);
	finger_up(1);
	pointer(0, 0, 0);
	sync_frame();
}

static void replug(int w, int h)
{
	ioctl(fd, UI_DEV_DESTROY);
	close(fd);
	sleep_ms(3000);
	make_device(w, h);
	sleep_ms(1000); /* udev and the kiosk see it come */
}

int main(int argc, char **argv)
{
	int w = argc == 3 ? atoi(argv[1]) : 0, h = argc == 3 ? atoi(argv[2]) : 0;
	if (w < 2 || h < 2) {
		fprintf(stderr, "usage: hishatak-touch WIDTH HEIGHT (commands on standard input)\n");
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	make_device(w, h);
	printf("hishatak-touch: ready\n");
	char line[256];
	int done = 0;
	while (fgets(line, sizeof line, stdin)) {
		int a, b, c, d;
		if (sscanf(line, "tap %d %d", &a, &b) == 2)
			tap(a, b);
		else if (sscanf(line, "swipe %d %d %d %d", &a, &b, &c, &d) == 4)
			swipe(a, b, c, d);
		else if (sscanf(line, "pinch %d %d %d %d", &a, &b, &c, &d) == 4)
			pinch(a, b, c, d);
		else if (strncmp(line, "replug", 6) == 0)
			replug(w, h);
		else
			continue;
		printf("hishatak-touch: done %d\n", ++done);
	}
	ioctl(fd, UI_DEV_DESTROY);
	close(fd);
	return 0;
}
