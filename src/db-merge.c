/*
 * The SQL side of merging bundles into the lead's file, in one transaction.
 * Each bundle is opened and checked on a connection of its own, a bundle ahead
 * of the merge (db-merge-open.c, db-merge-check.c); its cases and inspectors'
 * names are staged in temporary tables of the lead's connection, where every
 * case is decided and the decisions applied, copying the rows under each case
 * straight from the bundle (db-merge-rows.c), which the digest and the checks
 * on rows see on the way. Which case wins is merge.c's rule, not this file's.
 */
#include "config.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "db-internal.h"
#include "util.h"

struct db_merge {
	struct db		 *lead;
	struct db_merge_bundle	 *bundles;
	struct db		**src;		/* each bundle, open read-only */
	struct db_merge_opener	 *opener;	/* while db_merge_run opens them */
	size_t			  nbundles;
	struct db_merge_conflict *conflicts;
	size_t			  nconflicts;
	int			  changed;	/* db_merge_run wrote something */
	struct db_merge_stmts	 *stmts;	/* the rows' statements, once prepared */
};

/* Staging tables, in the lead connection's temp schema. */
static const char stage_sql[] =
    "PRAGMA temp_store = MEMORY;"
    /*
     * The whole merge is one transaction: with SQLite's 2 MB page cache its
     * dirty pages spilled to the WAL and were read back many times over.
     */
    "PRAGMA cache_size = -65536;"
    "DROP TABLE IF EXISTS temp.merge_case;"
    "DROP TABLE IF EXISTS temp.merge_name;"
    "CREATE TEMP TABLE merge_case (n INTEGER NOT NULL, bid INTEGER NOT NULL, "
    "  kind TEXT NOT NULL, ref TEXT NOT NULL, case_type TEXT, manager TEXT "
    "  NOT NULL, inspector TEXT NOT NULL, macd INTEGER NOT NULL, contact TEXT, "
    "  status TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT "
    "  NULL, uid TEXT NOT NULL, lid INTEGER, lead_inspector TEXT, lead_uid "
    "  TEXT, action TEXT, "
    "  settle INTEGER NOT NULL DEFAULT 0, withdrawn TEXT, "
    "  manager_interviewed INTEGER, period_start TEXT, period_end TEXT, "
    "  victim_worker TEXT, interview TEXT, PRIMARY KEY (n, bid)) WITHOUT ROWID;"
    "CREATE INDEX temp.merge_case_lid ON merge_case (lid);"
    /* A bundle's inspectors: its id, and the lead's id once the name is there. */
    "CREATE TEMP TABLE merge_name (n INTEGER NOT NULL, id INTEGER NOT NULL, "
    "  name TEXT NOT NULL, lid INTEGER, PRIMARY KEY (n, id)) WITHOUT ROWID;";

/* Changing temp_store discards the whole temp schema at once: faster than DROP. */
static const char unstage_sql[] = "PRAGMA temp_store = DEFAULT; "
    "PRAGMA cache_size = -2000";

/* Stage one bundle's cases and names, read from its own connection, as n. */
static const char stage_case_sql[] =
    "INSERT INTO temp.merge_case (n, bid, kind, ref, case_type, manager, "
    "  inspector, macd, contact, status, created_at, updated_at, uid, "
    "  withdrawn, manager_interviewed, period_start, period_end, "
    "  victim_worker, interview) VALUES "
    "  (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
    "  ?16, ?17, ?18, ?19)";
static const char stage_name_sql[] =
    "INSERT INTO temp.merge_name (n, id, name) VALUES (?1, ?2, ?3)";
/*
 * A case's uid is the file it was read in: the bundle's own, or, for a case the
 * bundle's file had merged itself (a lead's or deputy's), where it came from.
 * Its updated_at is its last change, answers included: export makes it so.
 */
static const char bundle_cases_sql[] =
    "SELECT c.id, c.kind, c.ref, c.case_type, c.manager, i.name, c.macd, "
    "  c.contact, c.status, c.created_at, c.updated_at, "
    "  coalesce(co.source_uid, "
    "  ml.source_uid, (SELECT source_uid FROM bundle WHERE id = 1)), "
    "  c.withdrawn, c.manager_interviewed, c.period_start, c.period_end, "
    "  c.victim_worker, c.interview FROM "
    "  cases c JOIN inspector i ON i.id = c.inspector LEFT JOIN case_origin co "
    "  ON co.case_id = c.id LEFT JOIN merge_log ml ON ml.id = co.merge_id "
    "  ORDER BY c.id";
static const char bundle_names_sql[] =
    "SELECT id, name FROM inspector ORDER BY id";

/*
 * Each case of bundle ?1 against the lead's file. Column 8 says whether the
 * details are the same (NULLs equal); the answers are compared in C. The lead's
 * copy came from the file of the last merge that wrote it, or is the lead's own.
 */
static const char classify_sql[] =
    "SELECT s.bid, s.kind, s.ref, s.inspector, s.updated_at, c.id, li.name, "
    "  " DB_CASE_CHANGED ", CASE WHEN c.id IS NULL THEN 0 ELSE ("
    "    c.case_type IS s.case_type AND c.manager = s.manager AND "
    "    c.macd = s.macd AND c.contact IS s.contact AND c.status = s.status "
    "    AND c.withdrawn IS s.withdrawn AND c.manager_interviewed IS "
    "    s.manager_interviewed AND c.period_start = s.period_start AND "
    "    c.period_end = s.period_end AND c.victim_worker = s.victim_worker "
    "    AND c.interview = s.interview) "
    "  END, st.keep, "
    "  coalesce(co.source_uid, ml.source_uid, (SELECT uid FROM "
    "  main.inspection WHERE id = 1)), ml.bundle, st.keep_uid, s.uid "
    "FROM temp.merge_case s "
    "LEFT JOIN main.cases c ON c.kind = s.kind AND c.ref = s.ref "
    "LEFT JOIN main.inspector li ON li.id = c.inspector "
    "LEFT JOIN main.case_origin co ON co.case_id = c.id "
    "LEFT JOIN main.merge_log ml ON ml.id = co.merge_id "
    "LEFT JOIN main.merge_settled st ON st.kind = s.kind AND st.ref = s.ref "
    "WHERE s.n = ?1 ORDER BY s.bid";

static const char decided_sql[] =
    "UPDATE temp.merge_case SET action = ?3, settle = ?4, lid = ?5, "
    "lead_inspector = ?6, lead_uid = ?7 WHERE n = ?1 AND bid = ?2";

/* Which bundle of this merge, if any, put lead case ?1 there before bundle ?2. */
static const char source_sql[] =
    "SELECT n FROM temp.merge_case WHERE lid = ?1 AND n < ?2 AND action IN "
    "('add', 'update', 'replace') ORDER BY n DESC LIMIT 1";

static const char log_sql[] =
    "INSERT INTO main.merge_log (bundle, inspector, source_uid, exported_at, "
    "merged_at, merged_by, keep) VALUES (?, ?, ?, ?, ?, ?, ?)";
static const char log_counts_sql[] =
    "UPDATE main.merge_log SET added = ?, updated = ?, unchanged = ?, "
    "skipped = ? WHERE id = ?";
static const char count_sql[] =
    "SELECT action, count(*), sum(settle) FROM temp.merge_case WHERE n = ?1 "
    "GROUP BY action";

#define WRITTEN "('add', 'update', 'replace')"

/*
 * Applying bundle ?1 (merge ?2) once its cases are decided, in
 * this order: names, cases given way, new cases, updated cases (their answers
 * replaced); then, after APPLY_ROWS, the rows under the cases are copied by
 * db_merge_rows_copy; then origin and settled conflicts.
 */
static const char *const apply_sql[] = {
	/* Every name the bundle knows, once it writes anything at all. */
	"INSERT OR IGNORE INTO main.inspector (name) SELECT name FROM "
	"  temp.merge_name WHERE n = ?1 AND EXISTS (SELECT 1 FROM "
	"  temp.merge_case WHERE n = ?1 AND action IN " WRITTEN ")",

	"UPDATE temp.merge_name SET lid = (SELECT id FROM main.inspector WHERE "
	"  name = merge_name.name) WHERE n = ?1",

	"DELETE FROM main.cases WHERE id IN (SELECT lid FROM temp.merge_case "
	"  WHERE n = ?1 AND action = 'replace')",

	"INSERT INTO main.cases (kind, ref, case_type, manager, inspector, macd, "
	"  contact, status, created_at, updated_at, withdrawn, "
	"  manager_interviewed, period_start, period_end, victim_worker, "
	"  interview) SELECT s.kind, s.ref, "
	"  s.case_type, s.manager, i.id, s.macd, s.contact, s.status, "
	"  s.created_at, s.updated_at, s.withdrawn, s.manager_interviewed, "
	"  s.period_start, s.period_end, s.victim_worker, s.interview "
	"  FROM temp.merge_case s JOIN "
	"  main.inspector i ON i.name = s.inspector WHERE s.n = ?1 AND "
	"  s.action IN ('add', 'replace') ORDER BY s.bid",

	"UPDATE temp.merge_case SET lid = (SELECT c.id FROM main.cases c WHERE "
	"  c.kind = merge_case.kind AND c.ref = merge_case.ref) WHERE n = ?1 "
	"  AND action IN ('add', 'replace')",

	"UPDATE main.cases SET case_type = s.case_type, manager = s.manager, "
	"  macd = s.macd, contact = s.contact, status = s.status, updated_at = "
	"  s.updated_at, withdrawn = s.withdrawn, manager_interviewed = "
	"  s.manager_interviewed, period_start = s.period_start, period_end = "
	"  s.period_end, victim_worker = s.victim_worker, interview = "
	"  s.interview FROM temp.merge_case s WHERE s.n = ?1 AND s.action = "
	"  'update' AND main.cases.id = s.lid",

	"DELETE FROM main.answer WHERE case_id IN (SELECT lid FROM "
	"  temp.merge_case WHERE n = ?1 AND action = 'update')",

	"INSERT INTO main.case_origin (case_id, merge_id, source_uid) SELECT "
	"  lid, ?2, uid FROM temp.merge_case WHERE n = ?1 AND action IN " WRITTEN
	"  ON CONFLICT (case_id) DO UPDATE SET merge_id = excluded.merge_id, "
	"  source_uid = excluded.source_uid",

	/* Between two files of one name, the file kept is what tells them apart. */
	"INSERT INTO main.merge_settled (kind, ref, keep, merge_id, keep_uid) "
	"  SELECT kind, ref, CASE action WHEN 'replace' THEN inspector ELSE "
	"  lead_inspector END, ?2, CASE WHEN inspector = lead_inspector THEN "
	"  CASE action WHEN 'replace' THEN uid ELSE lead_uid END END FROM "
	"  temp.merge_case WHERE n = ?1 AND settle = 1 AND action IN "
	"  ('replace', 'skip') ON CONFLICT (kind, ref) DO UPDATE SET keep = "
	"  excluded.keep, merge_id = excluded.merge_id, keep_uid = "
	"  excluded.keep_uid",
};
#define NAPPLY		(sizeof apply_sql / sizeof apply_sql[0])
#define APPLY_ROWS	7	/* apply_sql before the rows are copied */

static const char *const action_names[DB_MERGE_NACTIONS] = {
	"add", "update", "unchanged", "older", "replace", "skip", "conflict"
};

static int
action_parse(const char *s)
{
	int	i;

	for (i = 0; i < DB_MERGE_NACTIONS; i++) {
		if (s != NULL && strcmp(s, action_names[i]) == 0)
			return i;
	}
	return -1;
}

static int
lead_fail(struct db_merge *m, char **cause, const char *what)
{
	return db_fail(m->lead, cause, what);
}

struct db_merge *
db_merge_new(struct db *lead, char **cause)
{
	struct db_merge	*m;
	sqlite3_stmt	*stmt;
	int		 rc, rows = 0;

	if (lead->readonly) {
		util_fail(cause, "cannot merge into '%s': it is open read-only",
		    lead->path);
		return NULL;
	}
	if (sqlite3_prepare_v2(lead->h, "SELECT count(*) FROM bundle", -1,
	    &stmt, NULL) == SQLITE_OK) {
		if ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
			rows = sqlite3_column_int(stmt, 0);
		sqlite3_finalize(stmt);
	}
	if (rows > 0) {
		util_fail(cause, "'%s' is an export bundle, not an inspection "
		    "file: merge into the lead's own file (made with 'caseread "
		    "init')", lead->path);
		return NULL;
	}
	if (sqlite3_exec(lead->h, stage_sql, NULL, NULL, NULL) != SQLITE_OK) {
		db_fail(lead, cause, "cannot prepare the merge");
		return NULL;
	}
	m = xcalloc(1, sizeof *m);
	m->lead = lead;
	return m;
}

static void
conflict_clear(struct db_merge_conflict *c)
{
	free(c->ref);
	free(c->lead_inspector);
	free(c->lead_bundle);
	free(c->inspector);
	free(c->bundle);
	free(c->lead_source);
	db_merge_diffs_free(c->diffs, c->ndiffs);
}

void
db_merge_free(struct db_merge *m)
{
	size_t	i;

	if (m == NULL)
		return;
	db_merge_open_end(m->opener);
	if (m->lead->depth == 0)
		sqlite3_exec(m->lead->h, unstage_sql, NULL, NULL, NULL);
	for (i = 0; i < m->nbundles; i++) {
		free(m->bundles[i].path);
		free(m->bundles[i].inspector);
		free(m->bundles[i].exported_at);
		free(m->bundles[i].source_uid);
		free(m->bundles[i].digest);
		free(m->bundles[i].service);
	}
	free(m->bundles);
	for (i = 0; i < m->nbundles; i++)
		db_close(m->src[i]);
	free(m->src);
	for (i = 0; i < m->nconflicts; i++)
		conflict_clear(&m->conflicts[i]);
	free(m->conflicts);
	free(m);
}

const struct db_merge_bundle *
db_merge_bundles(const struct db_merge *m, size_t *n)
{
	*n = m->nbundles;
	return m->bundles;
}

int
db_merge_changed(const struct db_merge *m)
{
	return m->changed;
}

const struct db_merge_conflict *
db_merge_conflicts(const struct db_merge *m, size_t *n)
{
	*n = m->nconflicts;
	return m->conflicts;
}

static int
same_file(const char *a, const char *b)
{
	struct stat	sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
	    sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* Every row of src_sql on bundle b into dst_sql as ?1 = n, ?2... = its columns. */
static int
stage_rows(struct db_merge *m, struct db *b, const char *src_sql,
    const char *dst_sql, int n, char **cause)
{
	sqlite3_stmt	*src, *dst;
	int		 rc, col, ncols;

	if ((src = db_stmt(b, src_sql, cause)) == NULL ||
	    (dst = db_stmt(m->lead, dst_sql, cause)) == NULL)
		return -1;
	ncols = sqlite3_column_count(src);
	while ((rc = sqlite3_step(src)) == SQLITE_ROW) {
		sqlite3_bind_int(dst, 1, n);
		for (col = 0; col < ncols; col++)
			sqlite3_bind_value(dst, col + 2,
			    sqlite3_column_value(src, col));
		if (sqlite3_step(dst) != SQLITE_DONE) {
			sqlite3_reset(dst);
			sqlite3_reset(src);
			return lead_fail(m, cause, "cannot stage the bundle");
		}
		sqlite3_reset(dst);
	}
	sqlite3_reset(src);
	if (rc != SQLITE_DONE)
		return db_fail(b, cause, "cannot read the bundle");
	return 0;
}

/* Stage open bundle b's cases and inspectors' names as number n. */
static int
stage(struct db_merge *m, struct db *b, int n, char **cause)
{
	int	rc;

	if ((rc = stage_rows(m, b, bundle_cases_sql, stage_case_sql, n,
	    cause)) != 0)
		return rc;
	return stage_rows(m, b, bundle_names_sql, stage_name_sql, n, cause);
}

int
db_merge_add(struct db_merge *m, const char *path, char **cause)
{
	assert(m->lead->depth == 0);
	if (same_file(path, m->lead->path))
		return err_fail(cause, ERR_REFUSED, "'%s' is the lead's own "
		    "file, not a bundle", path);
	m->bundles = xreallocarray(m->bundles, m->nbundles + 1,
	    sizeof *m->bundles);
	memset(&m->bundles[m->nbundles], 0, sizeof *m->bundles);
	m->bundles[m->nbundles].path = xstrdup(path);
	m->src = xreallocarray(m->src, m->nbundles + 1, sizeof *m->src);
	m->src[m->nbundles++] = NULL;
	return 0;
}

/* One row of classify_sql, copied out before anything is changed. */
struct row {
	long long	 bid;
	char		*kind;
	char		*ref;
	char		*inspector;
	char		*updated_at;
	long long	 lid;		/* 0: not in the lead's file */
	char		*lead_inspector;
	char		*lead_updated_at;
	int		 same;
	char		*settled;	/* NULL when none */
	char		*lead_uid;	/* file the lead's copy came from */
	char		*lead_source;	/* its bundle; NULL: the lead's own reading */
	char		*settled_uid;	/* NULL when settled by name, or none */
	char		*uid;		/* the file the bundle's copy was read in */
};

static void
rows_free(struct row *rows, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(rows[i].kind);
		free(rows[i].ref);
		free(rows[i].inspector);
		free(rows[i].updated_at);
		free(rows[i].lead_inspector);
		free(rows[i].lead_updated_at);
		free(rows[i].settled);
		free(rows[i].lead_uid);
		free(rows[i].lead_source);
		free(rows[i].settled_uid);
		free(rows[i].uid);
	}
	free(rows);
}

static int
record_conflict(struct db_merge *m, int n, const struct row *r,
    const char *lead_source, char **cause)
{
	struct db_merge_conflict	 c;
	sqlite3_stmt			*stmt;
	int				 rc, same;

	memset(&c, 0, sizeof c);
	c.kind = strcmp(r->kind, "victim") == 0 ? QB_VICTIM : QB_CHILD;
	c.ref = xstrdup(r->ref);
	c.lead_inspector = xstrdup(r->lead_inspector);
	c.inspector = xstrdup(r->inspector);
	c.bundle = xstrdup(m->bundles[n].path);
	c.homonym = strcmp(r->inspector, r->lead_inspector) == 0;
	c.lead_source = xstrdup(lead_source);

	if (sqlite3_prepare_v2(m->lead->h, source_sql, -1, &stmt,
	    NULL) != SQLITE_OK)
		goto fail;
	sqlite3_bind_int64(stmt, 1, r->lid);
	sqlite3_bind_int(stmt, 2, n);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		c.lead_bundle = xstrdup(m->bundles[sqlite3_column_int(stmt,
		    0)].path);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		goto fail;

	if (db_merge_rows_compare(m->lead, m->src[n], r->bid, r->lid, &same,
	    &c.diffs, &c.ndiffs, cause) != 0) {
		conflict_clear(&c);
		return -1;
	}
	m->conflicts = xreallocarray(m->conflicts, m->nconflicts + 1,
	    sizeof *m->conflicts);
	m->conflicts[m->nconflicts++] = c;
	return 0;

fail:
	conflict_clear(&c);
	return lead_fail(m, cause, "cannot compare conflicting cases");
}

static char *
column_or_null(sqlite3_stmt *stmt, int col)
{
	if (sqlite3_column_type(stmt, col) == SQLITE_NULL)
		return NULL;
	return db_column_dup(stmt, col);
}

/* Decide every case of bundle n and note the decisions in merge_case. */
static int
classify(struct db_merge *m, int n, db_merge_decide_fn decide, void *arg,
    char **cause)
{
	struct db_merge_case	 mc;
	struct row		*rows = NULL, *r;
	sqlite3_stmt		*stmt = NULL;
	size_t			 nrows = 0, i;
	enum db_merge_action	 action;
	int			 rc, settle, ok = 0;

	if (sqlite3_prepare_v2(m->lead->h, classify_sql, -1, &stmt,
	    NULL) != SQLITE_OK) {
		lead_fail(m, cause, "cannot compare cases");
		return -1;
	}
	sqlite3_bind_int(stmt, 1, n);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		rows = xreallocarray(rows, nrows + 1, sizeof *rows);
		r = &rows[nrows++];
		r->bid = sqlite3_column_int64(stmt, 0);
		r->kind = db_column_dup(stmt, 1);
		r->ref = db_column_dup(stmt, 2);
		r->inspector = db_column_dup(stmt, 3);
		r->updated_at = db_column_dup(stmt, 4);
		r->lid = sqlite3_column_int64(stmt, 5);
		r->lead_inspector = db_column_dup(stmt, 6);
		r->lead_updated_at = db_column_dup(stmt, 7);
		r->same = sqlite3_column_int(stmt, 8);
		r->settled = column_or_null(stmt, 9);
		r->lead_uid = column_or_null(stmt, 10);
		r->lead_source = column_or_null(stmt, 11);
		r->settled_uid = column_or_null(stmt, 12);
		r->uid = db_column_dup(stmt, 13);
	}
	sqlite3_finalize(stmt);
	stmt = NULL;
	if (rc != SQLITE_DONE) {
		lead_fail(m, cause, "cannot compare cases");
		goto out;
	}
	/* Same details: the copy is the same only if its answers are too. */
	for (i = 0; i < nrows; i++) {
		r = &rows[i];
		if (r->lid != 0 && r->same && db_merge_rows_compare(m->lead,
		    m->src[n], r->bid, r->lid, &r->same, NULL, NULL, cause) != 0)
			goto out;
	}

	if (sqlite3_prepare_v2(m->lead->h, decided_sql, -1, &stmt,
	    NULL) != SQLITE_OK) {
		lead_fail(m, cause, "cannot record decisions");
		goto out;
	}
	for (i = 0; i < nrows; i++) {
		r = &rows[i];
		memset(&mc, 0, sizeof mc);
		mc.kind = strcmp(r->kind, "victim") == 0 ? QB_VICTIM : QB_CHILD;
		mc.ref = r->ref;
		mc.inspector = r->inspector;
		mc.updated_at = r->updated_at;
		mc.in_lead = r->lid != 0;
		mc.lead_inspector = r->lead_inspector;
		mc.lead_updated_at = r->lead_updated_at;
		mc.same = r->same;
		mc.settled = r->settled;
		mc.uid = r->uid;
		mc.bundle = m->bundles[n].path;
		mc.lead_uid = r->lead_uid;
		mc.lead_source = r->lead_source != NULL ? r->lead_source :
		    m->lead->path;
		mc.settled_uid = r->settled_uid;
		settle = 0;
		action = decide(&mc, &settle, arg);
		assert(action >= 0 && action < DB_MERGE_NACTIONS);
		if (!mc.in_lead && action != DB_MERGE_ADD) {
			util_fail(cause, "merge rule: a new case can only be "
			    "added");
			goto out;
		}
		if (action == DB_MERGE_CONFLICT &&
		    record_conflict(m, n, r, mc.lead_source, cause) != 0)
			goto out;
		sqlite3_reset(stmt);
		sqlite3_bind_int(stmt, 1, n);
		sqlite3_bind_int64(stmt, 2, r->bid);
		sqlite3_bind_text(stmt, 3, action_names[action], -1,
		    SQLITE_STATIC);
		sqlite3_bind_int(stmt, 4, settle != 0);
		if (mc.in_lead) {
			sqlite3_bind_int64(stmt, 5, r->lid);
			sqlite3_bind_text(stmt, 6, r->lead_inspector, -1,
			    SQLITE_STATIC);
			sqlite3_bind_text(stmt, 7, r->lead_uid, -1,
			    SQLITE_STATIC);
		}
		if (sqlite3_step(stmt) != SQLITE_DONE) {
			lead_fail(m, cause, "cannot record decisions");
			goto out;
		}
	}
	ok = 1;
out:
	sqlite3_finalize(stmt);
	rows_free(rows, nrows);
	return ok ? 0 : -1;
}

static int
run_bundle(struct db_merge *m, sqlite3_stmt **apply, int n,
    db_merge_decide_fn decide, void *arg, const char *keep,
    const struct db_merge_read *rd, char **cause)
{
	struct db_merge_bundle	*mb = &m->bundles[n];
	sqlite3_stmt		*stmt;
	char			 now[UTIL_TIME_LEN];
	long long		 merge_id;
	size_t			 i;
	int			 rc, a;

	util_now(now);
	if ((stmt = db_stmt(m->lead, log_sql, cause)) == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, mb->path, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, mb->inspector, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, mb->source_uid, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, mb->exported_at, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 5, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 6, m->lead->user, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 7, keep != NULL ? keep : "", -1,
	    SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return lead_fail(m, cause, "cannot log the merge");
	merge_id = sqlite3_last_insert_rowid(m->lead->h);

	if (classify(m, n, decide, arg, cause) != 0)
		return -1;
	for (i = 0; i < NAPPLY; i++) {
		if (i == APPLY_ROWS &&
		    db_merge_rows_copy(m->lead, m->src[n], n, rd, &m->stmts,
		    cause) != 0)
			return -1;
		sqlite3_reset(apply[i]);
		sqlite3_bind_int(apply[i], 1, n);
		if (sqlite3_bind_parameter_count(apply[i]) >= 2)
			sqlite3_bind_int64(apply[i], 2, merge_id);
		if (sqlite3_step(apply[i]) != SQLITE_DONE) {
			util_fail(cause, "%s: cannot merge '%s' (step %zu): %s",
			    m->lead->path, mb->path, i + 1,
			    sqlite3_errmsg(m->lead->h));
			sqlite3_reset(apply[i]);
			return -1;
		}
		sqlite3_reset(apply[i]);
	}

	/* The meetings' decisions and their reasons (db-merge-judgement.c). */
	if (db_merge_judgements(m->lead, m->src[n], &a, cause) != 0)
		return -1;
	if (a)
		m->changed = 1;

	memset(mb->actions, 0, sizeof mb->actions);
	if ((stmt = db_stmt(m->lead, count_sql, cause)) == NULL)
		return -1;
	sqlite3_bind_int(stmt, 1, n);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if ((a = action_parse((const char *)sqlite3_column_text(stmt,
		    0))) >= 0)
			mb->actions[a] = sqlite3_column_int(stmt, 1);
		/* A conflict settled now is written even when the lead's copy stays. */
		if (sqlite3_column_int(stmt, 2) > 0)
			m->changed = 1;
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return lead_fail(m, cause, "cannot count the merge");
	if (mb->actions[DB_MERGE_ADD] + mb->actions[DB_MERGE_UPDATE] +
	    mb->actions[DB_MERGE_REPLACE] > 0)
		m->changed = 1;

	if ((stmt = db_stmt(m->lead, log_counts_sql, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, mb->actions[DB_MERGE_ADD]);
	sqlite3_bind_int64(stmt, 2, mb->actions[DB_MERGE_UPDATE] +
	    mb->actions[DB_MERGE_REPLACE]);
	sqlite3_bind_int64(stmt, 3, mb->actions[DB_MERGE_UNCHANGED]);
	sqlite3_bind_int64(stmt, 4, mb->actions[DB_MERGE_OLDER] +
	    mb->actions[DB_MERGE_SKIP]);
	sqlite3_bind_int64(stmt, 5, merge_id);
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return lead_fail(m, cause, "cannot log the merge");
	return 0;
}

/*
 * Bundle n inside the merge's transaction, its rows already read and checked
 * by the opener's thread (the digest and the checks that ride on it are known
 * only once its rows are read): a bundle that fails them makes the whole
 * merge roll back, so the lead's file stays as it was.
 */
static int
run_one(struct db_merge *m, sqlite3_stmt **apply, int n,
    db_merge_decide_fn decide, void *arg, const char *keep, char **cause)
{
	struct db_merge_read	*rd;
	int			 rc;

	if ((rc = db_merge_read_wait(m->opener, (size_t)n, &rd, cause)) != 0)
		return rc;
	rc = stage(m, m->src[n], n, cause);
	if (rc == 0)
		rc = run_bundle(m, apply, n, decide, arg, keep, rd, cause);
	db_merge_read_done(m->opener, rd);
	return rc;
}

int
db_merge_run(struct db_merge *m, db_merge_decide_fn decide, void *arg,
    const char *keep, char **cause)
{
	sqlite3_stmt	*apply[NAPPLY];
	size_t		 i;
	int		 n, rc = -ERR_FAILED;

	memset(apply, 0, sizeof apply);
	/*
	 * Every bundle is opened and checked whole (its pages, its schema object
	 * by object, its bank) before the lead is locked: a bundle refused, or
	 * taking too long, leaves the lead's file untouched and never holds its
	 * write lock. The opener's thread still runs ahead of this one.
	 */
	m->opener = db_merge_open_start(m->lead, m->bundles, m->src,
	    m->nbundles);
	for (n = 0; n < (int)m->nbundles; n++) {
		if ((rc = db_merge_open_wait(m->opener, (size_t)n,
		    cause)) != 0) {
			db_merge_open_end(m->opener);
			m->opener = NULL;
			return rc;
		}
	}
	if ((rc = db_txn_begin(m->lead, "merge", cause)) != 0) {
		db_merge_open_end(m->opener);
		m->opener = NULL;
		return rc;
	}
	/* Prepared once for every bundle: a merge of many stays fast. */
	for (i = 0; i < NAPPLY; i++) {
		if (sqlite3_prepare_v2(m->lead->h, apply_sql[i], -1, &apply[i],
		    NULL) != SQLITE_OK) {
			rc = lead_fail(m, cause, "cannot prepare the merge");
			goto out;
		}
	}
	for (n = 0; n < (int)m->nbundles; n++) {
		if ((rc = run_one(m, apply, n, decide, arg, keep,
		    cause)) != 0)
			goto out;
	}
	rc = 0;
out:
	db_merge_open_end(m->opener);
	m->opener = NULL;
	for (i = 0; i < NAPPLY; i++)
		sqlite3_finalize(apply[i]);
	db_merge_stmts_free(m->stmts);
	m->stmts = NULL;
	if (rc == 0 && m->nconflicts > 0)
		rc = err_fail(cause, ERR_CONFLICT, "merge refused, nothing "
		    "written: %zu cases read twice", m->nconflicts);
	if (rc != 0) {
		db_txn_rollback(m->lead, "merge");
		return rc < 0 ? rc : -ERR_FAILED;
	}
	/* Merging what is already there changes nothing, not even the log. */
	if (!m->changed) {
		db_txn_rollback(m->lead, "merge");
		return 0;
	}
	return db_txn_commit(m->lead, "merge", cause);
}

void
db_merge_log_free(struct db_merge_log *list, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(list[i].bundle);
		free(list[i].inspector);
		free(list[i].exported_at);
		free(list[i].merged_at);
		free(list[i].merged_by);
		free(list[i].keep);
	}
	free(list);
}

static void
read_log(sqlite3_stmt *stmt, void *row)
{
	struct db_merge_log	*l = row;

	l->bundle = db_column_dup(stmt, 0);
	l->inspector = db_column_dup(stmt, 1);
	l->exported_at = db_column_dup(stmt, 2);
	l->merged_at = db_column_dup(stmt, 3);
	l->merged_by = db_column_dup(stmt, 4);
	l->added = sqlite3_column_int(stmt, 5);
	l->updated = sqlite3_column_int(stmt, 6);
	l->unchanged = sqlite3_column_int(stmt, 7);
	l->skipped = sqlite3_column_int(stmt, 8);
	l->keep = db_column_dup(stmt, 9);
}

static void
free_logs(void *list, size_t n)
{
	db_merge_log_free(list, n);
}

int
db_merge_log_list(struct db *db, struct db_merge_log **out, size_t *n,
    char **cause)
{
	static const char sql[] = "SELECT bundle, inspector, exported_at, "
	    "merged_at, merged_by, added, updated, unchanged, skipped, keep "
	    "FROM merge_log ORDER BY id";
	sqlite3_stmt	*stmt;
	void		*list;

	if ((stmt = db_stmt(db, sql, cause)) == NULL ||
	    db_rows_list(db, stmt, sizeof **out, read_log, free_logs, &list, n,
	    "cannot read the merge log", cause) != 0)
		return -1;
	*out = list;
	return 0;
}
