/*
 * What the db*.c files share and nobody else sees: the struct behind struct db and
 * the prepared-statement cache. Including sqlite3.h is confined to these files.
 */
#ifndef CASEREAD_DB_INTERNAL_H
#define CASEREAD_DB_INTERNAL_H

#include <sqlite3.h>
#include <stdint.h>

#include "db.h"
#include "error.h"
#include "db-backup.h"
#include "db-case.h"
#include "db-demo.h"
#include "db-lead.h"
#include "db-merge.h"
#include "db-tally.h"

/*
 * Statements cached by db_stmt: one for each SQL literal a session uses (about
 * seventy in all). The limit only catches a caller passing SQL that is not a
 * literal, which would grow the cache without end.
 */
#define DB_STMT_CACHE_MAX	512
#define DB_TXN_MAX	8	/* transaction levels: savepoints inside one */

struct db {
	sqlite3			*h;
	char			*path;
	char			*uri;		/* as opened, with oflags and query_only; */
	int			 oflags;	/* NULL for a bundle decrypted in memory */
	int			 query_only;
	int			 readonly;
	const char		*readonly_why;	/* static: "the file is read-only", ... */
	int			 version;	/* schema version after open */
	int			 depth;		/* transaction levels open (db-txn.c) */
	const char		*txn[DB_TXN_MAX];	/* their names, outermost first */
	int			 txn_lazy;	/* the outermost commits without fsync */
	struct db_inspection	 insp;
	struct qbank		*bank;
	char			*user;		/* who is recording */
	long long		 user_id;	/* inspector row of user, 0 until needed */
	double			 deadline;	/* DB_BUNDLE: monotonic seconds, 0 none */
	double			 deadline_len;	/* seconds the deadline allows */
	int			 timed_out;	/* the progress handler stopped it */
	int			 image;		/* a bundle decrypted into memory, not a file */
	const struct keyfile_pair *bundle_key;	/* merge: opens sealed bundles */
	char			*merge_uid;	/* merge: the lead's inspection uid */
	int			 tally_fn;	/* db-tally.c's function is defined on h */
	void			*tally_feed;	/* its scan in progress, or NULL */
	int			 tally_ahead;	/* the last tally read its cases
						   on a thread (db-tally.c) */
	struct db_stmt_slot {
		const char	*sql;		/* static string: cached by address */
		sqlite3_stmt	*stmt;
	}			*cache;
	size_t			 ncache;
	size_t			 cachecap;
	/* db-txn.c's own, apart from the cache, so a rollback always runs. */
	sqlite3_stmt		*txn_stmt[6];
	sqlite3_stmt		*savepoint[DB_TXN_MAX][3];	/* db-txn.c's, by level */
};

/*
 * A prepared statement for sql, which must be a string literal (it is cached by its
 * address). Reset and unbound, ready to bind. NULL with *cause on failure.
 */
sqlite3_stmt	*db_stmt(struct db *, const char *sql, char **cause);
/*
 * Fail with "PATH: what: sqlite's message", returning the code db_err_code
 * gives SQLite's last error on db (ERR_TIMEOUT past a bundle's deadline).
 */
int		 db_fail(struct db *, char **cause, const char *what);
/* The kind of SQLite's last error on h: locked, read-only, I/O, damaged. */
enum err_code	 db_err_code(sqlite3 *h);
/* A newly allocated copy of a text column ("" for NULL). */
char		*db_column_dup(sqlite3_stmt *, int col);
/*
 * What changed from details o to d, as the case's history says it ("manager
 * interviewed not recorded -> yes; period (none) -> 2025-01-06 to
 * 2025-03-28"), newly allocated; NULL when nothing did (db-details.c).
 */
struct db_case_details;
char		*db_details_changed(const struct db_case_details *o,
		     const struct db_case_details *d);
/*
 * The inspector whose name is name but for spaces at its ends
 * (textgate_same_name): the one of exactly that name, or else the first one
 * stored with spaces there (by an older caseread, or from its bundle).
 * 0 with *id, 1 when there is none, or a failure.
 */
int		 db_inspector_find(struct db *, const char *name, long long *id,
		     char **cause);
/*
 * The inspector row for name, as db_inspector_find finds it; when there is
 * none, created with name trimmed (textgate_trim), refused when that is empty.
 */
int		 db_inspector_id(struct db *, const char *name, long long *id,
		     char **cause);
/*
 * The rest of db_open for a connection db_connect made (or a bundle decrypted
 * into memory): checks, pragmas, migrations, the inspection. Frees db on failure.
 */
struct db	*db_open_connected(struct db *, int flags, enum err_code *code,
		     char **cause);
/* Zero a decrypted bundle's image before it is freed (db-lead.c). */
void		 db_image_wipe(struct db *);
/*
 * Step a statement that returns no row or one row to be ignored, and reset it:
 * 0, or db_fail's code with "PATH: what: sqlite's message".
 */
int		 db_step(struct db *, sqlite3_stmt *, const char *what,
		     char **cause);
/*
 * Step a statement for its next row: 1 with a row to read (a caller that
 * stops reading before the end resets the statement), 0 when there are no
 * more (reset), or db_fail's code with "PATH: what: ..." (reset). Loops read
 * "while ((rc = db_step_row(...)) > 0)" and fail on rc < 0.
 */
int		 db_step_row(struct db *, sqlite3_stmt *, const char *what,
		     char **cause);
/*
 * A write that need not survive a power cut (the terminal interface's position):
 * as db_txn_begin, but the outermost commit does not wait for the disk
 * (synchronous=NORMAL for that transaction). A crash of caseread loses nothing;
 * a power cut may lose it, unless a later durable commit carried it to disk
 * (a WAL commit syncs every frame before it). Inside another transaction it is
 * an ordinary level of that one.
 */
int		 db_txn_lazy(struct db *, const char *name, char **cause);
/*
 * The first column of the row sql (a string literal with one parameter, bound
 * to key) returns, as text newly allocated into *value, or NULL when there is
 * no row. -1 with "PATH: what: sqlite's message" (db-rows.c).
 */
int		 db_rows_text(struct db *, const char *sql, const char *key,
		     char **value, const char *what, char **cause);
/* Reads the row stmt is on into row, which starts zeroed (db_rows_list). */
typedef void	(*db_rows_read_fn)(sqlite3_stmt *, void *row);
/* Frees a list of n rows, the list's own _free (db_rows_list). */
typedef void	(*db_rows_free_fn)(void *list, size_t n);
/*
 * Every row stmt (from db_stmt, its parameters bound) returns, each read
 * by read_row into an element of size bytes of a newly allocated array, in
 * order: *list and *n (NULL and 0 for none), the caller's to free. The
 * statement is reset. -1 with "PATH: what: sqlite's message", the rows read
 * so far freed with free_rows and *list and *n untouched.
 */
int		 db_rows_list(struct db *, sqlite3_stmt *, size_t size,
		     db_rows_read_fn read_row, db_rows_free_fn free_rows,
		     void **list, size_t *n, const char *what, char **cause);

/*
 * What every connection caseread opens is set to before it reads anything:
 * SQLITE_DBCONFIG_DEFENSIVE on (no writable_schema, no corrupting pragmas)
 * and trusted_schema off (a file's own views and triggers call no functions
 * with side effects). -1 when SQLite refuses.
 */
int		 db_harden(sqlite3 *h);
/*
 * Bound every statement on a bundle's connection in time (DB_BUNDLE_SECONDS or
 * CASEREAD_BUNDLE_SECONDS): past it, what runs stops and the open or read is
 * refused as taking too long.
 */
void		 db_bound(struct db *);
/*
 * Is the schema of the file on h object for object (type, name, table and SQL
 * of every row of sqlite_schema) what caseread's first version migrations
 * make? -1 with *cause naming path and the first object that differs.
 */
int		 db_schema_check(sqlite3 *h, const char *path, int version,
		     char **cause);
/*
 * Is the table db/schemarows made at build time, for version, what the
 * version's migrations make now? -1 with *cause naming the first difference.
 */
int		 db_schema_built_same(int version, char **cause);
/* s (n bytes) with control characters and bytes over 0x7e shown as \xNN. */
char		*db_escape(const char *s, size_t n);

/* "file:PATH?immutable=1", PATH percent-encoded as SQLite's URIs want. */
char		*db_immutable_uri(const char *path);
/*
 * path as a "file:" URI with its special characters escaped, and ?query when
 * query is not NULL: every file caseread gives SQLite (opened, or named in
 * VACUUM INTO) goes as such a URI, on connections opened with
 * SQLITE_OPEN_URI, so that a name like "file:x" or "x?mode=ro" is a plain
 * path whatever SQLite's build default. The caller frees it.
 */
char		*db_uri(const char *path, const char *query);
/* sqlite3_open_v2 of path as a plain path (through db_uri), with flags. */
int		 db_sqlite_open(const char *path, sqlite3 **h, int flags);
/* Does PATH followed by suffix ("-wal", "-journal") exist? */
int		 db_side_file_exists(const char *path, const char *suffix);

/*
 * When a case last changed: its own row moves with its details and status,
 * each answer's with the answer, so a save writes one row fewer (SQL over the
 * case as "c").
 */
#define DB_CASE_CHANGED "max(c.updated_at, coalesce((SELECT max(a.updated_at) " \
	"FROM answer a WHERE a.case_id = c.id), ''))"

/* The bundle digest (db-digest.c). Length: 16 hex digits and the NUL. */
#define DB_DIGEST_LEN	17
/* What a digest reads, in this order (db_digest_sql, the visitors' tables). */
enum db_digest_table {
	DB_DIGEST_INSPECTION,	/* uid, service, type, bank id, version, hash, owner */
	DB_DIGEST_INSPECTOR,	/* id, name */
	DB_DIGEST_CASES,	/* id, kind, ref, case_type, manager, inspector, ... */
	DB_DIGEST_ANSWER,	/* case_id, question, value, note, inspector, updated_at */
	DB_DIGEST_HISTORY,	/* case_id, question, old and new value and note, inspector, at */
	DB_DIGEST_EVENT,	/* case_id, event, reason, inspector, at */
	DB_DIGEST_ORIGIN,	/* case_id, the uid of the file it was read in */
	DB_DIGEST_NTABLES
};
#define DB_DIGEST_MAXCOLS	17
extern const char *const db_digest_sql[DB_DIGEST_NTABLES];

/*
 * A digest being made: the inspection's identity and every inspector, case,
 * answer, history row and event a merge copies, and where each merged case was
 * read, table by table in db_digest_sql's order, with the manifest's exporter,
 * export time and source uid first. A 64-bit hash, shown as 16 hex digits.
 */
struct db_digest {
	uint64_t	 h;
	size_t		 next;		/* the table after the last one fed */
};
void		 db_digest_begin(struct db_digest *, const char *exporter,
		     const char *exported_at, const char *source_uid);
/* One row of table (its query's columns), fed in order, table after table. */
void		 db_digest_row(struct db_digest *, size_t table,
		     sqlite3_value **cols, int ncols);
void		 db_digest_hex(const struct db_digest *, char out[DB_DIGEST_LEN]);
/*
 * Shown each row a digest reads, so a caller can check rows in the same pass;
 * non-zero stops the digest (the visitor keeps its own reason).
 */
typedef int	(*db_digest_visit_fn)(void *arg, size_t table,
		     sqlite3_value **cols, int ncols);
/*
 * Feed the digest table's rows from connection h, showing each to visit when not
 * NULL. 0; 1 when visit stopped it; -1 when they cannot be read.
 */
int		 db_digest_table(struct db_digest *, sqlite3 *h, size_t table,
		     db_digest_visit_fn visit, void *arg);
/* The whole digest of the bundle on h into out; -1 when it cannot be read. */
int		 db_bundle_digest(sqlite3 *h, const char *exporter,
		     const char *exported_at, const char *source_uid,
		     char out[DB_DIGEST_LEN]);
/*
 * Does the bundle open on h (read from path) hold the rows its manifest's
 * digest was made from? -1 with *cause naming path when not, or when it has no
 * manifest or no digest.
 */
int		 db_bundle_check_digest(sqlite3 *h, const char *path,
		     char **cause);
/* "'PATH' is damaged: its rows do not match the digest ..." into *cause; -1. */
int		 db_digest_mismatch(const char *path, const char *have,
		     const char *said, char **cause);

/* Merging (db-merge*.c). */
/*
 * Whether open bundle b may be merged into lead: its manifest (into mb, which
 * must have a digest), its counts, and the same inspection and bank as the
 * lead. Reads b only. -1 with *cause saying what is wrong.
 */
int		 db_merge_check(struct db *lead, struct db *b,
		     struct db_merge_bundle *mb, char **cause);
/*
 * Opening the bundles of a merge ahead of it (db-merge-open.c): start begins
 * opening bundles[0..n-1] (their path set) in order, each read-only, checked
 * whole (quick_check) and by db_merge_check, filling bundles[k]'s manifest and
 * src[k]; wait returns once bundle k is, 0, or -1 with *cause when it was
 * refused (no later bundle is opened then); end stops and frees the opener,
 * leaving what it opened in src for the caller to close.
 */
struct db_merge_opener;
struct db_merge_read;
struct db_merge_opener *db_merge_open_start(struct db *lead,
		     struct db_merge_bundle *bundles, struct db **src, size_t n);
int		 db_merge_open_wait(struct db_merge_opener *, size_t k,
		     char **cause);
/*
 * Once every bundle is open, the same thread reads each one's rows
 * (db_merge_rows_read), at most a bundle ahead of the one the merge asks
 * for: read_wait gives bundle k's to the caller (*rd, handed back with
 * db_merge_read_done), or -1 with *cause when the pass refused it. The
 * caller uses bundle k's connection only after read_wait(k), and k's before
 * asking for k + 1.
 */
int		 db_merge_read_wait(struct db_merge_opener *, size_t k,
		     struct db_merge_read **rd, char **cause);
/*
 * Bundle k's rows written: rd's memory goes to reading a later bundle's, so
 * that a merge's reads touch memory already touched (a page first touched is
 * a fault), or is freed.
 */
void		 db_merge_read_done(struct db_merge_opener *,
		     struct db_merge_read *rd);
void		 db_merge_open_end(struct db_merge_opener *);
/*
 * The rest of the check, on the rows as the merge reads them: begin reads the
 * inspection, inspectors and cases; the merge shows pass_row every row of the
 * answers, history and events it reads, table after table, in db_digest_sql's
 * order; end reads where merged cases came from and says whether the digest
 * matches the manifest's, every row points at a case and inspector of the
 * bundle, and every answer fits the lead's bank. -1 (NULL) with *cause.
 */
struct db_merge_pass;
struct db_merge_pass *db_merge_pass_begin(struct db *lead, struct db *b,
		     const struct db_merge_bundle *mb, char **cause);
int		 db_merge_pass_row(struct db_merge_pass *, size_t table,
		     sqlite3_value **cols, int ncols, char **cause);
int		 db_merge_pass_end(struct db_merge_pass *, char **cause);
void		 db_merge_pass_free(struct db_merge_pass *);
/*
 * Compare the answers of bundle case bid on b with lead case lid: *same is 1
 * when the questions, values and notes are all equal. With diffs, also list
 * (newly allocated, free with db_merge_diffs_free) every question whose value
 * or note differs, a question on one side only counting as unanswered with no
 * note on the other.
 */
int		 db_merge_rows_compare(struct db *lead, struct db *b,
		     long long bid, long long lid, int *same,
		     struct db_merge_diff **diffs, size_t *ndiffs, char **cause);
void		 db_merge_diffs_free(struct db_merge_diff *, size_t);
/*
 * Read the answers, history and events of bundle b (manifest mb) once, every
 * row through a db_merge_pass from its begin to its end, and keep them for
 * db_merge_rows_copy: NULL with *cause when the pass refuses the bundle. Reads
 * b only, and lead's bank: the opener's thread does it, a bundle ahead of the
 * merge. Free with db_merge_read_free. With spare (a read emptied by
 * db_merge_read_clear), its memory is used again, and freed on a refusal.
 */
struct db_merge_read *db_merge_rows_read(struct db *lead, struct db *b,
		     const struct db_merge_bundle *mb,
		     struct db_merge_read *spare, char **cause);
void		 db_merge_read_clear(struct db_merge_read *);
void		 db_merge_read_free(struct db_merge_read *);
/*
 * Copy the answers, history and events of bundle n (open as b, its rows read
 * as rd) under the cases its temp.merge_case rows decided to write: all of
 * them for a case added or replacing another, and for an updated case the
 * history and events the lead does not already have (its answers were deleted
 * first). Inside the caller's transaction; -1 with *cause. *stmts keeps the
 * lead's statements from one bundle to the next (NULL at first); the caller
 * frees it with db_merge_stmts_free.
 */
struct db_merge_stmts;
int		 db_merge_rows_copy(struct db *lead, struct db *b, int n,
		     const struct db_merge_read *rd,
		     struct db_merge_stmts **stmts, char **cause);
void		 db_merge_stmts_free(struct db_merge_stmts *);

/*
 * What a merge checks that a bundle's schema cannot promise
 * (db-merge-trust.c). values_ok: is each column of a row of digest table
 * table of the type and nullness the schema says? 0, with *why (when NULL
 * before) saying which, when not. bank_same: is bundle path's bank text
 * byte-identical to the lead's? -1 with *cause naming the first line that
 * differs, both sides shown safely.
 */
int		 db_merge_values_ok(size_t table, sqlite3_value **cols,
		     int ncols, char **why);
int		 db_merge_bank_same(const struct qbank *lead,
		     const struct qbank *b, const char *lead_path,
		     const char *path, char **cause);
/*
 * Copy bundle b's judgements (where the lead has none of the name, or an older
 * one) and the decision log rows the lead lacks, inside the merge's
 * transaction (db-merge-judgement.c). *changed says whether anything was
 * written; -1 with *cause.
 */
int		 db_merge_judgements(struct db *lead, struct db *b,
		     int *changed, char **cause);
/*
 * Record event ("withdraw", "reinstate", "details", ...) with reason on case id
 * at now, by the file's user, inside the caller's write (db-case.c).
 */
int		 db_case_event_add(struct db *, long long id, const char *event,
		     const char *reason, const char *now, char **cause);

/* The migrations, generated from db/NNN-*.sql by db/sql2c. */
extern const char *const	db_migrations[];
extern const size_t		db_migrations_count;
/*
 * Each version's sqlite_schema rows, generated by db/schemarows: four strings
 * a row (type, name, tbl_name, sql; NULL for SQL NULL), in (type, name) order;
 * version v's from row db_schema_built_at[v] up to db_schema_built_at[v + 1].
 */
extern const char *const	db_schema_built[];
extern const size_t		db_schema_built_at[];

/*
 * For tests: called by db_tally after the thread reading the cases began its
 * read and before the tally begins its own (a commit here must not split them).
 */
extern void	(*db_tally_between)(struct db *);

#endif
