/*
 * What kind of failure an error is, for the callers that act on it: the message
 * in *cause says what and where for the reader, the code says which kind for the
 * program. A function that fails returns the negated code (-ERR_FAILED is -1, so
 * "!= 0" and "< 0" tests keep working) and fills *cause; advice to the user (see
 * BACKUPS, try again later) is worded at the edges (cmd.c, ui.c) from the code,
 * never by the store.
 */
#ifndef CASEREAD_ERROR_H
#define CASEREAD_ERROR_H

enum err_code {
	ERR_NONE = 0,
	ERR_FAILED,	/* anything not below: the message says what */
	ERR_IO,		/* the system refused: no space, no permission, gone */
	ERR_LOCKED,	/* another program holds the file's write lock */
	ERR_DAMAGED,	/* the file fails its checks, or was cut short */
	ERR_FOREIGN,	/* not a caseread file, or not the kind asked for */
	ERR_NEWER,	/* written by a newer caseread */
	ERR_OLDER,	/* from an older caseread, and cannot be upgraded here */
	ERR_READONLY,	/* the file or its folder cannot be written */
	ERR_INVALID,	/* input that breaks a rule: text, a value, an option */
	ERR_NOTFOUND,	/* no such case, question or file */
	ERR_REPLACED,	/* the case on screen is no longer in the file */
	ERR_REFUSED,	/* a bundle merge will not take */
	ERR_TIMEOUT	/* reading untrusted input took too long */
};
#define ERR_NCODES	(ERR_TIMEOUT + 1)

/*
 * Set *cause (when cause is not NULL) to a newly allocated message and return
 * -code, so error paths read "return err_fail(cause, ERR_LOCKED, ...)".
 */
int		 err_fail(char **cause, enum err_code code, const char *, ...)
		     __attribute__((format(printf, 3, 4)));
/* The code a failing return value carries (ERR_FAILED for any other negative). */
enum err_code	 err_code_of(int rc);
/* A short stable name for the code ("locked", "damaged"), for tests and logs. */
const char	*err_name(enum err_code);
/*
 * What the user can do about it, worded once for every edge, or NULL when the
 * message says all: ERR_DAMAGED points at BACKUPS in caseread(1).
 */
const char	*err_advice(enum err_code);

#endif
