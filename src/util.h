/*
 * Small helpers every module uses: allocation that cannot return NULL, a formatted
 * error string for the "char **cause" convention, and the FNV-1a hash we use to
 * fingerprint question banks.
 */
#ifndef CASEREAD_UTIL_H
#define CASEREAD_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Allocators that never return NULL. On exhaustion they run the fatal hook (the UI
 * uses it to restore the terminal) and abort: a half-done operation is safer than
 * carrying on with a NULL the caller did not expect.
 */
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
/* Returns a newly allocated formatted string; the caller frees it. */
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));
char	*xvasprintf(const char *, va_list) __attribute__((format(printf, 1, 0)));

/* Called before abort() on out-of-memory; NULL for none. */
void	 util_set_fatal_hook(void (*)(void));

/*
 * Set *cause (when cause is not NULL) to a newly allocated message and return -1,
 * so error paths read "return util_fail(cause, ...)": err_fail (error.h) with
 * ERR_FAILED, for a failure no caller tells apart from others.
 */
int	 util_fail(char **cause, const char *, ...)
	     __attribute__((format(printf, 2, 3)));

/*
 * The index of the element whose id is id among n elements of size bytes at
 * base, sorted by id ascending, each starting with its id (a long long); -1
 * when there is none.
 */
long	 util_find_id(const void *base, size_t n, size_t size, long long id);
/* FNV-1a, 64 bits: identifies content, not a security measure. */
uint64_t util_fnv1a64(const void *, size_t);

/*
 * Length of the valid UTF-8 sequence starting at s (at most n bytes available),
 * or 0 when the bytes there are not valid UTF-8 (overlong, surrogate, truncated):
 * textgate_utf8_next's verdict. What may be stored is textgate_check's.
 */
size_t	 util_utf8_len(const unsigned char *s, size_t n);
/* 1 when the n bytes are valid UTF-8 without NUL or C0/DEL control characters
 * other than those in allow (e.g. "\t\n"). */
int	 util_text_ok(const char *s, size_t n, const char *allow);

/*
 * Read a whole file into a NUL-terminated buffer; -ERR_NOTFOUND (no such
 * file) or -ERR_IO with *cause on failure.
 */
int	 util_read_file(const char *path, char **out, size_t *len, char **cause);

/* Current time as ISO 8601 UTC with milliseconds, in a caller-provided buffer. */
#define UTIL_TIME_LEN 32
void	 util_now(char buf[UTIL_TIME_LEN]);

/* The user's name for records when none is given: $USER, else the passwd entry. */
const char *util_default_inspector(void);

#endif
