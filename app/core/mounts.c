/* Reading mountinfo: see mounts.h and proc(5). Each line is
 * "ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [OPTIONAL...] - FSTYPE SOURCE SUPER",
 * with spaces in paths written as \040. */
#include "core/mounts.h"
#include "core/item.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *stick_types[] = {"vfat", "exfat", "ntfs", "ntfs3", "fuseblk", "ext2", "ext3", "ext4",
				    "iso9660", "udf", "btrfs", "xfs", "f2fs", "hfsplus", NULL};

/* Decodes the octal escapes of a mountinfo field in place. */
static void unescape(char *s)
{
	char *out = s;
	for (; *s; s++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' && s[2] >= '0' && s[2] <= '7' && s[3] >= '0' && s[3] <= '7') {
			*out++ = (char)((s[1] - '0') << 6 | (s[2] - '0') << 3 | (s[3] - '0'));
			s += 3;
		} else {
			*out++ = *s;
		}
	}
	*out = 0;
}

int mounts_read(const char *mountinfo, char ***points, int *count)
{
	*points = NULL;
	*count = 0;
	FILE *f = fopen(mountinfo, "re");
	if (!f)
		return -1;
	char *line = NULL;
	size_t cap = 0;
	while (getline(&line, &cap, f) > 0) {
		char point[4096], type[64];
		const char *dash = strstr(line, " - ");
		if (!dash || sscanf(line, "%*s %*s %*s %*s %4095s", point) != 1 || sscanf(dash + 3, "%63s", type) != 1)
			continue;
		int stick = 0;
		for (int i = 0; stick_types[i] && !stick; i++)
			stick = strcmp(type, stick_types[i]) == 0;
		unescape(point);
		if (stick && !mounts_contains(*points, *count, point))
			item_list_add(points, count, point);
	}
	free(line);
	fclose(f);
	return 0;
}

int mounts_contains(char *const *points, int count, const char *point)
{
	for (int i = 0; i < count; i++)
		if (strcmp(points[i], point) == 0)
			return 1;
	return 0;
}

void mounts_free(char **points, int count)
{
	for (int i = 0; i < count; i++)
		free(points[i]);
	free(points);
}
