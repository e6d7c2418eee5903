/* minisign keys (and, with the bundles, signatures): the format of the
 * standard minisign tool, checked with libsodium. */
#ifndef HISHATAK_MINISIGN_H
#define HISHATAK_MINISIGN_H

typedef struct {
	unsigned char key_id[8];
	unsigned char public_key[32];
} minisign_key;

/* Parses a minisign .pub file's text ("untrusted comment: ..." then the
 * base64 key). 0 on success, -1 with the reason in err. */
int minisign_parse_public_key(const char *text, minisign_key *key, char err[256]);

/* The key id as minisign prints it: 16 upper-case hex digits. */
void minisign_key_id_hex(const minisign_key *key, char out[17]);

#endif
