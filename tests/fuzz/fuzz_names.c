/* Search's own readers of outside input: names.csv (the thesaurus `hishatak
 * bundle` reads), and a query as a visitor may type or paste it, folded
 * across scripts and made an FTS5 query with a thesaurus. */
#include "fuzz.h"
#include "core/expand.h"
#include "core/names.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static fold *f;
	char err[512];
	if (!f && !(f = fold_new(err)))
		abort();
	names_list l;
	if (names_parse_csv((const char *)data, size, &l, err) == 0)
		names_free(&l);
	char *text = fuzz_text(data, size);
	if (!text)
		return 0;
	free(fold_text(f, text));
	expand_name names[] = {{0, "Artsakh"}, {0, "Нагорный Карабах"}, {1, text}, {1, "Լաչին"}};
	expand_query q;
	if (expand_make(f, names, 4, text, &q) == 0)
		expand_free(&q);
	free(text);
	return 0;
}
