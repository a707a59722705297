/*
 * The finishing rules for a case read (see readcheck.h). The key-question answer
 * is the inspector's judgement, not a formula over the prompts, so a disagreement
 * is only ever a warning.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "readcheck.h"
#include "util.h"

static const struct db_answer *
find_answer(const struct db_answer *answers, size_t n, const char *id)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (strcmp(answers[i].question, id) == 0)
			return &answers[i];
	}
	return NULL;
}

static void
add_issue(struct readcheck *rc, enum rc_kind kind, size_t q, int yes, int no)
{
	rc->issues = xreallocarray(rc->issues, rc->nissues + 1,
	    sizeof *rc->issues);
	rc->issues[rc->nissues].kind = kind;
	rc->issues[rc->nissues].question = q;
	rc->issues[rc->nissues].yes = yes;
	rc->issues[rc->nissues].no = no;
	rc->nissues++;
	if (kind == RC_MISSING)
		rc->missing++;
	else
		rc->warnings++;
}

void
readcheck_case(const struct qbank *bank, enum qb_kind kind, unsigned type,
    const struct db_answer *answers, size_t nanswers, struct readcheck *rc)
{
	const struct qb_question	*q;
	const struct db_answer		*a;
	enum answer_value		 v;
	size_t				 i;
	int				 yes = 0, no = 0;

	memset(rc, 0, sizeof *rc);
	for (i = 0; i < bank->nquestions; i++) {
		q = &bank->questions[i];
		if (!qbank_applies(bank, i, kind, type))
			continue;
		rc->applicable++;
		a = find_answer(answers, nanswers, q->id);
		v = a != NULL ? a->value : ANSWER_NONE;
		if (v != ANSWER_NONE)
			rc->answered++;
		if (!q->is_key) {
			/* Prompts come before their key: count towards it. */
			yes += v == ANSWER_YES;
			no += v == ANSWER_NO;
			continue;
		}
		if (v == ANSWER_NONE)
			add_issue(rc, RC_MISSING, i, 0, 0);
		else if ((v == ANSWER_YES && 2 * no > yes + no) ||
		    (v == ANSWER_NO && 2 * yes > yes + no))
			add_issue(rc, RC_AGAINST_PROMPTS, i, yes, no);
		if ((v == ANSWER_YES || v == ANSWER_NO) && (a->note == NULL ||
		    a->note[strspn(a->note, " \t\n")] == '\0'))
			add_issue(rc, RC_NO_EVIDENCE, i, 0, 0);
		yes = no = 0;
	}
}

void
readcheck_clear(struct readcheck *rc)
{
	free(rc->issues);
	memset(rc, 0, sizeof *rc);
}

char *
readcheck_describe(const struct qbank *bank, const struct rc_issue *issue)
{
	const char	*id = bank->questions[issue->question].id;

	switch (issue->kind) {
	case RC_MISSING:
		return xasprintf("%s not answered", id);
	case RC_AGAINST_PROMPTS:
		if (issue->no > issue->yes)
			return xasprintf("%s answered yes but %d of %d prompts "
			    "are no", id, issue->no, issue->yes + issue->no);
		return xasprintf("%s answered no but %d of %d prompts are yes",
		    id, issue->yes, issue->yes + issue->no);
	case RC_NO_EVIDENCE:
		return xasprintf("%s has no evidence note", id);
	}
	return xstrdup(id);
}
