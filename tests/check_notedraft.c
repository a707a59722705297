/*
 * Note drafts: the setting name keeps case id, reference and question apart,
 * the value round-trips the text with its time, and writes are debounced.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "notedraft.h"
#include "testlib.h"
#include "util.h"

START_TEST(test_name)
{
	char	*a, *b, *c;

	a = notedraft_name(3, "C-1", "C1.1.1");
	b = notedraft_name(4, "C-1", "C1.1.1");
	c = notedraft_name(3, "C-1", "C1.1.2");
	ck_assert_str_eq(a, "note-draft:3:C1.1.1:C-1");
	ck_assert_str_ne(a, b);
	ck_assert_str_ne(a, c);
	free(a);
	free(b);
	free(c);
}
END_TEST

START_TEST(test_pack)
{
	char	*v, *at, *text;

	/* 2026-12-06 01:47:05 UTC, text with newlines and UTF-8. */
	v = notedraft_pack("caf\xc3\xa9\nline two\n", 1796521625, 4242);
	ck_assert_str_eq(v, "2026-12-06 01:47:05 4242\ncaf\xc3\xa9\nline two\n");
	ck_assert_int_eq(notedraft_pid(v), 4242);
	ck_assert_int_eq(notedraft_unpack(v, &at, &text), 0);
	ck_assert_str_eq(at, "01:47 GMT");
	ck_assert_str_eq(text, "caf\xc3\xa9\nline two\n");
	free(at);
	free(text);
	free(v);
	v = notedraft_pack("", 0, 1);
	ck_assert_int_eq(notedraft_unpack(v, &at, &text), 0);
	ck_assert_str_eq(at, "00:00 GMT");
	ck_assert_str_eq(text, "");
	free(at);
	free(text);
	free(v);
	/* 2026-07-01 12:00 UTC: the editor says 13:00, in summer time. */
	v = notedraft_pack("x", 1782907200, 1);
	ck_assert_int_eq(notedraft_unpack(v, &at, &text), 0);
	ck_assert_str_eq(at, "13:00 BST");
	free(at);
	free(text);
	free(v);
	/* Not a draft: no time, or none at all. */
	ck_assert_int_eq(notedraft_unpack("just text", &at, &text), -1);
	ck_assert_ptr_null(at);
	ck_assert_ptr_null(text);
	ck_assert_int_eq(notedraft_unpack("12:00\ntext", &at, &text), -1);
	ck_assert_int_eq(notedraft_unpack(NULL, &at, &text), -1);
}
END_TEST

START_TEST(test_due)
{
	ck_assert(!notedraft_due(100, 100));
	ck_assert(notedraft_due(100, 101));
	ck_assert(notedraft_due(0, 100));
	/* The clock went back: write rather than wait. */
	ck_assert(notedraft_due(100, 50));
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("notedraft");
	TCase	*tc = tcase_create("notedraft");

	tcase_add_test(tc, test_name);
	tcase_add_test(tc, test_pack);
	tcase_add_test(tc, test_due);
	suite_add_tcase(s, tc);
	return test_run(s);
}
