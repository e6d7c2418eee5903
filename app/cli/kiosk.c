/* `hishatak kiosk` (the default command): its options are checked and its
 * script parsed whole here, before the UI starts, so that a wrong line
 * changes nothing and exits 2. */
#include "cli/cli.h"
#include "ui/kiosk.h"
#include "ui/script.h"
#include "ui/strings.h"

#include <stdlib.h>
#include <string.h>

int cli_kiosk(int argc, char **argv)
{
	const char *dir = NULL, *size = NULL, *lang = NULL, *script_path = NULL, *shots = NULL, *dpi = NULL, *stats = NULL,
		   *args[1];
	kiosk_options o = {.width = 1280, .height = 800};
	int n;
	cli_option opts[] = {
		{"--data", &dir}, {"--size", &size}, {"--lang", &lang}, {"--script", &script_path},
		{"--shots", &shots}, {"--dpi", &dpi}, {"--windowed", NULL, &o.windowed}, {"--stats", &stats}, {0},
	};
	const char *usage = "hishatak [kiosk] [--data DIR] [--windowed] [--size WxH] [--dpi N] [--lang en|hy|ru] "
			    "[--script FILE --shots DIR] [--stats FILE]";
	int rc = cli_parse(argc, argv, opts, args, 0, &n, usage);
	if (rc)
		return rc == -2 ? CLI_OK : CLI_USAGE;
	if (size && !cli_parse_size(size, &o.width, &o.height)) {
		cli_error("kiosk: bad --size \"%s\" (WxH, like 800x480)", size);
		return CLI_USAGE;
	}
	if (lang && strings_lang_index(lang) < 0) {
		cli_error("kiosk: --lang must be en, hy or ru");
		return CLI_USAGE;
	}
	if (dpi && (atof(dpi) < 50 || atof(dpi) > 1000)) {
		cli_error("kiosk: --dpi must be between 50 and 1000");
		return CLI_USAGE;
	}
	if ((script_path != NULL) != (shots != NULL)) {
		cli_error("kiosk: --script and --shots go together\nusage: %s", usage);
		return CLI_USAGE;
	}
	char err[256];
	script *s = NULL;
	if (script_path && !(s = script_load(script_path, err))) {
		cli_error("kiosk: %s", err);
		return CLI_USAGE;
	}
	o.data_dir = dir;
	o.lang = lang ? strings_lang_index(lang) : 0;
	o.dpi = dpi ? (float)atof(dpi) : 0;
	o.script = s;
	o.script_path = script_path;
	o.shots_dir = shots;
	o.stats_path = stats;
	rc = kiosk_run(&o);
	script_free(s);
	return rc;
}
