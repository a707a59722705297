/*
 * Walking a case read: which questions apply to a case, in the bank's reading
 * order (each key question's prompts, then the key), what is answered, and where
 * to go next. Pure: the read screen and the overview's progress column use it,
 * and it is tested without a terminal.
 */
#ifndef CASEREAD_READNAV_H
#define CASEREAD_READNAV_H

#include <stddef.h>

#include "model.h"
#include "qbank.h"

struct readnav {
	const struct qbank	*bank;		/* borrowed */
	size_t			*q;		/* bank indices, reading order */
	enum answer_value	*value;		/* current answer of each */
	size_t			 n;		/* applicable questions */
};

/* The questions of bank that apply to a case of this kind and type, unanswered. */
void	 readnav_init(struct readnav *, const struct qbank *, enum qb_kind,
	     unsigned type);
void	 readnav_clear(struct readnav *);
/* Take the values of answers (any order; others ignored) as the current ones. */
void	 readnav_load(struct readnav *, const struct db_answer *, size_t);
/* Position of the question with this id, or -1 when it does not apply. */
long	 readnav_find(const struct readnav *, const char *id);
/* The bank's question at position pos. */
const struct qb_question *readnav_question(const struct readnav *, size_t pos);
/* The first unanswered position, or -1 when all are answered. */
long	 readnav_first_unanswered(const struct readnav *);
/*
 * The next unanswered position after pos, wrapping round to the start; -1 when
 * no other question is unanswered.
 */
long	 readnav_next_unanswered(const struct readnav *, size_t pos);
/* The first position of the next standard, or pos when pos is in the last. */
size_t	 readnav_next_standard(const struct readnav *, size_t pos);
/*
 * The first position of pos's standard, or of the one before when pos is already
 * at the start of its own.
 */
size_t	 readnav_prev_standard(const struct readnav *, size_t pos);
/* Answered (yes, no or na) and applicable counts. */
/* The answers so far to the prompts of key question key (a bank index). */
struct readnav_counts {
	int	 yes;
	int	 no;
	int	 na;
	int	 none;		/* not answered yet */
};
void	 readnav_prompt_counts(const struct readnav *, size_t key,
	     struct readnav_counts *);
void	 readnav_progress(const struct readnav *, size_t *answered,
	     size_t *applicable);

#endif
