/* See fail.h. */
#include "core/fail.h"

#include <stdarg.h>
#include <stdio.h>

int fail(char err[256], const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, 256, fmt, ap);
	va_end(ap);
	return -1;
}
