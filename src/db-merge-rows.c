/*
 * The rows under a merged case: comparing a bundle's answers with the lead's
 * copy, and copying a bundle's answers, history and events into the lead's
 * file once each case is decided. Read straight from the bundle's own
 * connection in key order and written with bound statements, so no row is
 * staged twice. Which case is written is db-merge.c's decision, not this file's.
 */
#include "config.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "db-internal.h"
#include "util.h"

static const char bundle_case_answers_sql[] =
    "SELECT question, value, note FROM answer WHERE case_id = ?1 "
    "ORDER BY question";
static const char lead_case_answers_sql[] =
    "SELECT question, value, note FROM main.answer WHERE case_id = ?1 "
    "ORDER BY question";

static enum answer_value
value_of(sqlite3_stmt *stmt, int col)
{
	const char	*s = (const char *)sqlite3_column_text(stmt, col);
	int		 v = s != NULL ? db_answer_parse(s) : ANSWER_NONE;

	return v < 0 ? ANSWER_NONE : (enum answer_value)v;
}

static const char *
text_or_empty(sqlite3_stmt *stmt, int col)
{
	const char	*s = (const char *)sqlite3_column_text(stmt, col);

	return s != NULL ? s : "";
}

/* Step stmt; 1 on a row, 0 at the end, -1 on an error. */
static int
next(sqlite3_stmt *stmt)
{
	int	rc = sqlite3_step(stmt);

	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int
db_merge_rows_compare(struct db *lead, struct db *b, long long bid,
    long long lid, int *same, struct db_merge_diff **diffs, size_t *ndiffs,
    char **cause)
{
	sqlite3_stmt		*ls, *bs;
	struct db_merge_diff	*d;
	const char		*lq, *bq;
	enum answer_value	 lv, bv;
	int			 lr, br, c, differ;

	*same = 1;
	if (diffs != NULL) {
		*diffs = NULL;
		*ndiffs = 0;
	}
	if ((ls = db_stmt(lead, lead_case_answers_sql, cause)) == NULL ||
	    (bs = db_stmt(b, bundle_case_answers_sql, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(ls, 1, lid);
	sqlite3_bind_int64(bs, 1, bid);
	lr = next(ls);
	br = next(bs);
	/* Both in question order: walk them side by side, as a merge join. */
	while (lr > 0 || br > 0) {
		lq = lr > 0 ? (const char *)sqlite3_column_text(ls, 0) : NULL;
		bq = br > 0 ? (const char *)sqlite3_column_text(bs, 0) : NULL;
		c = lq == NULL ? 1 : bq == NULL ? -1 : strcmp(lq, bq);
		/* A question on one side only is (no answer, no note) on the other. */
		lv = c <= 0 ? value_of(ls, 1) : ANSWER_NONE;
		bv = c >= 0 ? value_of(bs, 1) : ANSWER_NONE;
		differ = lv != bv || strcmp(c <= 0 ? text_or_empty(ls, 2) : "",
		    c >= 0 ? text_or_empty(bs, 2) : "") != 0;
		if (c != 0 || differ)
			*same = 0;
		if (differ && diffs != NULL) {
			*diffs = xreallocarray(*diffs, *ndiffs + 1,
			    sizeof **diffs);
			d = &(*diffs)[(*ndiffs)++];
			d->question = xstrdup(c <= 0 ? lq : bq);
			d->lead_value = lv;
			d->value = bv;
			d->note_differs = strcmp(c <= 0 ? text_or_empty(ls, 2) :
			    "", c >= 0 ? text_or_empty(bs, 2) : "") != 0;
		}
		if (c <= 0)
			lr = next(ls);
		if (c >= 0)
			br = next(bs);
		if (diffs == NULL && !*same)
			break;
	}
	sqlite3_reset(ls);
	sqlite3_reset(bs);
	if (lr < 0 || br < 0) {
		if (diffs != NULL) {
			db_merge_diffs_free(*diffs, *ndiffs);
			*diffs = NULL;
			*ndiffs = 0;
		}
		return lr < 0 ? db_fail(lead, cause, "cannot compare answers") :
		    db_fail(b, cause, "cannot compare answers");
	}
	return 0;
}

void
db_merge_diffs_free(struct db_merge_diff *d, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(d[i].question);
	free(d);
}

/* What happens to the rows of one bundle case, by its id in the bundle. */
struct case_map {
	long long	 bid;		/* first: util_find_id reads it */
	long long	 lid;		/* its case in the lead's file */
	int		 write;		/* 0 not written; ROWS_NEW; ROWS_UPDATE */
};
#define ROWS_NEW	1	/* added or replacing: nothing of it is in the lead yet */
#define ROWS_UPDATE	2	/* updated: copy only history and events not there */

/* A bundle inspector id and the lead's id for the same name. */
struct name_map {
	long long	 bid;		/* first: util_find_id reads it */
	long long	 lid;
};

/* Rows written by one multi-row INSERT: one statement's fixed cost, not 32. */
#define BATCH_ROWS	32

/* One value of a row as read, its text kept in the read's buffer: 16 bytes. */
struct cell {
	long long	 v;		/* an integer, or where a text is in buf */
	int		 len;		/* a text's length */
	int		 type;		/* SQLITE_NULL, SQLITE_INTEGER or SQLITE_TEXT */
};

/* What copying one table takes; the inserts list their columns in source order. */
struct table {
	const char	*what;		/* for messages: "answers" */
	size_t		 src;		/* db_digest_sql's query, case id first */
	const char	*head;		/* "INSERT INTO main.t (...) VALUES " */
	int		 ncols;
	int		 insp;		/* column of the inspector id */
	const char	*again;		/* for updated cases; NULL: as new */
};

#define NTABLES		3
static const struct table tables[NTABLES] = {
	/* Answers of an updated case were deleted first: always new. */
	{ "answers", DB_DIGEST_ANSWER,
	    "INSERT INTO main.answer (case_id, question, value, note, inspector, "
	    "updated_at) VALUES ", 6, 4, NULL },
	/* A case's history never doubles: what is already there stays once. */
	{ "answer history", DB_DIGEST_HISTORY,
	    "INSERT INTO main.answer_history (case_id, question, old_value, "
	    "old_note, new_value, new_note, inspector, at) VALUES ", 8, 6,
	    "INSERT INTO main.answer_history (case_id, question, old_value, "
	    "old_note, new_value, new_note, inspector, at) SELECT ?1, ?2, ?3, "
	    "?4, ?5, ?6, ?7, ?8 WHERE NOT EXISTS (SELECT 1 FROM "
	    "main.answer_history x WHERE x.case_id = ?1 AND x.question = ?2 AND "
	    "x.at = ?8 AND x.inspector = ?7 AND x.new_value IS ?5 AND "
	    "x.new_note = ?6 AND x.old_value IS ?3 AND x.old_note IS ?4)" },
	{ "case events", DB_DIGEST_EVENT,
	    "INSERT INTO main.case_event (case_id, event, reason, inspector, at) "
	    "VALUES ", 5, 3,
	    "INSERT INTO main.case_event (case_id, event, reason, inspector, at) "
	    "SELECT ?1, ?2, ?3, ?4, ?5 WHERE NOT EXISTS (SELECT 1 FROM "
	    "main.case_event x WHERE x.case_id = ?1 AND x.event = ?2 AND "
	    "x.reason = ?3 AND x.inspector = ?4 AND x.at = ?5)" },
};

/*
 * A bundle's answers, history and events, read once, each row shown to the
 * pass (digest and checks) and kept here to be copied: read on the opener's
 * thread while the merge writes the bundle before, and only then written.
 */
struct db_merge_read {
	struct db_merge_pass	*pass;
	struct {
		struct cell	*cells;		/* nrows * its table's ncols */
		size_t		 nrows;
		size_t		 cap;		/* rows there is room for */
	}			 t[NTABLES];
	char			*buf;		/* every text, one after another */
	size_t			 len, size;
};

void
db_merge_read_free(struct db_merge_read *rd)
{
	int	i;

	if (rd == NULL)
		return;
	db_merge_pass_free(rd->pass);
	for (i = 0; i < NTABLES; i++)
		free(rd->t[i].cells);
	free(rd->buf);
	free(rd);
}

/* Row src as read into cells; its text appended to the read's buffer. */
static void
read_row(struct db_merge_read *rd, sqlite3_stmt *src, struct cell *cells,
    int ncols)
{
	sqlite3_value	*v;
	int		 col, n;

	for (col = 0; col < ncols; col++) {
		v = sqlite3_column_value(src, col);
		cells[col].type = sqlite3_value_type(v);
		if (cells[col].type == SQLITE_INTEGER)
			cells[col].v = sqlite3_value_int64(v);
		else if (cells[col].type != SQLITE_NULL) {
			/* The pass refused any other type already. */
			cells[col].type = SQLITE_TEXT;
			n = sqlite3_value_bytes(v);
			if (rd->len + (size_t)n + 1 > rd->size) {
				rd->size = (rd->len + (size_t)n + 1) * 2;
				rd->buf = xreallocarray(rd->buf, rd->size, 1);
			}
			memcpy(rd->buf + rd->len, sqlite3_value_text(v),
			    (size_t)n);
			cells[col].v = (long long)rd->len;
			cells[col].len = n;
			rd->len += (size_t)n;
		}
	}
}

static int
prepare(struct db *db, const char *sql, sqlite3_stmt **stmt, char **cause)
{
	if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, stmt,
	    NULL) != SQLITE_OK)
		return db_fail(db, cause, "cannot prepare the merge");
	return 0;
}

/* Table ti of bundle b, every row through the pass and into rd. */
static int
read_table(struct db_merge_read *rd, struct db *b, int ti, char **cause)
{
	const struct table	*t = &tables[ti];
	sqlite3_value		*cols[DB_DIGEST_MAXCOLS];
	sqlite3_stmt		*src;
	size_t			 k;
	int			 rc, col;

	if (prepare(b, db_digest_sql[t->src], &src, cause) != 0)
		return -1;
	assert(sqlite3_column_count(src) == t->ncols);
	while ((rc = sqlite3_step(src)) == SQLITE_ROW) {
		for (col = 0; col < t->ncols; col++)
			cols[col] = sqlite3_column_value(src, col);
		if (db_merge_pass_row(rd->pass, t->src, cols, t->ncols,
		    cause) != 0) {
			sqlite3_finalize(src);
			return -1;
		}
		if ((k = rd->t[ti].nrows) == rd->t[ti].cap) {
			rd->t[ti].cap = k == 0 ? 256 : k * 2;
			rd->t[ti].cells = xreallocarray(rd->t[ti].cells,
			    rd->t[ti].cap * (size_t)t->ncols,
			    sizeof *rd->t[ti].cells);
		}
		read_row(rd, src, rd->t[ti].cells + k * (size_t)t->ncols,
		    t->ncols);
		rd->t[ti].nrows++;
	}
	sqlite3_finalize(src);
	if (rc != SQLITE_DONE)
		return db_fail(b, cause, "cannot read the bundle");
	return 0;
}

void
db_merge_read_clear(struct db_merge_read *rd)
{
	int	i;

	db_merge_pass_free(rd->pass);
	rd->pass = NULL;
	for (i = 0; i < NTABLES; i++)
		rd->t[i].nrows = 0;
	rd->len = 0;
}

struct db_merge_read *
db_merge_rows_read(struct db *lead, struct db *b,
    const struct db_merge_bundle *mb, struct db_merge_read *spare,
    char **cause)
{
	struct db_merge_read	*rd = spare != NULL ? spare :
				    xcalloc(1, sizeof *rd);
	int			 ti;

	if ((rd->pass = db_merge_pass_begin(lead, b, mb, cause)) == NULL) {
		db_merge_read_free(rd);
		return NULL;
	}
	for (ti = 0; ti < NTABLES; ti++) {
		if (read_table(rd, b, ti, cause) != 0) {
			db_merge_read_free(rd);
			return NULL;
		}
	}
	if (db_merge_pass_end(rd->pass, cause) != 0) {
		db_merge_read_free(rd);
		return NULL;
	}
	return rd;
}

/* The lead's statements for the three tables, kept for the whole merge. */
struct db_merge_stmts {
	sqlite3_stmt	*many[NTABLES];	/* BATCH_ROWS rows of ? */
	sqlite3_stmt	*one[NTABLES];	/* one row: the rest */
	sqlite3_stmt	*again[NTABLES];	/* an updated case's row, or NULL */
};

void
db_merge_stmts_free(struct db_merge_stmts *s)
{
	int	i;

	if (s == NULL)
		return;
	for (i = 0; i < NTABLES; i++) {
		sqlite3_finalize(s->many[i]);
		sqlite3_finalize(s->one[i]);
		sqlite3_finalize(s->again[i]);
	}
	free(s);
}

struct rows {
	struct db		*lead;
	struct db		*b;
	const struct db_merge_read *rd;		/* the bundle's rows, checked */
	struct case_map		*cases;		/* by bid, ascending */
	size_t			 ncases;
	struct name_map		*names;		/* by bid, ascending */
	size_t			 nnames;
};

static int
load_maps(struct rows *r, int n, char **cause)
{
	static const char cases_sql[] = "SELECT bid, coalesce(lid, 0), action "
	    "FROM temp.merge_case WHERE n = ?1 ORDER BY bid";
	static const char names_sql[] = "SELECT id, coalesce(lid, 0) FROM "
	    "temp.merge_name WHERE n = ?1 ORDER BY id";
	sqlite3_stmt	*stmt;
	const char	*a;
	int		 rc;

	if ((stmt = db_stmt(r->lead, cases_sql, cause)) == NULL)
		return -1;
	sqlite3_bind_int(stmt, 1, n);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		r->cases = xreallocarray(r->cases, r->ncases + 1,
		    sizeof *r->cases);
		r->cases[r->ncases].bid = sqlite3_column_int64(stmt, 0);
		r->cases[r->ncases].lid = sqlite3_column_int64(stmt, 1);
		a = (const char *)sqlite3_column_text(stmt, 2);
		r->cases[r->ncases].write = a == NULL ? 0 :
		    strcmp(a, "add") == 0 || strcmp(a, "replace") == 0 ?
		    ROWS_NEW : strcmp(a, "update") == 0 ? ROWS_UPDATE : 0;
		r->ncases++;
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return db_fail(r->lead, cause, "cannot read the merge's cases");

	if ((stmt = db_stmt(r->lead, names_sql, cause)) == NULL)
		return -1;
	sqlite3_bind_int(stmt, 1, n);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		r->names = xreallocarray(r->names, r->nnames + 1,
		    sizeof *r->names);
		r->names[r->nnames].bid = sqlite3_column_int64(stmt, 0);
		r->names[r->nnames].lid = sqlite3_column_int64(stmt, 1);
		r->nnames++;
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return db_fail(r->lead, cause, "cannot read the merge's names");
	return 0;
}

static const struct case_map *
find_case(const struct rows *r, long long bid)
{
	long	i = util_find_id(r->cases, r->ncases, sizeof *r->cases, bid);

	return i >= 0 ? &r->cases[i] : NULL;
}

/* The lead's inspector for a bundle's; 0 when the name was never copied. */
static long long
find_name(const struct rows *r, long long bid)
{
	long	i = util_find_id(r->names, r->nnames, sizeof *r->names, bid);

	return i >= 0 ? r->names[i].lid : 0;
}

/* Rows batched for one multi-row insert, their text in the read's buffer. */
struct batch {
	sqlite3_stmt	*many;		/* BATCH_ROWS rows of ? */
	sqlite3_stmt	*one;		/* one row: the rest */
	struct cell	 cells[BATCH_ROWS * DB_DIGEST_MAXCOLS];
	int		 nrows;
};

/* The lead's row for row as read (its case written as c) into cells. */
static void
cells_map(const struct rows *r, const struct table *t, const struct cell *row,
    const struct case_map *c, struct cell *cells)
{
	memcpy(cells, row, (size_t)t->ncols * sizeof *cells);
	cells[0].type = SQLITE_INTEGER;
	cells[0].v = c->lid;
	/* NULL fails NOT NULL: never a row without its name. */
	if (row[t->insp].type == SQLITE_INTEGER &&
	    (cells[t->insp].v = find_name(r, row[t->insp].v)) > 0)
		cells[t->insp].type = SQLITE_INTEGER;
	else
		cells[t->insp].type = SQLITE_NULL;
}

/* Bind ncols cells to w from parameter first; text stays in buf meanwhile. */
static void
cells_bind(sqlite3_stmt *w, int first, const char *buf,
    const struct cell *cells, int ncols)
{
	int	col;

	for (col = 0; col < ncols; col++) {
		if (cells[col].type == SQLITE_NULL)
			sqlite3_bind_null(w, first + col);
		else if (cells[col].type == SQLITE_INTEGER)
			sqlite3_bind_int64(w, first + col, cells[col].v);
		else
			sqlite3_bind_text(w, first + col, buf + cells[col].v,
			    cells[col].len, SQLITE_STATIC);
	}
}

/*
 * Every parameter is bound again before each step (cells_bind binds them all),
 * so the bindings are left as they are: clearing them cost more than the row.
 */
static int
write_step(struct rows *r, const struct table *t, sqlite3_stmt *w,
    char **cause)
{
	int	rc = sqlite3_step(w);

	sqlite3_reset(w);
	if (rc != SQLITE_DONE)
		return util_fail(cause, "%s: cannot merge the %s of '%s': %s",
		    r->lead->path, t->what, r->b->path,
		    sqlite3_errmsg(r->lead->h));
	return 0;
}

/* Write the rows batched so far: all at once when full, else one by one. */
static int
batch_flush(struct rows *r, const struct table *t, struct batch *bt,
    char **cause)
{
	int	i;

	if (bt->nrows == BATCH_ROWS) {
		for (i = 0; i < bt->nrows; i++)
			cells_bind(bt->many, 1 + i * t->ncols, r->rd->buf,
			    bt->cells + i * t->ncols, t->ncols);
		if (write_step(r, t, bt->many, cause) != 0)
			return -1;
	} else {
		for (i = 0; i < bt->nrows; i++) {
			cells_bind(bt->one, 1, r->rd->buf,
			    bt->cells + i * t->ncols, t->ncols);
			if (write_step(r, t, bt->one, cause) != 0)
				return -1;
		}
	}
	bt->nrows = 0;
	return 0;
}

/* "HEAD(?,?,...),(?,...)": rows of ncols parameters each. */
static char *
insert_sql(const struct table *t, int rows)
{
	size_t	 n = strlen(t->head);
	char	*sql = xmalloc(n + (size_t)rows * ((size_t)t->ncols * 2 + 2) + 1);
	int	 row, col;

	memcpy(sql, t->head, n);
	for (row = 0; row < rows; row++) {
		if (row > 0)
			sql[n++] = ',';
		sql[n++] = '(';
		for (col = 0; col < t->ncols; col++) {
			if (col > 0)
				sql[n++] = ',';
			sql[n++] = '?';
		}
		sql[n++] = ')';
	}
	sql[n] = '\0';
	return sql;
}

/*
 * One table's rows, as read: those of a new case batched into multi-row
 * inserts, those of an updated case written one at a time with the statement
 * that skips a row already there.
 */
static int
copy_table(struct rows *r, int ti, struct db_merge_stmts *ws, char **cause)
{
	const struct table	*t = &tables[ti];
	const struct case_map	*c;
	const struct cell	*row;
	struct batch		*bt;
	struct cell		 one[DB_DIGEST_MAXCOLS];
	char			*sql;
	size_t			 i;
	int			 rc, ok = 0;

	if (ws->many[ti] == NULL) {
		sql = insert_sql(t, BATCH_ROWS);
		rc = prepare(r->lead, sql, &ws->many[ti], cause);
		free(sql);
		if (rc != 0)
			return -1;
	}
	if (ws->one[ti] == NULL) {
		sql = insert_sql(t, 1);
		rc = prepare(r->lead, sql, &ws->one[ti], cause);
		free(sql);
		if (rc != 0)
			return -1;
	}
	if (t->again != NULL && ws->again[ti] == NULL && prepare(r->lead,
	    t->again, &ws->again[ti], cause) != 0)
		return -1;
	bt = xcalloc(1, sizeof *bt);
	bt->many = ws->many[ti];
	bt->one = ws->one[ti];

	for (i = 0; i < r->rd->t[ti].nrows; i++) {
		row = r->rd->t[ti].cells + i * (size_t)t->ncols;
		c = find_case(r, row[0].v);
		if (c == NULL || c->write == 0)
			continue;
		if (c->write == ROWS_UPDATE && t->again != NULL) {
			/* In order: what is batched goes first. */
			if (batch_flush(r, t, bt, cause) != 0)
				goto out;
			cells_map(r, t, row, c, one);
			cells_bind(ws->again[ti], 1, r->rd->buf, one, t->ncols);
			if (write_step(r, t, ws->again[ti], cause) != 0)
				goto out;
			continue;
		}
		cells_map(r, t, row, c, bt->cells + bt->nrows * t->ncols);
		if (++bt->nrows == BATCH_ROWS && batch_flush(r, t, bt,
		    cause) != 0)
			goto out;
	}
	if (batch_flush(r, t, bt, cause) != 0)
		goto out;
	ok = 1;
out:
	free(bt);
	return ok ? 0 : -1;
}

int
db_merge_rows_copy(struct db *lead, struct db *b, int n,
    const struct db_merge_read *rd, struct db_merge_stmts **stmts,
    char **cause)
{
	struct rows	 r;
	int		 ok, ti;

	memset(&r, 0, sizeof r);
	r.lead = lead;
	r.b = b;
	r.rd = rd;
	if (*stmts == NULL)
		*stmts = xcalloc(1, sizeof **stmts);
	ok = load_maps(&r, n, cause) == 0;
	for (ti = 0; ok && ti < NTABLES; ti++)
		ok = copy_table(&r, ti, *stmts, cause) == 0;
	free(r.cases);
	free(r.names);
	return ok ? 0 : -1;
}
