/*
 * RFC 4180 reader and writer. The reader is a byte-at-a-time state machine over
 * a window that is either the caller's whole buffer or a 64 KiB block refilled
 * from a stream, so a 300,000-row import never holds the file twice. It knows
 * nothing of headers or column meanings: that is the caller's business.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "error.h"
#include "util.h"

#define CSV_BLOCK	65536
#define CSV_EOF		(-1)	/* beside a byte: the end of input */
#define CSV_STOP	(-2)	/* beside a byte: reading failed */

struct csv_reader {
	char			*name;		/* for messages */
	FILE			*f;		/* NULL when reading memory */
	unsigned char		*block;		/* stream buffer */
	const unsigned char	*p;		/* next byte in the window */
	const unsigned char	*end;		/* end of the window */
	int			 eof;		/* no more input behind the window */
	enum err_code		 failed;	/* the failure, or ERR_NONE */
	int			 started;	/* the byte-order mark was looked for */
	int			 bom;		/* and found */
	long			 line;		/* line of the next byte */

	char			*data;		/* this record's fields, NUL-separated */
	size_t			 dlen;
	size_t			 dsize;
	size_t			*offs;		/* where each field starts in data */
	size_t			*lens;
	const char		**ptrs;
	size_t			 nf;
	size_t			 fsize;
};

struct csv_writer {
	FILE	*f;
	int	 flags;
	size_t	 nfields;	/* fields written in the current record */
};

struct csv_reader *
csv_reader_new_mem(const char *buf, size_t len, const char *name)
{
	struct csv_reader	*r = xcalloc(1, sizeof *r);

	r->name = xstrdup(name);
	r->p = (const unsigned char *)buf;
	r->end = r->p + len;
	r->eof = 1;
	r->line = 1;
	return r;
}

struct csv_reader *
csv_reader_new_file(FILE *f, const char *name)
{
	struct csv_reader	*r = xcalloc(1, sizeof *r);

	r->name = xstrdup(name);
	r->f = f;
	r->block = xmalloc(CSV_BLOCK);
	r->p = r->end = r->block;
	r->line = 1;
	return r;
}

void
csv_reader_free(struct csv_reader *r)
{
	if (r == NULL)
		return;
	free(r->name);
	free(r->block);
	free(r->data);
	free(r->offs);
	free(r->lens);
	free(r->ptrs);
	free(r);
}

/* Make at least one byte available; 0 at the end of input, -1 on a read error. */
static int
refill(struct csv_reader *r)
{
	size_t	got;

	if (r->p < r->end)
		return 1;
	if (r->eof)
		return 0;
	got = fread(r->block, 1, CSV_BLOCK, r->f);
	r->p = r->block;
	r->end = r->block + got;
	if (got < CSV_BLOCK) {
		if (ferror(r->f))
			return -1;
		r->eof = 1;
	}
	return got > 0;
}

/* The next byte, not consumed; CSV_EOF at the end; CSV_STOP on a read error. */
static int
peek(struct csv_reader *r)
{
	int	rc;

	if (r->p < r->end)
		return *r->p;
	if ((rc = refill(r)) <= 0)
		return rc == 0 ? CSV_EOF : CSV_STOP;
	return *r->p;
}

static int
next(struct csv_reader *r)
{
	int	c = peek(r);

	if (c >= 0)
		r->p++;
	return c;
}

/* Stop the reader: -ERR_IO for a stream that failed, else -ERR_INVALID. */
static int
fail(struct csv_reader *r, char **cause, long line, const char *what)
{
	if (r->f != NULL && ferror(r->f)) {
		r->failed = ERR_IO;
		return err_fail(cause, ERR_IO, "%s:%ld: cannot read: %s",
		    r->name, line, strerror(errno));
	}
	r->failed = ERR_INVALID;
	return err_fail(cause, ERR_INVALID, "%s:%ld: %s", r->name, line, what);
}

static void
append(struct csv_reader *r, int c)
{
	if (r->dlen == r->dsize) {
		r->dsize = r->dsize == 0 ? 4096 : r->dsize * 2;
		r->data = xreallocarray(r->data, r->dsize, 1);
	}
	r->data[r->dlen++] = (char)c;
}

static void
field_begin(struct csv_reader *r)
{
	if (r->nf == r->fsize) {
		r->fsize = r->fsize == 0 ? 16 : r->fsize * 2;
		r->offs = xreallocarray(r->offs, r->fsize, sizeof *r->offs);
		r->lens = xreallocarray(r->lens, r->fsize, sizeof *r->lens);
		r->ptrs = xreallocarray(r->ptrs, r->fsize, sizeof *r->ptrs);
	}
	r->offs[r->nf] = r->dlen;
}

/*
 * Close the field being built: check its UTF-8 (so the message can name the line
 * of the bad byte, counted from the field's first line) and terminate it.
 */
static int
field_end(struct csv_reader *r, long first_line, char **cause)
{
	const unsigned char	*s;
	size_t			 len = r->dlen - r->offs[r->nf], i = 0, n;
	long			 line = first_line;

	/* Until a byte is stored there is no buffer, and NULL + 0 is undefined. */
	s = len == 0 ? NULL : (const unsigned char *)r->data + r->offs[r->nf];
	while (i < len) {
		if (s[i] < 0x80) {
			if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == len ||
			    s[i + 1] != '\n')))
				line++;
			i++;
			continue;
		}
		if ((n = util_utf8_len(s + i, len - i)) == 0)
			return fail(r, cause, line, "invalid UTF-8 (save the "
			    "file as UTF-8)");
		i += n;
	}
	r->lens[r->nf] = len;
	append(r, '\0');
	r->nf++;
	if (r->nf > CSV_FIELDS_MAX)
		return fail(r, cause, first_line, "too many fields in one record");
	return 0;
}

/* A line ending just read as c (CR or LF): take the LF of a CRLF, count the line. */
static void
end_line(struct csv_reader *r, int c)
{
	if (c == '\r' && peek(r) == '\n')
		r->p++;
	r->line++;
}

static int
too_long(struct csv_reader *r, long line, char **cause)
{
	char	what[64];

	snprintf(what, sizeof what, "field longer than %d bytes",
	    CSV_FIELD_MAX);
	return fail(r, cause, line, what);
}

/*
 * A quoted field, its opening quote consumed. Returns the byte after the closing
 * quote's field (',' or a line end or CSV_EOF), or CSV_STOP with *cause set.
 */
static int
read_quoted(struct csv_reader *r, long field_line, char **cause)
{
	size_t	start = r->dlen;
	int	c;

	for (;;) {
		c = next(r);
		if (c == CSV_STOP) {
			fail(r, cause, r->line, "read error");
			return CSV_STOP;
		}
		if (c == CSV_EOF) {
			fail(r, cause, field_line, "quoted field is not "
			    "terminated (a closing \" is missing)");
			return CSV_STOP;
		}
		if (c == '"') {
			if (peek(r) != '"')
				break;
			r->p++;
		} else if (c == '\0') {
			fail(r, cause, r->line, "NUL byte in the data");
			return CSV_STOP;
		} else if (c == '\n' || (c == '\r' && peek(r) != '\n'))
			r->line++;
		if (r->dlen - start >= CSV_FIELD_MAX) {
			too_long(r, field_line, cause);
			return CSV_STOP;
		}
		append(r, c);
	}
	c = next(r);
	if (c == ',' || c == '\n' || c == '\r' || c == CSV_EOF)
		return c;
	if (c == CSV_STOP)
		fail(r, cause, r->line, "read error");
	else
		fail(r, cause, r->line, "unexpected character after a closing "
		    "quote (a quote inside a quoted field must be doubled)");
	return CSV_STOP;
}

/* An unquoted field starting with c. Returns the byte that ended it, as read_quoted. */
static int
read_plain(struct csv_reader *r, int c, long field_line, char **cause)
{
	size_t	start = r->dlen;

	for (;;) {
		if (c == ',' || c == '\n' || c == '\r' || c == CSV_EOF)
			return c;
		if (c == CSV_STOP) {
			fail(r, cause, r->line, "read error");
			return CSV_STOP;
		}
		if (c == '\0') {
			fail(r, cause, r->line, "NUL byte in the data");
			return CSV_STOP;
		}
		if (r->dlen - start >= CSV_FIELD_MAX) {
			too_long(r, field_line, cause);
			return CSV_STOP;
		}
		append(r, c);
		c = next(r);
	}
}

int
csv_read(struct csv_reader *r, struct csv_record *rec, char **cause)
{
	long	field_line;
	size_t	i;
	int	c;

	if (r->failed != ERR_NONE)
		return err_fail(cause, r->failed, "%s:%ld: reading stopped "
		    "after an error", r->name, r->line);
	if (!r->started) {
		r->started = 1;
		if (peek(r) == 0xef && r->end - r->p >= 3 && r->p[1] == 0xbb &&
		    r->p[2] == 0xbf) {
			r->p += 3;
			r->bom = 1;
		}
	}
	/* Blank lines hold no record. */
	while ((c = peek(r)) == '\n' || c == '\r') {
		r->p++;
		end_line(r, c);
	}
	if (c == CSV_EOF)
		return 0;
	if (c == CSV_STOP)
		return fail(r, cause, r->line, "read error");

	r->nf = 0;
	r->dlen = 0;
	rec->line = r->line;
	for (;;) {
		field_line = r->line;
		field_begin(r);
		c = next(r);
		if (c == '"')
			c = read_quoted(r, field_line, cause);
		else
			c = read_plain(r, c, field_line, cause);
		if (c == CSV_STOP)
			return -(int)r->failed;
		if (field_end(r, field_line, cause) != 0)
			return -(int)r->failed;
		if (c == ',')
			continue;
		if (c != CSV_EOF)
			end_line(r, c);
		break;
	}
	for (i = 0; i < r->nf; i++)
		r->ptrs[i] = r->data + r->offs[i];
	rec->fields = r->ptrs;
	rec->lens = r->lens;
	rec->nfields = r->nf;
	return 1;
}

struct csv_writer *
csv_writer_new(FILE *f, int flags)
{
	struct csv_writer	*w = xcalloc(1, sizeof *w);

	w->f = f;
	w->flags = flags;
	if (flags & CSV_BOM)
		fputs("\xef\xbb\xbf", f);
	return w;
}

int
csv_writer_free(struct csv_writer *w)
{
	int	rc;

	if (w == NULL)
		return 0;
	rc = (fflush(w->f) != 0 || ferror(w->f)) ? -1 : 0;
	free(w);
	return rc;
}

int
csv_needs_quotes(const char *s, size_t n)
{
	size_t	i;

	if (n == 0)
		return 0;
	if (s[0] == ' ' || s[n - 1] == ' ')
		return 1;
	for (i = 0; i < n; i++) {
		if (s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n')
			return 1;
	}
	return 0;
}

void
csv_write_fieldn(struct csv_writer *w, const char *s, size_t n)
{
	const char	*q;

	if (w->nfields++ > 0)
		putc(',', w->f);
	if (!csv_needs_quotes(s, n)) {
		fwrite(s, 1, n, w->f);
		return;
	}
	putc('"', w->f);
	while ((q = memchr(s, '"', n)) != NULL) {
		fwrite(s, 1, (size_t)(q - s) + 1, w->f);
		putc('"', w->f);
		n -= (size_t)(q - s) + 1;
		s = q + 1;
	}
	fwrite(s, 1, n, w->f);
	putc('"', w->f);
}

void
csv_write_field(struct csv_writer *w, const char *s)
{
	if (s == NULL)
		s = "";
	csv_write_fieldn(w, s, strlen(s));
}

void
csv_write_int(struct csv_writer *w, long long v)
{
	char	buf[32];

	snprintf(buf, sizeof buf, "%lld", v);
	csv_write_field(w, buf);
}

void
csv_write_end(struct csv_writer *w)
{
	fputs((w->flags & CSV_LF) ? "\n" : "\r\n", w->f);
	w->nfields = 0;
}

void
csv_write_row(struct csv_writer *w, const char *const *fields, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		csv_write_field(w, fields[i]);
	csv_write_end(w);
}

int
csv_reader_bom(const struct csv_reader *r)
{
	return r->bom;
}
