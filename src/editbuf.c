/*
 * Editable UTF-8 text with a cursor (see editbuf.h). Lines are those wtext_wrap
 * makes, so moving up and down follows what the inspector sees; the editor must
 * wrap at the same width it passes here.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "editbuf.h"
#include "util.h"
#include "wtext.h"

void
editbuf_init(struct editbuf *eb, const char *text)
{
	size_t	n = text != NULL ? strlen(text) : 0;

	eb->size = n + 64;
	eb->text = xmalloc(eb->size);
	memcpy(eb->text, text != NULL ? text : "", n);
	eb->text[n] = '\0';
	eb->len = n;
	eb->cursor = n;
	eb->goal = -1;
	eb->changed = 0;
}

void
editbuf_clear(struct editbuf *eb)
{
	free(eb->text);
	memset(eb, 0, sizeof *eb);
}

void
editbuf_insert(struct editbuf *eb, uint32_t cp)
{
	char	buf[4];
	size_t	n;

	if ((cp < 0x20 && cp != '\n') || cp == 0x7f ||
	    (n = wtext_encode(cp, buf)) == 0)
		return;
	if (eb->len + n + 1 > eb->size) {
		/* Doubling keeps a long paste linear. */
		while (eb->len + n + 1 > eb->size)
			eb->size *= 2;
		eb->text = xreallocarray(eb->text, eb->size, 1);
	}
	memmove(eb->text + eb->cursor + n, eb->text + eb->cursor,
	    eb->len - eb->cursor + 1);
	memcpy(eb->text + eb->cursor, buf, n);
	eb->len += n;
	eb->cursor += n;
	eb->goal = -1;
	eb->changed = 1;
}

static void
cut(struct editbuf *eb, size_t from, size_t to)
{
	if (from >= to)
		return;
	memmove(eb->text + from, eb->text + to, eb->len - to + 1);
	eb->len -= to - from;
	eb->cursor = from;
	eb->goal = -1;
	eb->changed = 1;
}

void
editbuf_backspace(struct editbuf *eb)
{
	cut(eb, wtext_prev(eb->text, eb->cursor), eb->cursor);
}

void
editbuf_delete(struct editbuf *eb)
{
	cut(eb, eb->cursor, wtext_next(eb->text, eb->len, eb->cursor));
}

void
editbuf_left(struct editbuf *eb)
{
	eb->cursor = wtext_prev(eb->text, eb->cursor);
	eb->goal = -1;
}

void
editbuf_right(struct editbuf *eb)
{
	eb->cursor = wtext_next(eb->text, eb->len, eb->cursor);
	eb->goal = -1;
}

/*
 * The last offset the cursor may take on line i and still show on it: a wrapped
 * line's own end is where the next line starts, so stop a character short.
 */
static size_t
line_last(const struct editbuf *eb, const struct wtext_line *l, size_t nl,
    size_t i)
{
	size_t	end = l[i].start + l[i].len;

	if (i + 1 < nl && l[i + 1].start == end && end > l[i].start)
		return wtext_prev(eb->text, end);
	return end;
}

void
editbuf_home(struct editbuf *eb, int width)
{
	struct wtext_line	*l;
	size_t			 nl;

	nl = wtext_wrap(eb->text, eb->len, width, &l);
	eb->cursor = l[wtext_line_of(l, nl, eb->cursor)].start;
	eb->goal = -1;
	free(l);
}

void
editbuf_end(struct editbuf *eb, int width)
{
	struct wtext_line	*l;
	size_t			 nl;

	nl = wtext_wrap(eb->text, eb->len, width, &l);
	eb->cursor = line_last(eb, l, nl, wtext_line_of(l, nl, eb->cursor));
	eb->goal = -1;
	free(l);
}

static void
vertical(struct editbuf *eb, int width, int down)
{
	struct wtext_line	*l;
	size_t			 nl, row, last, off;
	int			 col;

	nl = wtext_wrap(eb->text, eb->len, width, &l);
	row = wtext_line_of(l, nl, eb->cursor);
	col = wtext_width(eb->text + l[row].start, eb->cursor - l[row].start);
	if (eb->goal < 0)
		eb->goal = col;
	if (down && row + 1 < nl)
		row++;
	else if (!down && row > 0)
		row--;
	else {
		/* Past the first or last line: go to its start or end. */
		eb->cursor = down ? eb->len : 0;
		free(l);
		return;
	}
	last = line_last(eb, l, nl, row);
	off = l[row].start + wtext_fit(eb->text + l[row].start,
	    last - l[row].start, eb->goal);
	eb->cursor = off;
	free(l);
}

void
editbuf_up(struct editbuf *eb, int width)
{
	vertical(eb, width, 0);
}

void
editbuf_down(struct editbuf *eb, int width)
{
	vertical(eb, width, 1);
}

void
editbuf_cursor(const struct editbuf *eb, int width, size_t *row, int *col)
{
	struct wtext_line	*l;
	size_t			 nl;

	nl = wtext_wrap(eb->text, eb->len, width, &l);
	*row = wtext_line_of(l, nl, eb->cursor);
	*col = wtext_width(eb->text + l[*row].start,
	    eb->cursor - l[*row].start);
	free(l);
}
