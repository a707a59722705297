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
/*
 * Files larger than this skip quick_check at open (caseread check does it all).
 * One inspection, notes and history included, stays well under it.
 */
#define DB_QUICK_CHECK_MAX	(16LL * 1024 * 1024)
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
	char		*updated_at;	/* last change to its details, status or any answer */
	char		*withdrawn;	/* NULL in the sample; the reason when withdrawn */
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

#define DB_READONLY	0x1	/* db_open: never write, not even the journal mode */
#define DB_FULLCHECK	0x2	/* db_open: quick_check whatever the size (untrusted input) */

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
/* Why the file is read-only ("the file is read-only", ...), or NULL. Static. */
const char	*db_readonly_why(const struct db *);
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

/* Changes to the inspection's details (db-inspection.c). */
struct db_inspection_change {
	char	*what;		/* "owner" */
	char	*old_value;
	char	*new_value;
	char	*at;
};
/*
 * Put the file's inspector's name right (a first run took the login name): the
 * owner, and the inspector row their cases, answers and history point at, are
 * renamed together, and the change is kept. A name another inspector in the
 * file already has is refused. The same name is no change and writes nothing.
 */
int		 db_inspection_set_owner(struct db *, const char *name,
		     char **cause);
/* Oldest first. */
int		 db_inspection_changes(struct db *,
		     struct db_inspection_change **out, size_t *n, char **cause);
void		 db_inspection_change_list_free(struct db_inspection_change *,
		     size_t);

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
 * Mark complete (complete=1) or reopen (0, reason required) and record the event.
 * Whether completing is allowed is the caller's rule (see readcheck.h).
 */
int		 db_case_set_complete(struct db *, long long id, int complete,
		     const char *reason, char **cause);
/*
 * Withdraw case id from the sample (reason required: why it was added by
 * mistake or replaced) or, with reason NULL, reinstate it; the case keeps its
 * answers and history, and the event is recorded. Withdrawing a withdrawn case
 * or reinstating one in the sample is refused with a cause.
 */
int		 db_case_withdraw(struct db *, long long id, const char *reason,
		     char **cause);
/* Withdrawn cases of a kind, by reference; reasons in ->withdrawn. */
int		 db_case_withdrawn_list(struct db *, struct db_case **out,
		     size_t *n, char **cause);
/* Cases in the sample not marked complete, children's first, by reference. */
int		 db_case_incomplete(struct db *, struct db_case **out, size_t *n,
		     char **cause);
/* Cases in the sample (not withdrawn) of a kind: all, and those complete. */
int		 db_case_sample(struct db *, enum qb_kind, long *cases,
		     long *complete, long *withdrawn, char **cause);
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
/*
 * What a screen showed of one answer when the inspector acted on it. No row is
 * shown as unanswered with no note, and is given so: ANSWER_NONE and "". What
 * was not shown (the value, in a note editor) is not compared.
 */
struct db_answer_seen {
	enum answer_value	 value;		/* ANSWER_KEEP: not shown */
	const char		*note;		/* "" none; NULL: not shown */
	int			 complete;	/* the case showed complete */
};
/* db_answer_save_if: the file is not as seen; nothing was written. */
#define DB_CHANGED	1
/*
 * db_answer_save, only if the file still holds what the screen showed, so that
 * two windows on one file cannot overwrite each other unawares. Inside the
 * save's write transaction (BEGIN IMMEDIATE: no other writer can come between
 * the check and the write) the case's status and the answer's value and note
 * are compared with seen. Returns 0 when saved, and also when the status is as
 * seen and the file already holds exactly what this save would write, whatever
 * value and note were seen (nothing is overwritten, nothing written);
 * DB_CHANGED, writing nothing, when the status, value or note is not as seen:
 * the caller reloads, shows what changed, and to save over it calls again with
 * what it now shows as seen; -1 with *cause on failure (a read-only or locked
 * file, a case that no longer exists, a note that is not valid text). Inside
 * db_begin the check holds as long as that transaction does.
 */
int		 db_answer_save_if(struct db *, long long case_id,
		     const char *question, const struct db_answer_seen *seen,
		     enum answer_value value, const char *note, char **cause);
/* What db_answer_undo did. */
struct db_undo {
	char			*question;	/* newly allocated: the caller frees */
	enum answer_value	 value;		/* restored */
	enum answer_value	 undone;	/* the value it replaced */
	int			 note_changed;	/* the note was restored too */
};
/*
 * Undo the last change to any answer of case id (the newest history row):
 * the answer and its note go back to what they were before it, saved as a
 * change of its own (so undoing again redoes). 0 with *out filled; 1 when the
 * case has no history; -1 with *cause, writing nothing (a complete case is
 * refused: reopen it first). Durable when it returns 0 (db-undo.c).
 */
int		 db_answer_undo(struct db *, long long case_id,
		     struct db_undo *out, char **cause);
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

/* Export and merge (db-export.c, db-merge.c) */

/*
 * A read transaction, so that an export sees one consistent state of the file
 * while another caseread may be writing it. Works on read-only files.
 */
int		 db_read_begin(struct db *, char **cause);
void		 db_read_end(struct db *);

/* The rows an export bundle holds: recorded in its manifest, checked on merge. */
struct db_bundle_counts {
	long long	 cases;
	long long	 answers;
	long long	 history;	/* answer history rows */
	long long	 events;	/* completed and reopened events */
};

/* What db_bundle_probe found at a path. */
#define DB_PROBE_NONE		0	/* no file, or not a caseread file */
#define DB_PROBE_BUNDLE		1	/* a caseread export bundle */
#define DB_PROBE_INSPECTION	2	/* a caseread inspection file */
/*
 * Look at path without writing to it or beside it (no -wal or -shm is left).
 * A file with a write-ahead log beside it is a live WAL file, which a bundle
 * never is: it counts as an inspection. Never fails.
 */
int		 db_bundle_probe(const char *path);

/*
 * Write a consistent snapshot of the whole file to path with VACUUM INTO (path
 * must not exist, or be empty) and record in it the bundle manifest: exporter,
 * exported_at, the source's uid, the program and the counts, which are also
 * stored in *counts. Drops the per-file settings. Neither syncs nor renames: the
 * caller does, and removes path on failure.
 */
int		 db_export_snapshot(struct db *, const char *path,
		     const char *exporter, const char *exported_at,
		     struct db_bundle_counts *counts, char **cause);
/*
 * Reopen a written bundle as a reader would: a caseread file of this schema,
 * passing integrity_check, with a manifest whose counts equal its rows and want
 * and whose digest matches its rows.
 */
int		 db_export_verify(const char *path,
		     const struct db_bundle_counts *want, char **cause);

/* What a merge does with one case of a bundle. */
enum db_merge_action {
	DB_MERGE_ADD,		/* not in the lead's file: added */
	DB_MERGE_UPDATE,	/* the same inspector's newer copy: replaces it */
	DB_MERGE_UNCHANGED,	/* the lead's file already holds it as it is */
	DB_MERGE_OLDER,		/* the lead holds a newer copy: set aside */
	DB_MERGE_REPLACE,	/* another inspector's copy gives way (--keep) */
	DB_MERGE_SKIP,		/* the lead's copy stands (--keep, or settled) */
	DB_MERGE_CONFLICT	/* read by two inspectors: nothing is written */
};
#define DB_MERGE_NACTIONS	7

/*
 * One case of a bundle against the lead's file, for the merge's decision. Files
 * are told apart by their source uid (each 'caseread init' makes its own), since
 * two laptops can name their inspector alike.
 */
struct db_merge_case {
	enum qb_kind	 kind;
	const char	*ref;
	const char	*inspector;	/* reading inspector in the bundle */
	const char	*updated_at;	/* in the bundle */
	const char	*uid;		/* the file this copy was read in: the bundle's uid, or where the bundle's file merged it from */
	const char	*bundle;	/* the bundle's path, as given */
	int		 in_lead;	/* the lead has a case of this kind and ref */
	const char	*lead_inspector;	/* its reading inspector */
	const char	*lead_updated_at;
	const char	*lead_uid;	/* uid of the file the lead's copy came from */
	const char	*lead_source;	/* that bundle's path as merged, or the lead's own path */
	int		 same;		/* details, status and answers are equal */
	const char	*settled;	/* inspector kept by an earlier --keep, or NULL */
	const char	*settled_uid;	/* with settled: the uid kept between two files of one name */
};
/*
 * The merge's rule, supplied by merge.c: the action for one case, and in *settle
 * whether to remember the outcome of a conflict so later merges do not ask again.
 */
typedef enum db_merge_action (*db_merge_decide_fn)(const struct db_merge_case *,
		     int *settle, void *arg);

/* One answer on which two inspectors' copies of a case differ. */
struct db_merge_diff {
	char			*question;
	enum answer_value	 lead_value;
	enum answer_value	 value;
	int			 note_differs;
};

/* A case read by two inspectors. */
struct db_merge_conflict {
	enum qb_kind		 kind;
	char			*ref;
	char			*lead_inspector;
	char			*lead_bundle;	/* bundle it came from in this merge; NULL: the lead's file */
	char			*inspector;
	char			*bundle;
	char			*lead_source;	/* homonym: the lead copy's bundle or the lead's path */
	int			 homonym;	/* one inspector's name in two different files */
	struct db_merge_diff	*diffs;
	size_t			 ndiffs;
};

/* A bundle accepted for merging, and (after db_merge_run) what was done with it. */
struct db_merge_bundle {
	char		*path;
	char		*inspector;	/* who exported it */
	char		*exported_at;
	char		*source_uid;
	char		*digest;	/* of its rows, from its manifest */
	char		*service;
	struct db_bundle_counts counts;
	long		 actions[DB_MERGE_NACTIONS];	/* cases per action */
};

struct db_merge;

/*
 * A merge into lead, which must be an inspection file open for writing (not a
 * bundle). Free with db_merge_free. NULL with *cause when lead cannot take one.
 */
struct db_merge	*db_merge_new(struct db *lead, char **cause);
void		 db_merge_free(struct db_merge *);
/*
 * Add the bundle at path to the merge; the lead's own file is refused here with
 * *cause, everything else is checked by db_merge_run, before it commits.
 */
int		 db_merge_add(struct db_merge *, const char *path, char **cause);
/*
 * Merge the bundles, in the order added, in one transaction, deciding each case
 * with decide. keep is recorded in the log. A bundle is refused, the whole merge
 * with it, when it is not a caseread bundle, is damaged or truncated
 * (quick_check of every page, manifest counts, the digest of its rows, rows
 * pointing at missing rows), holds answers to questions the bank does not have
 * or of the other kind of case, or comes from another inspection (service or
 * type) or another question bank (id, version or hash) than the lead. The
 * inspection's uid is not compared (each inspector creates their own file); it
 * tells files apart. Returns 0 when merged and
 * committed, or when nothing would change (then nothing is written, not even
 * the log: see db_merge_changed); 1 when there were conflicts, in which case
 * nothing is written and db_merge_conflicts lists them all; -1 with *cause
 * (nothing written).
 */
int		 db_merge_run(struct db_merge *, db_merge_decide_fn decide,
		     void *arg, const char *keep, char **cause);
/* Borrowed, valid until db_merge_free. */
/* After db_merge_run returned 0: did it write anything to the lead's file? */
int		 db_merge_changed(const struct db_merge *);
const struct db_merge_bundle *db_merge_bundles(const struct db_merge *,
		     size_t *n);
const struct db_merge_conflict *db_merge_conflicts(const struct db_merge *,
		     size_t *n);

/* A merge recorded in the lead's file. */
struct db_merge_log {
	char		*bundle;
	char		*inspector;
	char		*exported_at;
	char		*merged_at;
	char		*merged_by;
	long		 added;
	long		 updated;
	long		 unchanged;
	long		 skipped;
	char		*keep;		/* "" when none */
};
/* The merges recorded in the file, oldest first. */
int		 db_merge_log_list(struct db *, struct db_merge_log **out,
		     size_t *n, char **cause);
void		 db_merge_log_free(struct db_merge_log *, size_t);

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

#endif
