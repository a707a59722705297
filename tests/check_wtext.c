/*
 * UTF-8 display width, wrapping and the note editor's buffer: accents, wide
 * characters and combining marks keep their columns, and the cursor never lands
 * inside a character.
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "editbuf.h"
#include "testlib.h"
#include "util.h"
#include "wtext.h"

START_TEST(test_width)
{
	static const struct {
		const char	*s;
		int		 width;
	} cases[] = {
		{ "", 0 },
		{ "abc", 3 },
		{ "caf\xc3\xa9", 4 },			/* café */
		{ "\xe2\x80\x93", 1 },			/* en dash */
		{ "\xe6\x97\xa5\xe6\x9c\xac", 4 },	/* 日本 */
		{ "e\xcc\x81", 1 },			/* e + combining acute */
		{ "\xff" "a", 2 },			/* invalid byte: one column */
	};
	size_t	i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		ck_assert_int_eq(wtext_width(cases[i].s, strlen(cases[i].s)),
		    cases[i].width);
	/* A wide character that does not fit is left out whole. */
	ck_assert_uint_eq(wtext_fit("a\xe6\x97\xa5", 4, 2), 1);
	ck_assert_uint_eq(wtext_fit("a\xe6\x97\xa5", 4, 3), 4);
	ck_assert_uint_eq(wtext_fit("na\xc3\xafve", 6, 3), 4);
}
END_TEST

START_TEST(test_codec)
{
	char		buf[4];
	uint32_t	cp;
	uint32_t	cps[] = { 'a', 0xe9, 0x2013, 0x65e5, 0x1f600 };
	size_t		i, n;

	for (i = 0; i < sizeof cps / sizeof cps[0]; i++) {
		n = wtext_encode(cps[i], buf);
		ck_assert_uint_eq(n, i < 2 ? i + 1 : (i < 4 ? 3 : 4));
		ck_assert_uint_eq(wtext_decode(buf, n, &cp), n);
		ck_assert_uint_eq(cp, cps[i]);
	}
	ck_assert_uint_eq(wtext_encode(0xd800, buf), 0);
	ck_assert_uint_eq(wtext_decode("\xc3", 1, &cp), 1);
	ck_assert_uint_eq(cp, 0xfffd);
	/* Moving by character keeps a combining mark with its base. */
	ck_assert_uint_eq(wtext_next("e\xcc\x81x", 4, 0), 3);
	ck_assert_uint_eq(wtext_prev("e\xcc\x81x", 3), 0);
	ck_assert_uint_eq(wtext_prev("\xe6\x97\xa5", 3), 0);
}
END_TEST

/* The lines of s wrapped at width, joined by '|'. */
static char *
wrapped(const char *s, int width)
{
	struct wtext_line	*l;
	size_t			 n, i, at = 0;
	char			*out;

	n = wtext_wrap(s, strlen(s), width, &l);
	out = xmalloc(strlen(s) + n + 1);
	for (i = 0; i < n; i++) {
		if (i > 0)
			out[at++] = '|';
		memcpy(out + at, s + l[i].start, l[i].len);
		at += l[i].len;
		ck_assert_int_le(l[i].width, width);
	}
	out[at] = '\0';
	free(l);
	return out;
}

/* Text cut to a width ends in the ellipsis; text that fits is unchanged. */
START_TEST(test_cut)
{
	char	*s;

	s = wtext_cut("NORTHWEST-0001", 14, 20);
	ck_assert_str_eq(s, "NORTHWEST-0001");
	free(s);
	s = wtext_cut("NORTHWEST-0001", 14, 8);
	ck_assert_str_eq(s, "NORTHWE\xe2\x80\xa6");
	ck_assert_int_eq(wtext_width(s, strlen(s)), 8);
	free(s);
	/* A wrapped line's trailing space is not text cut. */
	s = wtext_cut("NORTH   ", 8, 5);
	ck_assert_str_eq(s, "NORTH");
	free(s);
	s = wtext_cut("NORTHWEST-0001", 14, 0);
	ck_assert_str_eq(s, "");
	free(s);
}
END_TEST

START_TEST(test_wrap)
{
	static const struct {
		const char	*s;
		int		 width;
		const char	*want;
	} cases[] = {
		{ "", 10, "" },
		{ "one two three", 6, "one |two |three" },
		{ "one two three", 7, "one two |three" },
		{ "abcdefghij", 4, "abcd|efgh|ij" },
		{ "a\nb\n", 5, "a|b|" },
		{ "a\n\nb", 5, "a||b" },
		{ "abc ", 3, "abc |" },
		{ "caf\xc3\xa9 na\xc3\xafve", 5,
		    "caf\xc3\xa9 |na\xc3\xafve" },
		{ "\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5", 5,
		    "\xe6\x97\xa5\xe6\x97\xa5|\xe6\x97\xa5" },
	};
	size_t	i;
	char	*s;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		s = wrapped(cases[i].s, cases[i].width);
		ck_assert_msg(strcmp(s, cases[i].want) == 0,
		    "case %zu: got '%s', want '%s'", i, s, cases[i].want);
		free(s);
	}
}
END_TEST

START_TEST(test_editbuf)
{
	struct editbuf	eb;
	size_t		row;
	int		col;

	editbuf_init(&eb, NULL);
	editbuf_insert(&eb, 'c');
	editbuf_insert(&eb, 'a');
	editbuf_insert(&eb, 'f');
	editbuf_insert(&eb, 0xe9);
	editbuf_insert(&eb, 0x1b);		/* escape: ignored */
	ck_assert_str_eq(eb.text, "caf\xc3\xa9");
	ck_assert_int_eq(eb.changed, 1);
	editbuf_left(&eb);
	ck_assert_uint_eq(eb.cursor, 3);
	editbuf_insert(&eb, 0x65e5);
	ck_assert_str_eq(eb.text, "caf\xe6\x97\xa5\xc3\xa9");
	editbuf_backspace(&eb);
	editbuf_delete(&eb);
	ck_assert_str_eq(eb.text, "caf");
	editbuf_home(&eb, 20);
	ck_assert_uint_eq(eb.cursor, 0);
	editbuf_delete(&eb);
	editbuf_backspace(&eb);		/* nothing before: no change */
	ck_assert_str_eq(eb.text, "af");
	editbuf_end(&eb, 20);
	editbuf_insert(&eb, '\n');
	editbuf_insert(&eb, 'x');
	editbuf_cursor(&eb, 20, &row, &col);
	ck_assert_uint_eq(row, 1);
	ck_assert_int_eq(col, 1);
	editbuf_up(&eb, 20);
	ck_assert_uint_eq(eb.cursor, 1);
	editbuf_up(&eb, 20);		/* from the first line: its start */
	ck_assert_uint_eq(eb.cursor, 0);
	editbuf_down(&eb, 20);		/* back to the column it left */
	ck_assert_uint_eq(eb.cursor, 4);
	editbuf_clear(&eb);

	/* Up and down follow the wrapped lines, keeping the column. */
	editbuf_init(&eb, "one two three");
	editbuf_cursor(&eb, 8, &row, &col);
	ck_assert_uint_eq(row, 1);
	ck_assert_int_eq(col, 5);
	editbuf_up(&eb, 8);
	ck_assert_uint_eq(eb.cursor, 5);
	editbuf_end(&eb, 8);		/* before the space it broke after */
	ck_assert_uint_eq(eb.cursor, 7);
	editbuf_down(&eb, 8);
	ck_assert_uint_eq(eb.cursor, 13);
	editbuf_clear(&eb);

	/* A long text: no limit but memory. */
	editbuf_init(&eb, "");
	for (col = 0; col < 100000; col++)
		editbuf_insert(&eb, col % 50 == 49 ? ' ' : 0xe9);
	ck_assert_uint_eq(eb.len, 100000 / 50 * 99);
	editbuf_clear(&eb);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("wtext");
	TCase	*tc = tcase_create("wtext");

	/* Column widths come from the locale; the tests assume UTF-8. */
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		setlocale(LC_ALL, "en_US.UTF-8");
	tcase_add_test(tc, test_width);
	tcase_add_test(tc, test_codec);
	tcase_add_test(tc, test_wrap);
	tcase_add_test(tc, test_cut);
	tcase_add_test(tc, test_editbuf);
	suite_add_tcase(s, tc);
	return test_run(s);
}
