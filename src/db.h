/*
 * Storage, its core: opening, creating, checking and migrating an inspection file,
 * transactions and per-file settings. The rest of the store is split by concern:
 * db-case.h (cases, answers, judgements), db-backup.h, db-merge.h (export
 * snapshots and merging), db-tally.h (the tally's feed), db-lead.h (the kit and
 * sealed bundles), db-demo.h; the types they share with the rest of caseread are
 * in model.h. SQLite itself stays inside the db*.c files. Every function that
 * can fail returns a negative -ERR_* code (or NULL) and sets *cause to a newly
 * allocated message naming the file, which the caller shows and frees
 * (error.h).
 */
#ifndef CASEREAD_DB_H
#define CASEREAD_DB_H

#include <stddef.h>

#include "error.h"
#include "model.h"
#include "qbank.h"

/* "Case" in ASCII: PRAGMA application_id of every caseread file. */
#define DB_APPLICATION_ID	0x43617365
/*
 * Files larger than this skip quick_check at open (caseread check does it all).
 * One inspection, notes and history included, stays well under it.
 */
#define DB_QUICK_CHECK_MAX	(16LL * 1024 * 1024)
/* The page size of every file caseread makes (SQLite's default). */
#define DB_PAGE_SIZE		4096
/* Pages of SQLite's default cache (2,000 KiB) at that size, and its slots' headers. */
#define DB_CACHE_PAGES		512
/*
 * The most pages db_reserve_pages sets aside: a merge's page cache (64 MB)
 * and its bundles' small ones.
 */
#define DB_RESERVE_MAX		(16384 + 1024)
/* Milliseconds to wait for another writer before giving up with "locked". */
#define DB_BUSY_TIMEOUT		3000

struct db;

/* What caseread init records about a new inspection. */
struct db_init {
	const char		*service;
	const char		*type;		/* "iyjwcv" or "iyjs" */
	const char		*owner;		/* the inspector whose file it is */
	const char		*start_date;	/* YYYY-MM-DD or NULL */
	const char		*end_date;
	const struct qbank	*bank;
};

#define DB_READONLY	0x1	/* db_open: never write, not even the journal mode */
#define DB_FULLCHECK	0x2	/* db_open: quick_check whatever the size (untrusted input) */
/*
 * db_open of a bundle (input from another laptop): read-only and immutable (no
 * -wal or -shm is ever made beside it; one with a -wal or -journal beside it is
 * refused), and every statement on it bounded in time (DB_BUNDLE_SECONDS, or
 * the environment's CASEREAD_BUNDLE_SECONDS), refused as taking too long.
 */
#define DB_BUNDLE	0x4
#define DB_BUNDLE_SECONDS	60

/*
 * Create a new inspection file at path (mode 0600, refusing an existing file) and
 * return it open. The owner's name is taken without the spaces at its ends
 * (textgate_trim); empty then, it is refused. On failure nothing is left at path.
 */
struct db	*db_create(const char *path, const struct db_init *, char **cause);
/*
 * Open an existing inspection file. Refuses, without writing, a file that is not
 * ours, from a newer caseread, or failing quick_check; then sets WAL,
 * synchronous=FULL, foreign keys and secure_delete and migrates older schemas in
 * one transaction.
 */
struct db	*db_open(const char *path, int flags, char **cause);
/*
 * db_open, saying in *code (when not NULL) which kind of failure it was:
 * ERR_NOTFOUND, ERR_IO, ERR_FOREIGN, ERR_NEWER, ERR_OLDER, ERR_DAMAGED,
 * ERR_LOCKED, ERR_TIMEOUT (a bundle), ERR_INVALID (text in it), ERR_FAILED.
 * The message names the file; the advice (ERR_DAMAGED: restore a snapshot)
 * is the caller's to add with err_advice.
 */
struct db	*db_open_code(const char *path, int flags, enum err_code *code,
		     char **cause);
void		 db_close(struct db *);
/*
 * Set aside, before the first file is opened, memory for about this many
 * pages of SQLite's cache (at most DB_RESERVE_MAX), shared by every
 * connection and present from the start: for a command that will fill tens of
 * MB of cache (a merge). 0 once it is in place; -ERR_INVALID, changing
 * nothing, when a file was opened before, or when the memory could not be
 * had (SQLite then takes its pages from malloc). A second call keeps the first
 * reservation.
 */
int		 db_reserve_pages(size_t pages);

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
/*
 * Read the inspector's name again from the file, after another window or
 * program may have changed it; the user recording follows it if it was the
 * owner. 0, or a failure with *cause.
 */
int		 db_owner_refresh(struct db *, char **cause);
/*
 * Put the file's inspector's name right (a first run took the login name): the
 * owner, and the inspector row their cases, answers and history point at, are
 * renamed together, and the change is kept. A name another inspector in the
 * file already has is refused. The same name is no change and writes nothing
 * (db-inspection.c).
 */
int		 db_inspection_set_owner(struct db *, const char *name,
		     char **cause);
/* The changes to the inspection's details, oldest first. */
int		 db_inspection_changes(struct db *,
		     struct db_inspection_change **out, size_t *n, char **cause);
void		 db_inspection_change_list_free(struct db_inspection_change *,
		     size_t);
/* Who is recording: the file's owner unless db_set_user says otherwise. */
const char	*db_user(const struct db *);
void		 db_set_user(struct db *, const char *);

/*
 * Transactions (db-txn.c), for work that must be all or nothing. They nest:
 * the outermost db_txn_begin takes the write lock (BEGIN IMMEDIATE; a file
 * another program is writing is refused as locked after the busy timeout, a
 * read-only one with the reason) and only its commit touches the disk; a level
 * inside it is a SAVEPOINT, whose rollback undoes that level's part only and
 * leaves the caller's transaction open for the caller to commit or roll back.
 * name is a string literal naming the level (a C identifier); commit and
 * rollback must name the innermost level open. On failure -ERR_LOCKED,
 * -ERR_READONLY, -ERR_IO (a full disk), ... with *cause; a commit that fails
 * leaves nothing of its level (the outermost is rolled back).
 */
int		 db_txn_begin(struct db *, const char *name, char **cause);
/*
 * db_txn_begin for one transaction of many store calls (an import), whose
 * savepoints' journals SQLite then keeps in memory: the connection's
 * temporary storage is in memory from then on (PRAGMA temp_store).
 */
int		 db_txn_begin_bulk(struct db *, const char *name,
		     char **cause);
/* A consistent read of several statements: BEGIN (deferred), or a level. */
int		 db_txn_read(struct db *, const char *name, char **cause);
int		 db_txn_commit(struct db *, const char *name, char **cause);
void		 db_txn_rollback(struct db *, const char *name);
/*
 * End a level by how the work in it went: rc 0 (or a positive result) commits
 * and returns 0 or the commit's failure; a failure rc rolls back and returns
 * rc itself, *cause left as the failure set it, so the code travels on.
 */
int		 db_txn_finish(struct db *, const char *name, int rc,
		     char **cause);
/*
 * PRAGMA data_version: a number that changes when another connection (another
 * caseread window, sqlite3) commits to the file, and only then; -1 when it
 * cannot be read. Cheap: no page is read.
 */
long long	 db_data_version(struct db *);

/*
 * Integrity report for caseread check: fills *report with newly allocated text
 * (one problem a line, "ok" when none) and returns the number of problems, or -1.
 */
int		 db_integrity(struct db *, char **report, char **cause);

/* Per-file settings such as the UI's last position (db-setting.c). */
int		 db_setting_set(struct db *, const char *name, const char *value,
		     char **cause);
/* *value newly allocated, or NULL when not set. */
int		 db_setting_get(struct db *, const char *name, char **value,
		     char **cause);
/* Remove a setting; none there is not an error. Written as lazily as a set. */
int		 db_setting_delete(struct db *, const char *name, char **cause);
/* Give setting from the name to; none there is not an error. As lazily. */
int		 db_setting_rename(struct db *, const char *from, const char *to,
		     char **cause);

#endif
