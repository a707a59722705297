/*
 * A small streaming JSON writer: objects, arrays, keys, strings (escaped, valid
 * UTF-8 passed through, ill-formed UTF-8 replaced), integers, fixed-decimal
 * numbers, booleans and null, indented for people or compact. It writes as it
 * goes and holds no document in memory; it never reads JSON.
 */
#ifndef CASEREAD_JSON_H
#define CASEREAD_JSON_H

#include <stdio.h>

#define JSON_DEPTH_MAX	32	/* nesting deeper than this is a caller's bug */

struct json_writer;

/*
 * A writer to f (the caller keeps it open and closes it after json_writer_free),
 * indenting each level by indent spaces, or compact on one line when indent is 0.
 * Every value is written at once; a newline follows the top-level value.
 */
struct json_writer	*json_writer_new(FILE *f, int indent);
/*
 * Free the writer and flush the stream; 0, or -1 when a write failed. Every
 * object and array must have been closed (asserted).
 */
int			 json_writer_free(struct json_writer *);
/* How many strings and keys written so far had ill-formed UTF-8 replaced. */
long long		 json_writer_replaced(const struct json_writer *);

void	json_object_begin(struct json_writer *);
void	json_object_end(struct json_writer *);
void	json_array_begin(struct json_writer *);
void	json_array_end(struct json_writer *);
/* The key of the next member; only inside an object, before its value. */
void	json_key(struct json_writer *, const char *);

/*
 * A string, escaped: quote, backslash and control characters (C0, DEL and
 * C1), bidirectional controls and U+2028/U+2029 as \u escapes, so that JSON
 * on a terminal cannot drive it; other valid UTF-8 as is. Whatever the bytes, the output is valid
 * JSON: each ill-formed sequence (json_utf8_next) becomes one \ufffd, and the
 * writer counts the strings that had one (json_writer_replaced). Keys too.
 * NULL writes null.
 */
void	json_string(struct json_writer *, const char *);
void	json_stringn(struct json_writer *, const char *, size_t);
void	json_int(struct json_writer *, long long);
/*
 * The number scaled / 10^decimals written with exactly that many decimals
 * (json_fixed(j, 805, 1) writes 80.5): exact, and independent of the locale.
 */
void	json_fixed(struct json_writer *, long long scaled, int decimals);
/* A double rounded half away from zero to decimals places; NaN and infinity as null. */
void	json_double(struct json_writer *, double, int decimals);
void	json_bool(struct json_writer *, int);
void	json_null(struct json_writer *);

/*
 * The UTF-8 at s, n > 0 bytes: the length of the character there, with *valid
 * 1, or the length of the ill-formed sequence that one U+FFFD replaces, with
 * *valid 0. That is the longest start of a well-formed sequence (a truncated
 * one), else one byte: an overlong form, a surrogate, a code point above
 * U+10FFFF or a stray byte becomes one U+FFFD per byte. This is Unicode's
 * "substitution of maximal subparts" (chapter 3), which Python's "replace" and
 * the WHATWG decoder follow, so others' tools see the same characters. The CSV
 * sink uses it too; it is textgate_utf8_next, caseread's one decoder.
 */
size_t	json_utf8_next(const char *s, size_t n, int *valid);

/* Key and value in one call, for the common case. */
void	json_key_string(struct json_writer *, const char *key, const char *);
void	json_key_int(struct json_writer *, const char *key, long long);

#endif
