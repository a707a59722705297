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

	b = qbank_builtin(&cause);
	ck_assert_msg(b != NULL, "%s", cause);
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
		qbank_free(b);
		free(cause);
	}
	qbank_free(full);
}
END_TEST

static Suite *
qbank_suite(void)
{
	Suite	*s = suite_create("qbank");
	TCase	*tc = tcase_create("parse");

	tcase_add_test(tc, test_builtin_shape);
	tcase_add_test(tc, test_reading_order_and_applies);
	tcase_add_test(tc, test_crlf_bom_tabs_comments);
	tcase_add_test(tc, test_hash_changes_with_content);
	tcase_add_loop_test(tc, test_broken, 0,
	    (int)(sizeof broken / sizeof broken[0]));
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
