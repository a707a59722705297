/*
 * The JSON writer. A stack of open containers says whether a comma, a newline
 * and indentation come before the next token; numbers are formatted with integer
 * arithmetic so that a locale with a decimal comma cannot break the output.
 */
#include "config.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "textgate.h"
#include "util.h"

struct json_level {
	int	object;		/* 1 object, 0 array */
	size_t	count;		/* members or elements written */
	int	keyed;		/* object: a key was written, its value is due */
};

struct json_writer {
	FILE			*f;
	int			 indent;
	int			 depth;
	struct json_level	 stack[JSON_DEPTH_MAX];
	long long		 replaced;	/* strings with U+FFFD put in */
};

struct json_writer *
json_writer_new(FILE *f, int indent)
{
	struct json_writer	*j = xcalloc(1, sizeof *j);

	j->f = f;
	j->indent = indent < 0 ? 0 : indent;
	return j;
}

int
json_writer_free(struct json_writer *j)
{
	int	rc;

	if (j == NULL)
		return 0;
	assert(j->depth == 0);
	rc = (fflush(j->f) != 0 || ferror(j->f)) ? -1 : 0;
	free(j);
	return rc;
}

long long
json_writer_replaced(const struct json_writer *j)
{
	return j->replaced;
}

size_t
json_utf8_next(const char *s, size_t n, int *valid)
{
	uint32_t	cp;
	size_t		len;

	assert(n > 0);
	len = textgate_utf8_next(s, n, &cp);
	*valid = cp != TEXTGATE_BAD;
	return len;
}

static void
newline(struct json_writer *j, int depth)
{
	int	i;

	if (j->indent == 0)
		return;
	putc('\n', j->f);
	for (i = 0; i < depth * j->indent; i++)
		putc(' ', j->f);
}

/* Whatever must precede a value here: a comma and a new line in an array. */
static void
before_value(struct json_writer *j)
{
	struct json_level	*l;

	if (j->depth == 0)
		return;
	l = &j->stack[j->depth - 1];
	if (l->object) {
		assert(l->keyed);	/* a member's value needs its key */
		l->keyed = 0;
		return;
	}
	if (l->count++ > 0)
		putc(',', j->f);
	newline(j, j->depth);
}

/* After a complete value at the top level, end the line. */
static void
after_value(struct json_writer *j)
{
	if (j->depth == 0)
		putc('\n', j->f);
}

static void	put_string(struct json_writer *, const char *, size_t);

void
json_key(struct json_writer *j, const char *key)
{
	struct json_level	*l;

	assert(j->depth > 0);
	l = &j->stack[j->depth - 1];
	assert(l->object && !l->keyed);
	if (l->count++ > 0)
		putc(',', j->f);
	newline(j, j->depth);
	put_string(j, key, strlen(key));
	l->keyed = 1;
	fputs(j->indent > 0 ? ": " : ":", j->f);
}

static void
open_level(struct json_writer *j, int object)
{
	before_value(j);
	assert(j->depth < JSON_DEPTH_MAX);
	j->stack[j->depth].object = object;
	j->stack[j->depth].count = 0;
	j->stack[j->depth].keyed = 0;
	j->depth++;
	putc(object ? '{' : '[', j->f);
}

static void
close_level(struct json_writer *j, int object)
{
	struct json_level	*l;

	assert(j->depth > 0);
	l = &j->stack[j->depth - 1];
	assert(l->object == object && !l->keyed);
	j->depth--;
	if (l->count > 0)
		newline(j, j->depth);
	putc(object ? '}' : ']', j->f);
	after_value(j);
}

void
json_object_begin(struct json_writer *j)
{
	open_level(j, 1);
}

void
json_object_end(struct json_writer *j)
{
	close_level(j, 1);
}

void
json_array_begin(struct json_writer *j)
{
	open_level(j, 0);
}

void
json_array_end(struct json_writer *j)
{
	close_level(j, 0);
}

/* A quoted, escaped string: a key or a value. */
static void
put_string(struct json_writer *j, const char *s, size_t n)
{
	const unsigned char	*p = (const unsigned char *)s;
	uint32_t		 cp;
	size_t			 i = 0, len;
	int			 valid, replaced = 0;

	putc('"', j->f);
	while (i < n) {
		if (p[i] == '"' || p[i] == '\\') {
			putc('\\', j->f);
			putc(p[i++], j->f);
		} else if (p[i] < 0x20) {
			switch (p[i]) {
			case '\b':
				fputs("\\b", j->f);
				break;
			case '\f':
				fputs("\\f", j->f);
				break;
			case '\n':
				fputs("\\n", j->f);
				break;
			case '\r':
				fputs("\\r", j->f);
				break;
			case '\t':
				fputs("\\t", j->f);
				break;
			default:
				fprintf(j->f, "\\u%04x", p[i]);
				break;
			}
			i++;
		} else if (p[i] == 0x7f) {
			/* DEL: valid JSON raw, but JSON goes to terminals too. */
			fputs("\\u007f", j->f);
			i++;
		} else if (p[i] < 0x80) {
			putc(p[i++], j->f);
		} else {
			len = textgate_utf8_next(s + i, n - i, &cp);
			valid = cp != TEXTGATE_BAD;
			if (!valid) {
				/* Escaped: where the input was bad, ASCII. */
				fputs("\\ufffd", j->f);
				replaced = 1;
			} else if (cp <= 0x9f || cp == 0x2028 ||
			    cp == 0x2029 || cp == 0x200e || cp == 0x200f ||
			    cp == 0x061c || (cp >= 0x202a && cp <= 0x202e) ||
			    (cp >= 0x2066 && cp <= 0x2069)) {
				/*
				 * C1 controls and bidirectional controls,
				 * escaped so that JSON on a terminal cannot
				 * drive it; U+2028 and U+2029 are valid
				 * JSON but not valid JavaScript.
				 */
				fprintf(j->f, "\\u%04x", (unsigned)cp);
			} else
				fwrite(p + i, 1, len, j->f);
			i += len;
		}
	}
	putc('"', j->f);
	j->replaced += replaced;
}

void
json_stringn(struct json_writer *j, const char *s, size_t n)
{
	before_value(j);
	put_string(j, s, n);
	after_value(j);
}

void
json_string(struct json_writer *j, const char *s)
{
	if (s == NULL)
		json_null(j);
	else
		json_stringn(j, s, strlen(s));
}

void
json_int(struct json_writer *j, long long v)
{
	before_value(j);
	fprintf(j->f, "%lld", v);
	after_value(j);
}

void
json_fixed(struct json_writer *j, long long scaled, int decimals)
{
	unsigned long long	mag, p = 1;
	int			i;

	assert(decimals >= 0 && decimals <= 18);
	for (i = 0; i < decimals; i++)
		p *= 10;
	before_value(j);
	/* The magnitude as unsigned, so that LLONG_MIN negates safely. */
	mag = scaled < 0 ? 0ULL - (unsigned long long)scaled :
	    (unsigned long long)scaled;
	if (scaled < 0)
		putc('-', j->f);
	fprintf(j->f, "%llu", mag / p);
	if (decimals > 0)
		fprintf(j->f, ".%0*llu", decimals, mag % p);
	after_value(j);
}

void
json_double(struct json_writer *j, double v, int decimals)
{
	double	p = 1;
	int	i;

	for (i = 0; i < decimals; i++)
		p *= 10;
	/* NaN fails every comparison; the bound keeps the cast defined. */
	if (!(v * p > -9.0e18 && v * p < 9.0e18)) {
		json_null(j);
		return;
	}
	v *= p;
	json_fixed(j, (long long)(v < 0 ? v - 0.5 : v + 0.5), decimals);
}

void
json_bool(struct json_writer *j, int v)
{
	before_value(j);
	fputs(v ? "true" : "false", j->f);
	after_value(j);
}

void
json_null(struct json_writer *j)
{
	before_value(j);
	fputs("null", j->f);
	after_value(j);
}

void
json_key_string(struct json_writer *j, const char *key, const char *v)
{
	json_key(j, key);
	json_string(j, v);
}

void
json_key_int(struct json_writer *j, const char *key, long long v)
{
	json_key(j, key);
	json_int(j, v);
}
