/*
 * The inspection's domain model: what a case, an answer, its history and a case's
 * events are, shared by storage, the tally, export, merge and the screens. Plain
 * data, no behaviour and no storage: who owns the strings is said per struct.
 */
#ifndef CASEREAD_MODEL_H
#define CASEREAD_MODEL_H

#include "qbank.h"

enum answer_value {
	ANSWER_UNKNOWN = -2,	/* db_answer_parse: not an answer's name */
	ANSWER_KEEP = -1,	/* in db_answer_save: leave the value as it is */
	ANSWER_NONE = 0,	/* not answered (perhaps a note only) */
	ANSWER_YES,
	ANSWER_NO,
	ANSWER_NA
};

/* The inspection's identity, read when the file is opened. */
struct db_inspection {
	char	*uid;
	char	*service;
	char	*type;
	char	*start_date;		/* "" when not recorded */
	char	*end_date;
	char	*bank_id;
	char	*bank_version;
	char	*bank_hash;
	char	*owner;
	char	*created_at;
	int	 min_children;		/* sample size minimums */
	int	 min_victims;
};

/*
 * What the framework asks about a case besides its identity. Strings are
 * owned by the struct that holds them; NULL reads as "".
 */
struct db_case_details {
	int		 manager_interviewed;	/* 1 yes, 0 no, -1 not recorded */
	char		*period_start;	/* period inspected, YYYY-MM-DD; "" none */
	char		*period_end;
	char		*victim_worker;	/* victims' cases: who was interviewed */
	char		*interview;	/* victims' cases: the interview's label */
};

struct db_case {
	long long	 id;
	enum qb_kind	 kind;
	char		*ref;
	unsigned	 type;		/* QB_* bit; 0 for victims' cases */
	char		*manager;	/* case manager's initials */
	char		*inspector;	/* reading inspector */
	int		 macd;		/* discussed at a multi-agency case discussion */
	int		 interviewed;	/* victims: 1 interview, 0 file read */
	int		 complete;
	int		 answered;	/* answers with a value (filled by list/get) */
	char		*updated_at;	/* last change to its details, status or any answer */
	char		*withdrawn;	/* NULL in the sample; the reason when withdrawn */
	/* Filled by get/list; db_case_add and db_case_update leave them. */
	struct db_case_details details;
};

struct db_answer {
	char			*question;
	enum answer_value	 value;
	char			*note;		/* "" when none */
	char			*inspector;
	char			*updated_at;
};

struct db_history {
	enum answer_value	 old_value;
	enum answer_value	 new_value;
	char			*old_note;	/* NULL for the first entry */
	char			*new_note;
	char			*inspector;
	char			*at;
};

enum db_event_kind {
	DB_EVENT_COMPLETE,
	DB_EVENT_REOPEN,
	DB_EVENT_WITHDRAW,
	DB_EVENT_REINSTATE,
	DB_EVENT_DETAILS	/* details changed: reason says what */
};

struct db_event {
	int	 reopen;		/* 0 completed, 1 reopened (kind says more) */
	enum db_event_kind kind;
	char	*reason;
	char	*inspector;
	char	*at;
};

/* One row of the decision log: a judgement decided, or the type changed. */
struct db_decision {
	char	*name;		/* "V1.2", "victims", "1.1".."1.3", "type" */
	char	*old_value;	/* NULL: none before */
	char	*new_value;	/* NULL: cleared */
	char	*reason;
	char	*inspector;
	char	*at;
};

/* A change to the inspection's details (db-inspection.c). */
struct db_inspection_change {
	char	*what;		/* "owner" */
	char	*old_value;
	char	*new_value;
	char	*at;
};

/* What db_answer_undo did. */
struct db_undo {
	char			*question;	/* newly allocated: the caller frees */
	enum answer_value	 value;		/* restored */
	enum answer_value	 undone;	/* the value it replaced */
	int			 note_changed;	/* the note was restored too */
};

#endif
