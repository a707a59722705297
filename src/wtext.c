/*
 * UTF-8 display width and word wrapping (see wtext.h). Decoding is our own, not
 * mbrtowc, so stored text is read the same whatever the locale; only the column
 * widths come from the locale.
 */
#include "config.h"

#include <langinfo.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "util.h"
#include "wtext.h"

size_t
wtext_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 len, i;
	uint32_t		 c;

	len = util_utf8_len(u, n);
	if (len == 0) {
		*cp = 0xfffd;
		return 1;
	}
	if (len == 1) {
		*cp = u[0];
		return 1;
	}
	c = u[0] & (0xff >> (len + 1));
	for (i = 1; i < len; i++)
		c = (c << 6) | (u[i] & 0x3f);
	*cp = c;
	return len;
}

size_t
wtext_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp >= 0xd800 && cp <= 0xdfff)
		return 0;
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	if (cp < 0x110000) {
		out[0] = (char)(0xf0 | (cp >> 18));
		out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[3] = (char)(0x80 | (cp & 0x3f));
		return 4;
	}
	return 0;
}

int
wtext_cwidth(uint32_t cp)
{
	int	w;

	if (cp < 0x20 || cp == 0x7f)
		return 1;	/* shown as a placeholder, never as a control */
	w = wcwidth((wchar_t)cp);
	/* Unknown to the locale (say, LC_ALL=C): one column, as curses shows it. */
	return w < 0 ? 1 : w;
}

int
wtext_width(const char *s, size_t n)
{
	size_t		off = 0;
	uint32_t	cp;
	int		w = 0;

	while (off < n) {
		off += wtext_decode(s + off, n - off, &cp);
		w += wtext_cwidth(cp);
	}
	return w;
}

size_t
wtext_fit(const char *s, size_t n, int width)
{
	size_t		off = 0, len;
	uint32_t	cp;
	int		w = 0, cw;

	while (off < n) {
		len = wtext_decode(s + off, n - off, &cp);
		cw = wtext_cwidth(cp);
		if (w + cw > width)
			break;
		w += cw;
		off += len;
	}
	return off;
}

const char *
wtext_ellipsis(void)
{
	const char	*cs = nl_langinfo(CODESET);

	if (cs != NULL && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0))
		return "\xe2\x80\xa6";
	return "...";
}

char *
wtext_cut(const char *s, size_t n, int width)
{
	const char	*ell;
	size_t		 keep;
	int		 ew;

	if (width < 0)
		width = 0;
	if (wtext_width(s, n) <= width)
		return xstrndup(s, n);
	/* Only spaces past the edge (a wrapped line's break): nothing is cut. */
	keep = wtext_fit(s, n, width);
	if (strspn(s + keep, " ") >= n - keep)
		return xstrndup(s, keep);
	ell = wtext_ellipsis();
	ew = wtext_width(ell, strlen(ell));
	if (width < ew)	/* no room for the mark: cut plainly */
		return xstrndup(s, wtext_fit(s, n, width));
	keep = wtext_fit(s, n, width - ew);
	return xasprintf("%.*s%s", (int)keep, s, ell);
}

size_t
wtext_prev(const char *s, size_t off)
{
	size_t		p;
	uint32_t	cp;

	while (off > 0) {
		p = off - 1;
		while (p > 0 && ((unsigned char)s[p] & 0xc0) == 0x80 &&
		    off - p < 4)
			p--;
		/* A stray continuation byte is a character of its own. */
		if (wtext_decode(s + p, off - p, &cp) != off - p)
			p = off - 1;
		off = p;
		if (cp == '\n' || wtext_cwidth(cp) != 0)
			break;
	}
	return off;
}

size_t
wtext_next(const char *s, size_t n, size_t off)
{
	uint32_t	cp;
	size_t		len;

	if (off >= n)
		return n;
	off += wtext_decode(s + off, n - off, &cp);
	while (off < n) {
		len = wtext_decode(s + off, n - off, &cp);
		if (cp == '\n' || wtext_cwidth(cp) != 0)
			break;
		off += len;
	}
	return off;
}

static void
push(struct wtext_line **lines, size_t *count, size_t start, size_t len,
    int width)
{
	*lines = xreallocarray(*lines, *count + 1, sizeof **lines);
	(*lines)[*count].start = start;
	(*lines)[*count].len = len;
	(*lines)[*count].width = width;
	(*count)++;
}

size_t
wtext_wrap(const char *s, size_t n, int width, struct wtext_line **lines)
{
	size_t		count = 0, pos = 0, start, brk, len;
	uint32_t	cp;
	int		w, wbrk, cw;

	*lines = NULL;
	if (width < 1)
		width = 1;
	for (;;) {
		start = pos;
		brk = 0;
		w = wbrk = 0;
		while (pos < n && s[pos] != '\n') {
			len = wtext_decode(s + pos, n - pos, &cp);
			cw = wtext_cwidth(cp);
			if (w + cw > width && pos > start)
				break;
			if (cp == ' ') {
				brk = pos + 1;
				wbrk = w;
			}
			w += cw;
			pos += len;
		}
		if (pos >= n) {
			push(lines, &count, start, pos - start, w);
			break;
		}
		if (s[pos] == '\n') {
			push(lines, &count, start, pos - start, w);
			pos++;
			continue;
		}
		/* Too wide: break after a space if there is one. */
		if (cp == ' ') {
			push(lines, &count, start, pos + 1 - start, w);
			pos++;
		} else if (brk != 0) {
			push(lines, &count, start, brk - start, wbrk);
			pos = brk;
		} else
			push(lines, &count, start, pos - start, w);
	}
	return count;
}

size_t
wtext_line_of(const struct wtext_line *lines, size_t nlines, size_t off)
{
	size_t	i;

	for (i = nlines; i > 1; i--) {
		if (lines[i - 1].start <= off)
			return i - 1;
	}
	return 0;
}
