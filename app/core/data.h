/* The data folder: DATA/catalog.db (with the trusted keys), DATA/store/,
 * DATA/staging/, DATA/cache/, DATA/lock. Opening it gives the catalogue and
 * the store together. */
#ifndef HISHATAK_DATA_H
#define HISHATAK_DATA_H

#include "core/catalog.h"
#include "core/minisign.h"
#include "core/store.h"

typedef struct {
	char dir[4096];
	catalog *cat;
	store *st;
	int lock_fd;     /* DATA/lock, held while files are added or removed */
} data_folder;

/* The per-user default: $XDG_DATA_HOME/hishatak or ~/.local/share/hishatak. */
void data_default_dir(char out[4096]);

enum {
	DATA_CREATE = 1,   /* make the folder and an empty catalogue if missing */
	DATA_READONLY = 2, /* never write (verify, list ...) */
};

/* Opens the data folder; NULL with a message when it is missing (without
 * DATA_CREATE), unreadable or damaged. */
data_folder *data_open(const char *dir, int flags, char err[256]);
void data_close(data_folder *d);

/* DATA/<name> */
void data_path(const data_folder *d, const char *name, char out[4096]);

/* Only one process at a time adds or removes stored files (an import, a
 * clean-up): the others would take its new files for leftovers. With wait
 * 0, returns -1 at once when another holds the lock. */
int data_lock(data_folder *d, int wait);
void data_unlock(data_folder *d);

/* Finishes what an interrupted write left: empties DATA/staging and removes
 * stored files the catalogue no longer refers to. Needs the lock. */
void data_collect_garbage(data_folder *d);

/* What is wrong with the folder itself, for Admin: gone (removed while
 * open), not writable (a read-only file system), or full; DATA_WELL when
 * none, else which, with the system's words in detail. Cheap. */
enum { DATA_WELL, DATA_GONE, DATA_UNWRITABLE, DATA_FULL };
int data_problem(const data_folder *d, char detail[256]);

/* The space an import may still fill: the free bytes of the data folder's
 * file system less a reserve (a sixteenth of it, 8 to 128 MiB) kept for
 * bundles that only withdraw items or change metadata, and for the
 * catalogue. Negative when already inside the reserve. Fills free_bytes
 * and reserve_bytes when not NULL; -1 with errno when it cannot be told. */
long long data_usable_space(const data_folder *d, long long *free_bytes, long long *reserve_bytes);

/* The minisign keys bundles may be signed with (caller frees *keys). */
int data_trusted_keys(const data_folder *d, minisign_key **keys, int *count);

/* The keys retired since (setting "retired_keys"): an old bundle one of
 * them signed is still recognised as old, not taken for a stranger's. */
int data_retired_keys(const data_folder *d, minisign_key **keys, int *count);

/* Trusts the minisign public key in text (a .pub file's text or its key
 * line), inside the caller's transaction. */
int data_trust_key(data_folder *d, const char *text, char err[256]);

/* Retires a key, given as text or by its id as minisign prints it: 0 done,
 * 1 it was not trusted, -1 with err (also when no key would be left: then
 * no bundle could ever be applied again). */
int data_retire_key(data_folder *d, const char *text_or_id, char err[256]);

#endif
