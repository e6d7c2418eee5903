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

void minisign_key_line(const minisign_key *key, char out[64])
{
	unsigned char raw[42] = {'E', 'd'};
	memcpy(raw + 2, key->key_id, 8);
	memcpy(raw + 10, key->public_key, 32);
	sodium_bin2base64(out, 64, raw, sizeof raw, sodium_base64_VARIANT_ORIGINAL);
}

void minisign_key_id_hex(const minisign_key *key, char out[17])
{
	/* minisign stores the id little-endian and prints it as a number. */
	for (int i = 0; i < 8; i++)
		snprintf(out + 2 * i, 3, "%02X", key->key_id[7 - i]);
}

/* One line of text: copies it (without its newline) and returns the next. */
static const char *line(const char *p, char *out, size_t size)
{
	size_t n = strcspn(p, "\n");
	if (n >= size)
		return NULL;
	memcpy(out, p, n);
	out[n] = 0;
	if (n > 0 && out[n - 1] == '\r')
		out[n - 1] = 0;
	return p[n] ? p + n + 1 : p + n;
}

static int base64(const char *text, unsigned char *out, size_t want)
{
	size_t len = 0;
	return sodium_base642bin(out, want, text, strlen(text), NULL, &len, NULL, sodium_base64_VARIANT_ORIGINAL) == 0 &&
	       len == want;
}

int minisign_signature_key_id(const char *sig_text, char out[17])
{
	char l1[1100], l2[200];
	unsigned char sig[74];
	const char *p = sig_text;
	minisign_key key;
	if (sodium_init() < 0 || !(p = line(p, l1, sizeof l1)) || !line(p, l2, sizeof l2) ||
	    strncmp(l1, "untrusted comment:", 18) != 0 || !base64(l2, sig, sizeof sig) || sig[0] != 'E' ||
	    (sig[1] != 'D' && sig[1] != 'd'))
		return -1;
	memcpy(key.key_id, sig + 2, 8);
	minisign_key_id_hex(&key, out);
	return 0;
}

int minisign_verify(const char *sig_text, const unsigned char *message, size_t message_len,
		    const minisign_key *keys, int key_count, char trusted_comment[1024], int *signer,
		    char err[256])
{
	char l1[1100], l2[200], l3[1100], l4[200];
	unsigned char sig[74], global[64];
	const char *p = sig_text;
	if (sodium_init() < 0 || !(p = line(p, l1, sizeof l1)) || !(p = line(p, l2, sizeof l2)) ||
	    !(p = line(p, l3, sizeof l3)) || !(p = line(p, l4, sizeof l4)) ||
	    strncmp(l1, "untrusted comment:", 18) != 0 || strncmp(l3, "trusted comment: ", 17) != 0 ||
	    !base64(l2, sig, sizeof sig) || !base64(l4, global, sizeof global) ||
	    sig[0] != 'E' || (sig[1] != 'D' && sig[1] != 'd')) {
		snprintf(err, 256, "not a minisign signature");
		return -1;
	}
	int k = 0;
	while (k < key_count && memcmp(keys[k].key_id, sig + 2, 8) != 0)
		k++;
	if (k == key_count) {
		snprintf(err, 256, "signed by an unknown key");
		return -1;
	}
	int ok;
	if (sig[1] == 'D') { /* prehashed: the signature is of BLAKE2b-512(message) */
		unsigned char hash[64];
		crypto_generichash(hash, sizeof hash, message, message_len, NULL, 0);
		ok = crypto_sign_verify_detached(sig + 10, hash, sizeof hash, keys[k].public_key) == 0;
	} else {
		ok = crypto_sign_verify_detached(sig + 10, message, message_len, keys[k].public_key) == 0;
	}
	/* The global signature covers the signature and the trusted comment. */
	const char *comment = l3 + 17;
	size_t comment_len = strlen(comment);
	unsigned char signed_part[64 + 1100];
	memcpy(signed_part, sig + 10, 64);
	memcpy(signed_part + 64, comment, comment_len);
	if (!ok || crypto_sign_verify_detached(global, signed_part, 64 + comment_len, keys[k].public_key) != 0) {
		snprintf(err, 256, "bad signature (bundle.json or its trusted comment changed after signing)");
		return -1;
	}
	if (trusted_comment)
		snprintf(trusted_comment, 1024, "%s", comment);
	if (signer)
		*signer = k;
	return 0;
}

int minisign_secret_key_id(const char *text, char out[17])
{
	/* "Ed", the KDF ("\0\0": no password), the checksum's algorithm, 32
	 * bytes of salt, 16 of KDF limits, then the key id: readable only when
	 * the key has no password. */
	char l1[1100], l2[300];
	unsigned char raw[158];
	const char *p = text;
	out[0] = 0;
	if (sodium_init() < 0 || !(p = line(p, l1, sizeof l1)) || !line(p, l2, sizeof l2) || !base64(l2, raw, sizeof raw) ||
	    raw[0] != 'E' || raw[1] != 'd' || raw[2] != 0 || raw[3] != 0)
		return -1;
	minisign_key k;
	memcpy(k.key_id, raw + 54, 8);
	minisign_key_id_hex(&k, out);
	return 0;
}
