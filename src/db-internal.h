/*
 * What the db*.c files share and nobody else sees: the struct behind struct db and
 * the prepared-statement cache. Including sqlite3.h is confined to these files.
 */
#ifndef CASEREAD_DB_INTERNAL_H
#define CASEREAD_DB_INTERNAL_H

#include <sqlite3.h>

#include "db.h"

#define DB_STMT_CACHE	32

struct db {
	sqlite3			*h;
	char			*path;
	int			 readonly;
	const char		*readonly_why;	/* static: "the file is read-only", ... */
	int			 version;	/* schema version after open */
	int			 depth;		/* nesting of db_begin */
	struct db_inspection	 insp;
	struct qbank		*bank;
	char			*user;		/* who is recording */
	long long		 user_id;	/* inspector row of user, 0 until needed */
	struct {
		const char	*sql;		/* static string: cached by address */
		sqlite3_stmt	*stmt;
	} cache[DB_STMT_CACHE];
};

/*
 * A prepared statement for sql, which must be a string literal (it is cached by its
 * address). Reset and unbound, ready to bind. NULL with *cause on failure.
 */
sqlite3_stmt	*db_stmt(struct db *, const char *sql, char **cause);
/* Fail with "PATH: what: sqlite's message". */
int		 db_fail(struct db *, char **cause, const char *what);
/* A newly allocated copy of a text column ("" for NULL). */
char		*db_column_dup(sqlite3_stmt *, int col);
/* The inspector row for name, created when missing. */
int		 db_inspector_id(struct db *, const char *name, long long *id,
		     char **cause);
/* Run fn inside a transaction of its own unless one is open. */
int		 db_write_begin(struct db *, char **cause);
int		 db_write_end(struct db *, int ok, char **cause);

/* "file:PATH?immutable=1", PATH percent-encoded as SQLite's URIs want. */
char		*db_immutable_uri(const char *path);
/* Does PATH followed by suffix ("-wal", "-journal") exist? */
int		 db_side_file_exists(const char *path, const char *suffix);

/* Length of a bundle digest: 16 hex digits and the NUL. */
#define DB_DIGEST_LEN	17
/*
 * The digest of what a bundle carries on connection h (its main schema): the
 * inspection's identity and every inspector, case, answer, history row and
 * event a merge copies, in key order, with the manifest's exporter, export
 * time and source uid folded in. FNV-1a 64 as hex into out: it finds a bundle
 * whose pages are whole but whose text was changed, not a forger. -1 when the
 * rows cannot be read (sqlite3_errmsg(h) says why).
 */
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

/* The migrations, generated from db/NNN-*.sql by db/sql2c. */
extern const char *const	db_migrations[];
extern const size_t		db_migrations_count;

#endif
