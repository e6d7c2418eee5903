/* A SQLite VFS over the default one that injects faults, for the tests of
 * the catalogue under I/O errors and power loss (in the manner of SQLite's
 * own test_vfs and crash-test VFS):
 *   - an I/O error (or a full disk) at the Nth write;
 *   - a power loss at the Nth write: that write and all after it never
 *     happen, and every write since its file's last sync is lost (undone)
 *     or torn (garbled), as a disk's cache would lose it.
 * fault_vfs_install() makes it the default VFS; every connection opened
 * after goes through it. */
#ifndef HISHATAK_FAULT_VFS_H
#define HISHATAK_FAULT_VFS_H

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

typedef enum { FAULT_NONE, FAULT_IOERR, FAULT_FULL, FAULT_POWER_LOSS, FAULT_TORN } fault_kind;

/* A write not yet synced: what was there before it. */
typedef struct {
	sqlite3_int64 offset;
	int len;
	unsigned char *old;    /* the old bytes (those before the end of file) */
	sqlite3_int64 old_size;
} fault_write;

typedef struct fault_file {
	sqlite3_file base;
	sqlite3_file *real;
	fault_write *unsynced;
	int unsynced_count;
	struct fault_file *next;
} fault_file;

static struct {
	sqlite3_vfs vfs, *real;
	fault_kind kind;
	int at;          /* the write (from 1) the fault comes at; 0: none */
	int writes;      /* writes so far */
	int happened;    /* the fault came */
	int dead;        /* after a power loss: nothing reaches the disk */
	unsigned seed;
	fault_file *files;
} fault;

static void fault_forget(fault_file *f)
{
	for (int i = 0; i < f->unsynced_count; i++)
		free(f->unsynced[i].old);
	free(f->unsynced);
	f->unsynced = NULL;
	f->unsynced_count = 0;
}

/* The power goes: each file loses (or has torn) what was not synced. */
static void fault_lose_unsynced(void)
{
	for (fault_file *f = fault.files; f; f = f->next) {
		for (int i = f->unsynced_count - 1; i >= 0; i--) {
			fault_write *w = &f->unsynced[i];
			if (fault.kind == FAULT_TORN) {
				unsigned char *junk = malloc((size_t)w->len);
				for (int j = 0; j < w->len; j++)
					junk[j] = (unsigned char)((fault.seed = fault.seed * 1103515245u + 12345u) >> 16);
				/* a torn write: its second half is noise */
				f->real->pMethods->xWrite(f->real, junk, w->len - w->len / 2, w->offset + w->len / 2);
				free(junk);
			} else {
				sqlite3_int64 keep = w->old_size - w->offset;
				if (keep > w->len)
					keep = w->len;
				if (keep > 0)
					f->real->pMethods->xWrite(f->real, w->old, (int)keep, w->offset);
				f->real->pMethods->xTruncate(f->real, w->old_size);
			}
		}
		fault_forget(f);
	}
	fault.dead = 1;
}

static int fault_close(sqlite3_file *file)
{
	fault_file *f = (fault_file *)file;
	for (fault_file **p = &fault.files; *p; p = &(*p)->next)
		if (*p == f) {
			*p = f->next;
			break;
		}
	fault_forget(f);
	int rc = f->real->pMethods ? f->real->pMethods->xClose(f->real) : SQLITE_OK;
	free(f->real);
	return rc;
}

static int fault_read(sqlite3_file *file, void *buf, int n, sqlite3_int64 at)
{
	fault_file *f = (fault_file *)file;
	return f->real->pMethods->xRead(f->real, buf, n, at);
}

static int fault_write_(sqlite3_file *file, const void *buf, int n, sqlite3_int64 at)
{
	fault_file *f = (fault_file *)file;
	if (fault.dead)
		return SQLITE_IOERR_WRITE;
	if (++fault.writes == fault.at) {
		fault.happened = 1;
		if (fault.kind == FAULT_IOERR)
			return SQLITE_IOERR_WRITE;
		if (fault.kind == FAULT_FULL)
			return SQLITE_FULL;
		fault_lose_unsynced();
		return SQLITE_IOERR_WRITE;
	}
	if (fault.kind == FAULT_POWER_LOSS || fault.kind == FAULT_TORN) {
		fault_write w = {at, n, malloc((size_t)n), 0};
		f->real->pMethods->xFileSize(f->real, &w.old_size);
		f->real->pMethods->xRead(f->real, w.old, n, at); /* past the end: old_size says where it was */
		f->unsynced = realloc(f->unsynced, (size_t)(f->unsynced_count + 1) * sizeof *f->unsynced);
		f->unsynced[f->unsynced_count++] = w;
	}
	return f->real->pMethods->xWrite(f->real, buf, n, at);
}

static int fault_truncate(sqlite3_file *file, sqlite3_int64 size)
{
	fault_file *f = (fault_file *)file;
	return fault.dead ? SQLITE_IOERR_TRUNCATE : f->real->pMethods->xTruncate(f->real, size);
}

static int fault_sync(sqlite3_file *file, int flags)
{
	fault_file *f = (fault_file *)file;
	if (fault.dead)
		return SQLITE_IOERR_FSYNC;
	int rc = f->real->pMethods->xSync(f->real, flags);
	if (rc == SQLITE_OK)
		fault_forget(f); /* on the disk now */
	return rc;
}

static int fault_size(sqlite3_file *file, sqlite3_int64 *size)
{
	fault_file *f = (fault_file *)file;
	return f->real->pMethods->xFileSize(f->real, size);
}

static int fault_lock(sqlite3_file *file, int level)
{
	fault_file *f = (fault_file *)file;
	return f->real->pMethods->xLock(f->real, level);
}

static int fault_unlock(sqlite3_file *file, int level)
{
	fault_file *f = (fault_file *)file;
	return f->real->pMethods->xUnlock(f->real, level);
}

static int fault_check_lock(sqlite3_file *file, int *out)
{
	fault_file *f = (fault_file *)file;
	return f->real->pMethods->xCheckReservedLock(f->real, out);
}

static int fault_control(sqlite3_file *file, int op, void *arg)
{
	fault_file *f = (fault_file *)file;
	return f->real->pMethods->xFileControl(f->real, op, arg);
}

static int fault_sector(sqlite3_file *file)
{
	fault_file *f = (fault_file *)file;
	return f->real->pMethods->xSectorSize(f->real);
}

static int fault_device(sqlite3_file *file)
{
	fault_file *f = (fault_file *)file;
	return f->real->pMethods->xDeviceCharacteristics(f->real);
}

/* The WAL index (-shm) is shared memory, not written through xWrite: a
 * power loss takes it whole, and the test removes the file after one. */
static int fault_shm_map(sqlite3_file *file, int page, int size, int extend, void volatile **out)
{
	fault_file *f = (fault_file *)file;
	return f->real->pMethods->xShmMap(f->real, page, size, extend, out);
}

static int fault_shm_lock(sqlite3_file *file, int offset, int n, int flags)
{
	fault_file *f = (fault_file *)file;
	return f->real->pMethods->xShmLock(f->real, offset, n, flags);
}

static void fault_shm_barrier(sqlite3_file *file)
{
	fault_file *f = (fault_file *)file;
	f->real->pMethods->xShmBarrier(f->real);
}

static int fault_shm_unmap(sqlite3_file *file, int delete_flag)
{
	fault_file *f = (fault_file *)file;
	return f->real->pMethods->xShmUnmap(f->real, delete_flag);
}

static const sqlite3_io_methods fault_io = {
	2, fault_close, fault_read, fault_write_, fault_truncate, fault_sync, fault_size, fault_lock, fault_unlock,
	fault_check_lock, fault_control, fault_sector, fault_device, fault_shm_map, fault_shm_lock, fault_shm_barrier,
	fault_shm_unmap, NULL, NULL,
};

static int fault_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out_flags)
{
	fault_file *f = (fault_file *)file;
	memset(f, 0, sizeof *f);
	f->real = calloc(1, (size_t)fault.real->szOsFile);
	int rc = fault.real->xOpen(fault.real, name, f->real, flags, out_flags);
	if (rc != SQLITE_OK) {
		free(f->real);
		f->real = NULL;
		return rc;
	}
	f->base.pMethods = &fault_io;
	f->next = fault.files;
	fault.files = f;
	return SQLITE_OK;
}

static int fault_delete(sqlite3_vfs *vfs, const char *name, int sync_dir)
{
	return fault.dead ? SQLITE_IOERR_DELETE : fault.real->xDelete(fault.real, name, sync_dir);
}

static int fault_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
	return fault.real->xAccess(fault.real, name, flags, out);
}

static int fault_full_name(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
	return fault.real->xFullPathname(fault.real, name, n, out);
}

static int fault_random(sqlite3_vfs *vfs, int n, char *out)
{
	return fault.real->xRandomness(fault.real, n, out);
}

static int fault_sleep(sqlite3_vfs *vfs, int us)
{
	return fault.real->xSleep(fault.real, us);
}

static int fault_time(sqlite3_vfs *vfs, double *out)
{
	return fault.real->xCurrentTime(fault.real, out);
}

static int fault_last_error(sqlite3_vfs *vfs, int n, char *out)
{
	return fault.real->xGetLastError(fault.real, n, out);
}

static int fault_time64(sqlite3_vfs *vfs, sqlite3_int64 *out)
{
	return fault.real->xCurrentTimeInt64(fault.real, out);
}

/* Arms the fault (kind at write number at; FAULT_NONE only counts writes)
 * and makes the VFS the default. */
static void fault_vfs_install(fault_kind kind, int at)
{
	if (!fault.real) {
		fault.real = sqlite3_vfs_find(NULL);
		fault.vfs = (sqlite3_vfs){
			.iVersion = 2, .szOsFile = (int)sizeof(fault_file), .mxPathname = fault.real->mxPathname,
			.zName = "fault", .xOpen = fault_open, .xDelete = fault_delete, .xAccess = fault_access,
			.xFullPathname = fault_full_name, .xDlOpen = fault.real->xDlOpen, .xDlError = fault.real->xDlError,
			.xDlSym = fault.real->xDlSym, .xDlClose = fault.real->xDlClose, .xRandomness = fault_random,
			.xSleep = fault_sleep, .xCurrentTime = fault_time, .xGetLastError = fault_last_error,
			.xCurrentTimeInt64 = fault_time64,
		};
	}
	fault.kind = kind;
	fault.at = at;
	fault.writes = 0;
	fault.happened = 0;
	fault.dead = 0;
	sqlite3_vfs_register(&fault.vfs, 1);
}

/* Back to the real VFS, for connections opened after. */
static void fault_vfs_remove(void)
{
	sqlite3_vfs_unregister(&fault.vfs);
	sqlite3_vfs_register(fault.real, 1);
}

#endif
