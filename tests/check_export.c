/*
 * Export: the bundle is a verified, consistent, owner-only snapshot written
 * under its final name only when whole; CSV keeps the import header and RFC
 * 4180 quoting (read back with csv.c), with each case's own columns after
 * them; JSON carries inspection and cases.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csv.h"
#include "db-case.h"
#include "db-merge.h"
#include "db.h"
#include "export.h"
#include "testlib.h"
#include "util.h"

#define NASTY_NOTE	"Said \"no\", then yes, at café; line one\nline two, \"end\""

static void
teardown(void)
{
	test_cleanup();
}

static long long
add_case(struct db *db, enum qb_kind kind, const char *ref, unsigned type)
{
	struct db_case	 c;
	char		*cause = NULL;

	memset(&c, 0, sizeof c);
	c.kind = kind;
	c.ref = (char *)ref;
	c.type = type;
	c.manager = (char *)"JB";
	c.interviewed = 1;
	ck_assert_msg(db_case_add(db, &c, &cause) == 0, "%s", cause);
	return c.id;
}

static void
answer(struct db *db, long long id, const char *q, enum answer_value v,
    const char *note)
{
	char	*cause = NULL;

	ck_assert_msg(db_answer_save(db, id, q, v, note, &cause) == 0, "%s",
	    cause);
}

/* alice's file with two children's cases and a victim's, one note nasty. */
static struct db *
sample(const char *name)
{
	struct db	*db = test_db_new(name, "iyjwcv");
	long long	 c1, c2, v1;

	c1 = add_case(db, QB_CHILD, "YJ-001", QB_COURT);
	c2 = add_case(db, QB_CHILD, "YJ-002,A", QB_OUT_OF_COURT);
	v1 = add_case(db, QB_VICTIM, "V-01", 0);
	(void)c2;	/* a case with no answers at all */
	answer(db, c1, "2.1.1", ANSWER_YES, NASTY_NOTE);
	answer(db, c1, "2.1.1", ANSWER_NO, NULL);
	answer(db, c1, "2.1.2", ANSWER_NA, "");
	answer(db, c1, "2.2.1.1", ANSWER_NONE, "note without an answer");
	answer(db, v1, "V1.1", ANSWER_YES, "Victim contacted within 5 days");
	ck_assert_int_eq(db_case_set_complete(db, v1, 1, NULL, NULL), 0);
	ck_assert_int_eq(db_setting_set(db, "ui.case", "3", NULL), 0);
	return db;
}

/* Names in test_dir() other than those listed: temporaries left behind. */
static int
stray_files(const char *const *expected, size_t n)
{
	DIR		*d = opendir(test_dir());
	struct dirent	*de;
	size_t		 i;
	int		 stray = 0, known;

	ck_assert_ptr_nonnull(d);
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		for (known = 0, i = 0; i < n; i++)
			known |= strcmp(de->d_name, expected[i]) == 0;
		if (!known) {
			fprintf(stderr, "stray file: %s\n", de->d_name);
			stray++;
		}
	}
	closedir(d);
	return stray;
}

START_TEST(test_bundle)
{
	static const char *const expected[] = { "a.caseread", "a.caseread-wal",
	    "a.caseread-shm", "a.bundle" };
	struct db		*db = sample("a.caseread");
	struct db_bundle_counts	 counts;
	struct export_opts	 opts;
	struct stat		 sb;
	char			*out = test_path("a.bundle"), *cause = NULL;

	memset(&opts, 0, sizeof opts);
	opts.out = out;
	ck_assert_msg(export_run(db, &export_bundle_sink, &opts, &counts,
	    &cause) == 0, "%s", cause);
	ck_assert_int_eq(counts.cases, 3);
	ck_assert_int_eq(counts.answers, 4);
	ck_assert_int_eq(counts.history, 5);
	ck_assert_int_eq(counts.events, 1);

	ck_assert_int_eq(stat(out, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0600);
	ck_assert_int_eq(stray_files(expected, 4), 0);
	ck_assert_int_eq(db_bundle_probe(out), DB_PROBE_BUNDLE);
	ck_assert_int_eq(db_bundle_probe(db_path(db)), DB_PROBE_INSPECTION);
	ck_assert_int_eq(test_sql_int(out, "PRAGMA application_id"),
	    DB_APPLICATION_ID);
	ck_assert_int_eq(test_sql_int(out, "PRAGMA user_version"),
	    db_schema_latest());
	/* It travels alone: no WAL, so no side files are needed to read it. */
	ck_assert_int_eq(test_sql_int(out, "SELECT count(*) FROM pragma_journal_mode "
	    "WHERE journal_mode = 'delete'"), 1);
	ck_assert_int_eq(test_sql_int(out, "SELECT count(*) FROM bundle WHERE "
	    "inspector = 'alice' AND cases = 3 AND answers = 4 AND history = 5 "
	    "AND events = 1 AND length(exported_at) = 24"), 1);
	ck_assert_int_eq(test_sql_int(out, "SELECT count(*) FROM inspection WHERE "
	    "service = 'Testshire YJS' AND bank_id = 'youth-2025'"), 1);
	ck_assert_int_eq(test_sql_int(out, "SELECT count(*) FROM answer WHERE note "
	    "= 'note without an answer' AND value IS NULL"), 1);
	ck_assert_int_eq(test_sql_int(out, "SELECT count(*) FROM setting"), 0);
	ck_assert_int_eq(test_sql_int(out, "SELECT length(digest) FROM bundle"),
	    16);
	ck_assert_int_eq(db_export_verify(out, &counts, &cause), 0);

	/* Exporting again replaces the bundle. */
	add_case(db, QB_CHILD, "YJ-003", QB_COURT);
	ck_assert_int_eq(export_run(db, &export_bundle_sink, &opts, &counts,
	    &cause), 0);
	ck_assert_int_eq(test_sql_int(out, "SELECT cases FROM bundle"), 4);
	ck_assert_int_eq(stray_files(expected, 4), 0);
	db_close(db);
	free(out);
}
END_TEST

/*
 * The check export runs on the bundle it wrote refuses one that did not come out
 * as written: damaged pages, lost rows, changed text, other counts than exported.
 */
START_TEST(test_verify_finds_damage)
{
	static const struct {
		const char	*sql;		/* done to a good bundle; NULL: pages */
		const char	*want;
	} damage[] = {
		{ "UPDATE answer SET note = 'changed' WHERE note <> ''",
		    "do not match the digest" },
		{ "UPDATE cases SET ref = 'YJ-999' WHERE ref = 'YJ-001'",
		    "do not match the digest" },
		{ "DELETE FROM case_event", "holds 3 cases, 4 answers, 5 "
		    "history rows, 0 events, not the 3, 4, 5, 1" },
		{ "UPDATE bundle SET answers = 9", "holds 3 cases, 4 answers" },
		{ "UPDATE bundle SET digest = ''", "has no digest" },
		{ "PRAGMA user_version = 99", "schema" },
		{ NULL, "malformed" },
	};
	struct db		*db = sample("a.caseread");
	struct db_bundle_counts	 counts, more;
	struct export_opts	 opts;
	char			*out = test_path("a.bundle"), *cause = NULL;
	char			*buf, *copy;
	size_t			 len, i, pg;

	memset(&opts, 0, sizeof opts);
	opts.out = out;
	ck_assert_msg(export_run(db, &export_bundle_sink, &opts, &counts,
	    &cause) == 0, "%s", cause);
	ck_assert_int_eq(util_read_file(out, &buf, &len, NULL), 0);
	copy = test_path("copy.bundle");
	for (i = 0; i < sizeof damage / sizeof damage[0]; i++) {
		test_write(copy, buf, len);
		if (damage[i].sql != NULL)
			test_sql(copy, damage[i].sql);
		else {
			char	*bad = xmalloc(len);

			memcpy(bad, buf, len);
			for (pg = 4096; pg + 4096 <= len; pg += 4096)
				memset(bad + pg + 8, 0x5A, 64);
			test_write(copy, bad, len);
			free(bad);
		}
		cause = NULL;
		ck_assert_int_eq(db_export_verify(copy, &counts, &cause),
		    -ERR_DAMAGED);
		ck_assert_msg(cause != NULL && strstr(cause, damage[i].want) !=
		    NULL, "%zu: got \"%s\", want \"%s\"", i, cause,
		    damage[i].want);
		free(cause);
	}
	/* Whole, but not what the exporter counted. */
	more = counts;
	more.answers++;
	cause = NULL;
	ck_assert_int_eq(db_export_verify(out, &more, &cause), -ERR_DAMAGED);
	ck_assert_ptr_nonnull(strstr(cause, "not the 3, 5, 5, 1 exported"));
	free(cause);
	ck_assert_int_eq(db_export_verify(out, &counts, NULL), 0);
	free(buf);
	free(copy);
	free(out);
	db_close(db);
}
END_TEST

/* A writer in the middle of a transaction: the bundle has only what was committed. */
START_TEST(test_bundle_is_a_snapshot)
{
	struct db		*db = sample("a.caseread");
	struct db_bundle_counts	 counts;
	struct export_opts	 opts;
	sqlite3			*other;
	char			*path = test_path("a.caseread");
	char			*out = test_path("snap.bundle"), *cause = NULL;

	ck_assert_int_eq(sqlite3_open(path, &other), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(other, "BEGIN IMMEDIATE; INSERT INTO "
	    "cases (kind, ref, case_type, inspector, created_at, updated_at) "
	    "VALUES ('child', 'HALF', 'court', 1, 'x', 'x')", NULL, NULL, NULL),
	    SQLITE_OK);
	memset(&opts, 0, sizeof opts);
	opts.out = out;
	ck_assert_msg(export_run(db, &export_bundle_sink, &opts, &counts,
	    &cause) == 0, "%s", cause);
	sqlite3_exec(other, "COMMIT", NULL, NULL, NULL);
	sqlite3_close(other);
	ck_assert_int_eq(counts.cases, 3);
	ck_assert_int_eq(test_sql_int(out, "SELECT count(*) FROM cases WHERE ref = "
	    "'HALF'"), 0);
	db_close(db);
	free(path);
	free(out);
}
END_TEST

START_TEST(test_bundle_refusals)
{
	/* b.caseread is closed: looking at it must not leave -wal or -shm. */
	static const char *const expected[] = { "a.caseread", "a.caseread-wal",
	    "a.caseread-shm", "b.caseread", "dir" };
	struct db		*db = sample("a.caseread");
	struct export_opts	 opts;
	char			*cause = NULL, *p;

	db_close(test_db_new("b.caseread", "iyjwcv"));
	p = test_path("dir");
	ck_assert_int_eq(mkdir(p, 0700), 0);
	free(p);
	memset(&opts, 0, sizeof opts);

	opts.out = "-";
	test_assert_code(export_run(db, &export_bundle_sink, &opts, NULL,
	    &cause), &cause, ERR_INVALID);

	p = test_path("a.caseread");
	opts.out = p;
	ck_assert_int_eq(export_run(db, &export_bundle_sink, &opts, NULL,
	    &cause), -ERR_INVALID);
	ck_assert_ptr_nonnull(strstr(cause, "is the inspection being "
	    "exported"));
	free(cause);
	free(p);

	p = test_path("b.caseread");
	opts.out = p;
	ck_assert_int_eq(export_run(db, &export_bundle_sink, &opts, NULL,
	    &cause), -ERR_INVALID);
	ck_assert_ptr_nonnull(strstr(cause, "is a caseread inspection file"));
	free(cause);
	free(p);

	p = test_path("dir");
	opts.out = p;
	ck_assert_int_eq(export_run(db, &export_bundle_sink, &opts, NULL,
	    &cause), -ERR_INVALID);
	ck_assert_ptr_nonnull(strstr(cause, "is a directory"));
	free(cause);
	free(p);

	p = test_path("missing/a.bundle");
	opts.out = p;
	test_assert_code(export_run(db, &export_bundle_sink, &opts, NULL,
	    &cause), &cause, ERR_IO);
	free(p);

	/* Not even a temporary was left by any of them. */
	ck_assert_int_eq(stray_files(expected, 5), 0);
	ck_assert_int_eq(test_sql_int(db_path(db), "SELECT count(*) FROM cases"), 3);
	db_close(db);
}
END_TEST

/*
 * The disk fills up half-way through: the export fails, the bundle already
 * under the final name is the old one, whole, and no temporary remains. A
 * file size limit plays the full disk.
 */
START_TEST(test_bundle_failure_leaves_nothing)
{
	static const char *const expected[] = { "a.caseread", "a.caseread-wal",
	    "a.caseread-shm", "a.bundle" };
	struct db		*db = sample("a.caseread");
	struct db_bundle_counts	 counts;
	struct export_opts	 opts;
	struct rlimit		 old, small;
	char			*out = test_path("a.bundle"), *cause = NULL;
	char			 ref[32], *before, *after;
	size_t			 lb, la;
	long long		 id;
	int			 i, rc;

	memset(&opts, 0, sizeof opts);
	opts.out = out;
	ck_assert_int_eq(export_run(db, &export_bundle_sink, &opts, &counts,
	    NULL), 0);
	ck_assert_int_eq(util_read_file(out, &before, &lb, NULL), 0);

	/* Grow the inspection well past the limit below. */
	ck_assert_int_eq(db_txn_begin(db, "test", NULL), 0);
	for (i = 0; i < 300; i++) {
		snprintf(ref, sizeof ref, "BIG-%03d", i);
		id = add_case(db, QB_CHILD, ref, QB_COURT);
		answer(db, id, "2.1.1", ANSWER_YES, "Padding the evidence note "
		    "so the file grows well beyond the size limit of this test.");
	}
	ck_assert_int_eq(db_txn_commit(db, "test", NULL), 0);

	signal(SIGXFSZ, SIG_IGN);
	ck_assert_int_eq(getrlimit(RLIMIT_FSIZE, &old), 0);
	small = old;
	small.rlim_cur = lb + 8192;
	ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &small), 0);
	rc = export_run(db, &export_bundle_sink, &opts, &counts, &cause);
	ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, SIG_DFL);
	test_assert_code(rc, &cause, ERR_IO);

	ck_assert_int_eq(stray_files(expected, 4), 0);
	ck_assert_int_eq(util_read_file(out, &after, &la, NULL), 0);
	ck_assert_uint_eq(la, lb);
	ck_assert(memcmp(before, after, la) == 0);
	free(before);
	free(after);
	db_close(db);
	free(out);
}
END_TEST

/* Read a CSV file back with csv.c: rows of fields, the header first. */
static char ***
read_csv(const char *path, size_t *nrows, size_t *nfields, int *bom)
{
	struct csv_reader	*r;
	struct csv_record	 rec;
	char			*buf, *cause = NULL, ***rows = NULL;
	size_t			 len, i;
	int			 rc;

	ck_assert_int_eq(util_read_file(path, &buf, &len, NULL), 0);
	*bom = len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0;
	r = csv_reader_new_mem(buf, len, path);
	*nrows = 0;
	while ((rc = csv_read(r, &rec, &cause)) == 1) {
		rows = xreallocarray(rows, *nrows + 1, sizeof *rows);
		rows[*nrows] = xcalloc(rec.nfields, sizeof **rows);
		for (i = 0; i < rec.nfields; i++)
			rows[*nrows][i] = xstrdup(rec.fields[i]);
		if (*nrows == 0)
			*nfields = rec.nfields;
		ck_assert_uint_eq(rec.nfields, *nfields);
		(*nrows)++;
	}
	ck_assert_msg(rc == 0, "%s", cause);
	csv_reader_free(r);
	free(buf);
	return rows;
}

static void
free_csv(char ***rows, size_t nrows, size_t nfields)
{
	size_t	i, j;

	for (i = 0; i < nrows; i++) {
		for (j = 0; j < nfields; j++)
			free(rows[i][j]);
		free(rows[i]);
	}
	free(rows);
}

/* Case id's details: manager interviewed, period, worker and interview. */
static void
details(struct db *db, long long id, int manager, const char *start,
    const char *end, const char *worker, const char *interview)
{
	struct db_case_details	 d;
	char			*cause = NULL;

	d.manager_interviewed = manager;
	d.period_start = (char *)start;
	d.period_end = (char *)end;
	d.victim_worker = (char *)worker;
	d.interview = (char *)interview;
	ck_assert_msg(db_details_set(db, id, &d, NULL, &cause) == 0, "%s",
	    cause);
}

START_TEST(test_csv)
{
	static const char *const header[] = { "case_ref", "case_kind",
	    "case_type", "question", "answer", "note", "inspector", "macd",
	    "withdrawn", "manager_interviewed", "period_start", "period_end",
	    "victim_worker", "interview", "manager", "contact", "status" };
	static const char	 head[] = "case_ref,case_kind,case_type,question,"
	    "answer,note,inspector,macd,withdrawn,manager_interviewed,"
	    "period_start,period_end,victim_worker,interview,manager,contact,"
	    "status\r\n";
	struct db		*db = sample("a.caseread");
	struct db_bundle_counts	 counts;
	struct export_opts	 opts;
	struct db_case		 c;
	struct stat		 sb;
	char			*out = test_path("a.csv"), *cause = NULL, *raw;
	char			***rows;
	size_t			 nrows, nfields, i, j, len;
	int			 bom;

	/*
	 * YJ-001 withdrawn and a MACD, YJ-002,A with a period and a manager
	 * whose initials a spreadsheet would run, V-01 (reopened, complete
	 * again) with the victim worker and interview.
	 */
	ck_assert_int_eq(db_case_find(db, QB_CHILD, "YJ-001", &c, NULL), 0);
	c.macd = 1;
	ck_assert_int_eq(db_case_update(db, &c, NULL), 0);
	ck_assert_int_eq(db_case_withdraw(db, c.id, "a duplicate, \"twice\"",
	    NULL), 0);
	db_case_clear(&c);
	ck_assert_int_eq(db_case_find(db, QB_CHILD, "YJ-002,A", &c, NULL), 0);
	free(c.manager);
	c.manager = xstrdup("=KM");
	ck_assert_int_eq(db_case_update(db, &c, NULL), 0);
	details(db, c.id, 0, "2025-01-06", "2025-03-28", "", "");
	db_case_clear(&c);
	ck_assert_int_eq(db_case_find(db, QB_VICTIM, "V-01", &c, NULL), 0);
	ck_assert_int_eq(db_case_set_complete(db, c.id, 0, "details", NULL), 0);
	details(db, c.id, 1, "", "", "=Sam Jones", "VW-1");
	ck_assert_int_eq(db_case_set_complete(db, c.id, 1, NULL, NULL), 0);
	db_case_clear(&c);

	memset(&opts, 0, sizeof opts);
	opts.out = out;
	ck_assert_msg(export_run(db, &export_csv_sink, &opts, &counts,
	    &cause) == 0, "%s", cause);
	ck_assert_int_eq(counts.cases, 3);
	ck_assert_int_eq(stat(out, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0600);

	ck_assert_int_eq(util_read_file(out, &raw, &len, NULL), 0);
	/* RFC 4180: CRLF records, a quoted field keeps its own bare newline. */
	ck_assert(strncmp(raw, head, sizeof head - 1) == 0);
	ck_assert_ptr_nonnull(strstr(raw, "\"Said \"\"no\"\", then yes, at "
	    "café; line one\nline two, \"\"end\"\"\""));
	ck_assert_ptr_nonnull(strstr(raw, "\"YJ-002,A\",child,out-of-court,,,,"
	    "alice,no,,no,2025-01-06,2025-03-28,,,=KM,,draft\r\n"));
	free(raw);

	rows = read_csv(out, &nrows, &nfields, &bom);
	ck_assert(!bom);
	ck_assert_uint_eq(nfields, 17);
	for (i = 0; i < 17; i++)
		ck_assert_str_eq(rows[0][i], header[i]);
	/* Header, three answers of YJ-001, the empty case, one of V-01. */
	ck_assert_uint_eq(nrows, 1 + 3 + 1 + 1);
	ck_assert_str_eq(rows[1][0], "YJ-001");
	ck_assert_str_eq(rows[1][1], "child");
	ck_assert_str_eq(rows[1][2], "court");
	ck_assert_str_eq(rows[1][3], "2.1.1");
	ck_assert_str_eq(rows[1][4], "no");
	ck_assert_str_eq(rows[1][5], NASTY_NOTE);
	ck_assert_str_eq(rows[1][6], "alice");
	ck_assert_str_eq(rows[2][3], "2.1.2");
	ck_assert_str_eq(rows[2][4], "na");
	ck_assert_str_eq(rows[3][3], "2.2.1.1");
	ck_assert_str_eq(rows[3][4], "");
	ck_assert_str_eq(rows[3][5], "note without an answer");
	ck_assert_str_eq(rows[4][0], "YJ-002,A");
	ck_assert_str_eq(rows[4][3], "");
	ck_assert_str_eq(rows[5][0], "V-01");
	ck_assert_str_eq(rows[5][1], "victim");
	ck_assert_str_eq(rows[5][2], "");
	ck_assert_str_eq(rows[5][3], "V1.1");
	ck_assert_str_eq(rows[5][4], "yes");
	/* Each row of a case repeats its own columns. */
	for (i = 1; i <= 3; i++) {
		ck_assert_str_eq(rows[i][7], "yes");
		ck_assert_str_eq(rows[i][8], "a duplicate, \"twice\"");
		for (j = 9; j < 14; j++)
			ck_assert_str_eq(rows[i][j], "");
		ck_assert_str_eq(rows[i][14], "JB");
		ck_assert_str_eq(rows[i][15], "");	/* a child's: no contact */
		ck_assert_str_eq(rows[i][16], "draft");
	}
	ck_assert_str_eq(rows[4][7], "no");
	ck_assert_str_eq(rows[4][8], "");
	ck_assert_str_eq(rows[4][9], "no");
	ck_assert_str_eq(rows[4][10], "2025-01-06");
	ck_assert_str_eq(rows[4][11], "2025-03-28");
	ck_assert_str_eq(rows[4][12], "");
	ck_assert_str_eq(rows[5][7], "no");
	ck_assert_str_eq(rows[5][8], "");
	ck_assert_str_eq(rows[5][9], "yes");
	ck_assert_str_eq(rows[5][10], "");
	ck_assert_str_eq(rows[5][12], "=Sam Jones");
	ck_assert_str_eq(rows[5][13], "VW-1");
	ck_assert_str_eq(rows[4][14], "=KM");
	ck_assert_str_eq(rows[5][14], "JB");
	ck_assert_str_eq(rows[5][15], "interview");
	ck_assert_str_eq(rows[5][16], "complete");
	free_csv(rows, nrows, nfields);

	opts.excel = 1;
	ck_assert_int_eq(export_run(db, &export_csv_sink, &opts, NULL, &cause),
	    0);
	rows = read_csv(out, &nrows, &nfields, &bom);
	ck_assert(bom);
	ck_assert_str_eq(rows[0][0], "case_ref");
	ck_assert_uint_eq(nrows, 6);
	/* Text from the file is neutralised in the new columns too. */
	ck_assert_str_eq(rows[5][12], "'=Sam Jones");
	ck_assert_str_eq(rows[5][13], "VW-1");
	ck_assert_str_eq(rows[4][14], "'=KM");
	ck_assert_str_eq(rows[5][14], "JB");
	ck_assert_str_eq(rows[5][15], "interview");
	ck_assert_str_eq(rows[5][16], "complete");
	free_csv(rows, nrows, nfields);
	db_close(db);
	free(out);
}
END_TEST

START_TEST(test_json)
{
	struct db		*db = sample("a.caseread");
	struct export_opts	 opts;
	char			*out = test_path("a.json"), *cause = NULL, *raw;
	size_t			 len;

	memset(&opts, 0, sizeof opts);
	opts.out = out;
	ck_assert_msg(export_run(db, &export_json_sink, &opts, NULL,
	    &cause) == 0, "%s", cause);
	ck_assert_int_eq(util_read_file(out, &raw, &len, NULL), 0);
	ck_assert_ptr_nonnull(strstr(raw, "\"service\": \"Testshire YJS\""));
	ck_assert_ptr_nonnull(strstr(raw, "\"id\": \"youth-2025\""));
	ck_assert_ptr_nonnull(strstr(raw, "\"ref\": \"YJ-002,A\""));
	ck_assert_ptr_nonnull(strstr(raw, "\"contact\": \"interview\""));
	ck_assert_ptr_nonnull(strstr(raw, "\"status\": \"complete\""));
	ck_assert_ptr_nonnull(strstr(raw, "\"note\": \"Said \\\"no\\\", then "
	    "yes, at café; line one\\nline two, \\\"end\\\"\""));
	ck_assert_ptr_nonnull(strstr(raw, "\"answer\": null"));
	ck_assert_ptr_nonnull(strstr(raw, "\"cases\": 3"));
	ck_assert(len > 0 && raw[len - 1] == '\n');
	free(raw);
	db_close(db);
	free(out);
}
END_TEST

static Suite *
export_suite(void)
{
	Suite	*s = suite_create("export");
	TCase	*tc = tcase_create("export");

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_bundle);
	tcase_add_test(tc, test_bundle_is_a_snapshot);
	tcase_add_test(tc, test_verify_finds_damage);
	tcase_add_test(tc, test_bundle_refusals);
	tcase_add_test(tc, test_bundle_failure_leaves_nothing);
	tcase_add_test(tc, test_csv);
	tcase_add_test(tc, test_json);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return test_run(export_suite());
}
