/*
 * libFuzzer harness for the bundle reader: any bytes, as an export bundle
 * merged into a lead's file. An input that is an SQLite file ("SQLite format
 * 3") is the bundle itself; any other input is a program of schema-level
 * mutations (issue 11), three bytes a step, applied with SQL to a good bundle
 * made at start-up: views, triggers, extra tables and indexes, a table
 * replaced by a view (NULLs, endless recursion), columns of another type or
 * without NOT NULL, values of the wrong type, a changed bank. Every statement
 * on a bundle is bounded (CASEREAD_BUNDLE_SECONDS, set to 2 here), so a
 * recursive view ends as a refusal, not a libFuzzer timeout. The merge must
 * succeed or refuse cleanly (-1 or 1 with a cause); never crash, leak or read
 * out of bounds, and never leave a -wal or -shm beside the bundle. A refused
 * merge must leave the lead's file as it was (no cases, passing quick_check,
 * no transaction left open); a merge that succeeded may change it, so the
 * lead is then made again from a template created once per process.
 *
 * The lead is "Demoshire YJS (demonstration)" (iyjwcv) with the built-in bank,
 * as made by caseread demo, so that the seed bundles in corpus/bundle/ merge.
 */
#include "config.h"

#include <sys/stat.h>

#undef NDEBUG		/* the asserts below also do the work */
#include <assert.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "db.h"
#include "demo.h"
#include "export.h"
#include "fuzzlib.h"
#include "merge.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static char		 dir[64];
static char		*template, *lead_path, *bundle_path, *seed_path;
static struct db	*lead;
static FILE		*devnull;

static char *
path_in_dir(const char *name)
{
	size_t	 n = strlen(dir) + strlen(name) + 2;
	char	*p = malloc(n);

	assert(p != NULL);
	snprintf(p, n, "%s/%s", dir, name);
	return p;
}

/* Remove path and whatever SQLite may have left beside it. */
static void
remove_db(const char *path)
{
	static const char *const sfx[] = { "", "-wal", "-shm", "-journal" };
	char	 p[256];
	size_t	 i;

	for (i = 0; i < sizeof sfx / sizeof sfx[0]; i++) {
		snprintf(p, sizeof p, "%s%s", path, sfx[i]);
		unlink(p);
	}
}

static void
copy_file(const char *from, const char *to)
{
	char	 buf[65536];
	FILE	*f;
	size_t	 n;
	int	 fd;

	f = fopen(from, "rb");
	assert(f != NULL);
	fd = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	assert(fd != -1);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		assert(write(fd, buf, n) == (ssize_t)n);
	fclose(f);
	assert(close(fd) == 0);
}

/* A fresh lead's file, copied from the template, and open. */
static void
lead_open(void)
{
	char	*cause = NULL;

	remove_db(lead_path);
	copy_file(template, lead_path);
	lead = db_open(lead_path, 0, &cause);
	if (lead == NULL) {
		fprintf(stderr, "fuzz_bundle: lead: %s\n", cause);
		abort();
	}
}

static void
cleanup(void)
{
	if (lead != NULL)
		db_close(lead);
	lead = NULL;
	remove_db(lead_path);
	remove_db(bundle_path);
	remove_db(template);
	remove_db(seed_path);
	rmdir(dir);
}

/* The good bundle the mutations start from: a small demo, another's. */
static void
seed_make(void)
{
	struct demo_options	 o;
	struct export_opts	 eo;
	struct db		*db;
	char			*cause = NULL;
	char			*from = path_in_dir("seed.caseread");

	seed_path = path_in_dir("seed.bundle");
	demo_defaults(&o);
	o.children = 3;
	o.victims = 1;
	o.inspectors = 2;
	memset(&eo, 0, sizeof eo);
	eo.out = seed_path;
	db = fuzzlib_db_create("fuzz_bundle: seed", from, "Seed");
	if (demo_fill(db, &o, &cause) != 0 ||
	    export_run(db, export_find("bundle"), &eo, NULL, &cause) != 0) {
		fprintf(stderr, "fuzz_bundle: seed: %s\n", cause);
		abort();
	}
	db_close(db);
	remove_db(from);
	free(from);
}

/* What a mutation may name: the bundle's tables, and a column of each. */
static const char *const tables[] = { "cases", "answer", "answer_history",
    "case_event", "inspector", "inspection", "bundle", "case_origin" };
static const char *const columns[] = { "kind", "question", "new_note",
    "event", "name", "bank_text", "digest", "source_uid" };
#define NTABLES	(sizeof tables / sizeof tables[0])

/*
 * One mutation, op with arguments a and b, as SQL into buf: 0 when it has
 * none. Run with the defensive flag off, as an attacker's sqlite3 would.
 */
static int
mutation(char *buf, size_t size, unsigned op, unsigned a, unsigned b)
{
	const char	*t = tables[a % NTABLES], *c = columns[a % NTABLES];
	static const char *const values[] = { "NULL", "x'00ff'", "42", "4.5",
	    "'victim'", "'2.1.1'", "''", "char(27) || '[2J'" };
	const char	*v = values[b % 8];

	switch (op % 14) {
	case 0:
		return snprintf(buf, size, "CREATE VIEW v%u AS SELECT * "
		    "FROM %s", b, t);
	case 1:
		return snprintf(buf, size, "CREATE TRIGGER tr%u AFTER "
		    "INSERT ON %s BEGIN DELETE FROM %s; END", b, t, t);
	case 2:
		return snprintf(buf, size, "CREATE TABLE extra%u (x)", b);
	case 3:
		return snprintf(buf, size, "CREATE INDEX ix%u ON %s (%s)", b, t,
		    c);
	case 4:		/* a view with a NULL where the table had values */
		return snprintf(buf, size, "ALTER TABLE %s RENAME TO %s_t; "
		    "CREATE VIEW %s AS SELECT *, NULL AS %s FROM %s_t", t, t, t,
		    c, t);
	case 5:		/* an endless recursive view */
		return snprintf(buf, size, "DROP TABLE %s; CREATE VIEW %s AS "
		    "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 "
		    "FROM r) SELECT n AS id, n AS case_id, 'x' AS %s FROM r",
		    t, t, c);
	case 6:		/* a column's type or NOT NULL changed in place */
		return snprintf(buf, size, "PRAGMA writable_schema = ON; "
		    "UPDATE sqlite_schema SET sql = replace(replace(sql, "
		    "'NOT NULL', ''), 'TEXT', '%s') WHERE name = '%s'; PRAGMA "
		    "writable_schema = RESET", b & 1 ? "BLOB" : "TEXT", t);
	case 7:		/* a value of another type, or NULL */
		return snprintf(buf, size, "UPDATE %s SET %s = %s WHERE "
		    "rowid = (SELECT min(rowid) FROM %s)", t, c, v, t);
	case 8:
		return snprintf(buf, size, "UPDATE inspection SET bank_text = "
		    "substr(bank_text, 1, %u) || %s || substr(bank_text, %u)",
		    b * 37, v, b * 37 + 2);
	case 9:
		return snprintf(buf, size, "DELETE FROM %s WHERE rowid %% %u "
		    "= 0", t, b % 4 + 1);
	case 10:
		return snprintf(buf, size, "PRAGMA journal_mode = %s",
		    b & 1 ? "WAL" : "DELETE");
	case 11:
		return snprintf(buf, size, "PRAGMA user_version = %u", b % 9);
	case 12:
		return snprintf(buf, size, "PRAGMA page_size = %u; VACUUM",
		    512u << (b % 8));
	default:	/* a table rebuilt without constraints, with a NULL */
		return snprintf(buf, size, "CREATE TABLE %s_n AS SELECT * FROM "
		    "%s; DROP TABLE %s; ALTER TABLE %s_n RENAME TO %s; INSERT "
		    "INTO %s (%s) VALUES (%s)", t, t, t, t, t, t, c, v);
	}
}

/*
 * The mutations themselves may read an endless view (one step makes it, a
 * later one selects from it): each is stopped after a million VM steps.
 */
static int
mutation_bound(void *arg)
{
	int	*calls = arg;

	return ++*calls > 1000;
}

/* The seed bundle changed by the program in data, as the bundle to merge. */
static void
mutate(const uint8_t *data, size_t size)
{
	sqlite3	*h;
	char	 sql[512];
	size_t	 i;
	int	 calls = 0;

	remove_db(bundle_path);
	copy_file(seed_path, bundle_path);
	assert(sqlite3_open_v2(bundle_path, &h, SQLITE_OPEN_READWRITE, NULL) ==
	    SQLITE_OK);
	sqlite3_exec(h, "PRAGMA synchronous = OFF", NULL, NULL, NULL);
	sqlite3_progress_handler(h, 1000, mutation_bound, &calls);
	/* Each step three bytes; at most eight steps. */
	for (i = 0; i + 3 <= size && i < 24; i += 3) {
		calls = 0;
		mutation(sql, sizeof sql, data[i], data[i + 1], data[i + 2]);
		sqlite3_exec(h, sql, NULL, NULL, NULL);	/* may fail: fine */
	}
	sqlite3_close(h);
}

static void
setup(void)
{
	/* In memory where there is one: every merge's commit syncs. */
	snprintf(dir, sizeof dir, "%s", access("/dev/shm", W_OK) == 0 ?
	    "/dev/shm/fuzz-bundle.XXXXXX" : "/tmp/fuzz-bundle.XXXXXX");
	if (mkdtemp(dir) == NULL) {
		perror("fuzz_bundle: mkdtemp");
		abort();
	}
	template = path_in_dir("template.caseread");
	lead_path = path_in_dir("lead.caseread");
	bundle_path = path_in_dir("input.bundle");
	devnull = fopen("/dev/null", "w");
	assert(devnull != NULL);
	db_close(fuzzlib_db_create("fuzz_bundle: template", template, "Lead"));
	seed_make();
	setenv("CASEREAD_BUNDLE_SECONDS", "2", 1);
	lead_open();
	atexit(cleanup);
}

/* The lead's file on disk, read by another connection: whole, and empty. */
static void
lead_intact(void)
{
	sqlite3		*h;
	sqlite3_stmt	*stmt;

	assert(sqlite3_open_v2(lead_path, &h, SQLITE_OPEN_READONLY, NULL) ==
	    SQLITE_OK);
	assert(sqlite3_prepare_v2(h, "SELECT (SELECT count(*) FROM cases) + "
	    "(SELECT count(*) FROM answer), (SELECT quick_check FROM "
	    "pragma_quick_check)", -1, &stmt, NULL) == SQLITE_OK);
	assert(sqlite3_step(stmt) == SQLITE_ROW);
	assert(sqlite3_column_int64(stmt, 0) == 0);
	assert(strcmp((const char *)sqlite3_column_text(stmt, 1), "ok") == 0);
	sqlite3_finalize(stmt);
	sqlite3_close(h);
}

static int
side_exists(const char *sfx)
{
	char	p[256];

	snprintf(p, sizeof p, "%s%s", bundle_path, sfx);
	return access(p, F_OK) == 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*paths[1];
	char	*cause = NULL;
	int	 rc;

	if (lead == NULL)
		setup();
	if (size >= 16 && memcmp(data, "SQLite format 3", 16) == 0) {
		remove_db(bundle_path);
		fuzzlib_write_file(bundle_path, data, size);
	} else
		mutate(data, size);
	paths[0] = bundle_path;
	rc = merge_run(lead, paths, 1, NULL, devnull, &cause);
	/* Merged, or refused with a code of error.h (conflict included). */
	assert(rc == 0 || (rc < 0 && rc > -ERR_NCODES));
	if (rc == 0) {
		assert(cause == NULL);
		db_close(lead);
		lead_open();
	} else {
		assert(cause != NULL && *cause != '\0');
		free(cause);
		lead_intact();
	}
	/* Read immutable: nothing is ever made beside a bundle. */
	assert(!side_exists("-wal") && !side_exists("-shm"));
	remove_db(bundle_path);
	return 0;
}
