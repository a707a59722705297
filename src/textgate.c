/*
 * The text gate and the terminal printer (see textgate.h). Plain C: it knows
 * nothing of SQLite or curses, so import, merge, the database layer and the
 * reports all apply the very same rules and show text the very same way.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "textgate.h"
#include "util.h"

static const struct {
	const char	*name;
	size_t		 max;
	int		 lines;		/* newline and tab allowed */
} kinds[] = {
	[TEXTGATE_REF] = { "case reference", TEXTGATE_REF_MAX, 0 },
	[TEXTGATE_MANAGER] = { "case manager's initials",
	    TEXTGATE_MANAGER_MAX, 0 },
	[TEXTGATE_NAME] = { "inspector's name", TEXTGATE_NAME_MAX, 0 },
	[TEXTGATE_SERVICE] = { "service name", TEXTGATE_NAME_MAX, 0 },
	[TEXTGATE_WORD] = { "code", TEXTGATE_WORD_MAX, 0 },
	[TEXTGATE_REASON] = { "reason", TEXTGATE_REASON_MAX, 1 },
	[TEXTGATE_NOTE] = { "evidence note", TEXTGATE_NOTE_MAX, 1 },
	[TEXTGATE_WORKER] = { "victim worker", TEXTGATE_NAME_MAX, 0 },
	[TEXTGATE_LABEL] = { "interview label", TEXTGATE_NAME_MAX, 0 },
};

size_t
textgate_utf8_next(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char	*p = (const unsigned char *)s;
	unsigned char		 lo = 0x80, hi = 0xbf;
	uint32_t		 c;
	size_t			 need, i;

	*cp = TEXTGATE_BAD;
	if (n == 0)
		return 0;
	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	/*
	 * Unicode's table 3-7 of well-formed sequences: the second byte's range
	 * after E0, ED, F0 and F4 is what rules out overlong forms, surrogates
	 * and code points past U+10FFFF; C0, C1 and F5..FF never start one.
	 */
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		need = 1;
		c = p[0] & 0x1f;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		need = 2;
		c = p[0] & 0x0f;
		if (p[0] == 0xe0)
			lo = 0xa0;
		else if (p[0] == 0xed)
			hi = 0x9f;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		need = 3;
		c = p[0] & 0x07;
		if (p[0] == 0xf0)
			lo = 0x90;
		else if (p[0] == 0xf4)
			hi = 0x8f;
	} else
		return 1;
	for (i = 1; i <= need; i++) {
		if (i >= n || p[i] < lo || p[i] > hi)
			return i;	/* the maximal subpart ends here */
		c = (c << 6) | (p[i] & 0x3f);
		lo = 0x80;
		hi = 0xbf;
	}
	*cp = c;
	return need + 1;
}

size_t
textgate_max(enum textgate_kind k)
{
	return kinds[k].max;
}

const char *
textgate_name(enum textgate_kind k)
{
	return kinds[k].name;
}

/* C0, DEL and C1: what a terminal takes as a command. */
static int
is_control(uint32_t c)
{
	return c < 0x20 || (c >= 0x7f && c <= 0x9f);
}

/* What reorders the text around it: overrides, embeddings and isolates. */
static int
is_bidi_override(uint32_t c)
{
	return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/* The marks: invisible, they can still make one reference look like another. */
static int
is_bidi_mark(uint32_t c)
{
	return c == 0x200e || c == 0x200f || c == 0x061c;
}

int
textgate_check(enum textgate_kind k, const char *s, size_t n, char **cause)
{
	uint32_t	c;
	size_t		i, len;
	int		lines = kinds[k].lines;
	char		*shown;

	if (n > kinds[k].max)
		return err_fail(cause, ERR_INVALID, "the %s is %zu bytes long: "
		    "at most %zu are allowed", kinds[k].name, n, kinds[k].max);
	if (k == TEXTGATE_LABEL) {
		for (i = 0; i < n; i++) {
			if (s[i] != '\0' && strchr(TEXTGATE_LABEL_CHARS,
			    s[i]) != NULL)
				continue;
			(void)textgate_utf8_next(s + i, n - i, &c);
			shown = c == TEXTGATE_BAD || c < 0x20 || c == 0x7f ||
			    c > 0x7e ? xasprintf("U+%04X", c == TEXTGATE_BAD ?
			    0xfffd : (unsigned)c) : xasprintf("'%c'", s[i]);
			err_fail(cause, ERR_INVALID, "the %s holds %s (byte "
			    "%zu): a label is ASCII letters, digits, spaces "
			    "and - _ . / #", kinds[k].name, shown, i + 1);
			free(shown);
			return -ERR_INVALID;
		}
		if (n > 0 && (s[0] == ' ' || s[n - 1] == ' '))
			return err_fail(cause, ERR_INVALID, "the %s starts or "
			    "ends with a space", kinds[k].name);
		return 0;
	}
	for (i = 0; i < n; i += len) {
		/*
		 * Printable ASCII, nearly all of any text here, is never a
		 * control or a bidi mark: nothing to decode (a merge checks
		 * every note of forty files).
		 */
		if ((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7f) {
			len = 1;
			continue;
		}
		len = textgate_utf8_next(s + i, n - i, &c);
		if (c == TEXTGATE_BAD)
			return err_fail(cause, ERR_INVALID, "the %s is not "
			    "valid UTF-8 (byte %zu)", kinds[k].name, i + 1);
		if (c == 0)
			return err_fail(cause, ERR_INVALID, "the %s holds a "
			    "NUL byte (byte %zu)", kinds[k].name, i + 1);
		if (is_control(c) && !(lines && (c == '\n' || c == '\t')))
			return err_fail(cause, ERR_INVALID, "the %s holds a "
			    "control character (\\x%02x, byte %zu)",
			    kinds[k].name, (unsigned)c, i + 1);
		if (is_bidi_override(c) || (!lines && is_bidi_mark(c)))
			return err_fail(cause, ERR_INVALID, "the %s holds a "
			    "bidirectional control (\\u%04x, byte %zu)",
			    kinds[k].name, (unsigned)c, i + 1);
	}
	return 0;
}

int
textgate_check_str(enum textgate_kind k, const char *s, char **cause)
{
	if (s == NULL)
		return 0;
	return textgate_check(k, s, strlen(s), cause);
}

/* Unicode's space separators (Zs): what a name loses at its ends. */
static int
is_space(uint32_t c)
{
	return c == 0x20 || c == 0xa0 || c == 0x1680 || (c >= 0x2000 &&
	    c <= 0x200a) || c == 0x202f || c == 0x205f || c == 0x3000;
}

/* Where s (n bytes) starts and how long it is without its spaces at the ends. */
static size_t
trim_span(const char *s, size_t n, size_t *start)
{
	uint32_t	c;
	size_t		i = 0, end = n, b, len;

	while (i < n) {
		len = textgate_utf8_next(s + i, n - i, &c);
		if (!is_space(c))
			break;
		i += len;
	}
	while (end > i) {
		/* The last character's first byte: at most three back. */
		for (b = end - 1; b > i && end - b < 4 &&
		    ((unsigned char)s[b] & 0xc0) == 0x80; b--)
			;
		if (b + textgate_utf8_next(s + b, end - b, &c) != end ||
		    !is_space(c))
			break;
		end = b;
	}
	*start = i;
	return end - i;
}

char *
textgate_trim(const char *s)
{
	size_t	start, len;

	len = trim_span(s, strlen(s), &start);
	return xstrndup(s + start, len);
}

int
textgate_same_name(const char *a, const char *b)
{
	size_t	as, an, bs, bn;

	an = trim_span(a, strlen(a), &as);
	bn = trim_span(b, strlen(b), &bs);
	return an == bn && memcmp(a + as, b + bs, an) == 0;
}

/* "\\" then what, then c in digits hex digits at q; returns the end. */
static char *
put_hex(char *q, char what, uint32_t c, int digits)
{
	static const char	hex[] = "0123456789abcdef";
	int			i;

	*q++ = '\\';
	*q++ = what;
	for (i = digits - 1; i >= 0; i--)
		*q++ = hex[(c >> (4 * i)) & 0xf];
	return q;
}

char *
textgate_show(const char *s, size_t n, int lines)
{
	char		*out, *q;
	uint32_t	 c;
	size_t		 i, len;

	/* The worst case: every byte a C0 control, four bytes for one. */
	out = q = xreallocarray(NULL, n + 1, 4);
	for (i = 0; i < n; i += len) {
		len = textgate_utf8_next(s + i, n - i, &c);
		if (c == TEXTGATE_BAD) {
			memcpy(q, "\xef\xbf\xbd", 3);	/* U+FFFD */
			q += 3;
		} else if (is_control(c) && !(lines && (c == '\n' ||
		    c == '\t'))) {
			/* A C1 control takes two bytes, so four fit. */
			q = put_hex(q, 'x', c, 2);
		} else if (is_bidi_override(c) || is_bidi_mark(c)) {
			/* Three bytes shown as six: the worst case still holds. */
			q = put_hex(q, 'u', c, 4);
		} else {
			memcpy(q, s + i, len);
			q += len;
		}
	}
	*q = '\0';
	return out;
}

char *
textgate_show_str(const char *s)
{
	if (s == NULL)
		return xstrdup("");
	return textgate_show(s, strlen(s), 0);
}

int
textgate_vprintf(FILE *f, const char *fmt, va_list ap)
{
	char	*raw, *shown;
	int	 rc;

	raw = xvasprintf(fmt, ap);
	shown = textgate_show(raw, strlen(raw), 1);
	rc = fputs(shown, f) == EOF ? -1 : 0;
	free(shown);
	free(raw);
	return rc;
}

int
textgate_printf(FILE *f, const char *fmt, ...)
{
	va_list	ap;
	int	rc;

	va_start(ap, fmt);
	rc = textgate_vprintf(f, fmt, ap);
	va_end(ap);
	return rc;
}
