/*
 * Typed errors: a code for the program beside the message for the reader (see
 * error.h). Wording the user's advice lives here so that the store never has
 * to, and no caller has to cut it back out of a message.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>

#include "error.h"
#include "util.h"

int
err_fail(char **cause, enum err_code code, const char *fmt, ...)
{
	va_list	 ap;

	if (cause != NULL) {
		va_start(ap, fmt);
		*cause = xvasprintf(fmt, ap);
		va_end(ap);
	}
	if (code <= ERR_NONE || code >= ERR_NCODES)
		code = ERR_FAILED;
	return -(int)code;
}

enum err_code
err_code_of(int rc)
{
	if (rc >= 0)
		return ERR_NONE;
	if (rc <= -ERR_NCODES)
		return ERR_FAILED;
	return (enum err_code)-rc;
}

const char *
err_name(enum err_code code)
{
	static const char *const names[ERR_NCODES] = {
		[ERR_NONE] = "none",
		[ERR_FAILED] = "failed",
		[ERR_IO] = "io",
		[ERR_LOCKED] = "locked",
		[ERR_DAMAGED] = "damaged",
		[ERR_FOREIGN] = "foreign",
		[ERR_NEWER] = "newer",
		[ERR_OLDER] = "older",
		[ERR_READONLY] = "readonly",
		[ERR_INVALID] = "invalid",
		[ERR_NOTFOUND] = "notfound",
		[ERR_REPLACED] = "replaced",
		[ERR_REFUSED] = "refused",
		[ERR_TIMEOUT] = "timeout",
		[ERR_CHANGED] = "changed",
		[ERR_CONFLICT] = "conflict",
	};

	if ((int)code < 0 || code >= ERR_NCODES)
		return "failed";
	return names[code];
}

const char *
err_advice(enum err_code code)
{
	switch (code) {
	case ERR_DAMAGED:
		return "see BACKUPS in caseread(1) to restore a snapshot";
	case ERR_LOCKED:
		return "another caseread or program is writing it; try again "
		    "when it has finished";
	case ERR_NEWER:
		return "upgrade caseread";
	case ERR_CHANGED:
		return "another window saved it meanwhile; look at what it "
		    "holds now, then save again";
	default:
		return NULL;
	}
}
