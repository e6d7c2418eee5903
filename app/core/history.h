/* The archive as the earlier bundles in a bundles folder leave it, for the
 * staff's bundle tool: which items the kiosks hold (their metadata merged
 * as a kiosk merges it), which were withdrawn, and which key signs. The
 * tool checks a new table against it and says what each row changes. */
#ifndef HISHATAK_HISTORY_H
#define HISHATAK_HISTORY_H

#include "core/item.h"

typedef struct {
	item *items;            /* the items they leave, as a kiosk holds them */
	int count;
	char **withdrawn;       /* ids they withdrew (and did not bring back) */
	int withdrawn_count;
	long long last_sequence;/* the highest of them; 0 when there are none */
	int bundles;            /* how many there are */
	char **key_ids;         /* the keys a kiosk that took them trusts from these bundles:
				 * the last one's signer, and the keys its bundles trusted, less those retired */
	int key_count;
	char **unreadable;      /* bundle folders that could not be read, with why */
	int unreadable_count;
} history;

/* Reads the bundles of archive in dir (see bundle_find) whose sequence is
 * below before (0: all). A missing folder is an empty history. Free with
 * history_free. */
void history_load(const char *dir, const char *archive, long long before, history *h);
void history_free(history *h);

/* The item the kiosks hold under id, or NULL. */
const item *history_find(const history *h, const char *id);
/* True when an earlier bundle withdrew id. */
int history_withdrew(const history *h, const char *id);
/* The id (held or withdrawn) closest to id, a typo away, or NULL. */
const char *history_nearest(const history *h, const char *id);

#endif
