/* The content-addressed store: every document file kept once, named by its
 * SHA-256 (DATA/store/ab/abcdef...). Files are written to DATA/staging,
 * fsynced, then renamed into place, so a file in the store that the
 * catalogue refers to is always whole (store_defer_sync: all of an
 * import's files synced at once, before its commit). */
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

/* The same from an open file (read to its end; the caller closes it); name
 * is how the file is called in messages. More than max_size bytes (>= 0) is
 * refused: a file on a stick must not grow while it is read. */
int store_put_fd(store *s, int fd, const char *name, long long max_size, char sha256[65], long long *size,
		 char err[256]);

/* Stores a buffer (a conversion, for instance); fills sha256. */
int store_put_buffer(store *s, const void *data, size_t size, char sha256[65], char err[256]);

/* The path of the stored file with this hash (which may not exist); ""
 * when a link stands there or on the way: one is never followed out. */
void store_path(const store *s, const char *sha256, char out[4096]);

/* Re-hashes the stored file: 0 when it is there and whole. */
int store_check(const store *s, const char *sha256, char err[256]);

/* Removes a stored file (once nothing in the catalogue refers to it). */
int store_remove(store *s, const char *sha256);

/* Calls fn with the hash of every stored file (stops when fn returns non-zero). */
int store_each(const store *s, int (*fn)(const char *sha256, void *ctx), void *ctx);

/* With on, the files put are renamed into place without their fsyncs
 * (but one that replaces a file already there): store_sync makes them all
 * durable at once, one sync of the file system for a whole import instead
 * of two fsyncs a file. Until then nothing committed may refer to them;
 * after a power cut they are files nothing refers to, removed as such. */
void store_defer_sync(store *s, int on);
/* Makes every file put so far durable (syncfs of the store's file system). */
int store_sync(store *s, char err[256]);

/* Removes what an interrupted write left in DATA/staging. */
void store_clear_staging(store *s);

/* Hashes a file: SHA-256 as hex and its size. */
int store_hash_file(const char *path, char sha256[65], long long *size, char err[256]);

/* True when s is 64 lowercase hex digits. */
int store_is_hash(const char *s);

#endif
