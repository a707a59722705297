/*
 * RFC 4180 comma-separated values: a streaming reader (from memory or a FILE*)
 * that says on which line each record starts and refuses malformed input with
 * the line number, and a writer that quotes only when it must. Pure: no
 * knowledge of what the columns mean.
 */
#ifndef CASEREAD_CSV_H
#define CASEREAD_CSV_H

#include <stddef.h>
#include <stdio.h>

/* Longest field the reader accepts, in bytes: an evidence note is at most 1 MiB. */
#define CSV_FIELD_MAX	(1024 * 1024)
/* Most fields in one record: more is not a table we were meant to read. */
#define CSV_FIELDS_MAX	1024

struct csv_reader;

/*
 * One record as read. fields[i] is NUL-terminated (NUL bytes in input are refused,
 * so strlen is safe) and lens[i] is its length; both are borrowed from the reader
 * and valid until the next csv_read or csv_reader_free.
 */
struct csv_record {
	const char	**fields;
	const size_t	 *lens;
	size_t		  nfields;
	long		  line;		/* line (1-based) where the record starts */
};

/*
 * A reader over len bytes at buf, which must stay valid while the reader is used
 * (it is not copied). name is used in messages ("NAME:LINE: ..."), copied.
 */
struct csv_reader	*csv_reader_new_mem(const char *buf, size_t len,
			     const char *name);
/*
 * A reader over a stream, read in blocks as records are asked for (the input is
 * never held whole in memory). The caller keeps f open until csv_reader_free and
 * closes it after.
 */
struct csv_reader	*csv_reader_new_file(FILE *f, const char *name);
void			 csv_reader_free(struct csv_reader *);

/*
 * Read the next record into *rec. Returns 1 with a record, 0 at the end of
 * input, or a failure (error.h) with *cause set to a newly allocated
 * "NAME:LINE: what" message: -ERR_IO when the stream cannot be read,
 * -ERR_INVALID for input that is not CSV as read here. A leading UTF-8
 * byte-order mark is skipped; LF, CRLF and a lone CR end a record; blank
 * lines are skipped. Refused: an unterminated quoted field, a character after
 * a closing quote, invalid UTF-8, a NUL byte, a field over CSV_FIELD_MAX bytes
 * and a record over CSV_FIELDS_MAX fields. After a failure the reader is
 * finished: further calls return the same failure again.
 */
int			 csv_read(struct csv_reader *, struct csv_record *rec,
			     char **cause);
/* Whether the input began with a byte-order mark (known after the first csv_read). */
int			 csv_reader_bom(const struct csv_reader *);

/*
 * What a spreadsheet takes for the start of a formula (OWASP's list), and the
 * apostrophe itself: 'caseread export --excel' puts an apostrophe before a
 * field starting with one of these, and import takes it off again from a file
 * that starts with a byte-order mark, as --excel exports do.
 */
#define CSV_EXCEL_QUOTED	"=+-@\t\r'"

/* Writer flags. */
#define CSV_BOM		0x1	/* start the output with a UTF-8 byte-order mark */
#define CSV_LF		0x2	/* end records with LF rather than RFC 4180's CRLF */

struct csv_writer;

/* A writer to f, which the caller keeps open and closes after csv_writer_free. */
struct csv_writer	*csv_writer_new(FILE *f, int flags);
/*
 * Free the writer; returns 0, or -1 when any write to the stream failed (ferror),
 * so callers check once at the end. The stream is flushed, not closed.
 */
int			 csv_writer_free(struct csv_writer *);
/* Append one field to the current record; NULL is written as empty. */
void			 csv_write_field(struct csv_writer *, const char *);
void			 csv_write_fieldn(struct csv_writer *, const char *,
			     size_t);
void			 csv_write_int(struct csv_writer *, long long);
/* End the current record (CRLF unless CSV_LF). */
void			 csv_write_end(struct csv_writer *);
/* A whole record of n fields, ended. */
void			 csv_write_row(struct csv_writer *,
			     const char *const *fields, size_t n);

/* Whether a field of n bytes must be quoted: comma, quote, CR, LF, or an edge space. */
int			 csv_needs_quotes(const char *, size_t n);

#endif
