/*
 * Benchmark 1: the time caseread takes to durably save one answer (db_answer_save:
 * WAL, synchronous=FULL, its own transaction, with history) against a bare SQLite
 * program doing one single-row durable transaction on the same disk. Prints both
 * and their ratio; run by bench/run, never by make check.
 */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db.h"
#include "qbank.h"
#include "util.h"

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
	return t0;
}

int
main(int argc, char **argv)
{
	const char	*dir = argc > 1 ? argv[1] : ".";
	int		 n = argc > 2 ? atoi(argv[2]) : 2000, round;
	char		*a, *b;
	double		 tc = 1e9, tb = 1e9, t;

	/* Interleave rounds and keep each side's best, since disks are noisy. */
	for (round = 0; round < 3; round++) {
		a = xasprintf("%s/bench-save-%d.caseread", dir, round);
		b = xasprintf("%s/bench-save-%d.sqlite", dir, round);
		unlink(a);
		unlink(b);
		if ((t = bench_bare(b, n)) < tb)
			tb = t;
		if ((t = bench_caseread(a, n)) < tc)
			tc = t;
		free(a);
		free(b);
	}
	printf("answer save: caseread %.1f us, bare SQLite transaction %.1f us, "
	    "ratio %.2f (goal <= 1.30)\n", tc * 1e6, tb * 1e6, tc / tb);
	return 0;
}
