/*
 * What kind of failure an error is, for the callers that act on it: the message
 * in *cause says what and where for the reader, the code says which kind for the
 * program. Advice to the user (see BACKUPS, try again later) is worded at the
 * edges (cmd.c, ui.c) from the code, never by the store.
 *
 * The one return convention: a function returns 0 (or a positive result it
 * documents, such as csv_read's 1 for "a record"), or on failure the negated
 * code with *cause set to a newly allocated message, which the caller shows or
 * passes on and frees. -ERR_FAILED is -1, so "!= 0" and "< 0" tests keep
 * working. Every path that fills *cause returns a negative code; no negative
 * return leaves it unset. A caller that acts on the kind of failure branches on
 * err_code_of(rc), never on the words of *cause or on a magic number, and one
 * that only passes a failure on returns rc itself, so the code travels with
 * the message. A sentinel that is not a failure (an option not given, a
 * value not recognised by a parser without a cause) has its own name beside
 * the values it stands among, never a bare -2.
 *
 * "Changed under you" is a failure (ERR_CHANGED), not a positive result: the
 * write did not happen, and a caller that ignores the code must not carry on as
 * if it had. A screen that knows how to show what changed checks for it first.
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
	ERR_TIMEOUT,	/* reading untrusted input took too long */
	ERR_CHANGED,	/* the file no longer holds what the screen showed */
	ERR_CONFLICT	/* two readings of one case: settle with --keep */
};
#define ERR_NCODES	(ERR_CONFLICT + 1)

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
