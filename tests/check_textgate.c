/*
 * The text gate and the terminal printer: what each kind of text may hold and
 * how long it may be, the UTF-8 decoder every module shares, and that nothing
 * a file holds comes out of textgate_show as a terminal control.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"
#include "textgate.h"
#include "util.h"

/* Whether s (n bytes) passes as kind; *why gets the message when it does not. */
static int
passes(enum textgate_kind k, const char *s, size_t n, char **why)
{
	char	*cause = NULL;
	int	 rc;

	rc = textgate_check(k, s, n, &cause);
	/* A refusal is input that breaks a rule, and says which. */
	ck_assert(rc == 0 || (rc == -ERR_INVALID && cause != NULL));
	if (why != NULL)
		*why = cause;
	else
		free(cause);
	return rc == 0;
}

static const struct {
	enum textgate_kind	 kind;
	const char		*text;
	size_t			 len;		/* 0: strlen */
	int			 ok;
	const char		*says;		/* in the message when refused */
} table[] = {
	{ TEXTGATE_REF, "YJ-2024-001", 0, 1, NULL },
	{ TEXTGATE_REF, "Zoë Ōkubo 北", 0, 1, NULL },
	{ TEXTGATE_REF, "A\x1b]52;c;aGk=\x07", 0, 0, "control character (\\x1b" },
	{ TEXTGATE_REF, "A\r\x1b[2K", 0, 0, "control character (\\x0d" },
	{ TEXTGATE_REF, "A\tB", 0, 0, "control character (\\x09" },
	{ TEXTGATE_REF, "A\x7f", 0, 0, "(\\x7f" },
	{ TEXTGATE_REF, "A\xc2\x9b" "31m", 0, 0, "(\\x9b" },	/* C1 CSI */
	{ TEXTGATE_REF, "A\xc2\x85", 0, 0, "(\\x85" },		/* NEL */
	{ TEXTGATE_REF, "A\xe2\x80\xae" "cba", 0, 0, "bidirectional control "
	    "(\\u202e" },
	{ TEXTGATE_REF, "A\xe2\x81\xa6" "x", 0, 0, "(\\u2066" },
	{ TEXTGATE_REF, "A\xe2\x80\x8f", 0, 0, "(\\u200f" },
	{ TEXTGATE_REF, "A\xd8\x9c", 0, 0, "(\\u061c" },
	{ TEXTGATE_REF, "A\0B", 3, 0, "NUL byte (byte 2)" },
	{ TEXTGATE_REF, "A\xff", 0, 0, "not valid UTF-8 (byte 2)" },
	{ TEXTGATE_REF, "\xc0\xaf", 0, 0, "not valid UTF-8" },	/* overlong */
	{ TEXTGATE_REF, "\xed\xa0\x80", 0, 0, "not valid UTF-8" },	/* surrogate */
	{ TEXTGATE_REF, "\xf4\x90\x80\x80", 0, 0, "not valid UTF-8" },
	{ TEXTGATE_REF, "\xe2\x82", 0, 0, "not valid UTF-8" },	/* truncated */
	{ TEXTGATE_NAME, "Ann Smith", 0, 1, NULL },
	{ TEXTGATE_NAME, "Ann\nSmith", 0, 0, "inspector's name holds a "
	    "control character (\\x0a" },
	{ TEXTGATE_NAME, "\xe2\x80\xae" "Ann", 0, 0, "bidirectional" },
	{ TEXTGATE_SERVICE, "Leeds\x1b[31m", 0, 0, "service name holds" },
	{ TEXTGATE_MANAGER, "AB\x1b", 0, 0, "initials holds a control" },
	{ TEXTGATE_NOTE, "line one\n\tline two", 0, 1, NULL },
	{ TEXTGATE_NOTE, "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d \xe2\x80\x8f", 0, 1,
	    NULL },	/* Hebrew and a right-to-left mark: allowed in notes */
	{ TEXTGATE_NOTE, "a\r\nb", 0, 0, "evidence note holds a control "
	    "character (\\x0d" },
	{ TEXTGATE_NOTE, "a\xe2\x80\xae", 0, 0, "bidirectional" },
	{ TEXTGATE_NOTE, "a\xc2\x9d", 0, 0, "(\\x9d" },
	{ TEXTGATE_REASON, "why\nand why", 0, 1, NULL },
	{ TEXTGATE_REASON, "\x1b]8;;http://x\x1b\\", 0, 0, "reason holds" },
	{ TEXTGATE_WORD, "2.1.1.1", 0, 1, NULL },
	{ TEXTGATE_WORD, "2.1.1.1\0x", 9, 0, "NUL byte" },
};

START_TEST(test_table)
{
	char	*why;
	size_t	 n;

	n = table[_i].len != 0 ? table[_i].len : strlen(table[_i].text);
	if (passes(table[_i].kind, table[_i].text, n, &why)) {
		ck_assert_msg(table[_i].ok, "row %d passed", _i);
		return;
	}
	ck_assert_msg(!table[_i].ok, "row %d refused: %s", _i, why);
	ck_assert_msg(strstr(why, table[_i].says) != NULL, "row %d: %s", _i,
	    why);
	free(why);
}
END_TEST

/* The same limits at every door: each kind at its limit and one past it. */
START_TEST(test_limits)
{
	static const enum textgate_kind	 all[] = { TEXTGATE_REF,
	    TEXTGATE_MANAGER, TEXTGATE_NAME, TEXTGATE_SERVICE, TEXTGATE_WORD,
	    TEXTGATE_REASON, TEXTGATE_NOTE };
	char				*buf, *why;
	size_t				 i, max;

	ck_assert_uint_eq(textgate_max(TEXTGATE_REF), 64);
	ck_assert_uint_eq(textgate_max(TEXTGATE_NOTE), 1024 * 1024);
	for (i = 0; i < sizeof all / sizeof all[0]; i++) {
		max = textgate_max(all[i]);
		buf = xmalloc(max + 1);
		memset(buf, 'x', max + 1);
		ck_assert(passes(all[i], buf, max, NULL));
		ck_assert(!passes(all[i], buf, max + 1, &why));
		ck_assert_msg(strstr(why, textgate_name(all[i])) != NULL &&
		    strstr(why, "at most") != NULL, "%s", why);
		free(why);
		free(buf);
	}
	ck_assert(passes(TEXTGATE_REF, NULL, 0, NULL));
	ck_assert_int_eq(textgate_check_str(TEXTGATE_REF, NULL, NULL), 0);
}
END_TEST

START_TEST(test_utf8_next)
{
	uint32_t	cp;

	ck_assert_uint_eq(textgate_utf8_next("A", 1, &cp), 1);
	ck_assert_uint_eq(cp, 'A');
	ck_assert_uint_eq(textgate_utf8_next("\xc3\xa9", 2, &cp), 2);
	ck_assert_uint_eq(cp, 0xe9);
	ck_assert_uint_eq(textgate_utf8_next("\xe2\x80\xae", 3, &cp), 3);
	ck_assert_uint_eq(cp, 0x202e);
	ck_assert_uint_eq(textgate_utf8_next("\xf0\x9f\x98\x80", 4, &cp), 4);
	ck_assert_uint_eq(cp, 0x1f600);
	/* Maximal subparts: each becomes one U+FFFD. */
	ck_assert_uint_eq(textgate_utf8_next("\xe2\x80", 2, &cp), 2);
	ck_assert_uint_eq(cp, TEXTGATE_BAD);
	ck_assert_uint_eq(textgate_utf8_next("\xe0\x80\x80", 3, &cp), 1);
	ck_assert_uint_eq(cp, TEXTGATE_BAD);
	ck_assert_uint_eq(textgate_utf8_next("\xff", 1, &cp), 1);
	ck_assert_uint_eq(cp, TEXTGATE_BAD);
	/* util's and json's decoders are this one. */
	ck_assert_uint_eq(util_utf8_len((const unsigned char *)"\xed\xa0\x80",
	    3), 0);
	ck_assert_uint_eq(util_utf8_len((const unsigned char *)"\xe2\x80\xae",
	    3), 3);
}
END_TEST

static const struct {
	const char	*in;
	int		 lines;
	const char	*out;
} shows[] = {
	{ "plain Zoë", 0, "plain Zoë" },
	{ "A\x1b]52;c;aGk=\x07", 0, "A\\x1b]52;c;aGk=\\x07" },
	{ "X\r\x1b[2KY", 0, "X\\x0d\\x1b[2KY" },
	{ "a\nb\tc", 0, "a\\x0ab\\x09c" },
	{ "a\nb\tc", 1, "a\nb\tc" },
	{ "a\r\nb", 1, "a\\x0d\nb" },
	{ "\x7f\xc2\x9b\xc2\x80", 0, "\\x7f\\x9b\\x80" },
	{ "abc\xe2\x80\xae" "fed", 0, "abc\\u202efed" },
	{ "\xe2\x81\xa9\xe2\x80\x8e", 1, "\\u2069\\u200e" },
	{ "bad\xff\xe2\x80!", 0, "bad\xef\xbf\xbd\xef\xbf\xbd!" },
};

START_TEST(test_show)
{
	char	*s;

	s = textgate_show(shows[_i].in, strlen(shows[_i].in), shows[_i].lines);
	ck_assert_str_eq(s, shows[_i].out);
	free(s);
}
END_TEST

/* The worst case for the printer's buffer: every byte a control. */
START_TEST(test_show_worst)
{
	char	in[256], *s;
	size_t	i;

	for (i = 0; i < sizeof in; i++)
		in[i] = (char)(i % 0x20 == 0 ? 1 : i % 0x20);
	s = textgate_show(in, sizeof in, 0);
	ck_assert_uint_eq(strlen(s), 4 * sizeof in);
	ck_assert_ptr_null(strchr(s, '\x1b'));
	free(s);
	s = textgate_show_str(NULL);
	ck_assert_str_eq(s, "");
	free(s);
}
END_TEST

START_TEST(test_printf)
{
	char	*out = NULL;
	size_t	 size = 0;
	FILE	*f = open_memstream(&out, &size);

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(textgate_printf(f, "case %s:\n\t%d\n",
	    "R\x1b]52;c;eA==\x07", 7), 0);
	fclose(f);
	ck_assert_str_eq(out, "case R\\x1b]52;c;eA==\\x07:\n\t7\n");
	free(out);
}
END_TEST

/* A name as the doors take it: the spaces at its ends go, nothing else. */
static const struct {
	const char	*typed;
	const char	*kept;
} trims[] = {
	{ "Ann Smith", "Ann Smith" },
	{ " Ann Smith ", "Ann Smith" },
	{ "   Ann  Smith", "Ann  Smith" },		/* inside: kept */
	{ "\xc2\xa0" "Ann\xe3\x80\x80", "Ann" },	/* no-break, ideographic */
	{ "\xe2\x80\x83" "Zo\xc3\xab\xe2\x80\xaf", "Zo\xc3\xab" },	/* em, narrow */
	{ "   ", "" },
	{ "", "" },
	{ "\tAnn\n", "\tAnn\n" },	/* controls: the gate refuses them */
	{ "Ann\xe2\x80\x8b", "Ann\xe2\x80\x8b" },	/* zero width: no space */
	{ "Ann \xff", "Ann \xff" },	/* not UTF-8: the gate's to refuse */
	{ "\xe2\x80 Ann", "\xe2\x80 Ann" },
	{ "Ann\xc3\xa9 ", "Ann\xc3\xa9" },
};

START_TEST(test_trim)
{
	char	*s = textgate_trim(trims[_i].typed);

	ck_assert_str_eq(s, trims[_i].kept);
	ck_assert(textgate_same_name(trims[_i].typed, trims[_i].kept));
	ck_assert(textgate_same_name(trims[_i].kept, trims[_i].typed));
	free(s);
}
END_TEST

START_TEST(test_same_name)
{
	ck_assert(textgate_same_name(" Ann Smith", "Ann Smith "));
	ck_assert(!textgate_same_name("Ann Smith", "Ann  Smith"));
	ck_assert(!textgate_same_name("Ann Smith", "ann smith"));
	ck_assert(!textgate_same_name("Ann", "Ann Smith"));
	ck_assert(textgate_same_name(" ", ""));
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("textgate");
	TCase	*tc = tcase_create("core");

	tcase_add_loop_test(tc, test_table, 0, sizeof table / sizeof table[0]);
	tcase_add_test(tc, test_limits);
	tcase_add_test(tc, test_utf8_next);
	tcase_add_loop_test(tc, test_show, 0, sizeof shows / sizeof shows[0]);
	tcase_add_test(tc, test_show_worst);
	tcase_add_test(tc, test_printf);
	tcase_add_loop_test(tc, test_trim, 0, sizeof trims / sizeof trims[0]);
	tcase_add_test(tc, test_same_name);
	suite_add_tcase(s, tc);
	return test_run(s);
}
