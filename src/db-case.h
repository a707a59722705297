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
 * c->inspector NULL means the file's own inspector; a name given is taken
 * without the spaces at its ends (textgate_trim), and one empty then is
 * refused ("case 'R' needs a reading inspector"), never saved under someone
 * else's name. The same holds for db_case_update, where the case's own reader
 * typed with other spaces at the ends is still that reader, as stored.
 */
int		 db_case_add(struct db *, struct db_case *c, char **cause);
/*
 * Update details (ref, type, manager, inspector, macd, interviewed) of case
 * c->id; c->details are not written (db_details_set does that). A complete
 * case is refused (-ERR_INVALID) unless nothing changes: reopen it first.
 */
int		 db_case_update(struct db *, const struct db_case *c, char **cause);
/* What db_case_update would refuse of c, writing nothing: 0 when it would not. */
int		 db_case_update_check(struct db *, const struct db_case *c,
		     char **cause);
/*
 * What differs between two readings of one case (db_case_get), was and now,
 * among what db_case_update and db_details_set write: the reference, type,
 * manager, reading inspector (the same name but for spaces at its ends is no
 * change), MACD or contact, and the details, worded as the case's history
 * words them ("reference R-1 -> R-2; period (none) -> ..."). Newly allocated;
 * NULL when nothing differs. The status (complete, withdrawn) is not compared.
 */
char		*db_case_changed(const struct db_case *was,
		     const struct db_case *now);
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
 * or reinstating one in the sample is refused with a cause, and so is
 * reinstating a victims' case whose interview meanwhile covers
 * DB_INTERVIEW_CASES others.
 */
int		 db_case_withdraw(struct db *, long long id, const char *reason,
		     char **cause);
/* Which cases db_case_subset lists. */
enum db_case_subset {
	DB_CASE_WITHDRAWN,	/* withdrawn; reasons in ->withdrawn */
	DB_CASE_INCOMPLETE	/* in the sample, not marked complete */
};
/*
 * The cases of a subset, children's first, by reference; free with
 * db_case_list_free.
 */
int		 db_case_subset(struct db *, enum db_case_subset,
		     struct db_case **out, size_t *n, char **cause);
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

/*
 * Case details the framework asks about (db-details.c): whether the case
 * manager was interviewed, the period inspected, and for victims' cases the
 * victim worker and the interview that covered the case.
 */
/* One interview of a victim worker covers up to this many victims' cases. */
#define DB_INTERVIEW_CASES	3
/* "yes", "no", "not recorded" for 1, 0 and -1. */
const char	*db_details_interviewed_name(int);
/* Free d's strings and set it to nothing recorded. */
void		 db_details_clear(struct db_case_details *d);
/* Whether s is a real day written YYYY-MM-DD (from 1900). */
int		 db_details_date_ok(const char *s);
/*
 * The rules details obey on their own, for a case of kind: a real day at
 * each end of the period, both ends or neither, the start not after the end;
 * a victim worker and interview only on a victims' case, through the text
 * gate as names, without a space at either end. 0, or -1 with *cause.
 */
int		 db_details_check(const struct db_case_details *d,
		     enum qb_kind kind, char **cause);
/*
 * Set case id's details to d (NULL strings as ""), in one write with an entry
 * in the case's history saying what changed ("period (none) -> 2025-01-06 to
 * 2025-03-28; interview (none) -> VW-1"), reason after it in brackets when
 * given. Nothing changed: 0, nothing written. Refused with *cause, nothing
 * written: details db_details_check refuses; a complete case ("read only until
 * it is reopened"); an interview already covering DB_INTERVIEW_CASES other
 * victims' cases in the sample (named in *cause). Inside db_txn_begin it is a
 * part of the caller's transaction.
 */
int		 db_details_set(struct db *, long long id,
		     const struct db_case_details *d, const char *reason,
		     char **cause);
/*
 * References of the victims' cases in the sample (not withdrawn) on interview
 * label (case-insensitive), except case except, by reference; *refs newly
 * allocated (free with db_details_refs_free).
 */
int		 db_details_interview_cases(struct db *, const char *label,
		     long long except, char ***refs, size_t *n, char **cause);
void		 db_details_refs_free(char **refs, size_t n);
/*
 * Whether case id (reference ref, for the message) may join interview label
 * (NULL or "": always): 0, or -1 with *cause naming the label and the cases
 * already on it when they are DB_INTERVIEW_CASES or more.
 */
int		 db_details_interview_room(struct db *, long long id,
		     const char *ref, const char *label, char **cause);
/* An interview and the victims' cases in the sample it covers. */
struct db_interview {
	char		*label;		/* as the first case by label holds it */
	char		**refs;		/* by reference */
	size_t		 nrefs;
};
/*
 * Interviews covering more than DB_INTERVIEW_CASES victims' cases in the
 * sample (a merge of two inspectors' bundles can make one), by label.
 */
int		 db_details_overfull(struct db *, struct db_interview **out,
		     size_t *n, char **cause);
void		 db_interview_list_free(struct db_interview *, size_t);

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
/* One judgement a screen records, with the value it showed. */
struct db_judgement_edit {
	const char	*name;		/* "V1.2", "victims", "1.1", ... */
	const char	*seen;		/* the value shown; NULL: not recorded */
	const char	*value;		/* to record; NULL: clear it */
};
/*
 * db_judgement_decide for each of the n edits, with one reason, only if the
 * file still holds what the screen showed, so that another window or program
 * recording a judgement meanwhile is not silently reversed. Inside the write
 * transaction (BEGIN IMMEDIATE, or the caller's) every judgement is compared
 * with its seen value before anything is written: -ERR_CHANGED with *cause
 * ("not saved: V1.2 was recorded as no elsewhere since it was shown (by ann
 * at ...)"), writing nothing, when one is not as seen; the caller reloads and
 * shows it. Other failures as db_judgement_decide, all or nothing.
 */
int		 db_judgement_decide_if(struct db *,
		     const struct db_judgement_edit *, size_t n,
		     const char *reason, char **cause);
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
