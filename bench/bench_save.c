/*
 * Benchmark 1: the time caseread takes to durably save one answer (db_answer_save:
 * WAL, synchronous=FULL, its own transaction, with history) against a bare SQLite
 * program doing one single-row durable transaction on the same disk. Run by
 * bench/run, never by make check.
 *
 *	bench_save DIR [SAVES [ROUNDS [both|caseread|bare]]]
 *
 * Rounds alternate which side goes first and each side writes a fresh file, so
 * a noisy neighbour hurts both alike; the figure is the median over rounds (the
 * best is printed too). One side alone is for strace, callgrind and perf.
 */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db-case.h"
#include "db.h"
#include "qbank.h"
#include "util.h"

#define MAX_ROUNDS	99

static double
now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
die(const char *what, const char *cause)
{
	fprintf(stderr, "bench_save: %s: %s\n", what, cause != NULL ? cause : "?");
	exit(1);
}

static void
unlink_all(const char *path)
{
	static const char *const sides[] = { "", "-wal", "-shm", "-journal" };
	char	*p;
	size_t	 i;

	for (i = 0; i < sizeof sides / sizeof sides[0]; i++) {
		p = xasprintf("%s%s", path, sides[i]);
		unlink(p);
		free(p);
	}
}

/* Seconds per caseread answer save over n saves. */
static double
bench_caseread(const char *path, int n)
{
	struct db_init	 init;
	struct db_case	 c;
	struct qbank	*bank;
	struct db	*db;
	char		*cause = NULL;
	double		 t0;
	int		 i;

	if ((bank = qbank_builtin(&cause)) == NULL)
		die("bank", cause);
	memset(&init, 0, sizeof init);
	init.service = "Bench YJS";
	init.type = "iyjwcv";
	init.owner = "bench";
	init.bank = bank;
	unlink_all(path);
	if ((db = db_create(path, &init, &cause)) == NULL)
		die(path, cause);
	memset(&c, 0, sizeof c);
	c.kind = QB_CHILD;
	c.ref = (char *)"B1";
	c.type = QB_COURT;
	if (db_case_add(db, &c, &cause) != 0)
		die("case", cause);
	t0 = now();
	for (i = 0; i < n; i++) {
		/* Alternate, so every save is a real change with a history row. */
		if (db_answer_save(db, c.id, bank->questions[i %
		    bank->nquestions].id, (i / (int)bank->nquestions) % 2 ?
		    ANSWER_NO : ANSWER_YES, NULL, &cause) != 0)
			die("save", cause);
	}
	t0 = (now() - t0) / n;
	db_close(db);
	qbank_free(bank);
	unlink_all(path);
	return t0;
}

/* Seconds per bare single-row durable transaction over n. */
static double
bench_bare(const char *path, int n)
{
	sqlite3		*h;
	sqlite3_stmt	*stmt;
	double		 t0;
	int		 i;

	unlink_all(path);
	if (sqlite3_open(path, &h) != SQLITE_OK ||
	    sqlite3_exec(h, "PRAGMA journal_mode = WAL; PRAGMA synchronous = "
	    "FULL; CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)", NULL, NULL,
	    NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, "INSERT OR REPLACE INTO t (id, v) VALUES "
	    "(?, ?)", -1, &stmt, NULL) != SQLITE_OK)
		die(path, sqlite3_errmsg(h));
	t0 = now();
	for (i = 0; i < n; i++) {
		sqlite3_bind_int(stmt, 1, i % 50);
		sqlite3_bind_text(stmt, 2, i % 2 ? "no" : "yes", -1,
		    SQLITE_STATIC);
		if (sqlite3_step(stmt) != SQLITE_DONE)
			die("insert", sqlite3_errmsg(h));
		sqlite3_reset(stmt);
	}
	t0 = (now() - t0) / n;
	sqlite3_finalize(stmt);
	sqlite3_close(h);
	unlink_all(path);
	return t0;
}

static int
cmp_double(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int
main(int argc, char **argv)
{
	const char	*dir = argc > 1 ? argv[1] : ".";
	int		 n = argc > 2 ? atoi(argv[2]) : 500;
	int		 rounds = argc > 3 ? atoi(argv[3]) : 9;
	const char	*side = argc > 4 ? argv[4] : "both";
	double		 tc[MAX_ROUNDS], tb[MAX_ROUNDS], ratio[MAX_ROUNDS];
	double		 mc, mb;
	char		*a, *b;
	int		 r, doc, dob;

	if (n < 1 || rounds < 1 || rounds > MAX_ROUNDS) {
		fprintf(stderr, "usage: bench_save DIR [SAVES [ROUNDS "
		    "[both|caseread|bare]]]\n");
		return 2;
	}
	doc = strcmp(side, "bare") != 0;
	dob = strcmp(side, "caseread") != 0;
	a = xasprintf("%s/bench-save.caseread", dir);
	b = xasprintf("%s/bench-save.sqlite", dir);
	for (r = 0; r < rounds; r++) {
		tc[r] = tb[r] = 0;
		if (r % 2 == 0 && dob)
			tb[r] = bench_bare(b, n);
		if (doc)
			tc[r] = bench_caseread(a, n);
		if (r % 2 == 1 && dob)
			tb[r] = bench_bare(b, n);
		ratio[r] = tb[r] > 0 ? tc[r] / tb[r] : 0;
	}
	free(a);
	free(b);
	if (!doc || !dob) {
		printf("answer save (%s only): median %.1f us over %d rounds of "
		    "%d\n", side, median(doc ? tc : tb, rounds) * 1e6, rounds, n);
		return 0;
	}
	/* The median of paired ratios: each pair ran back to back. */
	mc = median(tc, rounds);
	mb = median(tb, rounds);
	printf("answer save\tcaseread %.0f us\tbare SQLite transaction %.0f us\t"
	    "ratio %.2f\tgoal <= 1.30\t%s\n", mc * 1e6, mb * 1e6,
	    median(ratio, rounds), median(ratio, rounds) <= 1.30 ? "met" :
	    "NOT MET");
	printf("  (medians of %d rounds of %d saves; best %.0f vs %.0f us)\n",
	    rounds, n, tc[0] * 1e6, tb[0] * 1e6);
	return 0;
}
