/*
 * Feeding the tally from a file: cases and their answers read as two streams
 * in case order, so each case is complete when the next begins, inside one read
 * transaction. Nothing is held per answer; the counting itself is tally.c's.
 */
#include "config.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "db-internal.h"
#include "hashtab.h"
#include "tally.h"
#include "util.h"

struct insp_name {
	long long	 id;
	char		*name;
};

/* The inspector table, small: names by id for the per-inspector split. */
static int
load_inspectors(struct db *db, struct insp_name **out, size_t *n, char **cause)
{
	sqlite3_stmt		*stmt;
	struct insp_name	*list = NULL;
	size_t			 count = 0;
	int			 rc;

	if (sqlite3_prepare_v2(db->h, "SELECT id, name FROM inspector ORDER BY "
	    "id", -1, &stmt, NULL) != SQLITE_OK)
		return db_fail(db, cause, "cannot read inspectors");
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		list = xreallocarray(list, count + 1, sizeof *list);
		list[count].id = sqlite3_column_int64(stmt, 0);
		list[count].name = db_column_dup(stmt, 1);
		count++;
	}
	sqlite3_finalize(stmt);
	*out = list;
	*n = count;
	if (rc != SQLITE_DONE)
		return db_fail(db, cause, "cannot read inspectors");
	return 0;
}

static const char *
inspector_name(const struct insp_name *list, size_t n, long long id)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (list[i].id == id)
			return list[i].name;
	}
	return NULL;
}

static enum answer_value
value_of(const unsigned char *s)
{
	if (s == NULL)
		return ANSWER_NONE;
	if (s[0] == 'y')
		return ANSWER_YES;
	if (s[0] == 'n' && s[1] == 'o')
		return ANSWER_NO;
	if (s[0] == 'n' && s[1] == 'a')
		return ANSWER_NA;
	return ANSWER_NONE;
}

/* The judgements: V1.2, the panel's victims' rating, domain one. */
static int
load_judgements(struct db *db, struct tally *t, char **cause)
{
	static const char *const d1[TALLY_DOMAIN1] = { "1.1", "1.2", "1.3" };
	char	*v = NULL;
	int	 i;

	if (db_judgement_get(db, "V1.2", &v, cause) != 0)
		return -1;
	t->v12 = v == NULL ? -1 : strcmp(v, "yes") == 0;
	free(v);
	if (db_judgement_get(db, "victims", &v, cause) != 0)
		return -1;
	t->panel = v == NULL ? TALLY_NONE : tally_rating_parse(v);
	free(v);
	if (db_judgement_reason(db, "V1.2", &t->v12_reason, cause) != 0 ||
	    db_judgement_reason(db, "victims", &t->panel_reason, cause) != 0)
		return -1;
	for (i = 0; i < TALLY_DOMAIN1; i++) {
		if (db_judgement_get(db, d1[i], &v, cause) != 0)
			return -1;
		t->domain1[i] = v == NULL ? TALLY_NONE : tally_rating_parse(v);
		free(v);
		if (db_judgement_reason(db, d1[i], &t->domain1_reason[i],
		    cause) != 0)
			return -1;
	}
	return 0;
}

/*
 * The bank's key questions by id for the answer scan, which meets every
 * answered row: one hash and one compare a row, where tally_key_find compares
 * with each key in turn (all of them for a prompt's answer).
 */
static int
key_eq(const void *key, size_t i, const void *arg)
{
	const struct tally	*t = arg;

	return strcmp(t->keys[i].id, key) == 0;
}

static struct hashtab *
key_index_new(const struct tally *t)
{
	struct hashtab	*ki = hashtab_new(t->nkeys);
	size_t		 i;

	for (i = 0; i < t->nkeys; i++)
		hashtab_put(ki, hashtab_str(t->keys[i].id,
		    strlen(t->keys[i].id)), i);
	return ki;
}

/*
 * Two scans in step, both in primary key order so neither sorts: cases by id,
 * and every row of the answer table by (case_id, question). Each case
 * takes the answers that follow it in the second scan. This reads the answer
 * table once from end to end, where a join would seek it once per case and key
 * (seven b-tree descents a case: five times slower than the scan on 500,000
 * cases). Prompts are passed by here: a string compare in C costs less than
 * the same filter in SQL (and so does telling kind and status), and a note
 * without an answer counts as unanswered in tally_case_answer.
 *
 * Both scans run inside SQLite, as aggregates (feed_answer, FEED_FN;
 * feed_cases_row, CASES_FN): each row reaches the tally without a result row
 * handed back through sqlite3_step and a call per column, which cost as much
 * as the scans themselves. The answers are one aggregate over the table; the
 * cases, stepped from within it, are read FEED_CHUNK ids at a time into a
 * small buffer (a case row costs SQLite about 1,000 instructions to read, and
 * the step and its seven column calls another 900). The functions find their
 * feed through their connection (db->tally_feed, set only while feed runs),
 * so no SQL can hand them anything else.
 */
#define FEED_FN		"caseread_tally"
#define CASES_FN	"caseread_tally_cases"
#define FEED_CHUNK	1024		/* case ids a read of the cases covers */

/* One case as the tally needs it. */
struct feed_row {
	long long	 id;
	long long	 inspector;
	int		 type;		/* qbank_type_parse, 0 for none */
	unsigned	 victim:1;
	unsigned	 complete:1;
	unsigned	 macd:1;
	unsigned	 gone:1;	/* withdrawn */
};

struct ahead;

struct feed {
	struct tally		*t;
	struct hashtab		*ki;
	const struct insp_name	*names;
	size_t			 nnames;
	sqlite3_stmt		*cs;		/* the cases with ids in a range */
	sqlite3_stmt		*cfirst;	/* the first case id from one */
	struct ahead		*ahead;		/* or the cases read ahead */
	struct ahead_block	*block;		/* the block rows is in */
	struct feed_row		 own[FEED_CHUNK]; /* the range's cases */
	struct feed_row		*rows;		/* own, or block's */
	char			*why;		/* the thread's failure, if any */
	enum err_code		 why_code;
	size_t			 nrows;
	size_t			 irow;		/* the next to feed */
	long long		 lo;		/* the next range's first id */
	int			 end;		/* no case after the last range */
	int			 crc;		/* SQLITE_ROW: id is a case */
	long long		 id;		/* its current case, when SQLITE_ROW */
	int			 fed;		/* that case was begun in the tally */
	long long		 last;		/* the last answer's case */
	size_t			 prev;		/* the case's last key answered, or nkeys */
	size_t			*after;		/* per key and nkeys: the key answered
						   next last time, or HASHTAB_NONE */
};

/* Ids are a few bytes: compared here, not by a call to strcmp. */
static int
same_id(const char *a, const unsigned char *b)
{
	for (; *a == (char)*b && *a != '\0'; a++, b++)
		;
	return *a == (char)*b;
}

/*
 * The key of question q, or HASHTAB_NONE for a prompt. Every case lists its
 * answers in the same (question) order, so the key that followed the last one
 * last time is tried before the hash.
 */
static size_t
feed_key(struct feed *f, const unsigned char *q)
{
	size_t	k = f->after[f->prev];

	if (k != HASHTAB_NONE && same_id(f->t->keys[k].id, q)) {
		f->prev = k;
		return k;
	}
	k = hashtab_find(f->ki, hashtab_str(q, strlen((const char *)q)),
	    key_eq, q, f->t);
	if (k != HASHTAB_NONE) {
		f->after[f->prev] = k;
		f->prev = k;
	}
	return k;
}

/* A case's row as the tally needs it. */
static void
feed_row_set(struct feed_row *r, long long id, const unsigned char *kind,
    const unsigned char *type, long long inspector,
    const unsigned char *status, int macd, int gone)
{
	r->id = id;
	r->inspector = inspector;
	r->macd = macd != 0;
	r->gone = gone != 0;
	/* The schema's CHECKs allow 'child'/'victim', 'draft'/'complete'. */
	r->victim = kind != NULL && kind[0] == 'v';
	r->complete = status != NULL && status[0] == 'c';
	r->type = type != NULL ? qbank_type_parse((const char *)type) : 0;
}

/* CASES_FN(id, kind, case_type, inspector, status, macd, withdrawn): a case. */
static void
feed_cases_row(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct db		*db = sqlite3_user_data(ctx);
	struct feed		*f = db->tally_feed;

	if (argc != 7 || f == NULL) {
		sqlite3_result_error(ctx, CASES_FN ": not called by the tally",
		    -1);
		return;
	}
	/* A range holds at most FEED_CHUNK ids, in order (the table's). */
	if (f->nrows == FEED_CHUNK || (f->nrows > 0 &&
	    sqlite3_value_int64(argv[0]) <= f->rows[f->nrows - 1].id)) {
		sqlite3_result_error(ctx, "cases out of order", -1);
		return;
	}
	feed_row_set(&f->rows[f->nrows++], sqlite3_value_int64(argv[0]),
	    sqlite3_value_text(argv[1]), sqlite3_value_text(argv[2]),
	    sqlite3_value_int64(argv[3]), sqlite3_value_text(argv[4]),
	    sqlite3_value_int(argv[5]), sqlite3_value_int(argv[6]));
}

static void
feed_done(sqlite3_context *ctx)
{
	sqlite3_result_null(ctx);
}

/*
 * The cases, read ahead on a second connection by a thread of their own and
 * handed over in blocks: reading them is a third of a tally's work (a second
 * table), which then runs beside the answers' scan on another core. The two
 * connections must read the same commit, and SQLite here has no
 * sqlite3_snapshot_open: PRAGMA data_version is taken before the thread's
 * read begins and again once the tally's own has begun after it. The same
 * number means no other connection committed in between, so both read one
 * commit; otherwise the thread's rows are dropped and the cases are read on
 * the tally's connection, as they are for a file in memory, a bundle (its
 * deadline is its connection's), inside a transaction already open (its own
 * writes are not the thread's to see), or with CASEREAD_TALLY_THREADS=1.
 */
#define CASES_ALL_SQL	"SELECT id, kind, case_type, inspector, status, " \
			"macd, withdrawn IS NOT NULL FROM cases ORDER BY id"

struct ahead_block {
	struct feed_row		 rows[FEED_CHUNK];
	size_t			 n;
	struct ahead_block	*next;
};

struct ahead {
	sqlite3			*h;		/* the thread's connection */
	pthread_t		 thread;
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	struct ahead_block	*head, *tail;	/* read, not yet taken */
	int			 started;	/* its read began, or failed */
	int			 first;		/* its first step's code */
	int			 done;		/* SQLite's last code; 0 reading */
	enum err_code		 code;		/* and, when it failed, its kind */
	char			*why;		/* and its message, escaped */
	int			 stop;		/* the tally wants no more */
};

static void
ahead_put(struct ahead *a, struct ahead_block *b, int done)
{
	pthread_mutex_lock(&a->mu);
	if (b != NULL) {
		if (a->tail != NULL)
			a->tail->next = b;
		else
			a->head = b;
		a->tail = b;
	}
	if (done != 0)
		a->done = done;
	pthread_cond_broadcast(&a->cv);
	pthread_mutex_unlock(&a->mu);
}

static void *
ahead_main(void *arg)
{
	struct ahead		*a = arg;
	struct ahead_block	*b = NULL;
	sqlite3_stmt		*s = NULL;
	int			 rc, stop = 0;

	rc = sqlite3_exec(a->h, "BEGIN", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(a->h, CASES_ALL_SQL, -1, &s, NULL);
	/* The read, and so its snapshot, begins with the first step. */
	if (rc == SQLITE_OK)
		rc = sqlite3_step(s);
	pthread_mutex_lock(&a->mu);
	a->started = 1;
	a->first = rc;
	pthread_cond_broadcast(&a->cv);
	pthread_mutex_unlock(&a->mu);
	while (rc == SQLITE_ROW && !stop) {
		if (b == NULL) {
			b = xmalloc(sizeof *b);
			b->n = 0;
			b->next = NULL;
		}
		feed_row_set(&b->rows[b->n++], sqlite3_column_int64(s, 0),
		    sqlite3_column_text(s, 1), sqlite3_column_text(s, 2),
		    sqlite3_column_int64(s, 3), sqlite3_column_text(s, 4),
		    sqlite3_column_int(s, 5), sqlite3_column_int(s, 6));
		rc = sqlite3_step(s);
		if (b->n == FEED_CHUNK || rc != SQLITE_ROW) {
			ahead_put(a, b, 0);
			b = NULL;
			pthread_mutex_lock(&a->mu);
			stop = a->stop;
			pthread_mutex_unlock(&a->mu);
		}
	}
	if (rc != SQLITE_DONE && !stop) {
		/* Kept for the tally to say, before anything resets it. */
		const char *raw = sqlite3_errmsg(a->h);

		a->code = db_err_code(a->h);
		a->why = db_escape(raw, strlen(raw));
	}
	sqlite3_finalize(s);
	sqlite3_exec(a->h, "ROLLBACK", NULL, NULL, NULL);
	ahead_put(a, NULL, rc == SQLITE_OK ? SQLITE_ERROR : rc);
	return NULL;
}

static void
ahead_end(struct ahead *a)
{
	struct ahead_block	*b;

	if (a == NULL)
		return;
	pthread_mutex_lock(&a->mu);
	a->stop = 1;
	pthread_mutex_unlock(&a->mu);
	pthread_join(a->thread, NULL);
	while ((b = a->head) != NULL) {
		a->head = b->next;
		free(b);
	}
	pthread_cond_destroy(&a->cv);
	pthread_mutex_destroy(&a->mu);
	sqlite3_close(a->h);
	free(a->why);
	free(a);
}

/*
 * A thread reading db's cases, once its read has begun: NULL where the
 * tally reads them itself (see above), or when a connection or a thread
 * cannot be had.
 */
static struct ahead *
ahead_start(struct db *db)
{
	const char	*env = getenv("CASEREAD_TALLY_THREADS");
	struct ahead	*a;

	if (db->uri == NULL || db->deadline != 0 ||
	    sqlite3_txn_state(db->h, NULL) != SQLITE_TXN_NONE || (env != NULL &&
	    strcmp(env, "1") == 0))
		return NULL;
	a = xcalloc(1, sizeof *a);
	if (sqlite3_open_v2(db->uri, &a->h, db->oflags, NULL) != SQLITE_OK ||
	    db_harden(a->h) != 0 || sqlite3_busy_timeout(a->h,
	    DB_BUSY_TIMEOUT) != SQLITE_OK || (db->query_only &&
	    sqlite3_exec(a->h, "PRAGMA query_only = ON", NULL, NULL,
	    NULL) != SQLITE_OK)) {
		sqlite3_close(a->h);
		free(a);
		return NULL;
	}
	if (pthread_mutex_init(&a->mu, NULL) != 0) {
		sqlite3_close(a->h);
		free(a);
		return NULL;
	}
	if (pthread_cond_init(&a->cv, NULL) != 0) {
		pthread_mutex_destroy(&a->mu);
		sqlite3_close(a->h);
		free(a);
		return NULL;
	}
	if (pthread_create(&a->thread, NULL, ahead_main, a) != 0) {
		pthread_cond_destroy(&a->cv);
		pthread_mutex_destroy(&a->mu);
		sqlite3_close(a->h);
		free(a);
		return NULL;
	}
	pthread_mutex_lock(&a->mu);
	while (!a->started)
		pthread_cond_wait(&a->cv, &a->mu);
	pthread_mutex_unlock(&a->mu);
	/* It could not begin (busy, say): the tally tries on its own. */
	if (a->first != SQLITE_ROW && a->first != SQLITE_DONE) {
		ahead_end(a);
		return NULL;
	}
	return a;
}

void	(*db_tally_between)(struct db *);

/* The next block of cases read ahead into f->rows, as feed_cases_read. */
static int
ahead_take(struct feed *f)
{
	struct ahead		*a = f->ahead;
	struct ahead_block	*b;
	int			 done;

	pthread_mutex_lock(&a->mu);
	while (a->head == NULL && a->done == 0)
		pthread_cond_wait(&a->cv, &a->mu);
	if ((b = a->head) != NULL) {
		a->head = b->next;
		if (a->head == NULL)
			a->tail = NULL;
	}
	done = a->done;
	if (b == NULL && a->why != NULL && f->why == NULL) {
		f->why = xstrdup(a->why);
		f->why_code = a->code;
	}
	pthread_mutex_unlock(&a->mu);
	free(f->block);
	f->block = b;
	if (b == NULL)
		return done;
	f->rows = b->rows;
	f->nrows = b->n;
	f->irow = 0;
	return SQLITE_ROW;
}

/*
 * Fill rows with the next cases: SQLITE_ROW, SQLITE_DONE after the last, or
 * SQLite's error code. A range without cases (ids left by deleted cases)
 * moves on to the next case id there is.
 */
static int
feed_cases_read(struct feed *f)
{
	long long	 hi;
	int		 rc;

	if (f->ahead != NULL && f->irow == f->nrows)
		return ahead_take(f);
	while (f->irow == f->nrows) {
		if (f->end)
			return SQLITE_DONE;
		f->nrows = f->irow = 0;
		hi = f->lo > INT64_MAX - (FEED_CHUNK - 1) ? INT64_MAX :
		    f->lo + (FEED_CHUNK - 1);
		sqlite3_bind_int64(f->cs, 1, f->lo);
		sqlite3_bind_int64(f->cs, 2, hi);
		rc = sqlite3_step(f->cs);
		sqlite3_reset(f->cs);
		if (rc != SQLITE_ROW)
			return rc;
		f->end = hi == INT64_MAX;
		f->lo = hi + !f->end;
		if (f->nrows > 0 || f->end)
			continue;
		sqlite3_bind_int64(f->cfirst, 1, f->lo);
		rc = sqlite3_step(f->cfirst);
		if (rc == SQLITE_ROW && sqlite3_column_type(f->cfirst, 0) ==
		    SQLITE_NULL)
			f->end = 1;
		else if (rc == SQLITE_ROW)
			f->lo = sqlite3_column_int64(f->cfirst, 0);
		sqlite3_reset(f->cfirst);
		if (rc != SQLITE_ROW)
			return rc;
	}
	return SQLITE_ROW;
}

/* The next case: the one before it ended, this one begun unless withdrawn. */
static void
feed_case(struct feed *f)
{
	const struct feed_row	*r;

	if (f->fed)
		tally_case_end(f->t);
	f->fed = 0;
	f->prev = f->t->nkeys;
	if ((f->crc = feed_cases_read(f)) != SQLITE_ROW)
		return;
	r = &f->rows[f->irow++];
	f->id = r->id;
	if (!r->gone && r->macd)
		f->t->macd++;
	/* A withdrawn case is counted as such and left out of the rest. */
	if (r->gone) {
		f->t->withdrawn++;
		return;
	}
	tally_case_begin(f->t, r->victim ? QB_VICTIM : QB_CHILD, r->type,
	    inspector_name(f->names, f->nnames, r->inspector), r->complete);
	f->fed = 1;
}

/* FEED_FN(case_id, question, value): one answer row, in key order. */
static void
feed_answer(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct db		*db = sqlite3_user_data(ctx);
	struct feed		*f = db->tally_feed;
	const unsigned char	*q;
	long long		 aid;
	size_t			 k;

	if (argc != 3 || f == NULL) {
		sqlite3_result_error(ctx, FEED_FN ": not called by the tally",
		    -1);
		return;
	}
	aid = sqlite3_value_int64(argv[0]);
	/* The table's order, which the cases' order relies on. */
	if (aid < f->last) {
		sqlite3_result_error(ctx, "answers out of case order", -1);
		return;
	}
	f->last = aid;
	while (f->crc == SQLITE_ROW && f->id < aid)
		feed_case(f);
	if (f->crc != SQLITE_ROW && f->crc != SQLITE_DONE) {
		sqlite3_result_error_code(ctx, f->crc);
		return;
	}
	/* Answers of no case cannot be (foreign key): pass them by. */
	if (!f->fed || f->id != aid ||
	    (q = sqlite3_value_text(argv[1])) == NULL)
		return;
	if ((k = feed_key(f, q)) != HASHTAB_NONE)
		tally_case_answer(f->t, k, value_of(sqlite3_value_text(argv[2])));
}

static int
feed(struct db *db, struct tally *t, const struct insp_name *names,
    size_t nnames, struct ahead *ahead, char **cause)
{
	static const char cases_sql[] = "SELECT " CASES_FN "(id, kind, "
	    "case_type, inspector, status, macd, withdrawn IS NOT NULL) FROM "
	    "cases WHERE id BETWEEN ?1 AND ?2";
	static const char first_sql[] = "SELECT min(id) FROM cases WHERE "
	    "id >= ?1";
	static const char answers_sql[] = "SELECT " FEED_FN "(case_id, "
	    "question, value) FROM answer";
	struct feed	*f;
	sqlite3_stmt	*as = NULL;
	size_t		 i;
	int		 rc = SQLITE_ERROR;

	f = xcalloc(1, sizeof *f);
	f->t = t;
	f->names = names;
	f->nnames = nnames;
	f->ki = key_index_new(t);
	f->last = INT64_MIN;
	f->lo = INT64_MIN;
	f->ahead = ahead;
	f->rows = f->own;
	f->after = xreallocarray(NULL, t->nkeys + 1, sizeof *f->after);
	for (i = 0; i <= t->nkeys; i++)
		f->after[i] = HASHTAB_NONE;
	/* Once a connection: redefining them would expire every statement. */
	if (!db->tally_fn) {
		if (sqlite3_create_function_v2(db->h, FEED_FN, 3, SQLITE_UTF8 |
		    SQLITE_DIRECTONLY, db, NULL, feed_answer, feed_done,
		    NULL) != SQLITE_OK ||
		    sqlite3_create_function_v2(db->h, CASES_FN, 7, SQLITE_UTF8 |
		    SQLITE_DIRECTONLY, db, NULL, feed_cases_row, feed_done,
		    NULL) != SQLITE_OK)
			goto out;
		db->tally_fn = 1;
	}
	/* The cases' own statements only where this connection reads them. */
	if ((ahead == NULL && (sqlite3_prepare_v2(db->h, cases_sql, -1,
	    &f->cs, NULL) != SQLITE_OK || sqlite3_prepare_v2(db->h, first_sql,
	    -1, &f->cfirst, NULL) != SQLITE_OK)) ||
	    sqlite3_prepare_v2(db->h, answers_sql, -1, &as, NULL) != SQLITE_OK)
		goto out;
	db->tally_feed = f;
	feed_case(f);
	rc = sqlite3_step(as);
	if (rc != SQLITE_ROW)
		goto out;
	/* The cases after the last answer's. */
	while (f->crc == SQLITE_ROW)
		feed_case(f);
	rc = f->crc;
out:
	db->tally_feed = NULL;
	if (f->fed)
		tally_case_end(t);
	sqlite3_finalize(f->cs);
	sqlite3_finalize(f->cfirst);
	sqlite3_finalize(as);
	hashtab_free(f->ki);
	free(f->after);
	free(f->block);
	if (rc != SQLITE_DONE && f->why != NULL) {
		/* The thread's connection failed: its words, not ours. */
		rc = err_fail(cause, f->why_code, "%s: cannot read cases: %s",
		    db->path, f->why);
		free(f->why);
		free(f);
		return rc;
	}
	free(f->why);
	free(f);
	if (rc != SQLITE_DONE)
		return db_fail(db, cause, "cannot read answers");
	return 0;
}

int
db_tally(struct db *db, struct tally *t, char **cause)
{
	struct insp_name	*names = NULL;
	struct ahead		*ahead = NULL;
	size_t			 nnames = 0, i;
	long long		 version = -1;
	int			 rc;

	/*
	 * No read open (a statement not reset keeps one even in autocommit):
	 * data_version must be taken between two reads of this connection.
	 */
	if (sqlite3_txn_state(db->h, NULL) == SQLITE_TXN_NONE &&
	    (version = db_data_version(db)) != -1)
		ahead = ahead_start(db);
	if (db_tally_between != NULL)
		db_tally_between(db);
	/* One snapshot: a writer beside us must not split a case's answers. */
	if ((rc = db_txn_read(db, "tally", cause)) != 0) {
		ahead_end(ahead);
		return rc;
	}
	/* The thread's read and ours see the same commit, or it is dropped. */
	if (ahead != NULL && db_data_version(db) != version) {
		ahead_end(ahead);
		ahead = NULL;
	}
	db->tally_ahead = ahead != NULL;
	t->iyjs = strcmp(db->insp.type, "iyjs") == 0;
	t->min_children = db->insp.min_children;
	t->min_victims = db->insp.min_victims;
	rc = load_inspectors(db, &names, &nnames, cause);
	if (rc == 0)
		rc = load_judgements(db, t, cause);
	if (rc == 0)
		rc = feed(db, t, names, nnames, ahead, cause);
	db_txn_finish(db, "tally", 0, NULL);
	ahead_end(ahead);
	for (i = 0; i < nnames; i++)
		free(names[i].name);
	free(names);
	if (rc != 0)
		return rc;
	tally_finish(t);
	return 0;
}

int
db_tally_set_minimums(struct db *db, int children, int victims, char **cause)
{
	static const char sql[] = "UPDATE inspection SET min_children = "
	    "coalesce(?1, min_children), min_victims = coalesce(?2, "
	    "min_victims) WHERE id = 1";
	sqlite3_stmt	*stmt;
	int		 rc;

	if ((rc = db_txn_begin(db, "minimums", cause)) != 0)
		return rc;
	if ((stmt = db_stmt(db, sql, cause)) == NULL)
		return db_txn_finish(db, "minimums", -1, NULL);
	if (children >= 0)
		sqlite3_bind_int(stmt, 1, children);
	if (victims >= 0)
		sqlite3_bind_int(stmt, 2, victims);
	rc = db_step(db, stmt, "cannot record sample minimums", cause);
	if ((rc = db_txn_finish(db, "minimums", rc, cause)) != 0)
		return rc;
	if (children >= 0)
		db->insp.min_children = children;
	if (victims >= 0)
		db->insp.min_victims = victims;
	return 0;
}
