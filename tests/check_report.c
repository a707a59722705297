/*
 * The report for the rating meeting: the one escaper (markup, quotes, control
 * characters, ill-formed UTF-8), the moderation outlier and when it matters,
 * the evidence grouped by answer with its warnings and open items, and the
 * page made from a file: its five sections, its figures the tally's, its text
 * escaped, and a failed write reported.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db-case.h"
#include "db-tally.h"
#include "html.h"
#include "report.h"
#include "testlib.h"
#include "util.h"

static const struct {
	const char	*in;
	const char	*out;
	long		 replaced;
} escapes[] = {
	{ "plain text", "plain text", 0 },
	{ "</svg><script>alert(1)</script>",
	  "&lt;/svg&gt;&lt;script&gt;alert(1)&lt;/script&gt;", 0 },
	{ "a & b \"c\" 'd'", "a &amp; b &quot;c&quot; &#39;d&#39;", 0 },
	{ "&amp;", "&amp;amp;", 0 },
	{ "tab\tand\nnewline", "tab\tand\nnewline", 0 },
	{ "cr\r\n", "cr\xef\xbf\xbd\n", 1 },
	{ "bell\x07", "bell\xef\xbf\xbd", 1 },
	{ "del\x7f", "del\xef\xbf\xbd", 1 },
	{ "caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x98\x80", "caf\xc3\xa9 \xe2\x80\x94 "
	  "\xf0\x9f\x98\x80", 0 },
	{ "bad \xff byte", "bad \xef\xbf\xbd byte", 1 },
	{ "cut \xe2\x80", "cut \xef\xbf\xbd", 1 },
	{ "overlong \xc0\xbc", "overlong \xef\xbf\xbd\xef\xbf\xbd", 2 },
	{ "", "", 0 }
};

START_TEST(test_escape)
{
	char	*out = NULL;
	size_t	 size = 0;
	FILE	*f = open_memstream(&out, &size);
	long	 n;

	n = html_text(f, escapes[_i].in);
	fclose(f);
	ck_assert_str_eq(out, escapes[_i].out);
	ck_assert_int_eq(n, escapes[_i].replaced);
	free(out);
}
END_TEST

START_TEST(test_escape_null_and_format)
{
	char	*out = NULL;
	size_t	 size = 0;
	FILE	*f = open_memstream(&out, &size);

	ck_assert_int_eq(html_text(f, NULL), 0);
	html_textf(f, "%s: %d<%d", "a&b", 1, 2);
	html_textn(f, "<<<", 1);
	fclose(f);
	ck_assert_str_eq(out, "a&amp;b: 1&lt;2&lt;");
	free(out);
}
END_TEST

/* Groups of one key question: yes and no counts, and the outlier expected. */
static const struct {
	long	 yes[4];
	long	 no[4];
	size_t	 n;
	long	 group;
	int	 gap10;
	int	 below;
	int	 flagged;
} moderations[] = {
	/*
	 * 15 of 20 Good overall; the third alone at 2 of 6 holds it from 13 of
	 * 14. The gap is that of the percentages shown, truncated: 92.8 - 33.3.
	 */
	{ { 7, 6, 2 }, { 0, 1, 4 }, 3, 2, 595, 1, 1 },
	/* Far from the rest, but too few of its own cases to count. */
	{ { 9, 9, 0 }, { 1, 1, 2 }, 3, 2, 900, 1, 0 },
	/* Far enough and enough cases, but the band stays Good without it. */
	{ { 7, 7, 3 }, { 3, 3, 3 }, 3, 2, 200, 1, 0 },
	/* Close together: nothing matters. */
	{ { 7, 7, 7 }, { 3, 3, 3 }, 3, 0, 0, 0, 0 },
	/* Above the rest, moving Good to Outstanding. */
	{ { 7, 7, 10 }, { 3, 3, 0 }, 3, 2, 300, 0, 1 },
	/* A group with no applicable cases is passed by; a tie: the first. */
	{ { 0, 5, 5 }, { 0, 5, 0 }, 3, 1, 500, 1, 1 },
	/* One group: no rest to compare with. */
	{ { 5 }, { 5 }, 1, -1, 0, 0, 0 }
};

START_TEST(test_moderation)
{
	struct tally_group	 g[4];
	struct tally_count	 c[4];
	struct report_outlier	 o;
	size_t			 i;

	memset(g, 0, sizeof g);
	memset(c, 0, sizeof c);
	for (i = 0; i < moderations[_i].n; i++) {
		c[i].yes = moderations[_i].yes[i];
		c[i].no = moderations[_i].no[i];
		g[i].keys = &c[i];
	}
	report_moderation(g, moderations[_i].n, 0, &o);
	ck_assert_int_eq(o.group, moderations[_i].group);
	ck_assert_int_eq(o.flagged, moderations[_i].flagged);
	if (o.group >= 0) {
		ck_assert_int_eq(o.gap10, moderations[_i].gap10);
		ck_assert_int_eq(o.below, moderations[_i].below);
	}
}
END_TEST

static struct db_answer
answer(const char *q, enum answer_value v, const char *note)
{
	struct db_answer	a;

	memset(&a, 0, sizeof a);
	/* Never written through: report_add_case only reads answers. */
	memcpy(&a.question, &q, sizeof q);
	a.value = v;
	memcpy(&a.note, &note, sizeof note);
	return a;
}

/* Evidence by answer, warnings beside their key, open items: no file needed. */
START_TEST(test_evidence_groups)
{
	struct db_inspection	 insp;
	struct qbank		*bank;
	struct report		*r;
	struct db_case		 c;
	struct db_answer	 a[16];
	char			 svc[] = "S", type[] = "iyjwcv", c1[] = "C-1";
	char			 c2[] = "C-2", ann[] = "ann";
	char			*cause = NULL;
	long			 k;
	size_t			 n = 0;

	bank = qbank_builtin(&cause);
	ck_assert_ptr_nonnull(bank);
	memset(&insp, 0, sizeof insp);
	insp.service = svc;
	insp.type = type;
	r = report_new(bank, &insp, "f.caseread");
	/* Every file records withdrawals now: none yet. */
	ck_assert_int_eq(r->withdrawn, 0);

	memset(&c, 0, sizeof c);
	c.kind = QB_CHILD;
	c.type = QB_COURT;
	c.ref = c1;
	c.inspector = ann;
	c.complete = 1;
	/* 2.1.1 yes against most of its prompts, with a note. */
	a[n++] = answer("2.1.1.1", ANSWER_NO, "");
	a[n++] = answer("2.1.1.2", ANSWER_NO, "");
	a[n++] = answer("2.1.1.3", ANSWER_NO, "");
	a[n++] = answer("2.1.1", ANSWER_YES, "good analysis");
	a[n++] = answer("2.1.2", ANSWER_NO, "no safety work");
	a[n++] = answer("2.2.1", ANSWER_NA, "nothing to plan");
	a[n++] = answer("2.2.2", ANSWER_NO, "  ");	/* no evidence */
	a[n++] = answer("2.3.1", ANSWER_YES, "x");
	a[n++] = answer("2.3.2", ANSWER_YES, "y");
	report_add_case(r, &c, a, n);

	c.ref = c2;
	c.complete = 0;
	n = 0;
	a[n++] = answer("2.1.1", ANSWER_NO, "weak");
	a[n++] = answer("2.1.2", ANSWER_NONE, "a draft's thought");
	report_add_case(r, &c, a, n);

	ck_assert_uint_eq(r->ncases, 2);
	ck_assert_int_eq(r->complete, 1);
	ck_assert_int_eq(r->draft, 1);
	k = tally_key_find(r->tally, "2.1.1");
	ck_assert_int_ge(k, 0);
	ck_assert_uint_eq(r->keys[k].nnotes[REPORT_NO], 1);
	ck_assert_str_eq(r->keys[k].notes[REPORT_NO][0].text, "weak");
	ck_assert_uint_eq(r->keys[k].notes[REPORT_NO][0].c, 1);
	ck_assert_uint_eq(r->keys[k].nnotes[REPORT_YES], 1);
	ck_assert_uint_eq(r->keys[k].nwarnings, 1);
	ck_assert_str_eq(r->keys[k].warnings[0].text,
	    "2.1.1 answered yes but 3 of 3 prompts are no");
	k = tally_key_find(r->tally, "2.1.2");
	/* A note with no answer is no evidence yet. */
	ck_assert_uint_eq(r->keys[k].nnotes[REPORT_NO], 1);
	ck_assert_uint_eq(r->keys[k].nnotes[REPORT_YES], 0);
	k = tally_key_find(r->tally, "2.2.1");
	ck_assert_uint_eq(r->keys[k].nnotes[REPORT_NA], 1);
	k = tally_key_find(r->tally, "2.2.2");
	ck_assert_uint_eq(r->keys[k].nnotes[REPORT_NO], 0);
	ck_assert_int_eq(r->keys[k].unnoted[REPORT_NO], 1);
	ck_assert_uint_eq(r->keys[k].nwarnings, 1);
	ck_assert_str_eq(r->keys[k].warnings[0].text,
	    "2.2.2 has no evidence note");
	ck_assert_uint_eq(r->nnotes, 6);
	/* The draft is open, with what it lacks. */
	ck_assert_uint_eq(r->nopen, 1);
	ck_assert_uint_eq(r->open[0].c, 1);
	ck_assert_str_eq(r->open[0].missing, "2.1.2, 2.2.1, 2.2.2, 2.3.1, 2.3.2");
	report_free(r);
	qbank_free(bank);
}
END_TEST

static char *
read_all(const char *path)
{
	FILE	*f = fopen(path, "r");
	char	*text;
	long	 len;

	ck_assert_msg(f != NULL, "cannot open %s", path);
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	len = ftell(f);
	rewind(f);
	text = xmalloc((size_t)len + 1);
	ck_assert_uint_eq(fread(text, 1, (size_t)len, f), (size_t)len);
	text[len] = '\0';
	fclose(f);
	return text;
}

/* Where s first is in page; fails when it is not. */
static long
offset(const char *page, const char *s)
{
	const char	*p = strstr(page, s);

	ck_assert_msg(p != NULL, "page lacks %s", s);
	return (long)(p - page);
}

/* A figure as the page carries it. */
static void
has_figure(const char *page, const char *path, const char *value)
{
	char	*want = xasprintf("data-f=\"%s\">%s</span>", path, value);

	ck_assert_msg(strstr(page, want) != NULL, "page lacks %s", want);
	free(want);
}

START_TEST(test_page_from_file)
{
	static const char *const keys[] = { "2.1.1", "2.1.2", "2.2.1",
	    "2.2.2", "2.3.1", "2.3.2" };
	struct db			*db = test_db_new("p.caseread", "iyjwcv");
	struct tally			*t;
	struct db_case			 c;
	const struct tally_count	*c0;
	char				*cause = NULL, *out, *page, *want, *value;
	char				 ref[16];
	size_t				 notes = 0, i, k;
	int				 p;

	for (i = 0; i < 3; i++) {
		memset(&c, 0, sizeof c);
		c.kind = QB_CHILD;
		c.type = i == 2 ? QB_OUT_OF_COURT : QB_COURT;
		snprintf(ref, sizeof ref, "C-%zu", i + 1);
		c.ref = ref;
		c.inspector = NULL;
		ck_assert_msg(db_case_add(db, &c, &cause) == 0, "%s", cause);
		for (k = 0; k < 6; k++)
			ck_assert_msg(db_answer_save(db, c.id, keys[k],
			    i == 1 && k == 0 ? ANSWER_NO : ANSWER_YES,
			    i == 1 && k == 0 ? "</svg><script>x()</script>" :
			    "fine", &cause) == 0, "%s", cause);
	}
	/* A withdrawn case: named with its reason, its note never quoted. */
	memset(&c, 0, sizeof c);
	c.kind = QB_CHILD;
	c.type = QB_COURT;
	snprintf(ref, sizeof ref, "C-9");
	c.ref = ref;
	ck_assert_msg(db_case_add(db, &c, &cause) == 0, "%s", cause);
	ck_assert_msg(db_answer_save(db, c.id, "2.1.1", ANSWER_NO,
	    "withdrawn-note", &cause) == 0, "%s", cause);
	ck_assert_msg(db_case_withdraw(db, c.id, "added by <mistake>",
	    &cause) == 0, "%s", cause);
	out = test_path("p.html");
	ck_assert_msg(report_run(db, out, &notes, &cause) == 0, "%s", cause);
	ck_assert_uint_eq(notes, 18);
	page = read_all(out);
	ck_assert_ptr_null(strstr(page, "withdrawn-note"));
	ck_assert_int_lt(offset(page, "id=\"open-items\""),
	    offset(page, "<td>added by &lt;mistake&gt;</td>"));
	ck_assert_int_lt(offset(page, "<h3>Withdrawn cases</h3>"),
	    offset(page, "C-9 &#183; court"));
	has_figure(page, "cases/withdrawn", "1");

	ck_assert_ptr_nonnull(strstr(page, "<!DOCTYPE html>"));
	ck_assert_ptr_nonnull(strstr(page, "<section id=\"headline\">"));
	ck_assert_ptr_nonnull(strstr(page, "<section id=\"key-questions\">"));
	ck_assert_ptr_nonnull(strstr(page, "<section id=\"moderation\">"));
	ck_assert_ptr_nonnull(strstr(page, "<section id=\"evidence\">"));
	ck_assert_ptr_nonnull(strstr(page, "<section id=\"open-items\">"));
	ck_assert_ptr_null(strstr(page, "<script"));
	ck_assert_ptr_nonnull(strstr(page, "&lt;/svg&gt;&lt;script&gt;x()"
	    "&lt;/script&gt;"));
	/* Sections in order. */
	ck_assert_int_lt(offset(page, "id=\"headline\""),
	    offset(page, "id=\"key-questions\""));
	ck_assert_int_lt(offset(page, "id=\"key-questions\""),
	    offset(page, "id=\"moderation\""));
	ck_assert_int_lt(offset(page, "id=\"moderation\""),
	    offset(page, "id=\"evidence\""));
	ck_assert_int_lt(offset(page, "id=\"evidence\""),
	    offset(page, "id=\"open-items\""));

	/* Each key question's figures are the tally's. */
	t = tally_new(db_bank(db));
	ck_assert_msg(db_tally(db, t, &cause) == 0, "%s", cause);
	for (k = 0; k < t->nkeys; k++) {
		c0 = &t->keys[k].count;
		want = xasprintf("key_questions/%s/yes", t->keys[k].id);
		value = xasprintf("%ld", c0->yes);
		has_figure(page, want, value);
		free(want);
		free(value);
		if ((p = tally_percent10(c0->yes, c0->yes + c0->no)) < 0)
			continue;
		want = xasprintf("key_questions/%s/percent", t->keys[k].id);
		value = xasprintf("%d.%d", p / 10, p % 10);
		has_figure(page, want, value);
		free(want);
		free(value);
		want = xasprintf("key_questions/%s/band", t->keys[k].id);
		has_figure(page, want, tally_rating_name(t->keys[k].band));
		free(want);
	}
	/* 2 of 3 truncated, as the tally's JSON gives it: never 66.7. */
	has_figure(page, "key_questions/2.1.1/percent", "66.6");
	has_figure(page, "key_questions/2.1.1/band", "Good");
	has_figure(page, "standards/2.1/rating", "Good");
	has_figure(page, "cases/children", "3");
	has_figure(page, "cases/incomplete", "3");
	tally_free(t);
	free(page);

	/* A write that fails says so and leaves nothing. */
	ck_assert_int_ne(report_run(db, "/nonexistent/dir/r.html", NULL,
	    &cause), 0);
	ck_assert_ptr_nonnull(strstr(cause, "/nonexistent/dir/r.html"));
	free(cause);
	cause = NULL;
	/* Never over an inspection file. */
	ck_assert_int_ne(report_run(db, db_path(db), NULL, &cause), 0);
	free(cause);
	free(out);
	db_close(db);
}
END_TEST

START_TEST(test_full_stream)
{
	struct db	*db = test_db_new("q.caseread", "iyjs");
	struct report	*r;
	FILE		*f;
	char		*cause = NULL;

	r = report_new(db_bank(db), db_inspection(db), db_path(db));
	ck_assert_msg(db_report(db, r, &cause) == 0, "%s", cause);
	f = fopen("/dev/full", "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(report_html(r, f), -1);
	fclose(f);
	report_free(r);
	cause = report_default_path("a/b.caseread");
	ck_assert_str_eq(cause, "a/b.caseread.report.html");
	free(cause);
	db_close(db);
}
END_TEST

static void
setup(void)
{
	test_dir();
}

static void
teardown(void)
{
	test_cleanup();
}

int
main(void)
{
	Suite	*s = suite_create("report");
	TCase	*tc = tcase_create("pure");
	TCase	*tf = tcase_create("file");

	tcase_add_loop_test(tc, test_escape, 0, sizeof escapes /
	    sizeof escapes[0]);
	tcase_add_test(tc, test_escape_null_and_format);
	tcase_add_loop_test(tc, test_moderation, 0, sizeof moderations /
	    sizeof moderations[0]);
	tcase_add_test(tc, test_evidence_groups);
	suite_add_tcase(s, tc);

	tcase_add_checked_fixture(tf, setup, teardown);
	tcase_add_test(tf, test_page_from_file);
	tcase_add_test(tf, test_full_stream);
	suite_add_tcase(s, tf);
	return test_run(s);
}
