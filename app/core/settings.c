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

/* The PIN's hash: 0 with *hash, 1 none set, -1 unreadable. Fails closed:
 * a catalogue that is not there or cannot be read is not "no PIN". */
static int read_pin_hash(catalog *c, char **hash, char why[256])
{
	*hash = NULL;
	if (!c) {
		snprintf(why, 256, "the archive's data folder could not be opened");
		return -1;
	}
	int rc = catalog_find_setting(c, "kiosk.pin_hash", hash);
	if (rc < 0)
		snprintf(why, 256, "%s", catalog_error(c));
	return rc;
}

int settings_pin_state(catalog *c, char why[256])
{
	char *h;
	int rc = read_pin_hash(c, &h, why);
	free(h);
	return rc == 0 ? SETTINGS_PIN_SET : rc == 1 ? SETTINGS_PIN_NOT_SET : SETTINGS_PIN_UNREADABLE;
}

int settings_pin_is_default(catalog *c)
{
	char why[256];
	return settings_pin_state(c, why) == SETTINGS_PIN_NOT_SET;
}

int settings_check_pin(catalog *c, const char *pin, char why[256])
{
	char *h;
	int rc = read_pin_hash(c, &h, why);
	if (rc != 0)
		return rc < 0 ? -1 : strcmp(pin, SETTINGS_DEFAULT_PIN) == 0;
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
