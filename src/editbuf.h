/*
 * The text being edited in the evidence note editor: UTF-8 bytes with a cursor,
 * and the moves an editor needs, including up and down through lines as they are
 * wrapped on screen. No curses, so it is tested on its own; no length limit beyond
 * memory (the db layer sets the only limit).
 */
#ifndef CASEREAD_EDITBUF_H
#define CASEREAD_EDITBUF_H

#include <stddef.h>
#include <stdint.h>

struct editbuf {
	char	*text;		/* NUL-terminated UTF-8 */
	size_t	 len;		/* bytes, without the NUL */
	size_t	 size;		/* allocated */
	size_t	 cursor;	/* byte offset, always on a character boundary */
	int	 goal;		/* column up/down aim for; -1 when none */
	int	 changed;	/* edited since editbuf_init */
};

/* Start with a copy of text (NULL for empty), cursor at the end. */
void	 editbuf_init(struct editbuf *, const char *text);
void	 editbuf_clear(struct editbuf *);
/* Insert a character (a newline is one); others below 0x20 are ignored. */
void	 editbuf_insert(struct editbuf *, uint32_t cp);
void	 editbuf_backspace(struct editbuf *);
void	 editbuf_delete(struct editbuf *);
void	 editbuf_left(struct editbuf *);
void	 editbuf_right(struct editbuf *);
/* Start and end of the line as wrapped at width columns. */
void	 editbuf_home(struct editbuf *, int width);
void	 editbuf_end(struct editbuf *, int width);
/* Previous or next line as wrapped at width columns, keeping the column. */
void	 editbuf_up(struct editbuf *, int width);
void	 editbuf_down(struct editbuf *, int width);
/* Where the cursor shows when the text is wrapped at width: line and column. */
void	 editbuf_cursor(const struct editbuf *, int width, size_t *row,
	     int *col);

#endif
