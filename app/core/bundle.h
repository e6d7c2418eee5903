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
typedef enum { BUNDLE_WHY_NONE, BUNDLE_WHY_SIGNATURE, BUNDLE_WHY_ARCHIVE, BUNDLE_WHY_OLDER, BUNDLE_WHY_CONTENT } bundle_why;

typedef struct {
	char dir[4096];          /* the bundle folder */
	long long sequence;      /* 0 when it could not be read */
	char created[40];
	char signer[1024];       /* the signature's trusted comment */
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

/* The bundle folders at path: path itself when it holds bundle.json, and
 * every folder directly below it that does (caller frees each and the array). */
int bundle_find(const char *path, char ***dirs, int *count);

/* Applies every bundle at path that belongs to this archive, lowest sequence
 * first; each gets a report (caller frees *reports) and a line in the
 * catalogue's import log. Their documents are read by reader (see
 * ingest.h). Returns the number refused, or -1 when path cannot be read at
 * all. progress may be NULL. */
int bundle_import(data_folder *d, const char *path, const ingest_reader *reader, bundle_report **reports, int *count,
		  bundle_progress progress, void *ctx);

#endif
