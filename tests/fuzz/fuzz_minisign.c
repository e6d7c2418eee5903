/* minisign public keys (.pub, and the key lines of a manifest's "keys")
 * and signatures (.minisig): the input is tried as each. As a signature it
 * is checked against a key whose signatures are in the seed corpus, so
 * the fuzzer can reach the checks past the key id. */
#include "fuzz.h"
#include "core/minisign.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char seed_key[] = "untrusted comment: minisign public key 12A8957DBB5DDFC0\n"
				       "RWTA3127fZWoEj62abzvDEdx3OfUZd2Bbz/IK0nc+tdFKNfyuFac0v1e\n";
	char *text = fuzz_text(data, size);
	if (!text)
		return 0;
	char err[256], comment[1024], line[64], hex[17];
	minisign_key keys[2];
	int signer, count = 0;
	if (minisign_parse_public_key(text, &keys[count], err) == 0) {
		minisign_key_line(&keys[count], line);
		minisign_key_id_hex(&keys[count], hex);
		count++;
	}
	if (minisign_parse_public_key(seed_key, &keys[count], err) == 0)
		count++;
	minisign_verify(text, (const unsigned char *)"hello", 5, keys, count, comment, &signer, err);
	free(text);
	return 0;
}
