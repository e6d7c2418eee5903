/* QR codes: see qr.h. */
#include "core/qr.h"

#include <qrencode.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

qr_code *qr_new(const char *text)
{
	QRcode *code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!code)
		return NULL;
	qr_code *q = malloc(sizeof *q);
	size_t n = (size_t)code->width * (size_t)code->width;
	if (q && !(q->dark = malloc(n))) {
		free(q);
		q = NULL;
	}
	if (q) {
		q->width = code->width;
		for (size_t i = 0; i < n; i++) /* libqrencode's lowest bit: dark */
			q->dark[i] = code->data[i] & 1;
	}
	QRcode_free(code);
	return q;
}

void qr_free(qr_code *q)
{
	if (!q)
		return;
	free(q->dark);
	free(q);
}

int qr_is_web_address(const char *s)
{
	if (!s)
		return 0;
	size_t n = strncasecmp(s, "https://", 8) == 0 ? 8 : strncasecmp(s, "http://", 7) == 0 ? 7 : 0;
	/* a host at least, and nothing a link cannot hold */
	if (n == 0 || !s[n] || s[n] == '/')
		return 0;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p <= ' ')
			return 0;
	return 1;
}
