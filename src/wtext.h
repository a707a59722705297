/*
 * Display width and wrapping of UTF-8 text for the terminal interface, kept apart
 * from curses so the rules can be tested without a terminal. Widths come from
 * wcwidth(3) in the current locale; invalid bytes show as one column each.
 */
#ifndef CASEREAD_WTEXT_H
#define CASEREAD_WTEXT_H

#include <stddef.h>
#include <stdint.h>

/*
 * Decode the character at s (n bytes available, n > 0) into *cp and return the
 * bytes it takes; an invalid sequence is one byte decoded as U+FFFD.
 */
size_t	 wtext_decode(const char *s, size_t n, uint32_t *cp);
/* Encode cp as UTF-8 into out; returns its length (0 for a non-character). */
size_t	 wtext_encode(uint32_t cp, char out[4]);
/* Columns a character takes: 0 for combining marks, 2 for wide ones. */
int	 wtext_cwidth(uint32_t cp);
/* Columns n bytes of s take. */
int	 wtext_width(const char *s, size_t n);
/* Bytes of the longest prefix of s (n bytes) that fits in width columns. */
size_t	 wtext_fit(const char *s, size_t n, int width);
/*
 * The mark for text cut short: "\xe2\x80\xa6" (an ellipsis) when the locale's
 * character set is UTF-8, "..." otherwise.
 */
const char	*wtext_ellipsis(void);
/*
 * s (n bytes) fitted to width columns: s itself (copied) when it fits, else its
 * longest prefix that leaves room for the ellipsis, then the ellipsis, so that
 * two texts that differ late never look the same; spaces alone past the edge
 * are dropped without the mark. Returns a new string.
 */
char	*wtext_cut(const char *s, size_t n, int width);
/* Offset of the character before off (0 at the start), skipping combining marks. */
size_t	 wtext_prev(const char *s, size_t off);
/* Offset after the character at off (n at the end), with its combining marks. */
size_t	 wtext_next(const char *s, size_t n, size_t off);

/* One display line of wrapped text: bytes [start, start + len) of the source. */
struct wtext_line {
	size_t	 start;
	size_t	 len;		/* without the newline that ended it, if any */
	int	 width;		/* columns, not counting a space it broke after */
};

/*
 * Wrap n bytes of s into lines of at most width columns (width >= 1): breaks at
 * newlines, after the last space that fits, or mid-word when a word is longer than
 * a line. A text ending in a newline has a last, empty line; an empty text has one
 * empty line. *lines is newly allocated (the caller frees it); returns the count.
 */
size_t	 wtext_wrap(const char *s, size_t n, int width,
	     struct wtext_line **lines);
/* Index of the line holding byte offset off (a line starts where it starts). */
size_t	 wtext_line_of(const struct wtext_line *, size_t nlines, size_t off);

#endif
