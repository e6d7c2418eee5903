/* The report onto a stick: see stick.h. */
#include "core/stick.h"
#include "core/files.h"
#include "core/report.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

/* Makes NAME under dir as a whole: the report in dir/.NAME.part (each file
 * written durably), then renamed to dir/NAME (NAME-2, -3 ... when taken)
 * and dir synced. The full path in where. */
static int write_whole(data_folder *d, const char *dir, const char *name, time_t now, const char *stick_line,
		       char where[4096], char err[256])
{
	char part[4300], path[4400];
	if (files_make_dirs(dir, err) != 0)
		return -1;
	snprintf(part, sizeof part, "%s/.%s.part", dir, name);
	files_remove_tree(part); /* from a try cut short */
	if (report_write(d, part, now, err) != 0)
		goto fail;
	if (stick_line) {
		snprintf(path, sizeof path, "%s/stick", part);
		if (files_write_durably(path, stick_line, strlen(stick_line), err) != 0)
			goto fail;
	}
	for (int n = 1; n < 100; n++) {
		if (n == 1)
			snprintf(where, 4096, "%s/%s", dir, name);
		else
			snprintf(where, 4096, "%s/%s-%d", dir, name, n);
		if (files_exists(where))
			continue;
		if (rename(part, where) != 0) {
			snprintf(err, 256, "%s: %s", where, strerror(errno));
			goto fail;
		}
		if (files_sync_dir(dir) != 0) {
			snprintf(err, 256, "%s: %s", dir, strerror(errno));
			return -1;
		}
		return 0;
	}
	snprintf(err, 256, "%s: too many reports of this minute", dir);
fail:
	files_remove_tree(part);
	return -1;
}

int stick_save_report(data_folder *d, const char *root, time_t now, char where[4096], char err[256])
{
	char name[200], dir[4200];
	struct statvfs fs;
	report_name(d, now, name);
	if (statvfs(root, &fs) != 0) {
		snprintf(err, 256, "%s: %s (was the stick removed?)", root, strerror(errno));
		return -1;
	}
	if (!(fs.f_flag & ST_RDONLY) && access(root, W_OK) == 0) {
		snprintf(dir, sizeof dir, "%s/" STICK_REPORTS, root);
		if (write_whole(d, dir, name, now, NULL, where, err) != 0)
			return -1;
		/* Everything on the stick's file system reaches the stick
		 * before Admin says it may be removed. */
		int fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (fd < 0 || syncfs(fd) != 0) {
			snprintf(err, 256, "%s: %s", root, strerror(errno));
			if (fd >= 0)
				close(fd);
			return -1;
		}
		close(fd);
		return STICK_WRITTEN;
	}
	data_path(d, STICK_OUTBOX, dir);
	char line[4200];
	snprintf(line, sizeof line, "%s\n", root);
	if (write_whole(d, dir, name, now, line, where, err) != 0)
		return -1;
	return STICK_QUEUED;
}

int stick_result(const data_folder *d, time_t since, char out[512])
{
	char path[4096];
	struct stat st;
	data_path(d, STICK_RESULT, path);
	if (stat(path, &st) != 0 || st.st_mtime < since)
		return -1;
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	size_t n = fread(out, 1, 511, f);
	fclose(f);
	out[n] = 0;
	out[strcspn(out, "\n")] = 0;
	return 0;
}
