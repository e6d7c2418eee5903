/* minisign formats: see minisign.h and minisign's own documentation
 * (a public key is "Ed" + 8-byte key id + 32-byte Ed25519 key, in base64). */
#include "core/minisign.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

int minisign_parse_public_key(const char *text, minisign_key *key, char err[256])
{
	const char *line = text;
	if (strncmp(line, "untrusted comment:", 18) == 0) {
		line = strchr(line, '\n');
		if (!line) {
			snprintf(err, 256, "not a minisign public key (no key line)");
			return -1;
		}
		line++;
	}
	size_t n = strcspn(line, "\r\n");
	unsigned char raw[64];
	size_t raw_len = 0;
	if (sodium_init() < 0 ||
	    sodium_base642bin(raw, sizeof raw, line, n, NULL, &raw_len, NULL, sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    raw_len != 42 || raw[0] != 'E' || raw[1] != 'd') {
		snprintf(err, 256, "not a minisign public key");
		return -1;
	}
	memcpy(key->key_id, raw + 2, 8);
	memcpy(key->public_key, raw + 10, 32);
	return 0;
}

void minisign_key_id_hex(const minisign_key *key, char out[17])
{
	/* minisign stores the id little-endian and prints it as a number. */
	for (int i = 0; i < 8; i++)
		snprintf(out + 2 * i, 3, "%02X", key->key_id[7 - i]);
}
