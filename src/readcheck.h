/*
 * Is a case read completely, and do its answers hang together? The rules for
 * finishing a case: every applicable key question answered (else it cannot be
 * marked complete), and two soft rules an inspector may override — a key answer
 * against most of its prompts, and a key answer with no evidence note. Pure: works
 * on a bank and a case's answers, no storage, no curses.
 */
#ifndef CASEREAD_READCHECK_H
#define CASEREAD_READCHECK_H

#include <stddef.h>

#include "model.h"
#include "qbank.h"

enum rc_kind {
	RC_MISSING,		/* applicable key question unanswered: blocks completion */
	RC_AGAINST_PROMPTS,	/* key yes with most prompts no, or the reverse */
	RC_NO_EVIDENCE		/* key answered yes or no without an evidence note */
};

struct rc_issue {
	enum rc_kind	 kind;
	size_t		 question;	/* index into the bank */
	int		 yes;		/* its prompts answered yes (RC_AGAINST_PROMPTS) */
	int		 no;		/* ... and no */
};

struct readcheck {
	struct rc_issue	*issues;	/* in reading order */
	size_t		 nissues;
	size_t		 missing;	/* issues that block completion */
	size_t		 warnings;	/* issues the inspector may override */
	size_t		 applicable;	/* questions that apply to the case */
	size_t		 answered;	/* of those, answered yes, no or na */
};

/*
 * Check a case of this kind and type (a QB_* bit; ignored for victims) against its
 * answers (any order; answers to questions not in the bank are ignored). Fills
 * out, which the caller releases with readcheck_clear.
 */
void	 readcheck_case(const struct qbank *, enum qb_kind, unsigned type,
	     const struct db_answer *answers, size_t nanswers,
	     struct readcheck *out);
void	 readcheck_clear(struct readcheck *);
/* One line for an issue, e.g. "2.1.1 answered yes but 4 of 6 prompts are no". */
char	*readcheck_describe(const struct qbank *, const struct rc_issue *);

#endif
