/*
 * The question bank parser: the shipped bank as the framework describes it, and
 * one broken file for each kind of mistake, each refused with its file and line.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "qbank.h"
#include "testlib.h"
#include "util.h"

#define HEAD "bank t\nversion 1\n"
#define STD "standard 2.1 child Assessing\n"

/* The shipped bank: every standard and key question the framework names. */
START_TEST(test_builtin_shape)
{
	static const char *keys[] = { "2.1.1", "2.1.2", "2.2.1", "2.2.2",
	    "2.3.1", "2.3.2", "V1.1" };
	static const char *aspects[] = { "positive-change", "safety",
	    "positive-change", "safety", "positive-change", "safety", "quality" };
	struct qbank	*b;
	char		*cause = NULL;
	size_t		 i, j, prompts;
	long		 k;

	/* The file as shipped and installed passes the loader's rules too. */
	b = qbank_load(TEST_SRCDIR "/../forms/youth-2025.form", &cause);
	ck_assert_msg(b != NULL, "%s", cause);
	qbank_free(b);
	b = qbank_builtin(&cause);
	ck_assert_msg(b != NULL, "%s", cause);
	ck_assert_int_eq(qbank_validate(b, "youth-2025.form", NULL), 0);
	ck_assert_str_eq(b->id, "youth-2025");
	ck_assert_uint_eq(b->nstandards, 4);
	ck_assert_str_eq(b->standards[0].id, "2.1");
	ck_assert_str_eq(b->standards[3].id, "V1");
	ck_assert_int_eq(b->standards[3].kind, QB_VICTIM);
	ck_assert_uint_eq(b->nkeys, 7);
	for (i = 0; i < 7; i++) {
		k = qbank_find(b, keys[i]);
		ck_assert_msg(k >= 0, "key %s missing", keys[i]);
		ck_assert(b->questions[k].is_key);
		ck_assert_str_eq(b->questions[k].aspect, aspects[i]);
		ck_assert_ptr_nonnull(b->questions[k].guidance);
		ck_assert_uint_eq(b->keys[i], (size_t)k);
		/* Its prompts come right before it, 4 to 8 of them. */
		prompts = 0;
		for (j = 0; j < (size_t)k; j++) {
			if (!b->questions[j].is_key && b->questions[j].key ==
			    (size_t)k) {
				prompts++;
				ck_assert(strncmp(b->questions[j].id, keys[i],
				    strlen(keys[i])) == 0);
			}
		}
		ck_assert_msg(prompts >= 4 && prompts <= 8, "%s has %zu prompts",
		    keys[i], prompts);
	}
	qbank_free(b);
}
END_TEST

START_TEST(test_reading_order_and_applies)
{
	static const char text[] = HEAD STD
	    "key 2.1.1 Key one?\n"
	    "  aspect positive-change\n"
	    "  guidance First line.\n"
	    "  guidance Second line.\n"
	    "prompt 2.1.1.1 For all?\n"
	    "prompt 2.1.1.2 Custody only?\n"
	    "  applies resettlement\n"
	    "key 2.1.2 Key two?\n"
	    "standard V1 victim Victims\n"
	    "key V1.1 Victim key?\n"
	    "prompt V1.1.1 Victim prompt?\n";
	struct qbank	*b;
	char		*cause = NULL;

	b = qbank_parse(text, sizeof text - 1, "t.form", &cause);
	ck_assert_msg(b != NULL, "%s", cause);
	ck_assert_uint_eq(b->nquestions, 6);
	ck_assert_str_eq(b->questions[0].id, "2.1.1.1");
	ck_assert_str_eq(b->questions[1].id, "2.1.1.2");
	ck_assert_str_eq(b->questions[2].id, "2.1.1");
	ck_assert_str_eq(b->questions[3].id, "2.1.2");
	ck_assert_str_eq(b->questions[4].id, "V1.1.1");
	ck_assert_str_eq(b->questions[5].id, "V1.1");
	ck_assert_str_eq(b->questions[2].guidance, "First line.\nSecond line.");
	ck_assert_uint_eq(b->questions[0].key, 2);
	ck_assert_uint_eq(b->standards[0].first, 0);
	ck_assert_uint_eq(b->standards[0].end, 4);
	ck_assert(qbank_applies(b, 0, QB_CHILD, QB_COURT));
	ck_assert(!qbank_applies(b, 1, QB_CHILD, QB_COURT));
	ck_assert(qbank_applies(b, 1, QB_CHILD, QB_RESETTLEMENT));
	ck_assert(!qbank_applies(b, 0, QB_VICTIM, 0));
	ck_assert(qbank_applies(b, 4, QB_VICTIM, 0));
	ck_assert_int_eq(qbank_find(b, "nope"), -1);
	ck_assert_int_eq(qbank_find_standard(b, "V1"), 1);
	ck_assert_uint_eq(strlen(b->hash), 16);
	qbank_free(b);
}
END_TEST

START_TEST(test_crlf_bom_tabs_comments)
{
	static const char text[] = "\xef\xbb\xbf# comment\r\n\r\nbank t\r\n"
	    "version 1\r\n\tstandard 2.1 child A\r\n key\t2.1.1 Q?\r\n";
	struct qbank	*b;
	char		*cause = NULL;

	b = qbank_parse(text, sizeof text - 1, "t.form", &cause);
	ck_assert_msg(b != NULL, "%s", cause);
	ck_assert_str_eq(b->questions[0].text, "Q?");
	qbank_free(b);
}
END_TEST

START_TEST(test_hash_changes_with_content)
{
	static const char a[] = HEAD STD "key 2.1.1 Q?\n";
	static const char c[] = HEAD STD "key 2.1.1 Q!\n";
	struct qbank	*ba, *bc;

	ba = qbank_parse(a, sizeof a - 1, "a", NULL);
	bc = qbank_parse(c, sizeof c - 1, "c", NULL);
	ck_assert_ptr_nonnull(ba);
	ck_assert_ptr_nonnull(bc);
	ck_assert_str_ne(ba->hash, bc->hash);
	qbank_free(ba);
	qbank_free(bc);
}
END_TEST

/* Each broken bank and the message it must give: file:line and what was wrong. */
static const struct {
	const char	*text;
	const char	*expect;
} broken[] = {
	{ "", "bad.form: no 'bank' line" },
	{ "# only a comment\n", "bad.form: no 'bank' line" },
	{ "bank t\n", "bad.form: no 'version' line" },
	{ HEAD, "bad.form: no standards" },
	{ HEAD "frobnicate 1\n", "bad.form:3: unknown directive 'frobnicate'" },
	{ "version 1\n", "bad.form:1: 'version' before 'bank'" },
	{ "bank bad id!\nversion 1\n", "bad.form:1: bad bank 'bad id!'" },
	{ "bank t\nbank u\n", "bad.form:2: second 'bank' line" },
	{ "bank t\n" STD, "bad.form:2: 'standard' before 'bank' and 'version'" },
	{ HEAD "key 2.1.1 Q?\n", "bad.form:3: 'key' before any 'standard'" },
	{ HEAD STD "prompt 2.1.1.1 P?\n", "bad.form:4: 'prompt' before any 'key'" },
	{ HEAD STD "key 2.2.1 Q?\n", "bad.form:4: key id '2.2.1' does not belong "
	    "to standard '2.1'" },
	{ HEAD STD "key 2.1.1 Q?\nprompt 2.1.2.1 P?\n", "bad.form:5: prompt id "
	    "'2.1.2.1' does not belong to key '2.1.1'" },
	{ HEAD STD "key 2.1.1 Q?\nkey 2.1.1 Again?\n", "bad.form:5: duplicate "
	    "question id '2.1.1' (first at line 4)" },
	{ HEAD STD "key 2.1.1\n", "bad.form:4: key '2.1.1' has no question text" },
	{ HEAD "standard 2.1 kid Assessing\n", "bad.form:3: bad case kind 'kid'" },
	{ HEAD "standard 2.1 child\n", "bad.form:3: standard '2.1' has no title" },
	{ HEAD "standard 2..1 child A\n", "bad.form:3: bad standard id '2..1'" },
	{ HEAD STD "key 2.1.1 Q?\n" STD, "bad.form:5: duplicate standard '2.1'" },
	{ HEAD STD "standard 2.2 child P\nkey 2.2.1 Q?\n", "bad.form:3: standard "
	    "'2.1' has no key questions" },
	{ HEAD STD "key 2.1.1 Q?\nstandard 2.2 child P\n", "bad.form:5: standard "
	    "'2.2' has no key questions" },
	{ HEAD STD "key 2.1.1 Q?\nprompt 2.1.1.1 P?\napplies court prison\n",
	    "bad.form:6: unknown case type 'prison'" },
	{ HEAD STD "key 2.1.1 Q?\napplies court\n", "bad.form:5: 'applies' on "
	    "key question '2.1.1'" },
	{ HEAD STD "key 2.1.1 Q?\nprompt 2.1.1.1 P?\naspect safety\n",
	    "bad.form:6: 'aspect' on prompt '2.1.1.1'" },
	{ HEAD STD "key 2.1.1 Q?\naspect safety\naspect safety\n", "bad.form:6: "
	    "second 'aspect' for key '2.1.1'" },
	{ HEAD STD "guidance G\n", "bad.form:4: 'guidance' before any 'key'" },
	{ HEAD STD "key 2.1.1 Q?\nguidance\n", "bad.form:5: 'guidance' needs a "
	    "value" },
	{ HEAD "standard V1 victim V\nkey V1.1 Q?\nprompt V1.1.1 P?\napplies "
	    "court\n", "bad.form:6: 'applies' on prompt 'V1.1.1' of a victims'" },
	{ HEAD STD "key 2.1.1 Caf\xc3 bad?\n", "bad.form:4: not valid UTF-8" },
	{ HEAD STD "key 2.1.1 over\xc0\xaflong?\n", "bad.form:4: not valid UTF-8" },
	{ HEAD STD "key 2.1.1 bell\a?\n", "bad.form:4: not valid UTF-8" },
	{ HEAD STD "key 2.1.1 Q?\nversion 2\n", "bad.form:5: 'version' after the "
	    "first 'standard'" },
};

START_TEST(test_broken)
{
	struct qbank	*b;
	char		*cause = NULL;
	const char	*text = broken[_i].text;

	b = qbank_parse(text, strlen(text), "bad.form", &cause);
	ck_assert_msg(b == NULL, "case %d parsed", _i);
	ck_assert_ptr_nonnull(cause);
	ck_assert_msg(strstr(cause, broken[_i].expect) != NULL,
	    "case %d: got \"%s\", want \"%s\"", _i, cause, broken[_i].expect);
	free(cause);
}
END_TEST

/* The four standards the ratings need, after HEAD: lines 3 to 17. */
#define S21 "standard 2.1 child Assessing\n"	/* line 3 */ \
    "key 2.1.1 P?\nprompt 2.1.1.1 A?\nkey 2.1.2 S?\nprompt 2.1.2.1 B?\n"
#define S22 "standard 2.2 child Planning\n"	/* line 8 */ \
    "key 2.2.1 P?\nkey 2.2.2 S?\n"
#define S23 "standard 2.3 child Delivery\n"	/* line 11 */ \
    "key 2.3.1 P?\nkey 2.3.2 S?\n"
#define SV1 "standard V1 victim Victims\n"	/* line 14 */ \
    "key V1.1 Q?\nprompt V1.1.1 C?\nprompt V1.1.2 D?\n"

/* Banks that parse but cannot be rated, or break the numbering rule. */
static const struct {
	const char	*text;
	int		 prompts_only;	/* qbank_check_ratings accepts it */
	const char	*expect;
} invalid[] = {
	{ HEAD S21 S22 S23, 0, "bad.form: end of file: no standard V1 (the "
	    "ratings need standards 2.1, 2.2 and 2.3 for children's cases and "
	    "V1 for victims' cases)" },
	{ HEAD S21 S22, 0, "bad.form: end of file: no standards 2.3, V1 (" },
	{ HEAD SV1, 0, "bad.form: end of file: no standards 2.1, 2.2, 2.3 (" },
	{ HEAD S21 "key 2.1.3 T?\n" S22 S23 SV1, 0, "bad.form:8: standard "
	    "'2.1' has one key question too many, '2.1.3' (the ratings use "
	    "exactly 2.1.1 positive change and 2.1.2 safety)" },
	{ HEAD S21 S22 S23 "standard 2.4 child Reviewing\nkey 2.4.1 R?\n" SV1,
	    0, "bad.form:14: standard '2.4' is not one the ratings use" },
	{ HEAD S21 S22 S23 SV1 "standard V2 victim More\nkey V2.1 R?\n", 0,
	    "bad.form:18: standard 'V2' is not one the ratings use" },
	{ HEAD S21 S22 S23 "standard V1 child Victims\nkey V1.1 Q?\n", 0,
	    "bad.form:14: standard 'V1' is read on victims' cases, not child "
	    "(expected 'standard V1 victim TITLE')" },
	{ HEAD "standard 2.1 victim Assessing\nkey 2.1.1 P?\n", 0,
	    "bad.form:3: standard '2.1' is read on children's cases, not "
	    "victim" },
	{ HEAD "standard 2.1 child A\nkey 2.1.1 P?\n" S22 S23 SV1, 0,
	    "bad.form:3: standard '2.1' has no key question 2.1.2 (the ratings "
	    "use exactly 2.1.1 positive change and 2.1.2 safety)" },
	{ HEAD "standard 2.1 child A\nkey 2.1.2 S?\nkey 2.1.1 P?\n" S22 S23 SV1,
	    0, "bad.form:4: key '2.1.2' where '2.1.1' was expected" },
	{ HEAD "standard 2.1 child A\nkey 2.1.01 P?\nkey 2.1.2 S?\n", 0,
	    "bad.form:4: key '2.1.01' where '2.1.1' was expected" },
	{ HEAD S21 S22 S23 SV1 "key V1.2 Q?\n", 0, "bad.form:18: standard 'V1' "
	    "has one key question too many, 'V1.2' (the ratings use exactly "
	    "V1.1; V1.2 is the inspection's judgement, recorded by 'caseread "
	    "ratify --v12')" },
	{ HEAD "standard 2.1 child A\nkey 2.1.1 P?\nprompt 2.1.1.1 A?\n"
	    "prompt 2.1.1.9 B?\nkey 2.1.2 S?\n" S22 S23 SV1, 1,
	    "bad.form:6: prompt '2.1.1.9' where '2.1.1.2' was expected (the "
	    "prompts of a key are numbered 1, 2, 3, ... in file order)" },
	{ HEAD S21 S22 S23 "standard V1 victim V\nkey V1.1 Q?\n"
	    "prompt V1.1.2 D?\nprompt V1.1.1 C?\n", 1, "bad.form:16: prompt "
	    "'V1.1.2' where 'V1.1.1' was expected" },
	{ HEAD "standard 2.1 child A\nkey 2.1.1 P?\nkey 2.1.2 S?\n"
	    "prompt 2.1.2.01 A?\n" S22 S23 SV1, 1, "bad.form:6: prompt "
	    "'2.1.2.01' where '2.1.2.1' was expected" },
};

START_TEST(test_invalid)
{
	struct qbank	*b;
	char		*cause = NULL;
	const char	*text = invalid[_i].text;

	b = qbank_parse(text, strlen(text), "bad.form", &cause);
	ck_assert_msg(b != NULL, "case %d does not parse: %s", _i, cause);
	ck_assert_int_eq(qbank_validate(b, "bad.form", &cause), -1);
	ck_assert_msg(strstr(cause, invalid[_i].expect) != NULL,
	    "case %d: got \"%s\", want \"%s\"", _i, cause, invalid[_i].expect);
	free(cause);
	cause = NULL;
	ck_assert_int_eq(qbank_check_ratings(b, "bad.form", &cause),
	    invalid[_i].prompts_only ? 0 : -1);
	if (!invalid[_i].prompts_only)
		ck_assert_ptr_nonnull(strstr(cause, invalid[_i].expect));
	free(cause);
	cause = NULL;
	/* Without a name, the same message without "FILE:LINE: ". */
	if (!invalid[_i].prompts_only) {
		ck_assert_int_eq(qbank_check_ratings(b, NULL, &cause), -1);
		ck_assert_ptr_null(strstr(cause, "bad.form"));
		free(cause);
	}
	ck_assert_int_eq(qbank_check_ratings(b, NULL, NULL),
	    invalid[_i].prompts_only ? 0 : -1);
	qbank_free(b);
}
END_TEST

/* The smallest bank the ratings accept, in any order of standards. */
START_TEST(test_valid_minimal)
{
	static const char text[] = HEAD SV1 S23 S21 S22;
	struct qbank	*b;
	char		*cause = NULL;

	b = qbank_parse(text, sizeof text - 1, "ok.form", &cause);
	ck_assert_msg(b != NULL, "%s", cause);
	ck_assert_msg(qbank_validate(b, "ok.form", &cause) == 0, "%s", cause);
	qbank_free(b);
}
END_TEST

/* The loader applies the rules; the file's name and "end of file" say where. */
START_TEST(test_load_validates)
{
	static const char part[] = HEAD S21 S22 S23;
	static const char full[] = HEAD S21 S22 S23 SV1;
	char		*path, *cause = NULL, *want;
	struct qbank	*b;

	path = test_path("part.form");
	test_write(path, part, sizeof part - 1);
	ck_assert_ptr_null(qbank_load(path, &cause));
	want = xasprintf("%s: end of file: no standard V1", path);
	ck_assert_msg(strncmp(cause, want, strlen(want)) == 0, "%s", cause);
	free(want);
	free(cause);
	test_write(path, full, sizeof full - 1);
	b = qbank_load(path, &cause);
	ck_assert_msg(b != NULL, "%s", cause);
	qbank_free(b);
	free(path);
}
END_TEST

START_TEST(test_nul_and_long_line)
{
	char		*text, *cause = NULL;
	size_t		 n;
	struct qbank	*b;
	static const char nul[] = HEAD STD "key 2.1.1 Q\0?\n";

	b = qbank_parse(nul, sizeof nul - 1, "bad.form", &cause);
	ck_assert_ptr_null(b);
	ck_assert_ptr_nonnull(strstr(cause, "bad.form:4: not valid UTF-8"));
	free(cause);

	n = strlen(HEAD STD "key 2.1.1 ") + QB_MAX_LINE + 2;
	text = xcalloc(1, n + 1);
	strcpy(text, HEAD STD "key 2.1.1 ");
	memset(text + strlen(text), 'x', QB_MAX_LINE);
	strcat(text, "?\n");
	b = qbank_parse(text, strlen(text), "bad.form", &cause);
	ck_assert_ptr_null(b);
	ck_assert_ptr_nonnull(strstr(cause, "bad.form:4: line longer than 4000"));
	free(cause);
	free(text);
}
END_TEST

START_TEST(test_load_missing_file)
{
	char	*cause = NULL;

	ck_assert_ptr_null(qbank_load(TEST_SRCDIR "/no-such.form", &cause));
	ck_assert_ptr_nonnull(strstr(cause, "cannot open"));
	ck_assert_ptr_nonnull(strstr(cause, "no-such.form"));
	free(cause);
}
END_TEST

/* Every prefix of the shipped bank either parses or fails with a message. */
START_TEST(test_truncations_never_crash)
{
	struct qbank	*full, *b;
	char		*cause;
	size_t		 n;

	full = qbank_builtin(NULL);
	ck_assert_ptr_nonnull(full);
	for (n = 0; n < full->len; n += 7) {
		cause = NULL;
		b = qbank_parse(full->text, n, "cut.form", &cause);
		ck_assert(b != NULL || (cause != NULL &&
		    strncmp(cause, "cut.form", 8) == 0));
		/* Mostly it lacks what the ratings need then, and says where. */
		if (b != NULL && qbank_validate(b, "cut.form", &cause) != 0)
			ck_assert(cause != NULL &&
			    strncmp(cause, "cut.form", 8) == 0);
		qbank_free(b);
		free(cause);
	}
	qbank_free(full);
}
END_TEST

static void
teardown(void)
{
	test_cleanup();
}

static Suite *
qbank_suite(void)
{
	Suite	*s = suite_create("qbank");
	TCase	*tc = tcase_create("parse");

	tcase_add_checked_fixture(tc, NULL, teardown);

	tcase_add_test(tc, test_builtin_shape);
	tcase_add_test(tc, test_reading_order_and_applies);
	tcase_add_test(tc, test_crlf_bom_tabs_comments);
	tcase_add_test(tc, test_hash_changes_with_content);
	tcase_add_loop_test(tc, test_broken, 0,
	    (int)(sizeof broken / sizeof broken[0]));
	tcase_add_loop_test(tc, test_invalid, 0,
	    (int)(sizeof invalid / sizeof invalid[0]));
	tcase_add_test(tc, test_valid_minimal);
	tcase_add_test(tc, test_load_validates);
	tcase_add_test(tc, test_nul_and_long_line);
	tcase_add_test(tc, test_load_missing_file);
	tcase_add_test(tc, test_truncations_never_crash);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return test_run(qbank_suite());
}
