/* Update bundles (see README "Preparing a USB stick"): found on a stick,
 * checked (signature, manifest, every file) and applied whole or not at
 * all. Nothing on a stick is executed, and nothing outside a bundle folder
 * is read: files are opened beneath it, one segment at a time, never
 * through a link, and copied once into the store while being hashed. */
#ifndef HISHATAK_BUNDLE_H
#define HISHATAK_BUNDLE_H

#include "core/data.h"
#include "core/ingest.h"

typedef enum { BUNDLE_APPLIED, BUNDLE_ALREADY, BUNDLE_REFUSED } bundle_outcome;

/* Why a bundle was refused, in the broad terms a visitor is told. */
typedef enum {
	BUNDLE_WHY_NONE, BUNDLE_WHY_SIGNATURE, BUNDLE_WHY_ARCHIVE, BUNDLE_WHY_OLDER, BUNDLE_WHY_CONTENT,
	BUNDLE_WHY_FULL,  /* the storage is too full for its files */
	BUNDLE_WHY_PLACE, /* not where the kiosk looks, or more than it looks at */
} bundle_why;

/* What one stick may make the kiosk do, signed or not: the bundle folders
 * it examines, the folders it looks through for them, and the bytes of
 * bundle.json it reads and hashes, all together. */
#define BUNDLE_STICK_MAX        128
#define BUNDLE_STICK_FOLDERS    2000
#define BUNDLE_STICK_JSON_BYTES (256LL << 20)

typedef struct {
	char dir[4096];          /* the bundle folder */
	long long sequence;      /* 0 when it could not be read */
	char created[40];
	char signer[1024];       /* the signature's trusted comment */
	char key_id[17];         /* the key that signed it, "" when not signed */
	int verified;            /* its signature was checked: what it says is the signer's */
	bundle_outcome outcome;
	int added, changed, withdrawn;
	int keys_trusted, keys_retired; /* by its "keys" section */
	int not_held;            /* withdrawals of ids the archive does not hold: nothing done */
	char not_held_ids[256];  /* their ids, ", " between */
	char reason[256];        /* why it was refused, for staff */
	bundle_why why;
} bundle_report;

/* Progress while a bundle is applied: items and bytes so far of the total. */
typedef void (*bundle_progress)(void *ctx, const bundle_report *r, int items_done, int items_total,
				long long bytes_done, long long bytes_total);

/* Where the bundles of a stick are: path itself when it holds bundle.json,
 * and the folders one and two levels below it that do (sorted by path, at
 * most BUNDLE_STICK_MAX; none is looked for below a bundle folder). */
typedef struct {
	char **dirs;
	int count;
	int more;            /* bundle folders past BUNDLE_STICK_MAX, left alone */
	int folders_left;    /* 1 when the stick has more folders than are looked through */
	char deeper[4096];   /* a folder with bundle.json further down, "" when none */
} bundle_places;

/* Finds them; -1 when path is not a folder. Free with bundle_places_free. */
int bundle_find_places(const char *path, bundle_places *found);
void bundle_places_free(bundle_places *found);

/* The same folders alone (caller frees each and the array). */
int bundle_find(const char *path, char ***dirs, int *count);

/* Applies every bundle at path that belongs to this archive, lowest sequence
 * first, each checked against the keys in force just before it is applied
 * (an earlier one may have trusted or retired keys). Each bundle found gets
 * a report (caller frees *reports), and so do a bundle.json too deep and
 * bundles past the limits above. The import log gets a line for each
 * bundle applied and one for the rest of the stick. Bundles older than the
 * archive are skipped (BUNDLE_ALREADY). Their documents are read by reader
 * (see ingest.h). Returns the number refused, or -1 when path cannot be
 * read at all. progress may be NULL. */
int bundle_import(data_folder *d, const char *path, const ingest_reader *reader, bundle_report **reports, int *count,
		  bundle_progress progress, void *ctx);

#endif
