/*
 * CSV: what the reader makes of good input (quotes, CRLF, BOM, newlines inside
 * fields, the line each record starts on), the errors it reports with their line
 * numbers, streaming across block boundaries, and the writer's quoting.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "testlib.h"
#include "util.h"

/*
 * Every record as "LINE:f1|f2|...\n", or "error (KIND): message" for a
 * failure, so a table can say what a whole input reads as in one string.
 */
static char *
render(struct csv_reader *r)
{
	struct csv_record	 rec;
	char			*out = NULL, *cause = NULL;
	size_t			 i, size = 0;
	FILE			*f = open_memstream(&out, &size);
	int			 rc;

	ck_assert_ptr_nonnull(f);
	while ((rc = csv_read(r, &rec, &cause)) == 1) {
		fprintf(f, "%ld:", rec.line);
		for (i = 0; i < rec.nfields; i++) {
			ck_assert_uint_eq(strlen(rec.fields[i]), rec.lens[i]);
			fprintf(f, "%s%s", i > 0 ? "|" : "", rec.fields[i]);
		}
		fputc('\n', f);
	}
	if (rc < 0) {
		fprintf(f, "error (%s): %s", err_name(err_code_of(rc)), cause);
		free(cause);
	}
	fclose(f);
	return out;
}

static char *
read_mem(const char *in, size_t len)
{
	struct csv_reader	*r = csv_reader_new_mem(in, len, "t.csv");
	char			*out = render(r);

	csv_reader_free(r);
	return out;
}

static char *
read_stream(const char *in, size_t len)
{
	struct csv_reader	*r;
	FILE			*f = tmpfile();
	char			*out;

	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(in, 1, len, f), len);
	rewind(f);
	r = csv_reader_new_file(f, "t.csv");
	out = render(r);
	csv_reader_free(r);
	fclose(f);
	return out;
}

static const struct {
	const char	*in;
	const char	*want;
} good[] = {
	{ "", "" },
	{ "a,b,c\n", "1:a|b|c\n" },
	{ "a,b,c", "1:a|b|c\n" },
	{ "a,b\r\nc,d\r\n", "1:a|b\n2:c|d\n" },
	{ "a\rb\r", "1:a\n2:b\n" },
	{ "\xef\xbb\xbf" "x,y\n", "1:x|y\n" },
	{ "\"a,b\",c\n", "1:a,b|c\n" },
	{ "\"say \"\"hi\"\"\",x\n", "1:say \"hi\"|x\n" },
	{ "\"two\nlines\",x\nnext\n", "1:two\nlines|x\n3:next\n" },
	{ "\"two\r\nlines\",x\r\nnext\r\n", "1:two\r\nlines|x\n3:next\n" },
	{ "a,,\n", "1:a||\n" },
	{ ",\n", "1:|\n" },
	{ "\"\"\n", "1:\n" },
	{ "a\n\n\nb\n", "1:a\n4:b\n" },
	{ "\r\n\r\na\r\n", "3:a\n" },
	{ "ab\"c,d\n", "1:ab\"c|d\n" },
	{ " a , b \n", "1: a | b \n" },
	{ "caf\xc3\xa9,\xe2\x82\xac\n", "1:caf\xc3\xa9|\xe2\x82\xac\n" },
	{ "\"\",\"\"", "1:|\n" },
	{ "tab\there\n", "1:tab\there\n" },
};

START_TEST(test_good)
{
	const char	*in = good[_i].in;
	char		*got;

	got = read_mem(in, strlen(in));
	ck_assert_msg(strcmp(got, good[_i].want) == 0, "memory %d: got [%s] "
	    "want [%s]", _i, got, good[_i].want);
	free(got);
	got = read_stream(in, strlen(in));
	ck_assert_msg(strcmp(got, good[_i].want) == 0, "stream %d: got [%s] "
	    "want [%s]", _i, got, good[_i].want);
	free(got);
}
END_TEST

static const struct {
	const char	*in;
	size_t		 len;	/* 0: strlen */
	const char	*want;	/* the end of what render gives */
} bad[] = {
	{ "a\n\"open,b\nc\n", 0, "1:a\nerror (invalid): t.csv:2: quoted field "
	    "is not terminated" },
	{ "a\nb\n\"x\"y,z\n", 0, "error (invalid): t.csv:3: unexpected "
	    "character after a closing quote" },
	{ "ok\nbad\xff\n", 0, "error (invalid): t.csv:2: invalid UTF-8" },
	{ "ok\n\"multi\nline \xc3\x28\"\n", 0, "error (invalid): t.csv:3: "
	    "invalid UTF-8" },
	{ "ok\n\xed\xa0\x80\n", 0, "error (invalid): t.csv:2: invalid UTF-8" },
	{ "a\nb\0c\n", 6, "error (invalid): t.csv:2: NUL byte" },
	{ "a\n\"b\0\"\n", 7, "error (invalid): t.csv:2: NUL byte" },
};

START_TEST(test_bad)
{
	size_t	 len = bad[_i].len != 0 ? bad[_i].len : strlen(bad[_i].in);
	char	*got;
	int	 pass;

	for (pass = 0; pass < 2; pass++) {
		got = pass == 0 ? read_mem(bad[_i].in, len) :
		    read_stream(bad[_i].in, len);
		ck_assert_msg(strstr(got, bad[_i].want) != NULL, "%d/%d: got "
		    "[%s] want [%s]", _i, pass, got, bad[_i].want);
		free(got);
	}
}
END_TEST

START_TEST(test_limits)
{
	struct csv_reader	*r;
	struct csv_record	 rec;
	size_t			 n = CSV_FIELD_MAX + 10, i;
	char			*in = xmalloc(n + 16), *cause = NULL;

	/* A field at the limit is fine; one byte over is refused. */
	memset(in, 'x', CSV_FIELD_MAX);
	memcpy(in + CSV_FIELD_MAX, ",y\n", 3);
	r = csv_reader_new_mem(in, CSV_FIELD_MAX + 3, "big.csv");
	ck_assert_int_eq(csv_read(r, &rec, &cause), 1);
	ck_assert_uint_eq(rec.lens[0], CSV_FIELD_MAX);
	csv_reader_free(r);

	in[0] = '"';
	memset(in + 1, 'x', n - 2);
	memcpy(in + n - 1, "\"\n", 2);
	r = csv_reader_new_mem(in, n + 1, "big.csv");
	ck_assert_int_eq(csv_read(r, &rec, &cause), -ERR_INVALID);
	ck_assert_msg(strstr(cause, "big.csv:1: field longer than") != NULL,
	    "%s", cause);
	free(cause);
	cause = NULL;
	/* A reader that failed stays failed, with the same code. */
	test_assert_code(csv_read(r, &rec, &cause), &cause, ERR_INVALID);
	csv_reader_free(r);

	for (i = 0; i < CSV_FIELDS_MAX + 1; i++)
		in[i] = ',';
	in[i] = '\n';
	r = csv_reader_new_mem(in, i + 1, "wide.csv");
	ck_assert_int_eq(csv_read(r, &rec, &cause), -ERR_INVALID);
	ck_assert_msg(strstr(cause, "too many fields") != NULL, "%s", cause);
	free(cause);
	csv_reader_free(r);
	free(in);
}
END_TEST

/*
 * A stream the system will not read (here a directory: read(2) says EISDIR)
 * is an I/O failure, not bad CSV, and says so with the name and line; the
 * reader stays failed with that code.
 */
START_TEST(test_read_error)
{
	struct csv_reader	*r;
	struct csv_record	 rec;
	char			*cause = NULL;
	FILE			*f = fopen(test_dir(), "r");

	ck_assert_ptr_nonnull(f);
	r = csv_reader_new_file(f, "dir.csv");
	ck_assert_int_eq(csv_read(r, &rec, &cause), -ERR_IO);
	ck_assert_msg(strncmp(cause, "dir.csv:1: cannot read: ", 24) == 0,
	    "%s", cause);
	free(cause);
	cause = NULL;
	test_assert_code(csv_read(r, &rec, &cause), &cause, ERR_IO);
	csv_reader_free(r);
	fclose(f);
}
END_TEST

/* Far more than one 64 KiB block, with quoted newlines straddling the seams. */
START_TEST(test_stream_blocks)
{
	char	*in = NULL, *a, *b;
	size_t	 size = 0;
	FILE	*f = open_memstream(&in, &size);
	int	 i;

	ck_assert_ptr_nonnull(f);
	for (i = 0; i < 5000; i++)
		fprintf(f, "C-%04d,\"note %d, with \"\"quotes\"\"\r\nand a "
		    "second line\",yes\r\n", i, i);
	fclose(f);
	ck_assert_uint_gt(strlen(in), 3 * 65536);
	a = read_mem(in, strlen(in));
	b = read_stream(in, strlen(in));
	ck_assert_str_eq(a, b);
	ck_assert_ptr_nonnull(strstr(a, "9999:C-4999|note 4999, with "
	    "\"quotes\"\r\nand a second line|yes\n"));
	ck_assert_ptr_null(strstr(a, "error"));
	free(a);
	free(b);
	free(in);
}
END_TEST

static char *
write_with(int flags, void (*fn)(struct csv_writer *))
{
	struct csv_writer	*w;
	FILE			*f = tmpfile();
	char			*out;
	long			 n;

	ck_assert_ptr_nonnull(f);
	w = csv_writer_new(f, flags);
	fn(w);
	ck_assert_int_eq(csv_writer_free(w), 0);
	n = ftell(f);
	rewind(f);
	out = xcalloc(1, (size_t)n + 1);
	ck_assert_int_eq(fread(out, 1, (size_t)n, f), n);
	fclose(f);
	return out;
}

static void
write_sample(struct csv_writer *w)
{
	static const char *const row[] = { "plain", "a,b", "say \"hi\"",
	    "two\nlines", " lead", "trail ", "", "caf\xc3\xa9", "cr\r" };

	csv_write_row(w, row, sizeof row / sizeof row[0]);
	csv_write_int(w, -42);
	csv_write_field(w, NULL);
	csv_write_fieldn(w, "abc", 2);
	csv_write_end(w);
}

/*
 * Inputs the fuzzer found (tests/fuzz/corpus/csv): an empty field before any
 * byte was stored offset a NULL buffer, undefined behaviour that the sanitizer
 * run aborts on. They must read as records or fail with a message.
 */
START_TEST(test_fuzz_regressions)
{
	static const struct {
		const char	*in;
		size_t		 len;
	} inputs[] = {
		{ ",", 1 },
		{ ",\"\0\0\0b\020\0\001-\0ed\n", 14 },
		{ "\"\"", 2 },
	};
	char	*got;
	size_t	 i;
	int	 pass;

	for (i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
		for (pass = 0; pass < 2; pass++) {
			got = pass == 0 ? read_mem(inputs[i].in, inputs[i].len) :
			    read_stream(inputs[i].in, inputs[i].len);
			ck_assert_ptr_nonnull(got);
			free(got);
		}
	}
}
END_TEST

START_TEST(test_writer)
{
	char	*out;
	char	*again;

	out = write_with(0, write_sample);
	ck_assert_str_eq(out, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\","
	    "\" lead\",\"trail \",,caf\xc3\xa9,\"cr\r\"\r\n-42,,ab\r\n");
	/* What the writer writes, the reader reads back unchanged. */
	again = read_mem(out, strlen(out));
	ck_assert_str_eq(again, "1:plain|a,b|say \"hi\"|two\nlines| lead|trail "
	    "||caf\xc3\xa9|cr\r\n4:-42||ab\n");
	free(again);
	free(out);

	out = write_with(CSV_BOM | CSV_LF, write_sample);
	ck_assert_int_eq(strncmp(out, "\xef\xbb\xbfplain,", 9), 0);
	ck_assert_ptr_nonnull(strstr(out, "\"cr\r\"\n-42,,ab\n"));
	again = read_mem(out, strlen(out));
	ck_assert_int_eq(strncmp(again, "1:plain|", 8), 0);
	free(again);
	free(out);

	ck_assert_int_eq(csv_needs_quotes("", 0), 0);
	ck_assert_int_eq(csv_needs_quotes("a b", 3), 0);
	ck_assert_int_eq(csv_needs_quotes(" ", 1), 1);
	ck_assert_int_eq(csv_needs_quotes("x\"", 2), 1);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("csv");
	TCase	*tc = tcase_create("csv");

	tcase_add_checked_fixture(tc, NULL, test_cleanup);

	tcase_add_loop_test(tc, test_good, 0, sizeof good / sizeof good[0]);
	tcase_add_loop_test(tc, test_bad, 0, sizeof bad / sizeof bad[0]);
	tcase_add_test(tc, test_limits);
	tcase_add_test(tc, test_read_error);
	tcase_add_test(tc, test_stream_blocks);
	tcase_add_test(tc, test_writer);
	tcase_add_test(tc, test_fuzz_regressions);
	suite_add_tcase(s, tc);
	return test_run(s);
}
