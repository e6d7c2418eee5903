/* What the subcommands share: option parsing, errors, JSON strings. */
#include "cli/cli.h"
#include "core/files.h"
#include "core/minisign.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cli_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("hishatak: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

int cli_parse(int argc, char **argv, const cli_option *options, const char **args, int max_args,
	      int *arg_count, const char *usage)
{
	*arg_count = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			printf("usage: %s\n", usage);
			return -2;
		}
		if (a[0] == '-' && a[1] == '-' && a[2]) {
			const cli_option *o = options;
			while (o && o->name && strcmp(o->name, a) != 0)
				o++;
			if (!o || !o->name) {
				cli_error("%s: unknown option %s\nusage: %s", argv[0], a, usage);
				return -1;
			}
			if (o->flag) {
				*o->flag = 1;
				continue;
			}
			if (i + 1 >= argc) {
				cli_error("%s: %s needs a value\nusage: %s", argv[0], a, usage);
				return -1;
			}
			if (o->many) {
				if (*o->many_count >= o->many_max) {
					cli_error("%s: too many %s", argv[0], a);
					return -1;
				}
				o->many[(*o->many_count)++] = argv[++i];
			} else {
				*o->value = argv[++i];
			}
			continue;
		}
		if (*arg_count >= max_args) {
			cli_error("%s: unexpected argument \"%s\"\nusage: %s", argv[0], a, usage);
			return -1;
		}
		args[(*arg_count)++] = a;
	}
	return 0;
}

data_folder *cli_open_data(const char *dir, int flags)
{
	char def[4096], err[256];
	if (!dir) {
		data_default_dir(def);
		dir = def;
		flags |= DATA_CREATE;
		flags &= ~DATA_READONLY;
	}
	data_folder *d = data_open(dir, flags, err);
	if (!d)
		cli_error("%s", err);
	return d;
}

int cli_parse_size(const char *s, int *w, int *h)
{
	char tail;
	return s && sscanf(s, "%dx%d%c", w, h, &tail) == 2 && *w >= 16 && *h >= 16 && *w <= 16384 && *h <= 16384;
}

int cli_read_keys(const char *const *paths, int count, char **lines)
{
	for (int i = 0; i < count; i++) {
		char err[256];
		minisign_key key;
		char *text = files_read(paths[i], 4096, NULL, err);
		lines[i] = NULL;
		if (!text || minisign_parse_public_key(text, &key, err) != 0) {
			cli_error("%s: %s", paths[i], err);
			free(text);
			cli_free_keys(lines, i);
			return -1;
		}
		free(text);
		lines[i] = malloc(64);
		if (lines[i])
			minisign_key_line(&key, lines[i]);
	}
	return 0;
}

void cli_free_keys(char **lines, int count)
{
	for (int i = 0; i < count; i++)
		free(lines[i]);
}
