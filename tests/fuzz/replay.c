/* A main for a fuzz target without libFuzzer: runs it once on every file
 * of the folders given. make sanitize builds each target with it and
 * replays the seeds and every input a fuzzer once found wrong, so that
 * what was fixed stays fixed in CI. */
#include "fuzz.h"
#include "core/files.h"
#include <dirent.h>
#include <stdio.h>

int main(int argc, char **argv)
{
	int files = 0;
	for (int i = 1; i < argc; i++) {
		DIR *d = opendir(argv[i]);
		if (!d) {
			perror(argv[i]);
			return 1;
		}
		for (struct dirent *e; (e = readdir(d));) {
			if (e->d_name[0] == '.')
				continue;
			char path[4096], err[256];
			size_t len;
			snprintf(path, sizeof path, "%s/%s", argv[i], e->d_name);
			char *data = files_read(path, 64u << 20, &len, err);
			if (!data) {
				fprintf(stderr, "%s\n", err);
				return 1;
			}
			uint8_t *exact = malloc(len ? len : 1); /* no NUL after it, as libFuzzer gives it */
			if (!exact)
				return 1;
			memcpy(exact, data, len);
			free(data);
			LLVMFuzzerTestOneInput(exact, len);
			free(exact);
			files++;
		}
		closedir(d);
	}
	printf("%s: %d inputs replayed\n", argv[0], files);
	return 0;
}
