/* Kiosk settings as "kiosk.*" rows of the catalogue's settings table. */
#include "core/settings.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int get_int(catalog *c, const char *key, int def, int min, int max)
{
	char *v = c ? catalog_get_setting(c, key) : NULL, *end;
	if (!v)
		return def;
	long n = strtol(v, &end, 10);
	int ok = end != v && *end == 0 && n >= min && n <= max;
	free(v);
	return ok ? (int)n : def;
}

static int set_int(catalog *c, const char *key, int value)
{
	char v[16];
	snprintf(v, sizeof v, "%d", value);
	return catalog_set(c, key, v);
}

void settings_load(catalog *c, kiosk_settings *out)
{
	out->idle_seconds = get_int(c, "kiosk.idle_seconds", 180, 30, 3600);
	out->attract_seconds = get_int(c, "kiosk.attract_seconds", 60, 10, 3600);
	out->on_hour = get_int(c, "kiosk.on_hour", 0, 0, 23);
	out->off_hour = get_int(c, "kiosk.off_hour", 0, 0, 23);
	out->large_text = get_int(c, "kiosk.large_text", 0, 0, 1);
	out->volume = get_int(c, "kiosk.volume", 80, 0, 100);
	char *output = c ? catalog_get_setting(c, "kiosk.sound_output") : NULL;
	snprintf(out->sound_output, sizeof out->sound_output, "%s", output ? output : "");
	free(output);
}

int settings_save(catalog *c, const kiosk_settings *s)
{
	if (catalog_begin(c) != 0)
		return -1;
	if (set_int(c, "kiosk.idle_seconds", s->idle_seconds) || set_int(c, "kiosk.attract_seconds", s->attract_seconds) ||
	    set_int(c, "kiosk.on_hour", s->on_hour) || set_int(c, "kiosk.off_hour", s->off_hour) ||
	    set_int(c, "kiosk.large_text", s->large_text) || set_int(c, "kiosk.volume", s->volume) ||
	    catalog_set(c, "kiosk.sound_output", s->sound_output) || catalog_commit(c)) {
		catalog_rollback(c);
		return -1;
	}
	return 0;
}

int settings_screen_on(const kiosk_settings *s, int hour)
{
	if (s->on_hour == s->off_hour)
		return 1;
	if (s->on_hour < s->off_hour)
		return hour >= s->on_hour && hour < s->off_hour;
	return hour >= s->on_hour || hour < s->off_hour; /* lit across midnight */
}

int settings_pin_is_default(catalog *c)
{
	char *h = c ? catalog_get_setting(c, "kiosk.pin_hash") : NULL;
	free(h);
	return h == NULL;
}

int settings_check_pin(catalog *c, const char *pin)
{
	char *h = c ? catalog_get_setting(c, "kiosk.pin_hash") : NULL;
	if (!h)
		return strcmp(pin, SETTINGS_DEFAULT_PIN) == 0;
	int ok = sodium_init() >= 0 && crypto_pwhash_str_verify(h, pin, strlen(pin)) == 0;
	free(h);
	return ok;
}

/* Argon2id, light enough to check within a frame or two on a Pi. */
#define PIN_OPS crypto_pwhash_OPSLIMIT_INTERACTIVE
#define PIN_MEM (8u << 20)

int settings_set_pin(catalog *c, const char *pin)
{
	size_t n = strlen(pin);
	if (n < 4 || n > 8 || strspn(pin, "0123456789") != n || sodium_init() < 0)
		return -1;
	char h[crypto_pwhash_STRBYTES];
	if (crypto_pwhash_str(h, pin, n, PIN_OPS, PIN_MEM) != 0)
		return -1;
	if (catalog_begin(c) != 0)
		return -1;
	if (catalog_set(c, "kiosk.pin_hash", h) != 0 || catalog_commit(c) != 0) {
		catalog_rollback(c);
		return -1;
	}
	return 0;
}
