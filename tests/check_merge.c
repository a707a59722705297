/*
 * Merge: inspectors' bundles into the lead's file. The merged answers are the
 * union of everyone's; merging again changes nothing; a newer bundle updates
 * and an older one never goes back; two inspectors on one case stop the merge
 * until --keep says whose reading stands; and every refused bundle leaves the
 * lead's file byte for byte as it was.
 */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db-case.h"
#include "db-merge.h"
#include "db.h"
#include "export.h"
#include "merge.h"
#include "testlib.h"
#include "util.h"

static void
teardown(void)
{
	test_cleanup();
}

/* An inspector's own file, as 'caseread init' makes it on their laptop. */
static struct db *
inspector_file(const char *name, const char *owner, const char *service,
    const char *type, const char *bank_text)
{
	struct db_init	 init;
	struct qbank	*bank;
	struct db	*db;
	char		*cause = NULL, *path = test_path(name);

	bank = bank_text == NULL ? qbank_builtin(&cause) :
	    qbank_parse(bank_text, strlen(bank_text), "test bank", &cause);
	ck_assert_msg(bank != NULL, "%s", cause);
	memset(&init, 0, sizeof init);
	init.service = service;
	init.type = type;
	init.owner = owner;
	init.bank = bank;
	db = db_create(path, &init, &cause);
	ck_assert_msg(db != NULL, "%s: %s", path, cause);
	qbank_free(bank);
	free(path);
	return db;
}

static struct db *
standard_file(const char *name, const char *owner)
{
	return inspector_file(name, owner, "Testshire YJS", "iyjwcv", NULL);
}

static long long
add_case(struct db *db, enum qb_kind kind, const char *ref)
{
	struct db_case	 c;
	char		*cause = NULL;

	memset(&c, 0, sizeof c);
	c.kind = kind;
	c.ref = (char *)ref;
	c.type = kind == QB_CHILD ? QB_COURT : 0;
	c.manager = (char *)"JB";
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

static long long
find(struct db *db, enum qb_kind kind, const char *ref)
{
	struct db_case	c;
	long long	id;

	ck_assert_int_eq(db_case_find(db, kind, ref, &c, NULL), 0);
	id = c.id;
	db_case_clear(&c);
	return id;
}

/* A child's case with the key questions of assessing answered. */
static long long
read_child(struct db *db, const char *ref, enum answer_value a,
    enum answer_value b)
{
	long long	id = add_case(db, QB_CHILD, ref);

	answer(db, id, "2.1.1", a, "Strengths and risks weighed");
	answer(db, id, "2.1.2", b, "Safety plan, \"shared\", with police");
	answer(db, id, "2.1.1.1", ANSWER_YES, "");
	return id;
}

static void
export_to(struct db *db, const char *name)
{
	struct export_opts	 opts;
	char			*cause = NULL, *out = test_path(name);

	memset(&opts, 0, sizeof opts);
	opts.out = out;
	ck_assert_msg(export_run(db, &export_bundle_sink, &opts, NULL,
	    &cause) == 0, "%s", cause);
	free(out);
}

/*
 * Merge bundles (names in test_dir()) into lead; the return of merge_run, its
 * output in *printed (when not NULL) and its cause in *why (when not NULL).
 */
static int
merge(struct db *lead, const char *const *names, size_t n, const char *keep,
    char **printed, char **why)
{
	struct merge_opts	 opts;
	char			**paths, *kept[1], *buf = NULL, *cause = NULL;
	size_t			 len, i;
	FILE			*f;
	int			 rc;

	paths = xcalloc(n, sizeof *paths);
	for (i = 0; i < n; i++)
		paths[i] = test_path(names[i]);
	memset(&opts, 0, sizeof opts);
	if (keep != NULL) {
		kept[0] = (char *)keep;
		opts.keep = kept;
		opts.nkeep = 1;
	}
	f = open_memstream(&buf, &len);
	rc = merge_run(lead, paths, n, &opts, f, &cause);
	fclose(f);
	for (i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
	if (printed != NULL)
		*printed = buf;
	else
		free(buf);
	if (why != NULL)
		*why = cause;
	else
		free(cause);
	return rc;
}

static int
merge1(struct db *lead, const char *name, const char *keep, char **printed)
{
	char	*why = NULL;
	int	 rc;

	rc = merge(lead, &name, 1, keep, printed, &why);
	ck_assert_msg(rc >= 0, "merge %s: %s", name, why);
	free(why);
	return rc;
}

static int
line_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every case of a file as one line: details, status and each answer. */
static void
dump_lines(struct db *db, char ***lines, size_t *n)
{
	struct db_case		*cases;
	struct db_answer	*ans;
	size_t			 nc, na, i, j;
	char			*line, *old;
	int			 k;

	for (k = 0; k < 2; k++) {
		ck_assert_int_eq(db_case_list(db, k == 0 ? QB_CHILD : QB_VICTIM,
		    NULL, 0, -1, &cases, &nc, NULL), 0);
		for (i = 0; i < nc; i++) {
			line = xasprintf("%s|%s|%s|%u|%s|%d|%s",
			    qbank_kind_name(cases[i].kind), cases[i].ref,
			    cases[i].inspector, cases[i].type,
			    cases[i].manager, cases[i].complete,
			    cases[i].updated_at);
			ck_assert_int_eq(db_answer_list(db, cases[i].id, &ans,
			    &na, NULL), 0);
			for (j = 0; j < na; j++) {
				old = line;
				line = xasprintf("%s|%s=%s/%s/%s", old,
				    ans[j].question,
				    db_answer_name(ans[j].value), ans[j].note,
				    ans[j].inspector);
				free(old);
			}
			db_answer_list_free(ans, na);
			*lines = xreallocarray(*lines, *n + 1, sizeof **lines);
			(*lines)[(*n)++] = line;
		}
		db_case_list_free(cases, nc);
	}
}

/* The sorted union of the files' case lines, as one string. */
static char *
dump(struct db **dbs, size_t ndbs)
{
	char	**lines = NULL, *out = xstrdup(""), *old;
	size_t	  n = 0, i;

	for (i = 0; i < ndbs; i++)
		dump_lines(dbs[i], &lines, &n);
	qsort(lines, n, sizeof *lines, line_cmp);
	for (i = 0; i < n; i++) {
		old = out;
		out = xasprintf("%s%s\n", old, lines[i]);
		free(old);
		free(lines[i]);
	}
	free(lines);
	return out;
}

static char *
slurp(const char *path, size_t *len)
{
	char	*buf;

	ck_assert_int_eq(util_read_file(path, &buf, len, NULL), 0);
	return buf;
}

START_TEST(test_round_trip)
{
	struct db	*a = standard_file("alice.caseread", "alice");
	struct db	*b = standard_file("bob.caseread", "bob");
	struct db	*c = standard_file("carol.caseread", "carol");
	struct db	*lead = standard_file("lead.caseread", "lee");
	struct db	*all[3] = { a, b, c };
	static const char *const names[] = { "alice.bundle", "bob.bundle",
	    "carol.bundle" };
	char		*want, *got, *printed, *lp = test_path("lead.caseread");
	long long	 v;

	read_child(a, "C01", ANSWER_YES, ANSWER_NO);
	read_child(a, "C02", ANSWER_NO, ANSWER_NO);
	ck_assert_int_eq(db_case_set_complete(a, find(a, QB_CHILD, "C02"), 1,
	    NULL, NULL), 0);
	v = add_case(a, QB_VICTIM, "V01");
	answer(a, v, "V1.1", ANSWER_YES, "First contact in 3 days");
	read_child(b, "C03", ANSWER_YES, ANSWER_YES);
	read_child(b, "C04", ANSWER_NA, ANSWER_YES);
	/* A victim's case may share a child's reference: not a conflict. */
	v = add_case(b, QB_VICTIM, "C01");
	answer(b, v, "V1.1", ANSWER_NO, "No restorative offer");
	read_child(c, "C05", ANSWER_YES, ANSWER_YES);
	add_case(c, QB_CHILD, "C06");	/* nothing answered yet */

	export_to(a, "alice.bundle");
	export_to(b, "bob.bundle");
	export_to(c, "carol.bundle");
	ck_assert_int_eq(merge(lead, names, 3, NULL, &printed, NULL), 0);
	ck_assert_ptr_nonnull(strstr(printed, "merged '"));
	ck_assert_ptr_nonnull(strstr(printed, "alice.bundle' (alice, exported "));
	ck_assert_ptr_nonnull(strstr(printed, "): 3 added, 0 updated, 0 "
	    "unchanged\n"));
	ck_assert_ptr_nonnull(strstr(printed, "(carol, exported "));
	free(printed);

	want = dump(all, 3);
	got = dump(&lead, 1);
	ck_assert_str_eq(got, want);
	free(want);
	free(got);
	ck_assert_int_eq(db_case_count(lead, QB_CHILD, NULL, NULL), 6);
	ck_assert_int_eq(db_case_count(lead, QB_VICTIM, NULL, NULL), 2);
	/* History and events came along, each row once. */
	ck_assert_int_eq(test_sql_int(lp, "SELECT count(*) FROM answer_history"),
	    test_sql_int(db_path(a), "SELECT count(*) FROM answer_history") +
	    test_sql_int(db_path(b), "SELECT count(*) FROM answer_history") +
	    test_sql_int(db_path(c), "SELECT count(*) FROM answer_history"));
	ck_assert_int_eq(test_sql_int(lp, "SELECT count(*) FROM case_event"), 1);
	ck_assert_int_eq(test_sql_int(lp, "SELECT count(*) FROM merge_log WHERE "
	    "merged_by = 'lee' AND added > 0"), 3);
	ck_assert_int_eq(test_sql_int(lp, "SELECT count(*) FROM case_origin"), 8);
	ck_assert_int_eq(test_sql_int(lp, "SELECT count(*) FROM merge_log l JOIN "
	    "case_origin o ON o.merge_id = l.id WHERE l.inspector = 'bob'"), 3);
	db_close(a);
	db_close(b);
	db_close(c);
	db_close(lead);
	free(lp);
}
END_TEST

START_TEST(test_idempotent)
{
	struct db	*a = standard_file("alice.caseread", "alice");
	struct db	*lead = standard_file("lead.caseread", "lee");
	static const char *const twice[] = { "alice.bundle", "alice.bundle" };
	char		*first, *again, *printed, *lp = test_path("lead.caseread");
	char		*before, *after;
	size_t		 lb, la;
	long long	 hist;

	read_child(a, "C01", ANSWER_YES, ANSWER_NO);
	read_child(a, "C02", ANSWER_NO, ANSWER_YES);
	export_to(a, "alice.bundle");
	ck_assert_int_eq(merge1(lead, "alice.bundle", NULL, NULL), 0);
	first = dump(&lead, 1);
	hist = test_sql_int(lp, "SELECT count(*) FROM answer_history");

	ck_assert_int_eq(merge1(lead, "alice.bundle", NULL, &printed), 0);
	ck_assert_ptr_nonnull(strstr(printed, ": 0 added, 0 updated, 2 "
	    "unchanged\n"));
	free(printed);
	ck_assert_int_eq(merge(lead, twice, 2, NULL, NULL, NULL), 0);
	again = dump(&lead, 1);
	ck_assert_str_eq(again, first);
	ck_assert_int_eq(test_sql_int(lp, "SELECT count(*) FROM answer_history"),
	    hist);
	ck_assert_int_eq(test_sql_int(lp, "SELECT count(*) FROM cases"), 2);
	/* Only the merge that wrote something is logged. */
	ck_assert_int_eq(test_sql_int(lp, "SELECT count(*) FROM merge_log"), 1);

	/* A merge that changes nothing leaves the file byte for byte alone. */
	db_close(lead);
	before = slurp(lp, &lb);
	lead = db_open(lp, 0, NULL);
	ck_assert_ptr_nonnull(lead);
	ck_assert_int_eq(merge1(lead, "alice.bundle", NULL, &printed), 0);
	ck_assert_ptr_nonnull(strstr(printed, "nothing to merge"));
	free(printed);
	db_close(lead);
	after = slurp(lp, &la);
	ck_assert_uint_eq(la, lb);
	ck_assert_msg(memcmp(before, after, la) == 0, "lead changed");
	lead = db_open(lp, 0, NULL);
	free(before);
	free(after);
	free(first);
	free(again);
	db_close(a);
	db_close(lead);
	free(lp);
}
END_TEST

START_TEST(test_update_and_older)
{
	struct db	*a = standard_file("alice.caseread", "alice");
	struct db	*lead = standard_file("lead.caseread", "lee");
	struct db_history *h;
	char		*want, *got, *printed, *lp = test_path("lead.caseread");
	size_t		 n;
	long long	 c1;

	c1 = read_child(a, "C01", ANSWER_YES, ANSWER_NO);
	read_child(a, "C02", ANSWER_NO, ANSWER_YES);
	ck_assert_int_eq(db_case_set_complete(a, c1, 1, NULL, NULL), 0);
	export_to(a, "monday.bundle");
	ck_assert_int_eq(merge1(lead, "monday.bundle", NULL, NULL), 0);

	usleep(3000);	/* timestamps have millisecond resolution */
	ck_assert_int_eq(db_case_set_complete(a, c1, 0, "The interview "
	    "changed the picture", NULL), 0);
	answer(a, c1, "2.1.1", ANSWER_NO, "Reconsidered after the interview");
	read_child(a, "C03", ANSWER_YES, ANSWER_YES);
	export_to(a, "tuesday.bundle");
	ck_assert_int_eq(merge1(lead, "tuesday.bundle", NULL, &printed), 0);
	ck_assert_ptr_nonnull(strstr(printed, ": 1 added, 1 updated, 1 "
	    "unchanged\n"));
	free(printed);
	want = dump(&a, 1);
	got = dump(&lead, 1);
	ck_assert_str_eq(got, want);
	free(got);

	/* History kept: both changes of 2.1.1, neither copied twice. */
	ck_assert_int_eq(db_answer_history(lead, find(lead, QB_CHILD, "C01"),
	    "2.1.1", &h, &n, NULL), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(h[0].new_value, ANSWER_YES);
	ck_assert_int_eq(h[1].old_value, ANSWER_YES);
	ck_assert_int_eq(h[1].new_value, ANSWER_NO);
	ck_assert_str_eq(h[1].inspector, "alice");
	db_history_list_free(h, n);
	ck_assert_int_eq(test_sql_int(lp, "SELECT count(*) FROM answer_history"),
	    test_sql_int(db_path(a), "SELECT count(*) FROM answer_history"));
	/* Completed Monday, reopened Tuesday with its reason: each event once. */
	ck_assert_int_eq(test_sql_int(lp, "SELECT count(*) FROM case_event"), 2);
	ck_assert_int_eq(test_sql_int(lp, "SELECT count(*) FROM case_event WHERE "
	    "event = 'reopen' AND reason = 'The interview changed the picture'"),
	    1);

	/* Monday's bundle again: the lead never goes back to the older copy. */
	ck_assert_int_eq(merge1(lead, "monday.bundle", NULL, &printed), 0);
	ck_assert_ptr_nonnull(strstr(printed, ": 0 added, 0 updated, 1 "
	    "unchanged, 1 skipped as older than the lead's copy\n"));
	free(printed);
	ck_assert_int_eq(test_sql_int(lp, "SELECT count(*) FROM case_event"), 2);
	got = dump(&lead, 1);
	ck_assert_str_eq(got, want);
	free(got);
	free(want);
	db_close(a);
	db_close(lead);
	free(lp);
}
END_TEST

START_TEST(test_conflict_and_keep)
{
	struct db	*a = standard_file("alice.caseread", "alice");
	struct db	*b = standard_file("bob.caseread", "bob");
	struct db	*lead = standard_file("lead.caseread", "lee");
	static const char *const both[] = { "alice.bundle", "bob.bundle" };
	const struct db_merge_diff *d;
	char		*lp = test_path("lead.caseread"), *before, *after;
	char		*printed, *why = NULL;
	size_t		 lb, la;

	read_child(a, "C01", ANSWER_YES, ANSWER_NO);
	read_child(a, "C02", ANSWER_YES, ANSWER_YES);
	read_child(b, "C01", ANSWER_NO, ANSWER_NO);
	read_child(b, "C03", ANSWER_NO, ANSWER_NO);
	export_to(a, "alice.bundle");
	export_to(b, "bob.bundle");

	/* Both bundles at once, into an empty lead: conflict, nothing written. */
	db_close(lead);
	before = slurp(lp, &lb);
	lead = db_open(lp, 0, NULL);
	ck_assert_int_eq(merge(lead, both, 2, NULL, &printed, &why),
	    -ERR_CONFLICT);
	ck_assert_msg(strstr(printed, "conflict: child's case C01 was read by "
	    "alice (") != NULL, "%s", printed);
	ck_assert_ptr_nonnull(strstr(printed, "alice.bundle') and by bob ("));
	ck_assert_ptr_nonnull(strstr(printed, "2.1.1      alice: yes, bob: "
	    "no"));
	ck_assert_ptr_null(strstr(printed, "2.1.2 "));	/* they agree there */
	ck_assert_ptr_nonnull(strstr(printed, "--keep INSPECTOR"));
	ck_assert_ptr_nonnull(strstr(why, "child C01: alice and bob"));
	ck_assert_ptr_nonnull(strstr(why, "nothing written"));
	free(printed);
	free(why);
	ck_assert_int_eq(db_case_count(lead, QB_CHILD, NULL, NULL), 0);
	db_close(lead);
	after = slurp(lp, &la);
	ck_assert_uint_eq(la, lb);
	ck_assert(memcmp(before, after, la) == 0);
	free(before);
	free(after);

	/* Alice's first, then Bob's: the list says the lead's file holds one. */
	lead = db_open(lp, 0, NULL);
	ck_assert_int_eq(merge1(lead, "alice.bundle", NULL, NULL), 0);
	ck_assert_int_eq(merge(lead, both + 1, 1, "carol", &printed, NULL),
	    -ERR_CONFLICT);
	ck_assert_ptr_nonnull(strstr(printed, "alice (in the lead's file) and "
	    "by bob"));
	free(printed);

	/* The diffs themselves, through the storage interface. */
	{
		struct db_merge			*m = db_merge_new(lead, NULL);
		const struct db_merge_conflict	*c;
		char				*p = test_path("bob.bundle");
		size_t				 n;

		ck_assert_int_eq(db_merge_add(m, p, NULL), 0);
		ck_assert_int_eq(db_merge_run(m, merge_decide, NULL, "", NULL),
		    -ERR_CONFLICT);
		c = db_merge_conflicts(m, &n);
		ck_assert_uint_eq(n, 1);
		ck_assert_str_eq(c[0].ref, "C01");
		ck_assert_str_eq(c[0].lead_inspector, "alice");
		ck_assert_str_eq(c[0].inspector, "bob");
		ck_assert_ptr_null(c[0].lead_bundle);
		ck_assert_uint_eq(c[0].ndiffs, 1);
		d = &c[0].diffs[0];
		ck_assert_str_eq(d->question, "2.1.1");
		ck_assert_int_eq(d->lead_value, ANSWER_YES);
		ck_assert_int_eq(d->value, ANSWER_NO);
		ck_assert(!d->note_differs);
		db_merge_free(m);
		free(p);
	}

	/* --keep bob: his reading stands, and the decision is remembered. */
	ck_assert_int_eq(merge1(lead, "bob.bundle", "bob", &printed), 0);
	ck_assert_ptr_nonnull(strstr(printed, ": 1 added, 1 updated (1 in place "
	    "of another inspector's, by --keep), 0 unchanged\n"));
	free(printed);
	ck_assert_int_eq(db_case_count(lead, QB_CHILD, NULL, NULL), 3);
	{
		struct db_case	c;

		ck_assert_int_eq(db_case_find(lead, QB_CHILD, "C01", &c, NULL),
		    0);
		ck_assert_str_eq(c.inspector, "bob");
		db_case_clear(&c);
	}
	ck_assert_int_eq(test_sql_int(lp, "SELECT count(*) FROM merge_settled WHERE "
	    "ref = 'C01' AND keep = 'bob'"), 1);
	ck_assert_int_eq(test_sql_int(lp, "SELECT count(*) FROM answer a JOIN cases "
	    "c ON c.id = a.case_id WHERE c.ref = 'C01' AND a.question = '2.1.1' "
	    "AND a.value = 'no'"), 1);
	ck_assert_int_eq(test_sql_int(lp, "SELECT count(*) FROM merge_log WHERE "
	    "keep = 'bob'"), 1);
	ck_assert_int_eq(merge1(lead, "alice.bundle", NULL, &printed), 0);
	ck_assert_ptr_nonnull(strstr(printed, ": 0 added, 0 updated, 1 "
	    "unchanged, 1 left out for another reading kept by --keep\n"));
	free(printed);
	db_close(a);
	db_close(b);
	db_close(lead);
	free(lp);
}
END_TEST

/* merge_run on lead must fail naming want, and leave the lead's bytes alone. */
static void
assert_refused(struct db **lead, const char *const *names, size_t n,
    const char *want)
{
	char	*lp = xstrdup(db_path(*lead)), *before, *after, *why = NULL;
	size_t	 lb, la;
	int	 rc;

	db_close(*lead);
	before = slurp(lp, &lb);
	*lead = db_open(lp, 0, NULL);
	ck_assert_ptr_nonnull(*lead);
	rc = merge(*lead, names, n, NULL, NULL, &why);
	/* Every refusal of a bundle is one kind, whatever its words. */
	ck_assert_msg(rc == -ERR_REFUSED, "%s: code %s", want,
	    err_name(err_code_of(rc)));
	ck_assert_msg(why != NULL && strstr(why, want) != NULL,
	    "got \"%s\", want \"%s\"", why, want);
	free(why);
	db_close(*lead);
	after = slurp(lp, &la);
	ck_assert_uint_eq(la, lb);
	ck_assert_msg(memcmp(before, after, la) == 0, "lead changed (%s)",
	    want);
	*lead = db_open(lp, 0, NULL);
	free(before);
	free(after);
	free(lp);
}

static void
refuse1(struct db **lead, const char *name, const char *want)
{
	assert_refused(lead, &name, 1, want);
}

START_TEST(test_refused)
{
	static const char other_bank[] = "bank youth-2025\nversion 2025.1\n"
	    "standard 2.1 child Assessing\nkey 2.1.1 Different wording?\n";
	static const char *const good_then_bad[] = { "alice.bundle",
	    "truncated.bundle" };
	struct db	*a = standard_file("alice.caseread", "alice");
	struct db	*lead = standard_file("lead.caseread", "lee");
	struct db	*o;
	char		*buf, *p, *q;
	size_t		 len, pg;

	read_child(a, "C01", ANSWER_YES, ANSWER_NO);
	read_child(a, "C02", ANSWER_NO, ANSWER_YES);
	export_to(a, "alice.bundle");
	p = test_path("alice.bundle");
	buf = slurp(p, &len);
	free(p);

	p = test_path("truncated.bundle");
	test_write(p, buf, len / 2);
	free(p);
	refuse1(&lead, "truncated.bundle", "truncated.bundle");
	assert_refused(&lead, good_then_bad, 2, "truncated.bundle");
	ck_assert_int_eq(db_case_count(lead, QB_CHILD, NULL, NULL), 0);

	p = test_path("corrupt.bundle");
	for (pg = 4096; pg + 4096 <= len; pg += 4096)
		memset(buf + pg, 0xA5, 16);
	test_write(p, buf, len);
	free(p);
	refuse1(&lead, "corrupt.bundle", "is damaged");
	/*
	 * Two threads open the bundles, one from each end: the refusal named is
	 * still the first in the order given, whichever was opened first.
	 */
	{
		static const char *const two_bad[] = { "alice.bundle",
		    "truncated.bundle", "alice.bundle", "alice.bundle",
		    "corrupt.bundle" };
		char	*why = NULL;

		assert_refused(&lead, two_bad, 5, "truncated.bundle");
		ck_assert_int_eq(merge(lead, two_bad, 5, NULL, NULL, &why),
		    -ERR_REFUSED);
		ck_assert_ptr_null(strstr(why, "corrupt"));
		free(why);
	}
	refuse1(&lead, "corrupt.bundle", ": ask its inspector to export it "
	    "again");
	free(buf);

	p = test_path("thinned.bundle");
	export_to(a, "thinned.bundle");
	test_sql(p, "DELETE FROM answer WHERE question = '2.1.2'");
	free(p);
	refuse1(&lead, "thinned.bundle", "is incomplete: its manifest lists");

	/* Whole pages, changed text: only the manifest's digest can tell. */
	p = test_path("edited.bundle");
	export_to(a, "edited.bundle");
	test_sql(p, "UPDATE answer SET value = 'yes' WHERE question = '2.1.2'");
	free(p);
	refuse1(&lead, "edited.bundle", "its rows do not match the digest");
	p = test_path("flipped.bundle");
	export_to(a, "flipped.bundle");
	buf = slurp(p, &len);
	for (q = buf; q + 13 <= buf + len && memcmp(q, "risks weighed",
	    13) != 0; q++)
		;
	ck_assert_ptr_ne(q + 13 <= buf + len ? q : NULL, NULL);
	q[0] = 'R';
	test_write(p, buf, len);
	free(buf);
	ck_assert_int_eq(test_sql_int(p, "SELECT count(*) FROM "
	    "pragma_quick_check WHERE quick_check <> 'ok'"), 0);
	free(p);
	refuse1(&lead, "flipped.bundle", "its rows do not match the digest");
	p = test_path("nodigest.bundle");
	export_to(a, "nodigest.bundle");
	test_sql(p, "UPDATE bundle SET digest = ''");
	free(p);
	refuse1(&lead, "nodigest.bundle", "its manifest has no digest");

	/*
	 * A file another program wrote into, exported whole: answers to questions
	 * the bank does not have, or of the other kind of case, are refused.
	 */
	o = standard_file("odd.caseread", "olly");
	read_child(o, "C20", ANSWER_YES, ANSWER_YES);
	p = test_path("odd.caseread");
	test_sql(p, "INSERT INTO answer (case_id, question, value, inspector, "
	    "updated_at) VALUES (1, '9.9.9', 'yes', 1, 'x')");
	export_to(o, "odd.bundle");
	refuse1(&lead, "odd.bundle", "holds an answer to question '9.9.9' "
	    "(case C20), which question bank youth-2025");
	test_sql(p, "UPDATE answer SET question = 'V1.1' WHERE question = "
	    "'9.9.9'");
	export_to(o, "odd.bundle");
	refuse1(&lead, "odd.bundle", "holds an answer to V1.1, a victims' "
	    "question, on child's case C20");
	free(p);
	db_close(o);

	/* Answers whose case is gone, the counts made to agree. */
	p = test_path("orphan.bundle");
	export_to(a, "orphan.bundle");
	test_sql(p, "PRAGMA foreign_keys = OFF; DELETE FROM cases WHERE ref = "
	    "'C02'; UPDATE bundle SET cases = cases - 1");
	free(p);
	refuse1(&lead, "orphan.bundle", "rows refer to missing rows");
	p = test_path("nobody.bundle");
	export_to(a, "nobody.bundle");
	test_sql(p, "PRAGMA foreign_keys = OFF; UPDATE answer_history SET "
	    "inspector = 99 WHERE id = 2");
	free(p);
	refuse1(&lead, "nobody.bundle", "rows refer to missing rows");

	p = test_path("foreign.bundle");
	test_sql(p, "CREATE TABLE t (x); INSERT INTO t VALUES (1)");
	free(p);
	refuse1(&lead, "foreign.bundle", "is not a caseread file");
	p = test_path("text.bundle");
	{
		static const char words[] = "Not a bundle at all, just some "
		    "words in a file that is long enough to have a header.....";

		test_write(p, words, sizeof words - 1);
	}
	free(p);
	refuse1(&lead, "text.bundle", "not an SQLite database");
	refuse1(&lead, "missing.bundle", "No such file");

	o = inspector_file("york.caseread", "dan", "York YJS", "iyjwcv", NULL);
	read_child(o, "C09", ANSWER_YES, ANSWER_YES);
	export_to(o, "york.bundle");
	db_close(o);
	refuse1(&lead, "york.bundle", "is from another inspection: York YJS");

	o = inspector_file("iyjs.caseread", "dan", "Testshire YJS", "iyjs",
	    NULL);
	export_to(o, "iyjs.bundle");
	db_close(o);
	refuse1(&lead, "iyjs.bundle", "is from another inspection");

	o = inspector_file("bank.caseread", "dan", "Testshire YJS", "iyjwcv",
	    other_bank);
	export_to(o, "bank.bundle");
	db_close(o);
	refuse1(&lead, "bank.bundle", "uses question bank youth-2025 2025.1 "
	    "(hash");

	refuse1(&lead, "alice.caseread", "is an inspection file, not an "
	    "export bundle");
	refuse1(&lead, "lead.caseread", "is the lead's own file");
	ck_assert_int_eq(db_case_count(lead, QB_CHILD, NULL, NULL), 0);

	/* The service name's case does not make another inspection. */
	o = inspector_file("case.caseread", "erin", "TESTSHIRE yjs", "iyjwcv",
	    NULL);
	read_child(o, "C10", ANSWER_YES, ANSWER_YES);
	export_to(o, "case.bundle");
	db_close(o);
	ck_assert_int_eq(merge1(lead, "case.bundle", NULL, NULL), 0);
	db_close(a);
	db_close(lead);
}
END_TEST

/* The lead's file must be an inspection, not somebody's bundle. */
START_TEST(test_lead_not_a_bundle)
{
	struct db	*a = standard_file("alice.caseread", "alice");
	struct db	*bl;
	char		*p = test_path("alice.bundle"), *cause = NULL;

	export_to(a, "alice.bundle");
	bl = db_open(p, 0, &cause);
	ck_assert_msg(bl != NULL, "%s", cause);
	ck_assert_ptr_null(db_merge_new(bl, &cause));
	ck_assert_ptr_nonnull(strstr(cause, "is an export bundle, not an "
	    "inspection file"));
	free(cause);
	db_close(bl);
	db_close(a);
	free(p);
}
END_TEST

/*
 * The merge rule as a table. The bundle is in/a2.bundle from file U1; the lead's
 * copy came from b1.bundle, from file U1 too unless the row says otherwise.
 */
START_TEST(test_decide)
{
	static const struct {
		int		 in_lead;
		const char	*insp, *at, *lead_insp, *lead_at;
		int		 same;
		const char	*settled, *keep;
		int		 want, settle;
		const char	*lead_uid, *settled_uid;	/* NULL: "U1", none */
	} t[] = {
		{ 0, "a", "2", "", "", 0, NULL, NULL, DB_MERGE_ADD, 0, NULL, NULL },
		{ 0, "a", "2", "", "", 0, NULL, "a", DB_MERGE_ADD, 0, NULL, NULL },
		{ 1, "a", "2", "a", "2", 1, NULL, NULL, DB_MERGE_UNCHANGED, 0, NULL, NULL },
		{ 1, "a", "1", "a", "2", 1, NULL, NULL, DB_MERGE_UNCHANGED, 0, NULL, NULL },
		{ 1, "a", "3", "a", "2", 1, NULL, NULL, DB_MERGE_UPDATE, 0, NULL, NULL },
		{ 1, "a", "3", "a", "2", 0, NULL, NULL, DB_MERGE_UPDATE, 0, NULL, NULL },
		{ 1, "a", "2", "a", "2", 0, NULL, NULL, DB_MERGE_UPDATE, 0, NULL, NULL },
		{ 1, "a", "1", "a", "2", 0, NULL, NULL, DB_MERGE_OLDER, 0, NULL, NULL },
		{ 1, "a", "3", "b", "2", 0, NULL, NULL, DB_MERGE_CONFLICT, 0, NULL, NULL },
		{ 1, "a", "2", "b", "2", 1, NULL, NULL, DB_MERGE_CONFLICT, 0, NULL, NULL },
		{ 1, "a", "1", "b", "2", 0, NULL, "a", DB_MERGE_REPLACE, 1, NULL, NULL },
		{ 1, "a", "3", "b", "2", 0, NULL, "b", DB_MERGE_SKIP, 1, NULL, NULL },
		{ 1, "a", "3", "b", "2", 0, NULL, "c", DB_MERGE_CONFLICT, 0, NULL, NULL },
		{ 1, "a", "3", "b", "2", 0, "b", NULL, DB_MERGE_SKIP, 0, NULL, NULL },
		{ 1, "a", "3", "b", "2", 0, "a", NULL, DB_MERGE_REPLACE, 0, NULL, NULL },
		{ 1, "a", "3", "b", "2", 0, "c", NULL, DB_MERGE_CONFLICT, 0, NULL, NULL },
		{ 1, "a", "3", "b", "2", 0, "c", "a", DB_MERGE_REPLACE, 1, NULL, NULL },
		/* Two inspectors: a file may be kept as well as a name. */
		{ 1, "a", "3", "b", "2", 0, NULL, "in/a2.bundle", DB_MERGE_REPLACE, 1, NULL, NULL },
		{ 1, "a", "3", "b", "2", 0, NULL, "/usb/b1.bundle", DB_MERGE_SKIP, 1, NULL, NULL },
		/* One name, two files: another reading, newer or not, same or not. */
		{ 1, "a", "3", "a", "2", 0, NULL, NULL, DB_MERGE_CONFLICT, 0, "U2", NULL },
		{ 1, "a", "2", "a", "2", 1, NULL, NULL, DB_MERGE_CONFLICT, 0, "U2", NULL },
		{ 1, "a", "3", "a", "2", 0, NULL, "a", DB_MERGE_CONFLICT, 0, "U2", NULL },
		{ 1, "a", "3", "a", "2", 0, NULL, "a2.bundle", DB_MERGE_REPLACE, 1, "U2", NULL },
		{ 1, "a", "1", "a", "2", 0, NULL, "b1.bundle", DB_MERGE_SKIP, 1, "U2", NULL },
		{ 1, "a", "3", "a", "2", 0, "a", NULL, DB_MERGE_SKIP, 0, "U2", "U2" },
		{ 1, "a", "3", "a", "2", 0, "a", NULL, DB_MERGE_REPLACE, 0, "U2", "U1" },
		{ 1, "a", "3", "a", "2", 0, "a", NULL, DB_MERGE_CONFLICT, 0, "U2", NULL },
		{ 1, "a", "3", "a", "2", 0, "a", NULL, DB_MERGE_CONFLICT, 0, "U2", "U3" },
	};
	struct db_merge_case	 c;
	struct merge_opts	 o;
	char			*k[1];
	size_t			 i;
	int			 settle;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		memset(&c, 0, sizeof c);
		c.kind = QB_CHILD;
		c.ref = "R";
		c.in_lead = t[i].in_lead;
		c.inspector = t[i].insp;
		c.updated_at = t[i].at;
		c.uid = "U1";
		c.bundle = "in/a2.bundle";
		c.lead_inspector = t[i].lead_insp;
		c.lead_updated_at = t[i].lead_at;
		c.lead_uid = t[i].lead_uid != NULL ? t[i].lead_uid : "U1";
		c.lead_source = "b1.bundle";
		c.same = t[i].same;
		c.settled = t[i].settled;
		c.settled_uid = t[i].settled_uid;
		memset(&o, 0, sizeof o);
		if (t[i].keep != NULL) {
			k[0] = (char *)t[i].keep;
			o.keep = k;
			o.nkeep = 1;
		}
		settle = -1;
		ck_assert_msg((int)merge_decide(&c, &settle, &o) == t[i].want,
		    "row %zu", i);
		ck_assert_msg(settle == t[i].settle, "row %zu: settle", i);
	}
}
END_TEST

/*
 * A deputy merges ann's bundle and sends the lead a bundle of the deputy's own
 * file: ann's cases in it were read in ann's file, not the deputy's, so the lead,
 * who has ann's bundle too, sees the same reading twice, not a conflict. A
 * newer bundle of ann's still updates them, whichever way they came.
 */
START_TEST(test_bundle_of_a_merged_file)
{
	static const char *const both[] = { "ann.bundle", "deputy.bundle" };
	struct db	*ann = standard_file("ann.caseread", "ann");
	struct db	*dep = standard_file("deputy.caseread", "dee");
	struct db	*lead = standard_file("lead.caseread", "lee");
	char		*printed = NULL, *why = NULL, *lp = test_path("lead.caseread");
	long long	 c1;

	c1 = read_child(ann, "C01", ANSWER_YES, ANSWER_YES);
	read_child(dep, "C02", ANSWER_NO, ANSWER_NO);
	export_to(ann, "ann.bundle");
	ck_assert_int_eq(merge1(dep, "ann.bundle", NULL, NULL), 0);
	export_to(dep, "deputy.bundle");

	ck_assert_msg(merge(lead, both, 2, NULL, &printed, &why) == 0, "%s\n%s",
	    why, printed);
	ck_assert_ptr_nonnull(strstr(printed, "deputy.bundle' (dee, exported"));
	ck_assert_ptr_nonnull(strstr(printed, ": 1 added, 0 updated, 1 "
	    "unchanged\n"));
	free(printed);
	ck_assert_int_eq(test_sql_int(lp, "SELECT count(*) FROM cases"), 2);

	/* Ann's next bundle updates C01; the deputy's older copy is then older. */
	usleep(3000);
	answer(ann, c1, "2.1.1", ANSWER_NO, "Reconsidered");
	export_to(ann, "ann.bundle");
	ck_assert_int_eq(merge(lead, both, 2, NULL, &printed, &why), 0);
	ck_assert_ptr_nonnull(strstr(printed, "ann.bundle' (ann, exported"));
	ck_assert_ptr_nonnull(strstr(printed, "1 skipped as older than the "
	    "lead's copy"));
	free(printed);
	ck_assert_int_eq(test_sql_int(lp, "SELECT a.value = 'no' FROM answer a "
	    "JOIN cases c ON c.id = a.case_id WHERE c.ref = 'C01' AND "
	    "a.question = '2.1.1'"), 1);
	db_close(ann);
	db_close(dep);
	db_close(lead);
	free(lp);
}
END_TEST

/*
 * Two laptops whose inspector is called ann: their readings of different cases
 * merge side by side; their readings of one case are a conflict that the name
 * cannot settle and a file can, and the settlement holds in later merges.
 */
START_TEST(test_one_name_two_files)
{
	static const char *const both[] = { "ann1.bundle", "ann2.bundle" };
	struct db	*a1 = standard_file("ann1.caseread", "ann");
	struct db	*a2 = standard_file("ann2.caseread", "ann");
	struct db	*lead = standard_file("lead.caseread", "lee");
	char		*printed = NULL, *why = NULL, *lp = test_path("lead.caseread");

	read_child(a1, "C01", ANSWER_YES, ANSWER_YES);
	read_child(a2, "C02", ANSWER_NO, ANSWER_NO);
	export_to(a1, "ann1.bundle");
	export_to(a2, "ann2.bundle");
	ck_assert_int_eq(merge(lead, both, 2, NULL, NULL, NULL), 0);
	ck_assert_int_eq(test_sql_int(lp, "SELECT count(*) FROM cases"), 2);

	/* Both read C03, differently; ann1's reading is merged first. */
	read_child(a1, "C03", ANSWER_YES, ANSWER_YES);
	read_child(a2, "C03", ANSWER_NO, ANSWER_NO);
	export_to(a1, "ann1.bundle");
	export_to(a2, "ann2.bundle");
	ck_assert_int_eq(merge(lead, both, 2, NULL, &printed, &why),
	    -ERR_CONFLICT);
	ck_assert_msg(strstr(printed, "case C03 was read in two files that "
	    "both name their inspector ann") != NULL, "%s", printed);
	ck_assert_ptr_nonnull(strstr(printed, "2.1.1"));
	ck_assert_msg(strstr(why, "child C03: ann in two files); settle with "
	    "--keep INSPECTOR or --keep BUNDLE") != NULL, "%s", why);
	free(printed);
	free(why);
	why = NULL;
	ck_assert_int_eq(test_sql_int(lp, "SELECT count(*) FROM cases"), 2);
	/* The name is both files': it cannot choose. */
	ck_assert_int_eq(merge(lead, both, 2, "ann", NULL, &why),
	    -ERR_CONFLICT);
	free(why);
	why = NULL;
	ck_assert_int_eq(merge(lead, both, 2, "ann2.bundle", NULL, &why), 0);
	ck_assert_int_eq(test_sql_int(lp, "SELECT a.value = 'no' FROM answer a "
	    "JOIN cases c ON c.id = a.case_id WHERE c.ref = 'C03' AND "
	    "a.question = '2.1.1'"), 1);
	/* Settled by file: merging both again asks nothing and changes nothing. */
	ck_assert_int_eq(merge(lead, both, 2, NULL, &printed, NULL), 0);
	ck_assert_ptr_nonnull(strstr(printed, "nothing to merge"));
	free(printed);
	ck_assert_int_eq(test_sql_int(lp, "SELECT a.value = 'no' FROM answer a "
	    "JOIN cases c ON c.id = a.case_id WHERE c.ref = 'C03' AND "
	    "a.question = '2.1.1'"), 1);
	db_close(a1);
	db_close(a2);
	db_close(lead);
	free(lp);
}
END_TEST

/*
 * The size of a real inspection's merge: 40 bundles of 90 cases into one file,
 * in one transaction, quickly. The bound is loose for sanitizer builds; the
 * benchmark holds the tight one.
 */
START_TEST(test_many_bundles)
{
	struct db	*lead = standard_file("lead.caseread", "lee");
	struct db	*db;
	struct timespec	 t0, t1;
	const char	*names[40];
	char		 name[40][32], ref[32], owner[16];
	long long	 id;
	double		 secs;
	int		 i, j;

	for (i = 0; i < 40; i++) {
		snprintf(owner, sizeof owner, "insp%02d", i);
		snprintf(name[i], sizeof name[i], "i%02d.caseread", i);
		db = standard_file(name[i], owner);
		ck_assert_int_eq(db_txn_begin(db, "test", NULL), 0);
		for (j = 0; j < 90; j++) {
			snprintf(ref, sizeof ref, "%s-%02d", owner, j);
			id = read_child(db, ref, ANSWER_YES, j % 3 == 0 ?
			    ANSWER_NO : ANSWER_YES);
			answer(db, id, "2.2.1", ANSWER_YES, "Plan agreed");
			answer(db, id, "2.2.2", ANSWER_NO, "No contingency");
		}
		ck_assert_int_eq(db_txn_commit(db, "test", NULL), 0);
		snprintf(name[i], sizeof name[i], "i%02d.bundle", i);
		export_to(db, name[i]);
		db_close(db);
		names[i] = name[i];
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	ck_assert_int_eq(merge(lead, names, 40, NULL, NULL, NULL), 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	fprintf(stderr, "merged 40 bundles of 90 cases in %.3f s\n", secs);
	ck_assert_int_eq(db_case_count(lead, QB_CHILD, NULL, NULL), 3600);
	ck_assert_int_eq(test_sql_int(db_path(lead), "SELECT count(*) FROM answer"),
	    3600 * 5);
	ck_assert_msg(secs < 20.0, "merge took %.1f s", secs);
	db_close(lead);
}
END_TEST

/*
 * A merge with SQLite's page cache set aside (db_reserve_pages, as caseread
 * merge does) and too small for it: every slot is used, SQLite then recycles
 * and spills pages or takes them from malloc, and everything is merged. Last
 * in the suite: the reservation stays with the process.
 */
START_TEST(test_reserved_cache)
{
	struct db	*lead = standard_file("lead.caseread", "lee");
	struct db	*db;
	const char	*names[3];
	char		 name[3][32], ref[32], owner[16];
	int		 i, j, cur = 0, high = 0;

	/* Too late once SQLite is in use: refused, nothing changed. */
	ck_assert_int_eq(db_reserve_pages(16), -ERR_INVALID);
	db_close(lead);
	/* SQLite as a new process finds it, before its first file. */
	ck_assert_int_eq(sqlite3_shutdown(), SQLITE_OK);
	ck_assert_int_eq(db_reserve_pages(16), 0);
	ck_assert_int_eq(db_reserve_pages(1000), 0);	/* the first one kept */
	for (i = 0; i < 3; i++) {
		snprintf(owner, sizeof owner, "insp%d", i);
		snprintf(name[i], sizeof name[i], "r%d.caseread", i);
		db = standard_file(name[i], owner);
		for (j = 0; j < 30; j++) {
			snprintf(ref, sizeof ref, "%s-%02d", owner, j);
			(void)read_child(db, ref, ANSWER_YES, ANSWER_NO);
		}
		snprintf(name[i], sizeof name[i], "r%d.bundle", i);
		export_to(db, name[i]);
		db_close(db);
		names[i] = name[i];
	}
	lead = standard_file("lead2.caseread", "lee");
	ck_assert_int_eq(merge(lead, names, 3, NULL, NULL, NULL), 0);
	ck_assert_int_eq(db_case_count(lead, QB_CHILD, NULL, NULL), 90);
	ck_assert_int_eq(test_sql_int(db_path(lead),
	    "SELECT count(*) FROM answer"), 90 * 3);
	ck_assert_int_eq(sqlite3_status(SQLITE_STATUS_PAGECACHE_USED, &cur,
	    &high, 0), SQLITE_OK);
	ck_assert_int_eq(high, 16);
	db_close(lead);
}
END_TEST

static Suite *
merge_suite(void)
{
	Suite	*s = suite_create("merge");
	TCase	*tc = tcase_create("merge");

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_idempotent);
	tcase_add_test(tc, test_update_and_older);
	tcase_add_test(tc, test_conflict_and_keep);
	tcase_add_test(tc, test_refused);
	tcase_add_test(tc, test_lead_not_a_bundle);
	tcase_add_test(tc, test_decide);
	tcase_add_test(tc, test_one_name_two_files);
	tcase_add_test(tc, test_bundle_of_a_merged_file);
	tcase_add_test(tc, test_many_bundles);
	tcase_add_test(tc, test_reserved_cache);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return test_run(merge_suite());
}
