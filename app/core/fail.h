/* The core's way of saying what went wrong: a message in the caller's
 * err[256], and -1 to return. */
#ifndef HISHATAK_FAIL_H
#define HISHATAK_FAIL_H

/* Writes the message (printf's format) into err; returns -1. */
int fail(char err[256], const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
