/* QR codes of web addresses (Debian's libqrencode), as a matrix of
 * modules for the UI to draw: a visitor takes a document home by
 * photographing its cover's code. */
#ifndef HISHATAK_QR_H
#define HISHATAK_QR_H

typedef struct {
	int width;              /* modules a side, without the quiet zone */
	unsigned char *dark;    /* width * width: 1 a dark module, row by row */
} qr_code;

/* The code of text (UTF-8, in byte mode), error correction M (15% of it
 * may be lost: a glare on the screen). NULL when text cannot be encoded
 * (too long: about 2,300 bytes). Free with qr_free. */
qr_code *qr_new(const char *text);
void qr_free(qr_code *q);

/* 1 when s is an http or https address, the kind of source a phone can open. */
int qr_is_web_address(const char *s);

#endif
