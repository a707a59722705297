/*
 * Storage of the case work: cases, answers with their history, and the
 * inspection-level judgements (db-case.c, db-answer.c, db-judgement.c).
 */
#ifndef CASEREAD_DB_CASE_H
#define CASEREAD_DB_CASE_H

#include "db.h"
#include "model.h"

/* Cases (db-case.c). Strings in struct db_case are owned by it. */
void		 db_case_clear(struct db_case *);
void		 db_case_list_free(struct db_case *, size_t);
/*
 * Add a case; c->id is set. A duplicate reference is refused with a clear cause.
 * c->inspector NULL means the file's own inspector; a name given but empty or
 * only spaces is refused ("case 'R' needs a reading inspector"), never saved
 * under someone else's name. The same holds for db_case_update.
 */
int		 db_case_add(struct db *, struct db_case *c, char **cause);
/* Update details (ref, type, manager, inspector, macd, interviewed) of case c->id. */
int		 db_case_update(struct db *, const struct db_case *c, char **cause);
/* 0 and *out filled when found, 1 when there is no such case, -1 on error. */
int		 db_case_get(struct db *, long long id, struct db_case *out,
		     char **cause);
int		 db_case_find(struct db *, enum qb_kind, const char *ref,
		     struct db_case *out, char **cause);
/*
 * Cases of a kind ordered by reference; those whose reference contains filter
 * (case-insensitive) when filter is not NULL; offset/limit page (limit < 0: all).
 */
int		 db_case_list(struct db *, enum qb_kind, const char *filter,
		     long offset, long limit, struct db_case **out, size_t *n,
		     char **cause);
long		 db_case_count(struct db *, enum qb_kind, const char *filter,
		     char **cause);
/*
 * db_case_list ordered by reference, or by reading inspector then reference when
 * by_inspector. When find is a case id, nothing is listed (*out NULL, *n 0) and
 * *pos is set to that case's position in the list, -1 when the list lacks it.
 */
int		 db_case_list_order(struct db *, enum qb_kind, const char *filter,
		     int by_inspector, long offset, long limit, long long find,
		     long *pos, struct db_case **out, size_t *n, char **cause);
/*
 * Is case id still the case a screen shows, of kind and reference ref? 0 when
 * it is; -ERR_REPLACED with *cause ("this case was replaced by a merge ...")
 * when it is gone or another case; another failure on error. Called inside
 * the caller's write transaction, so no other writer can come between it and
 * the save.
 */
int		 db_case_same(struct db *, long long id, enum qb_kind kind,
		     const char *ref, char **cause);
/*
 * Withdraw case id from the sample (reason required: why it was added by
 * mistake or replaced) or, with reason NULL, reinstate it; the case keeps its
 * answers and history, and the event is recorded. Withdrawing a withdrawn case
 * or reinstating one in the sample is refused with a cause.
 */
int		 db_case_withdraw(struct db *, long long id, const char *reason,
		     char **cause);
/* Withdrawn cases, by reference; reasons in ->withdrawn. */
int		 db_case_withdrawn_list(struct db *, struct db_case **out,
		     size_t *n, char **cause);
/* Cases in the sample not marked complete, children's first, by reference. */
int		 db_case_incomplete(struct db *, struct db_case **out, size_t *n,
		     char **cause);
/* Cases in the sample (not withdrawn) of a kind: all, and those complete. */
int		 db_case_sample(struct db *, enum qb_kind, long *cases,
		     long *complete, long *withdrawn, char **cause);
/*
 * Mark complete (complete=1) or reopen (0, reason required) and record the event.
 * Whether completing is allowed is the caller's rule (see readcheck.h).
 */
int		 db_case_set_complete(struct db *, long long id, int complete,
		     const char *reason, char **cause);
int		 db_case_events(struct db *, long long id, struct db_event **out,
		     size_t *n, char **cause);
void		 db_event_list_free(struct db_event *, size_t);

/* Answers (db-answer.c). */
const char	*db_answer_name(enum answer_value);	/* "yes", "no", "na", "" */
/*
 * ANSWER_YES.. for "yes"/"no"/"na" (any case), ANSWER_NONE for "",
 * ANSWER_UNKNOWN (negative) otherwise.
 */
int		 db_answer_parse(const char *);
/*
 * Save the answer to question on a case: value (ANSWER_KEEP to leave it) and note
 * (NULL to leave it). Durable when it returns 0: its own transaction, unless inside
 * db_txn_begin. An unchanged answer writes nothing; a change adds a history row.
 */
int		 db_answer_save(struct db *, long long case_id, const char *question,
		     enum answer_value value, const char *note, char **cause);
/*
 * What a screen showed of one answer when the inspector acted on it. No row is
 * shown as unanswered with no note, and is given so: ANSWER_NONE and "". What
 * was not shown (the value, in a note editor) is not compared.
 */
struct db_answer_seen {
	enum answer_value	 value;		/* ANSWER_KEEP: not shown */
	const char		*note;		/* "" none; NULL: not shown */
	int			 complete;	/* the case showed complete */
	/*
	 * The case the screen shows, not only its id: when ref is not NULL the
	 * case must still have this kind and reference, or the save is refused
	 * ("this case was replaced by a merge").
	 */
	enum qb_kind		 kind;
	const char		*ref;
};
/*
 * db_answer_save, only if the file still holds what the screen showed, so that
 * two windows on one file cannot overwrite each other unawares. Inside the
 * save's write transaction (BEGIN IMMEDIATE: no other writer can come between
 * the check and the write) the case's status and the answer's value and note
 * are compared with seen. Returns 0 when saved, and also when the status is as
 * seen and the file already holds exactly what this save would write, whatever
 * value and note were seen (nothing is overwritten, nothing written);
 * -ERR_CHANGED with *cause, writing nothing, when the status, value or note is
 * not as seen: the caller reloads, shows what changed, and to save over it
 * calls again with what it now shows as seen. Other failures with *cause:
 * -ERR_READONLY, -ERR_LOCKED, -ERR_REPLACED (seen names a case merged away),
 * -ERR_NOTFOUND (no such case), -ERR_INVALID (a note that is not valid text).
 * Inside db_txn_begin the check holds as long as that transaction does.
 */
int		 db_answer_save_if(struct db *, long long case_id,
		     const char *question, const struct db_answer_seen *seen,
		     enum answer_value value, const char *note, char **cause);
int		 db_answer_list(struct db *, long long case_id,
		     struct db_answer **out, size_t *n, char **cause);
void		 db_answer_list_free(struct db_answer *, size_t);
/* Oldest first. */
int		 db_answer_history(struct db *, long long case_id,
		     const char *question, struct db_history **out, size_t *n,
		     char **cause);
void		 db_history_list_free(struct db_history *, size_t);

/*
 * Undo the last change to any answer of case id (the newest history row):
 * the answer and its note go back to what they were before it, saved as a
 * change of its own (so undoing again redoes). 0 with *out filled; 1 when the
 * case has no history; a failure with *cause, writing nothing (a complete
 * case is refused as -ERR_INVALID: reopen it first). Durable when it returns
 * 0 (db-undo.c).
 */
int		 db_answer_undo(struct db *, long long case_id,
		     struct db_undo *out, char **cause);

/* Inspection-level judgements: "V1.2", "victims", "1.1", "1.2", "1.3" (db-judgement.c). */
/* value NULL clears it. As db_judgement_decide with no reason. */
int		 db_judgement_set(struct db *, const char *name, const char *value,
		     char **cause);
/*
 * Record (value NULL: clear) a judgement with the reason the meeting gave
 * (NULL as ""), and log it in the decision log, in one write.
 */
int		 db_judgement_decide(struct db *, const char *name,
		     const char *value, const char *reason, char **cause);
/* *value is newly allocated, or NULL when not recorded. */
int		 db_judgement_get(struct db *, const char *name, char **value,
		     char **cause);
/* *reason newly allocated ("" when none was given), or NULL when not recorded. */
int		 db_judgement_reason(struct db *, const char *name, char **reason,
		     char **cause);
/*
 * Change the inspection's type ("iyjs", "iyjwcv"), logging it with its reason
 * in the decision log; answers are untouched.
 */
int		 db_inspection_retype(struct db *, const char *type,
		     const char *reason, char **cause);
/* The decision log, oldest first; free with db_decision_list_free. */
int		 db_decision_list(struct db *, struct db_decision **out,
		     size_t *n, char **cause);
void		 db_decision_list_free(struct db_decision *, size_t);

#endif
