/* hishatak report: the kiosk's report for staff and funders (report.json
 * and report.html), and, with --merge, several kiosks' reports in one
 * table. */
#include "cli/cli.h"
#include "core/report.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define MERGE_MAX 256

static const char *usage_line = "hishatak report --data DIR --out DIR | hishatak report --merge [--csv FILE] PATH...";

int cli_report(int argc, char **argv)
{
	const char *dir = NULL, *out = NULL, *csv_path = NULL, *args[MERGE_MAX];
	int merge = 0, n;
	char err[256];
	cli_option opts[] = {{"--data", &dir}, {"--out", &out}, {"--merge", NULL, &merge}, {"--csv", &csv_path}, {0}};
	int rc = cli_parse(argc, argv, opts, args, MERGE_MAX, &n, usage_line);
	if (rc)
		return rc == -2 ? CLI_OK : CLI_USAGE;
	if (merge) {
		if (n == 0 || dir || out) {
			cli_error("report: --merge takes the reports (report.json files, or folders of them) and no --data or --out\nusage: %s",
				  usage_line);
			return CLI_USAGE;
		}
		FILE *csv = NULL;
		if (csv_path && !(csv = fopen(csv_path, "w"))) {
			cli_error("report: %s: %s", csv_path, strerror(errno));
			return CLI_FAILED;
		}
		int rows = report_merge(args, n, stdout, csv, err);
		if (csv && fclose(csv) != 0 && rows >= 0) {
			snprintf(err, sizeof err, "%s: %s", csv_path, strerror(errno));
			rows = -1;
		}
		if (rows < 0) {
			cli_error("report: %s", err);
			return CLI_FAILED;
		}
		return CLI_OK;
	}
	if (!out || n) {
		cli_error("report: %s\nusage: %s", out ? "unexpected argument" : "--out DIR is needed", usage_line);
		return CLI_USAGE;
	}
	data_folder *d = cli_open_data(dir, 0);
	if (!d)
		return CLI_FAILED;
	rc = report_write(d, out, time(NULL), err);
	data_close(d);
	if (rc != 0) {
		cli_error("report: %s", err);
		return CLI_FAILED;
	}
	printf("%s/report.json\n%s/report.html\n", out, out);
	return CLI_OK;
}
