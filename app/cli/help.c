/* hishatak help: the commands, for staff. */
#include "cli/cli.h"

#include <stdio.h>

int cli_help(int argc, char **argv)
{
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
	       "  show    --data DIR [--json] ID one item's metadata\n"
	       "  verify  --data DIR             check the catalogue and every stored file\n"
	       "  repair  --data DIR             put right what verify finds (the kiosk stopped)\n"
	       "  render  --data DIR ID --pages A-B --size WxH --out PATTERN   pages to PNG\n"
	       "  speak   --data DIR ID --wav FILE [--seconds N]   the item read aloud, into a WAV file\n"
	       "  help                           this text\n\n"
	       "--data defaults to $XDG_DATA_HOME/hishatak (~/.local/share/hishatak).\n"
	       "Every command takes --help. Exit status: 0 ok, 1 refused or failed, 2 usage error.\n");
	return CLI_OK;
}
