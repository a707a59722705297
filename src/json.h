/*
 * A small streaming JSON writer: objects, arrays, keys, strings (escaped, UTF-8
 * passed through), integers, fixed-decimal numbers, booleans and null, indented
 * for people or compact. It writes as it goes and holds no document in memory;
 * it never reads JSON.
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

void	json_object_begin(struct json_writer *);
void	json_object_end(struct json_writer *);
void	json_array_begin(struct json_writer *);
void	json_array_end(struct json_writer *);
/* The key of the next member; only inside an object, before its value. */
void	json_key(struct json_writer *, const char *);

/*
 * A string, escaped: quote, backslash and control characters; U+2028/U+2029 as
 * \u escapes; other valid UTF-8 as is; an invalid byte becomes U+FFFD so the
 * output is always valid JSON. NULL writes null.
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

/* Key and value in one call, for the common case. */
void	json_key_string(struct json_writer *, const char *key, const char *);
void	json_key_int(struct json_writer *, const char *key, long long);

#endif
