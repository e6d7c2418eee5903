/* The filesystems a USB stick may carry that are mounted now, read from
 * /proc/self/mountinfo: the kiosk compares two readings to notice a stick
 * (watching the file with poll(), which wakes on every mount change). */
#ifndef HISHATAK_MOUNTS_H
#define HISHATAK_MOUNTS_H

#define MOUNTS_FILE "/proc/self/mountinfo"

/* The mount points in a mountinfo file whose filesystem type is one a
 * stick may carry (vfat, exfat, ntfs, ext4, iso9660 ...); caller frees each
 * and the array. -1 when the file cannot be read. */
int mounts_read(const char *mountinfo, char ***points, int *count);

/* True when point is in the list. */
int mounts_contains(char *const *points, int count, const char *point);

void mounts_free(char **points, int count);

#endif
