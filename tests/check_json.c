/*
 * JSON writer: exact output for nesting and indentation, string escaping
 * (quotes, backslashes, every control character, ill-formed UTF-8 replaced as
 * Unicode recommends), numbers with fixed decimals whatever the locale, and
 * the compact form.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "testlib.h"
#include "util.h"

/* Run fn on a writer with this indent and return what it wrote. */
static char *
written(int indent, void (*fn)(struct json_writer *))
{
	struct json_writer	*j;
	char			*out = NULL;
	size_t			 size = 0;
	FILE			*f = open_memstream(&out, &size);

	ck_assert_ptr_nonnull(f);
	j = json_writer_new(f, indent);
	fn(j);
	ck_assert_int_eq(json_writer_free(j), 0);
	fclose(f);
	return out;
}

static void
doc(struct json_writer *j)
{
	json_object_begin(j);
	json_key_string(j, "service", "Leeds YJS");
	json_key(j, "cases");
	json_object_begin(j);
	json_key_int(j, "children", 20);
	json_key_int(j, "victims", -9);
	json_object_end(j);
	json_key(j, "range");
	json_array_begin(j);
	json_string(j, "Good");
	json_string(j, "Outstanding");
	json_array_end(j);
	json_key(j, "empty");
	json_object_begin(j);
	json_object_end(j);
	json_key(j, "none");
	json_array_begin(j);
	json_array_end(j);
	json_key(j, "percent");
	json_fixed(j, 805, 1);
	json_key(j, "flags");
	json_array_begin(j);
	json_bool(j, 1);
	json_bool(j, 0);
	json_null(j);
	json_string(j, NULL);
	json_array_end(j);
	json_object_end(j);
}

START_TEST(test_indented)
{
	char	*out = written(2, doc);

	ck_assert_str_eq(out,
	    "{\n"
	    "  \"service\": \"Leeds YJS\",\n"
	    "  \"cases\": {\n"
	    "    \"children\": 20,\n"
	    "    \"victims\": -9\n"
	    "  },\n"
	    "  \"range\": [\n"
	    "    \"Good\",\n"
	    "    \"Outstanding\"\n"
	    "  ],\n"
	    "  \"empty\": {},\n"
	    "  \"none\": [],\n"
	    "  \"percent\": 80.5,\n"
	    "  \"flags\": [\n"
	    "    true,\n"
	    "    false,\n"
	    "    null,\n"
	    "    null\n"
	    "  ]\n"
	    "}\n");
	free(out);
}
END_TEST

START_TEST(test_compact)
{
	char	*out = written(0, doc);

	ck_assert_str_eq(out, "{\"service\":\"Leeds YJS\",\"cases\":{\"children\":"
	    "20,\"victims\":-9},\"range\":[\"Good\",\"Outstanding\"],\"empty\":{},"
	    "\"none\":[],\"percent\":80.5,\"flags\":[true,false,null,null]}\n");
	free(out);
}
END_TEST

static void
strings(struct json_writer *j)
{
	static const char all_controls[] = "\x01\x02\x03\x04\x05\x06\x07\b\t\n"
	    "\x0b\f\r\x0e\x0f\x10\x1f\x7f";

	json_array_begin(j);
	json_string(j, "say \"hi\" \\ back/slash");
	json_string(j, all_controls);
	json_string(j, "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
	json_string(j, "bad \xff byte \xc3");
	json_string(j, "line\xe2\x80\xa8sep\xe2\x80\xa9");
	json_stringn(j, "a\0b", 3);
	json_array_end(j);
}

START_TEST(test_strings)
{
	char	*out = written(0, strings);

	ck_assert_str_eq(out, "["
	    "\"say \\\"hi\\\" \\\\ back/slash\","
	    "\"\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n"
	    "\\u000b\\f\\r\\u000e\\u000f\\u0010\\u001f\\u007f\","
	    "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\","
	    "\"bad \\ufffd byte \\ufffd\","
	    "\"line\\u2028sep\\u2029\","
	    "\"a\\u0000b\""
	    "]\n");
	free(out);
}
END_TEST

/*
 * Ill-formed UTF-8, each with what a strict reader must see: one U+FFFD for
 * each maximal subpart (a truncated sequence is one, an overlong form, a
 * surrogate or a code point past U+10FFFF one per byte), the rest untouched.
 * The expectations are those of Python's bytes.decode("utf-8", "replace").
 */
static const struct {
	const char	*in;
	const char	*out;	/* the JSON string written, quotes left off */
} utf8_cases[] = {
	/* Bytes that never start a sequence. */
	{ "\x80", "\\ufffd" },
	{ "a\xbf" "b", "a\\ufffdb" },
	{ "\x80\xbf\x80", "\\ufffd\\ufffd\\ufffd" },
	{ "\xfe\xff", "\\ufffd\\ufffd" },
	{ "\xf5\x80\x80\x80", "\\ufffd\\ufffd\\ufffd\\ufffd" },
	/* Overlong: '/', and the last code point of each shorter length. */
	{ "\xc0\xaf", "\\ufffd\\ufffd" },
	{ "\xc1\xbf", "\\ufffd\\ufffd" },
	{ "\xe0\x80\xaf", "\\ufffd\\ufffd\\ufffd" },
	{ "\xe0\x9f\xbf", "\\ufffd\\ufffd\\ufffd" },
	{ "\xf0\x80\x80\xaf", "\\ufffd\\ufffd\\ufffd\\ufffd" },
	{ "\xf0\x8f\xbf\xbf", "\\ufffd\\ufffd\\ufffd\\ufffd" },
	/* Surrogates, alone and paired as CESU-8 writes them. */
	{ "\xed\xa0\x80", "\\ufffd\\ufffd\\ufffd" },
	{ "\xed\xbf\xbf", "\\ufffd\\ufffd\\ufffd" },
	{ "\xed\xa0\xbd\xed\xb8\x80",
	    "\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd" },
	/* Past U+10FFFF. */
	{ "\xf4\x90\x80\x80", "\\ufffd\\ufffd\\ufffd\\ufffd" },
	{ "\xf7\xbf\xbf\xbf", "\\ufffd\\ufffd\\ufffd\\ufffd" },
	/* Truncated: one U+FFFD for the lot, at the end or before more text. */
	{ "\xc3", "\\ufffd" },
	{ "\xe2\x82", "\\ufffd" },
	{ "\xf0\x9f\x98", "\\ufffd" },
	{ "\xe2\x82" "A", "\\ufffdA" },
	{ "\xf0\x9f\x98" "A", "\\ufffdA" },
	{ "\xf0\x9f" "\xe2\x82\xac", "\\ufffd\xe2\x82\xac" },
	{ "caf\xc3" "\"", "caf\\ufffd\\\"" },
	{ "\xc3\n", "\\ufffd\\n" },
	/* Well-formed at the edges of the ranges: passed through, C1 escaped. */
	{ "\xc2\x80", "\\u0080" },
	{ "\xe0\xa0\x80", "\xe0\xa0\x80" },
	{ "\xed\x9f\xbf", "\xed\x9f\xbf" },
	{ "\xee\x80\x80", "\xee\x80\x80" },
	{ "\xef\xbf\xbd", "\xef\xbf\xbd" },
	{ "\xf0\x90\x80\x80", "\xf0\x90\x80\x80" },
	{ "\xf4\x8f\xbf\xbf", "\xf4\x8f\xbf\xbf" },
};

START_TEST(test_utf8_replaced)
{
	struct json_writer	*j;
	char			*out = NULL, *want;
	size_t			 size = 0, i;
	FILE			*f;
	int			 bad;

	for (i = 0; i < sizeof utf8_cases / sizeof utf8_cases[0]; i++) {
		ck_assert_ptr_nonnull(f = open_memstream(&out, &size));
		j = json_writer_new(f, 0);
		json_string(j, utf8_cases[i].in);
		bad = strstr(utf8_cases[i].out, "\\ufffd") != NULL;
		ck_assert_int_eq(json_writer_replaced(j), bad);
		ck_assert_int_eq(json_writer_free(j), 0);
		fclose(f);
		want = xasprintf("\"%s\"\n", utf8_cases[i].out);
		ck_assert_msg(strcmp(out, want) == 0, "case %zu: got %s, want "
		    "%s", i, out, want);
		free(want);
		free(out);
		out = NULL;
	}
}
END_TEST

/* Keys are strings too; the writer counts strings, not bad sequences. */
static void
bad_key(struct json_writer *j)
{
	json_object_begin(j);
	json_key_string(j, "n\xe9" "e", "\xed\xa0\x80 and \xc3");
	json_key_string(j, "ok", "fine");
	ck_assert_int_eq(json_writer_replaced(j), 2);
	json_object_end(j);
}

START_TEST(test_utf8_in_keys)
{
	char	*out = written(0, bad_key);

	ck_assert_str_eq(out, "{\"n\\ufffde\":\"\\ufffd\\ufffd\\ufffd and "
	    "\\ufffd\",\"ok\":\"fine\"}\n");
	free(out);
}
END_TEST

/* The decoder itself: lengths of characters and of maximal subparts. */
START_TEST(test_utf8_next)
{
	static const struct {
		const char	*s;
		size_t		 n;
		size_t		 len;
		int		 valid;
	} cases[] = {
		{ "A", 1, 1, 1 },
		{ "\xc3\xa9", 2, 2, 1 },
		{ "\xc3\xa9", 1, 1, 0 },	/* its second byte cut off */
		{ "\xe2\x82\xac", 3, 3, 1 },
		{ "\xe2\x82\xac", 2, 2, 0 },
		{ "\xe2\x82" "A", 3, 2, 0 },
		{ "\xf0\x9f\x98\x80", 4, 4, 1 },
		{ "\xf0\x9f\x98\x80", 3, 3, 0 },
		{ "\xf0\x8f\xbf\xbf", 4, 1, 0 },
		{ "\xed\xa0\x80", 3, 1, 0 },
		{ "\xf4\x90\x80\x80", 4, 1, 0 },
		{ "\xc0\x80", 2, 1, 0 },
		{ "\x80", 1, 1, 0 },
		{ "\xff", 1, 1, 0 },
	};
	size_t	i, len;
	int	valid;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		len = json_utf8_next(cases[i].s, cases[i].n, &valid);
		ck_assert_msg(len == cases[i].len && valid == cases[i].valid,
		    "case %zu: length %zu valid %d, want %zu %d", i, len, valid,
		    cases[i].len, cases[i].valid);
	}
}
END_TEST

static void
numbers(struct json_writer *j)
{
	json_array_begin(j);
	json_fixed(j, 0, 1);
	json_fixed(j, 1000, 1);
	json_fixed(j, 649, 1);
	json_fixed(j, -5, 1);
	json_fixed(j, 7, 3);
	json_fixed(j, 42, 0);
	json_double(j, 64.86486, 1);
	json_double(j, 2.5, 0);
	json_double(j, -0.25, 1);
	json_double(j, INFINITY, 1);
	json_double(j, NAN, 1);
	json_int(j, -9223372036854775807LL - 1);
	json_array_end(j);
}

START_TEST(test_numbers)
{
	char	*out = written(0, numbers);

	ck_assert_str_eq(out, "[0.0,100.0,64.9,-0.5,0.007,42,64.9,3,-0.3,null,"
	    "null,-9223372036854775808]\n");
	free(out);
}
END_TEST

static void
keys(struct json_writer *j)
{
	json_object_begin(j);
	json_key_string(j, "a\"b", "x");
	json_key(j, "list");
	json_array_begin(j);
	json_object_begin(j);
	json_key_int(j, "n", 1);
	json_object_end(j);
	json_object_begin(j);
	json_object_end(j);
	json_array_end(j);
	json_object_end(j);
}

START_TEST(test_keys_and_nesting)
{
	char	*out = written(1, keys);

	ck_assert_str_eq(out, "{\n \"a\\\"b\": \"x\",\n \"list\": [\n  {\n"
	    "   \"n\": 1\n  },\n  {}\n ]\n}\n");
	free(out);
}
END_TEST

static void
two_documents(struct json_writer *j)
{
	json_int(j, 1);
	json_string(j, "x");
}

START_TEST(test_top_level_scalars)
{
	char	*out = written(2, two_documents);

	ck_assert_str_eq(out, "1\n\"x\"\n");
	free(out);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("json");
	TCase	*tc = tcase_create("json");

	tcase_add_test(tc, test_indented);
	tcase_add_test(tc, test_compact);
	tcase_add_test(tc, test_strings);
	tcase_add_test(tc, test_utf8_replaced);
	tcase_add_test(tc, test_utf8_in_keys);
	tcase_add_test(tc, test_utf8_next);
	tcase_add_test(tc, test_numbers);
	tcase_add_test(tc, test_keys_and_nesting);
	tcase_add_test(tc, test_top_level_scalars);
	suite_add_tcase(s, tc);
	return test_run(s);
}
