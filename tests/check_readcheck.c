/*
 * Finishing rules: missing key questions block completion; a key answer against
 * most prompts, or without evidence, warns; applicability follows the case type.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "readcheck.h"
#include "testlib.h"

static const char bank_text[] =
    "bank t\nversion 1\n"
    "standard 2.1 child Assessing\n"
    "key 2.1.1 K1?\n"
    "prompt 2.1.1.1 P1?\n"
    "prompt 2.1.1.2 P2?\n"
    "prompt 2.1.1.3 P3?\n"
    "prompt 2.1.1.4 Custody only?\n"
    "applies resettlement\n"
    "key 2.1.2 K2?\n"
    "standard V1 victim Victims\n"
    "key V1.1 V?\n";

static struct qbank *bank;

static void
setup(void)
{
	bank = qbank_parse(bank_text, sizeof bank_text - 1, "t", NULL);
	ck_assert_ptr_nonnull(bank);
}

static void
teardown(void)
{
	qbank_free(bank);
}

#define A(q, v, n) { (char *)(q), (v), (char *)(n), NULL, NULL }

START_TEST(test_missing_blocks)
{
	struct db_answer	a[] = { A("2.1.1", ANSWER_YES, "seen") };
	struct readcheck	rc;
	char			*s;

	readcheck_case(bank, QB_CHILD, QB_COURT, a, 1, &rc);
	ck_assert_uint_eq(rc.applicable, 5);	/* 3 prompts + 2 keys */
	ck_assert_uint_eq(rc.answered, 1);
	ck_assert_uint_eq(rc.missing, 1);
	ck_assert_uint_eq(rc.warnings, 0);
	s = readcheck_describe(bank, &rc.issues[0]);
	ck_assert_str_eq(s, "2.1.2 not answered");
	free(s);
	readcheck_clear(&rc);

	readcheck_case(bank, QB_CHILD, QB_RESETTLEMENT, a, 1, &rc);
	ck_assert_uint_eq(rc.applicable, 6);
	readcheck_clear(&rc);

	readcheck_case(bank, QB_VICTIM, 0, NULL, 0, &rc);
	ck_assert_uint_eq(rc.applicable, 1);
	ck_assert_uint_eq(rc.missing, 1);
	readcheck_clear(&rc);
}
END_TEST

START_TEST(test_against_prompts)
{
	struct db_answer a[] = {
		A("2.1.1.1", ANSWER_NO, ""), A("2.1.1.2", ANSWER_NO, ""),
		A("2.1.1.3", ANSWER_YES, ""), A("2.1.1", ANSWER_YES, "why"),
		A("2.1.2", ANSWER_NA, ""),
	};
	struct readcheck	rc;
	char			*s;

	readcheck_case(bank, QB_CHILD, QB_COURT, a, 5, &rc);
	ck_assert_uint_eq(rc.missing, 0);
	ck_assert_uint_eq(rc.warnings, 1);
	ck_assert_int_eq(rc.issues[0].kind, RC_AGAINST_PROMPTS);
	s = readcheck_describe(bank, &rc.issues[0]);
	ck_assert_str_eq(s, "2.1.1 answered yes but 2 of 3 prompts are no");
	free(s);
	readcheck_clear(&rc);

	/* Half and half is not "most": no warning. */
	a[2].value = ANSWER_NA;
	a[1].value = ANSWER_YES;
	readcheck_case(bank, QB_CHILD, QB_COURT, a, 5, &rc);
	ck_assert_uint_eq(rc.warnings, 0);
	readcheck_clear(&rc);

	/* Key no with prompts mostly yes. */
	a[0].value = ANSWER_YES;
	a[3].value = ANSWER_NO;
	readcheck_case(bank, QB_CHILD, QB_COURT, a, 5, &rc);
	ck_assert_uint_eq(rc.warnings, 1);
	s = readcheck_describe(bank, &rc.issues[0]);
	ck_assert_str_eq(s, "2.1.1 answered no but 2 of 2 prompts are yes");
	free(s);
	readcheck_clear(&rc);
}
END_TEST

START_TEST(test_no_evidence)
{
	struct db_answer a[] = {
		A("2.1.1", ANSWER_YES, " \n "), A("2.1.2", ANSWER_NO, "Police "
		    "intelligence not used"),
	};
	struct readcheck	rc;

	readcheck_case(bank, QB_CHILD, QB_OUT_OF_COURT, a, 2, &rc);
	ck_assert_uint_eq(rc.missing, 0);
	ck_assert_uint_eq(rc.warnings, 1);
	ck_assert_int_eq(rc.issues[0].kind, RC_NO_EVIDENCE);
	ck_assert_uint_eq(rc.issues[0].question, (size_t)qbank_find(bank,
	    "2.1.1"));
	readcheck_clear(&rc);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("readcheck");
	TCase	*tc = tcase_create("rules");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_missing_blocks);
	tcase_add_test(tc, test_against_prompts);
	tcase_add_test(tc, test_no_evidence);
	suite_add_tcase(s, tc);
	return test_run(s);
}
