/* The content-addressed store: every document file kept once, named by its
 * SHA-256 (DATA/store/ab/abcdef...). Files are written to DATA/staging,
 * fsynced, then renamed into place, so a file in the store is always whole. */
#ifndef HISHATAK_STORE_H
#define HISHATAK_STORE_H

#include <stddef.h>

typedef struct store store;

#define STORE_HASH_LEN 64

/* Opens (creating if needed) the store of the data folder. */
store *store_open(const char *data_dir, char err[256]);
/* The store for reading only: makes no folder. */
store *store_open_readonly(const char *data_dir);
void store_close(store *s);

/* Copies the file at src_path into the store, hashing as it copies.
 * Fills sha256 (64 hex digits) and size. */
int store_put_file(store *s, const char *src_path, char sha256[65], long long *size, char err[256]);

/* Stores a buffer (a conversion, for instance); fills sha256. */
int store_put_buffer(store *s, const void *data, size_t size, char sha256[65], char err[256]);

/* The path of the stored file with this hash (which may not exist). */
void store_path(const store *s, const char *sha256, char out[4096]);

/* Re-hashes the stored file: 0 when it is there and whole. */
int store_check(const store *s, const char *sha256, char err[256]);

/* Removes a stored file (once nothing in the catalogue refers to it). */
int store_remove(store *s, const char *sha256);

/* Hashes a file: SHA-256 as hex and its size. */
int store_hash_file(const char *path, char sha256[65], long long *size, char err[256]);

/* True when s is 64 lowercase hex digits. */
int store_is_hash(const char *s);

#endif
