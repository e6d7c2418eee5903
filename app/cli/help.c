/* hishatak help: the commands, for staff. */
#include "cli/cli.h"
#include "core/config.h"

#include <stdio.h>
#include <string.h>

int cli_help(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "env") == 0) {
		printf("Settings read from the environment (unset or empty: the default; a value\n"
		       "out of its range is said on standard error and the default used):\n\n");
		config_print(stdout);
		printf("\nAlso read, not Hishatak's own: XDG_DATA_HOME (or HOME), for --data's default\n"
		       "folder; SDL's variables (SDL_VIDEODRIVER, SDL_AUDIODRIVER, ...), see SDL's documentation.\n");
		return CLI_OK;
	}
	if (argc > 1 && strcmp(argv[1], "--help") != 0 && strcmp(argv[1], "-h") != 0) {
		cli_error("help: unknown topic \"%s\" (hishatak help env lists the settings)", argv[1]);
		return CLI_USAGE;
	}
	printf("Hishatak: an offline archive kiosk, and the staff's tool for it.\n\n"
	       "usage: hishatak [COMMAND] [OPTIONS]\n\n"
	       "  kiosk   [--data DIR] [--windowed] [--size WxH] [--lang en|hy|ru]\n"
	       "          [--script FILE --shots DIR]   the kiosk (the default command)\n"
	       "  init    --data DIR --archive ID [--trust KEY.pub]...   a new, empty archive\n"
	       "  keys    --data DIR [--trust KEY.pub]... [--retire KEY.pub|KEYID]...\n"
	       "                                 the keys bundles may be signed with\n"
	       "  bundle  --archive ID [--sequence N] [--snapshot] [--key SECRET.key]\n"
	       "          [--trust NEW.pub]... [--retire OLD.pub]... FOLDER OUT\n"
	       "                                 a bundle from FOLDER/items.csv and its documents\n"
	       "  import  --data DIR PATH        apply the signed bundles at PATH (a stick, or one bundle)\n"
	       "  log     --data DIR             the import log\n"
	       "  list    --data DIR [--json]    the items visitors can see\n"
	       "  search  --data DIR [--json] [--size WxH] QUERY   matching items and pages\n"
	       "  show    --data DIR [--json] ID one item's metadata (with its note for curators)\n"
	       "  guide   --data DIR [--json]    the archive's name, introduction, topics and\n"
	       "                                 collections, as visitors see them (JSON)\n"
	       "  verify  --data DIR             check the catalogue and every stored file\n"
	       "  repair  --data DIR             put right what verify finds (the kiosk stopped)\n"
	       "  render  --data DIR ID --pages A-B --size WxH --out PATTERN   pages to PNG\n"
	       "  speak   --data DIR ID --wav FILE [--seconds N]   the item read aloud, into a WAV file\n"
	       "  report  --data DIR --out DIR   the report for staff and funders: report.json, report.html\n"
	       "  report  --merge [--csv FILE] PATH...   several kiosks' reports in one table\n"
	       "  help                           this text\n"
	       "  help env                       every setting read from the environment (HISHATAK_*),\n"
	       "                                 with its default, its range and what it does\n\n"
	       "--data defaults to $XDG_DATA_HOME/hishatak (~/.local/share/hishatak).\n"
	       "Every command takes --help. Exit status: 0 ok, 1 refused or failed, 2 usage error.\n");
	return CLI_OK;
}
