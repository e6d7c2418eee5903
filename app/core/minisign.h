/* minisign keys (and, with the bundles, signatures): the format of the
 * standard minisign tool, checked with libsodium. */
#ifndef HISHATAK_MINISIGN_H
#define HISHATAK_MINISIGN_H

#include <stddef.h>

typedef struct {
	unsigned char key_id[8];
	unsigned char public_key[32];
} minisign_key;

/* Parses a minisign .pub file's text ("untrusted comment: ..." then the
 * base64 key). 0 on success, -1 with the reason in err. */
int minisign_parse_public_key(const char *text, minisign_key *key, char err[256]);

/* The key line of its .pub file (base64), as the catalogue keeps it. */
void minisign_key_line(const minisign_key *key, char out[64]);

/* The key id as minisign prints it: 16 upper-case hex digits. */
void minisign_key_id_hex(const minisign_key *key, char out[17]);

/* Checks sig_text (a .minisig file's text) as a signature of message by one
 * of keys: prehashed (ED, BLAKE2b-512) or legacy (Ed), the key id, and the
 * trusted comment's global signature. On success fills trusted_comment (if
 * not NULL) and which key signed (index into keys). -1 with err otherwise:
 * "not a minisign signature", "signed by an unknown key", "bad signature". */
/* The id of the key that made sig_text (16 hex digits, as minisign prints
 * it), read without checking anything else: so that a signature by a key
 * nobody trusts costs no hashing. -1 when it is not a minisign signature. */
int minisign_signature_key_id(const char *sig_text, char out[17]);

int minisign_verify(const char *sig_text, const unsigned char *message, size_t message_len,
		    const minisign_key *keys, int key_count, char trusted_comment[1024], int *signer,
		    char err[256]);

/* The id of a secret key (a .key file's text) made without a password
 * (minisign -W); -1 when it has one (then the id is encrypted too) or is
 * not a secret key. */
int minisign_secret_key_id(const char *text, char out[17]);

#endif
