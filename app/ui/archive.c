/* The kiosk's archive: see archive.h. */
#include "ui/archive.h"
#include "ui/nav.h"
#include "ui/ui.h"
#include "core/catalog_guide.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* More of the newest than Home has room for on any screen. */
#define HOME_RECENT_MAX 24

static const kiosk *sorting; /* qsort and bsearch take no context in C11 */

static int by_id(const void *a, const void *b)
{
	return strcmp(sorting->items[*(const int *)a].id, sorting->items[*(const int *)b].id);
}

static int id_to_index(const void *id, const void *b)
{
	return strcmp(id, sorting->items[*(const int *)b].id);
}

/* The items' indexes sorted by id, made whenever the list is loaded (not
 * on a visitor's first search: 30 ms at 100,000 items). */
static void index_items(kiosk *k)
{
	free(k->by_id);
	k->by_id = k->item_count > 0 ? malloc((size_t)k->item_count * sizeof *k->by_id) : NULL;
	if (!k->by_id)
		return;
	for (int i = 0; i < k->item_count; i++)
		k->by_id[i] = i;
	sorting = k;
	qsort(k->by_id, (size_t)k->item_count, sizeof *k->by_id, by_id);
}

int kiosk_item_index(kiosk *k, const char *id)
{
	sorting = k;
	const int *found = k->by_id ? bsearch(id, k->by_id, (size_t)k->item_count, sizeof *k->by_id, id_to_index) : NULL;
	return found ? *found : -1;
}

void kiosk_item_details(kiosk *k, int index)
{
	item *it = &k->items[index], full;
	if (it->summary || it->source || it->summaries || it->sources || !k->data || catalog_get(k->data->cat, it->id, &full) != 0)
		return;
	it->summary = full.summary; /* the item takes them */
	it->source = full.source;
	it->summaries = full.summaries;
	it->summary_count = full.summary_count;
	it->sources = full.sources;
	it->source_count = full.source_count;
	full.summary = full.source = NULL;
	full.summaries = full.sources = NULL;
	full.summary_count = full.source_count = 0;
	item_clear(&full);
}

void kiosk_doc_path(const kiosk *k, int index, char out[4096])
{
	store_path(k->data->st, k->items[index].doc_sha256, out);
}

/* What the archive tells visitors: read with the items, after an import too. */
static void read_guide(kiosk *k)
{
	char err[256];
	guide_free(&k->guide);
	if (k->data && catalog_get_guide(k->data->cat, &k->guide, err) != 0)
		fprintf(stderr, "hishatak: kiosk: %s\n", err); /* Home goes on without it */
}

void kiosk_items_changed(kiosk *k)
{
	k->clock_floor = clock_floor(k->data ? k->data->cat : NULL); /* an import moves it */
	index_items(k);
	thumbs_free(k);
	read_guide(k);
}

void archive_open(kiosk *k, const char *dir)
{
	char err[256];
	settings_load(NULL, &k->settings);
	k->clock_floor = clock_floor(NULL);
	k->data = data_open(dir, 0, err);
	if (!k->data) /* a storage remounted read-only after errors: show what it holds */
		k->data = data_open(dir, DATA_READONLY, err);
	if (!k->data) {
		snprintf(k->notice, sizeof k->notice, "%s\n%s", ui_str(k, "error_open"), err);
		fprintf(stderr, "hishatak: kiosk: %s\n", err);
		return;
	}
	/* What an import cut short left behind (unless one is running now). */
	if (data_lock(k->data, 0) == 0) {
		data_collect_garbage(k->data);
		data_unlock(k->data);
	}
	settings_load(k->data->cat, &k->settings);
	k->clock_floor = clock_floor(k->data->cat);
	/* Home's first frame needs only the newest items and the counts: the
	 * whole list (a tenth of a second at 10,000 items) is read after it. */
	if (catalog_recent(k->data->cat, HOME_RECENT_MAX, &k->items, &k->item_count) != 0) {
		snprintf(k->notice, sizeof k->notice, "%s\n%s", ui_str(k, "error_open"), catalog_error(k->data->cat));
		fprintf(stderr, "hishatak: kiosk: %s\n", catalog_error(k->data->cat));
		return;
	}
	k->items_partial = 1;
	index_items(k);
	read_guide(k);
}

void archive_read_all(kiosk *k)
{
	k->items_partial = 0;
	catalog_free_items(k->items, k->item_count);
	k->items = NULL;
	k->item_count = 0;
	if (catalog_list_shown(k->data->cat, &k->items, &k->item_count) != 0) {
		snprintf(k->notice, sizeof k->notice, "%s\n%s", ui_str(k, "error_open"), catalog_error(k->data->cat));
		fprintf(stderr, "hishatak: kiosk: %s\n", catalog_error(k->data->cat));
	}
	kiosk_items_changed(k);
	screen_args none = {0};
	nav_items_changed(k, SCREEN_HOME, &none);
}
