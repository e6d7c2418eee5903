/* The kiosk's own settings, changed from its Admin screen and kept in the
 * catalogue: idle time-out, screen hours, large text, volume, the sound
 * device, and the staff PIN
 * (stored only as an Argon2id hash). */
#ifndef HISHATAK_SETTINGS_H
#define HISHATAK_SETTINGS_H

#include "core/catalog.h"

#define SETTINGS_DEFAULT_PIN "0000"

typedef struct {
	int idle_seconds;     /* untouched this long: back to Home (default 180) */
	int attract_seconds;  /* then this much longer: the attract screen (60) */
	int on_hour, off_hour;/* the screen is lit from on_hour to off_hour (0-23); equal: always */
	int large_text;       /* 0 or 1 */
	int volume;           /* of reading aloud, 0-100 (80) */
	char sound_output[128];/* the sound device, as SDL names it; "": the system's default */
} kiosk_settings;

/* Missing or unreadable values (or a NULL catalogue) get their defaults. */
void settings_load(catalog *c, kiosk_settings *out);
int settings_save(catalog *c, const kiosk_settings *s);

/* True when the screen should be lit at hour (0-23). */
int settings_screen_on(const kiosk_settings *s, int hour);

/* 1 when pin is right, 0 when not, -1 when the PIN's hash cannot be read
 * (no catalogue, an SQLite error, a damaged page: why says which): then no
 * PIN is right. Until a PIN is set it is SETTINGS_DEFAULT_PIN, but only a
 * row known to be absent means "not set"; settings_pin_is_default says so. */
int settings_check_pin(catalog *c, const char *pin, char why[256]);
int settings_pin_is_default(catalog *c);
/* What is known of the PIN without checking one (cheap: no hashing). */
enum { SETTINGS_PIN_SET, SETTINGS_PIN_NOT_SET, SETTINGS_PIN_UNREADABLE };
int settings_pin_state(catalog *c, char why[256]);
/* 4 to 8 digits; 0 on success, -1 (bad PIN or failure). */
int settings_set_pin(catalog *c, const char *pin);

#endif
