/* Hishatak: the kiosk (the default command) and the staff's command line. */
#include "cli/cli.h"
#include "core/config.h"
#include "render/render.h"

#include <string.h>

typedef struct {
	const char *name;
	int (*run)(int argc, char **argv);
} command;

static const command commands[] = {
	{"kiosk", cli_kiosk}, {"init", cli_init}, {"keys", cli_keys}, {"bundle", cli_bundle}, {"import", cli_import}, {"log", cli_log}, {"list", cli_list},
	{"search", cli_search}, {"show", cli_show}, {"guide", cli_guide}, {"verify", cli_verify}, {"repair", cli_repair}, {"render", cli_render}, {"speak", cli_speak},
	{"report", cli_report},
	{"help", cli_help},
};

int main(int argc, char **argv)
{
	/* The HISHATAK_* settings, read once; a render worker's are the
	 * kiosk's, whose warnings have been seen. */
	config_load(argc >= 2 && strcmp(argv[1], "render-worker") == 0);
	/* No command, or options only: the kiosk. */
	if (argc < 2 || (argv[1][0] == '-' && strcmp(argv[1], "--help") != 0 && strcmp(argv[1], "-h") != 0))
		return cli_kiosk(argc, argv);
	if (strcmp(argv[1], "render-worker") == 0) /* the kiosk's own helper, not for people */
		return render_worker_main(argc, argv);
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return cli_help(argc, argv);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	cli_error("unknown command \"%s\" (hishatak help lists them)", argv[1]);
	return CLI_USAGE;
}
