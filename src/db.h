/*
 * Storage: one SQLite file per inspection. This header is the whole interface the
 * rest of caseread sees; SQLite itself stays inside the db*.c files. Every function
 * that can fail returns -1 (or NULL) and sets *cause to a newly allocated message
 * naming the file, which the caller shows and frees.
 */
#ifndef CASEREAD_DB_H
#define CASEREAD_DB_H

#include <stddef.h>

#include "qbank.h"

/* "Case" in ASCII: PRAGMA application_id of every caseread file. */
#define DB_APPLICATION_ID	0x43617365
/* Milliseconds to wait for another writer before giving up with "locked". */
#define DB_BUSY_TIMEOUT		3000

struct db;

enum answer_value {
	ANSWER_KEEP = -1,	/* in db_answer_save: leave the value as it is */
	ANSWER_NONE = 0,	/* not answered (perhaps a note only) */
	ANSWER_YES,
	ANSWER_NO,
	ANSWER_NA
};

/* What caseread init records about a new inspection. */
struct db_init {
	const char		*service;
	const char		*type;		/* "iyjwcv" or "iyjs" */
	const char		*owner;		/* the inspector whose file it is */
	const char		*start_date;	/* YYYY-MM-DD or NULL */
	const char		*end_date;
	const struct qbank	*bank;
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
	char		*updated_at;
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

struct db_event {
	int	 reopen;		/* 0 completed, 1 reopened */
	char	*reason;
	char	*inspector;
	char	*at;
};

#define DB_READONLY	0x1	/* db_open: never write, not even the journal mode */

/*
 * Create a new inspection file at path (mode 0600, refusing an existing file) and
 * return it open. On failure nothing is left at path.
 */
struct db	*db_create(const char *path, const struct db_init *, char **cause);
/*
 * Open an existing inspection file. Refuses, without writing, a file that is not
 * ours, from a newer caseread, or failing quick_check; then sets WAL,
 * synchronous=FULL, foreign keys and secure_delete and migrates older schemas in
 * one transaction.
 */
struct db	*db_open(const char *path, int flags, char **cause);
void		 db_close(struct db *);

const char	*db_path(const struct db *);
int		 db_schema_version(const struct db *);
/* The newest schema this build knows. */
int		 db_schema_latest(void);
int		 db_readonly(const struct db *);
/* Borrowed; valid until db_close. */
const struct db_inspection *db_inspection(const struct db *);
const struct qbank *db_bank(const struct db *);
/* Who is recording: the file's owner unless db_set_user says otherwise. */
const char	*db_user(const struct db *);
void		 db_set_user(struct db *, const char *);

/*
 * Explicit transactions for work that must be all or nothing (import, merge).
 * They nest: only the outermost begin/commit touches the file. db_rollback undoes
 * the whole outermost transaction.
 */
int		 db_begin(struct db *, char **cause);
int		 db_commit(struct db *, char **cause);
void		 db_rollback(struct db *);

/*
 * Integrity report for caseread check: fills *report with newly allocated text
 * (one problem a line, "ok" when none) and returns the number of problems, or -1.
 */
int		 db_integrity(struct db *, char **report, char **cause);

/* Cases (db-case.c). Strings in struct db_case are owned by it. */
void		 db_case_clear(struct db_case *);
void		 db_case_list_free(struct db_case *, size_t);
/* Add a case; c->id is set. A duplicate reference is refused with a clear cause. */
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
/* ANSWER_YES.. for "yes"/"no"/"na" (any case), ANSWER_NONE for "", -2 otherwise. */
int		 db_answer_parse(const char *);
/*
 * Save the answer to question on a case: value (ANSWER_KEEP to leave it) and note
 * (NULL to leave it). Durable when it returns 0: its own transaction, unless inside
 * db_begin. An unchanged answer writes nothing; a change adds a history row.
 */
int		 db_answer_save(struct db *, long long case_id, const char *question,
		     enum answer_value value, const char *note, char **cause);
int		 db_answer_list(struct db *, long long case_id,
		     struct db_answer **out, size_t *n, char **cause);
void		 db_answer_list_free(struct db_answer *, size_t);
/* Oldest first. */
int		 db_answer_history(struct db *, long long case_id,
		     const char *question, struct db_history **out, size_t *n,
		     char **cause);
void		 db_history_list_free(struct db_history *, size_t);

/* Inspection-level judgements: "V1.2", "victims", "1.1", "1.2", "1.3" (db-judgement.c). */
/* value NULL clears it. */
int		 db_judgement_set(struct db *, const char *name, const char *value,
		     char **cause);
/* *value is newly allocated, or NULL when not recorded. */
int		 db_judgement_get(struct db *, const char *name, char **value,
		     char **cause);

/* Per-file settings such as the UI's last position (db-setting.c). */
int		 db_setting_set(struct db *, const char *name, const char *value,
		     char **cause);
/* *value newly allocated, or NULL when not set. */
int		 db_setting_get(struct db *, const char *name, char **value,
		     char **cause);

/* Tally feed (db-tally.c) */
struct tally;
/*
 * Feed every case and key-question answer in the file into t (made by tally_new
 * on db_bank(db)), with the inspection type, sample minimums and judgements, then
 * tally_finish it. One ordered query streamed in a read transaction: memory does
 * not grow with the number of cases or answers.
 */
int		 db_tally(struct db *, struct tally *t, char **cause);
/*
 * Record the sample size minimums (a negative value leaves that one as it is);
 * db_inspection reflects them at once.
 */
int		 db_tally_set_minimums(struct db *, int children, int victims,
		     char **cause);
/*
 * For caseread demo only (db-demo.c): save an answer (with its note, NULL for
 * none, and its history row, time at) to a case added in the open transaction
 * that has no answer to this question yet; far quicker than db_answer_save,
 * which must allow for an answer already there.
 */
int		 db_demo_answer(struct db *, long long case_id,
		     const char *question, enum answer_value value,
		     const char *note, const char *at, char **cause);

/* Backups (db-backup.c) */
/* Snapshots kept by default. */
#define DB_BACKUP_KEEP		5
/* The backup folder of an inspection file: "PATH.backups", newly allocated. */
char		*db_backup_dir(const char *path);
/*
 * Snapshot the open inspection (it has passed db_open's checks) into
 * db_backup_dir(db_path(db)), mode 0700, as "YYYY-MM-DDTHHMMSS.mmmZ.caseread",
 * mode 0600: VACUUM INTO a temporary name, integrity_check, fsync, rename. Then
 * deletes all but the newest keep (at least 1) snapshots, never the new one.
 * Returns 0 with *made (when not NULL) the new snapshot's path, newly
 * allocated; 1 when the newest snapshot already holds exactly this content, with
 * *made that snapshot and nothing written or deleted; -1 with *cause, leaving
 * existing snapshots alone. Not inside db_begin. Reads the inspection only.
 */
int		 db_backup(struct db *, int keep, char **made, char **cause);
/* Snapshot paths of an inspection file, newest first; free with the next. */
int		 db_backup_list(const char *path, char ***out, size_t *n,
		     char **cause);
void		 db_backup_list_free(char **, size_t);

#endif
