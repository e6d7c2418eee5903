/* Small file-system helpers the core shares: reading whole files, making
 * folders, and durable writes (write to a temporary name, fsync, rename). */
#ifndef HISHATAK_FILES_H
#define HISHATAK_FILES_H

#include <stddef.h>

/* Reads the whole file into a NUL-terminated malloc'ed buffer (caller frees).
 * Refuses files larger than max_size. NULL and a message in err on failure. */
/* Writes all n bytes (again after a short write or a signal): 0, or -1
 * with errno. */
int files_write_all(int fd, const void *p, size_t n);

/* Reads exactly n bytes (again after a short read or a signal): 0, or -1
 * at the end or on an error. */
int files_read_all(int fd, void *p, size_t n);

char *files_read(const char *path, size_t max_size, size_t *size_out, char err[256]);

/* Writes data to path durably: temp file, fsync, rename, fsync of the folder. */
int files_write_durably(const char *path, const void *data, size_t size, char err[256]);

/* Creates path and its missing parents (mode 0755). */
int files_make_dirs(const char *path, char err[256]);

/* fsyncs a folder so that a rename inside it survives a power cut. */
int files_sync_dir(const char *path);

/* Removes a folder and everything in it; missing is not an error. */
int files_remove_tree(const char *path);

int files_exists(const char *path);
int files_is_dir(const char *path);

/* The file name's extension, lower-cased, without the dot ("" if none). */
void files_extension(const char *path, char out[16]);

/* The monotonic clock, in ms. */
long long files_now_ms(void);
/* Reads len bytes from a worker's pipe or socket before deadline
 * (files_now_ms): 0, 1 when the worker is gone (its end closed, or an
 * error), -1 when time ran out. */
int files_read_by(int fd, void *buf, size_t len, long long deadline);

#endif
