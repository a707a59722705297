/*
 * Allocation, error strings, hashing, UTF-8 checks and file reading shared by all
 * modules. Nothing here knows about inspections, SQLite or curses.
 */
#include "config.h"

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "error.h"
#include "textgate.h"
#include "util.h"

static void (*fatal_hook)(void);

void
util_set_fatal_hook(void (*hook)(void))
{
	fatal_hook = hook;
}

static void
out_of_memory(void)
{
	if (fatal_hook != NULL)
		fatal_hook();
	fputs("caseread: out of memory\n", stderr);
	abort();
}

void *
xmalloc(size_t size)
{
	void	*p;

	if ((p = malloc(size == 0 ? 1 : size)) == NULL)
		out_of_memory();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void	*p;

	if ((p = calloc(n == 0 ? 1 : n, size == 0 ? 1 : size)) == NULL)
		out_of_memory();
	return p;
}

void *
xreallocarray(void *old, size_t n, size_t size)
{
	void	*p;

	if (size != 0 && n > SIZE_MAX / size)
		out_of_memory();
	if ((p = realloc(old, n * size == 0 ? 1 : n * size)) == NULL)
		out_of_memory();
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char	*p;

	p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	char	*s;

	if (vasprintf(&s, fmt, ap) < 0)
		out_of_memory();
	return s;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

int
util_fail(char **cause, const char *fmt, ...)
{
	va_list	 ap;

	if (cause != NULL) {
		va_start(ap, fmt);
		*cause = xvasprintf(fmt, ap);
		va_end(ap);
	}
	return -1;
}

long
util_find_id(const void *base, size_t n, size_t size, long long id)
{
	size_t		lo = 0, hi = n, mid;
	long long	v;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		memcpy(&v, (const char *)base + mid * size, sizeof v);
		if (v < id)
			lo = mid + 1;
		else if (v > id)
			hi = mid;
		else
			return (long)mid;
	}
	return -1;
}

uint64_t
util_fnv1a64(const void *data, size_t len)
{
	const unsigned char	*p = data;
	uint64_t		 h = 0xcbf29ce484222325ULL;
	size_t			 i;

	for (i = 0; i < len; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

size_t
util_utf8_len(const unsigned char *s, size_t n)
{
	uint32_t	cp;
	size_t		len;

	len = textgate_utf8_next((const char *)s, n, &cp);
	return cp == TEXTGATE_BAD ? 0 : len;
}

int
util_text_ok(const char *s, size_t n, const char *allow)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = 0, len;

	while (i < n) {
		if (p[i] < 0x20 || p[i] == 0x7f) {
			if (p[i] == '\0' || allow == NULL ||
			    strchr(allow, p[i]) == NULL)
				return 0;
			i++;
			continue;
		}
		if ((len = util_utf8_len(p + i, n - i)) == 0)
			return 0;
		i += len;
	}
	return 1;
}

int
util_read_file(const char *path, char **out, size_t *outlen, char **cause)
{
	FILE	*f;
	char	*buf = NULL;
	size_t	 len = 0, size = 0, got;

	if ((f = fopen(path, "rb")) == NULL)
		return err_fail(cause, errno == ENOENT ? ERR_NOTFOUND : ERR_IO,
		    "cannot open '%s': %s", path, strerror(errno));
	for (;;) {
		if (size - len < 4096) {
			size = size == 0 ? 8192 : size * 2;
			buf = xreallocarray(buf, size, 1);
		}
		got = fread(buf + len, 1, size - len - 1, f);
		len += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		free(buf);
		fclose(f);
		return err_fail(cause, ERR_IO, "cannot read '%s': %s", path,
		    strerror(errno));
	}
	fclose(f);
	buf[len] = '\0';
	*out = buf;
	if (outlen != NULL)
		*outlen = len;
	return 0;
}

/* v in digits decimal digits at p, zero-padded; returns the end. */
static char *
put_digits(char *p, int v, int digits)
{
	int	i;

	for (i = digits - 1; i >= 0; i--, v /= 10)
		p[i] = (char)('0' + v % 10);
	return p + digits;
}

/*
 * Written digit by digit: strftime and snprintf took 1,500 instructions a
 * call, and an import stamps every row it saves.
 */
void
util_now(char buf[UTIL_TIME_LEN])
{
	struct timeval	tv;
	struct tm	tm;
	char		*p = buf;

	gettimeofday(&tv, NULL);
	gmtime_r(&tv.tv_sec, &tm);
	p = put_digits(p, tm.tm_year + 1900, 4);
	*p++ = '-';
	p = put_digits(p, tm.tm_mon + 1, 2);
	*p++ = '-';
	p = put_digits(p, tm.tm_mday, 2);
	*p++ = 'T';
	p = put_digits(p, tm.tm_hour, 2);
	*p++ = ':';
	p = put_digits(p, tm.tm_min, 2);
	*p++ = ':';
	p = put_digits(p, tm.tm_sec, 2);
	*p++ = '.';
	p = put_digits(p, (int)(tv.tv_usec / 1000), 3);
	*p++ = 'Z';
	*p = '\0';
}

const char *
util_default_inspector(void)
{
	const char	*user;
	struct passwd	*pw;

	if ((user = getenv("USER")) != NULL && *user != '\0')
		return user;
	if ((pw = getpwuid(getuid())) != NULL && pw->pw_name != NULL)
		return pw->pw_name;
	return "inspector";
}
