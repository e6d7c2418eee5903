/* The staff's command line: one file per subcommand, each an int f(argc,
 * argv) returning the exit status (0 ok, 1 refused or failed, 2 usage). */
#ifndef HISHATAK_CLI_H
#define HISHATAK_CLI_H

#include "core/data.h"
#include "core/json.h"
#include <stdio.h>

enum { CLI_OK = 0, CLI_FAILED = 1, CLI_USAGE = 2 };

typedef struct {
	const char *name;     /* "--data" */
	const char **value;   /* where the value goes (options with a value) */
	int *flag;            /* set to 1 (options without one) */
	const char **many;    /* repeatable: values collected here ... */
	int *many_count;      /* ... counted here */
	int many_max;
} cli_option;

/* Parses argv[1..] (argv[0] is the subcommand's name): options, then up to
 * max_args other arguments. On a usage error prints it with the usage line
 * and returns -1. */
int cli_parse(int argc, char **argv, const cli_option *options, const char **args, int max_args,
	      int *arg_count, const char *usage);

/* Prints "hishatak: message" on stderr. */
void cli_error(const char *fmt, ...);

/* Opens --data (or the default folder, created on first use). */
data_folder *cli_open_data(const char *dir, int flags);

/* One item as a JSON object: the fields of the spec and the metadata. */
void cli_item_json(FILE *f, const item *it);

/* Reads minisign .pub files into their key lines (caller frees with
 * cli_free_keys); -1 after a message when one is not a key. */
int cli_read_keys(const char *const *paths, int count, char **lines);
void cli_free_keys(char **lines, int count);

/* "WxH" -> w, h (each 16 to 16384). */
int cli_parse_size(const char *s, int *w, int *h);

int cli_help(int argc, char **argv);
int cli_kiosk(int argc, char **argv);
int cli_init(int argc, char **argv);
int cli_keys(int argc, char **argv);
int cli_bundle(int argc, char **argv);
int cli_import(int argc, char **argv);
int cli_log(int argc, char **argv);
int cli_list(int argc, char **argv);
int cli_search(int argc, char **argv);
int cli_show(int argc, char **argv);
int cli_guide(int argc, char **argv);
int cli_verify(int argc, char **argv);
int cli_repair(int argc, char **argv);
int cli_render(int argc, char **argv);
int cli_speak(int argc, char **argv);
int cli_report(int argc, char **argv);

#endif
