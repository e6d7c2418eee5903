/* The touch screens: see devices.h. */
#include "ui/devices.h"

#include <SDL.h>
#include <stdio.h>
#include <string.h>

int devices_touch_screens(char *out, size_t size)
{
	int n = SDL_GetNumTouchDevices(), direct = 0;
	out[0] = 0;
	for (int i = 0; i < n; i++) {
		SDL_TouchID id = SDL_GetTouchDevice(i);
		if (SDL_GetTouchDeviceType(id) != SDL_TOUCH_DEVICE_DIRECT) /* a touchpad moves a pointer: not a screen */
			continue;
		const char *name = SDL_GetTouchName(i);
		size_t len = strlen(out);
		snprintf(out + len, size - len, "%s%s", direct++ ? ", " : "", name && name[0] ? name : "?");
	}
	return direct;
}

void devices_watch(void)
{
	static char last[512] = "(not yet)";
	char now[512];
	devices_touch_screens(now, sizeof now);
	if (strcmp(now, last) != 0)
		fprintf(stderr, "hishatak: kiosk: touch screens: %s\n", now[0] ? now : "none (a mouse works as a finger)");
	memcpy(last, now, sizeof last);
}
