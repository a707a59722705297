/*
 * The details of a case the framework asks about: whether the case manager was
 * interviewed, the period inspected, and for victims' cases the victim worker
 * and the interview that covered it. Their rules (real dates in order, one
 * interview for at most three cases, a complete case read only) live here so
 * that the screen and the command line obey the same ones; merge copies the
 * columns as they are, and caseread check reports what a merge left over-full.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db-internal.h"
#include "db-case.h"
#include "textgate.h"
#include "util.h"

const char *
db_details_interviewed_name(int v)
{
	return v > 0 ? "yes" : v == 0 ? "no" : "not recorded";
}

void
db_details_clear(struct db_case_details *d)
{
	if (d == NULL)
		return;
	free(d->period_start);
	free(d->period_end);
	free(d->victim_worker);
	free(d->interview);
	memset(d, 0, sizeof *d);
	d->manager_interviewed = -1;
}

static const char *
str(const char *s)
{
	return s != NULL ? s : "";
}

int
db_details_date_ok(const char *s)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int	y, m, d, i, leap;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++) {
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	}
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 1900 || m < 1 || m > 12 || d < 1)
		return 0;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= days[m - 1] + (m == 2 && leap);
}

/* A worker's name or an interview's label: gated, and no edge spaces. */
static int
check_text(enum textgate_kind k, const char *s, char **cause)
{
	size_t	n = strlen(s);
	int	rc;

	if ((rc = textgate_check(k, s, n, cause)) != 0)
		return rc;
	/* "VW-1 " and "VW-1" must be one interview, or the rule is dodged. */
	if (n > 0 && (s[0] == ' ' || s[n - 1] == ' '))
		return err_fail(cause, ERR_INVALID, "the %s '%s' starts or "
		    "ends with a space", textgate_name(k), s);
	return 0;
}

int
db_details_check(const struct db_case_details *d, enum qb_kind kind,
    char **cause)
{
	const char	*start = str(d->period_start), *end = str(d->period_end);

	if (d->manager_interviewed < -1 || d->manager_interviewed > 1)
		return err_fail(cause, ERR_INVALID, "whether the case manager "
		    "was interviewed is yes, no or not recorded");
	if (*start != '\0' && !db_details_date_ok(start))
		return err_fail(cause, ERR_INVALID, "the period's start '%s' "
		    "is not a date (YYYY-MM-DD)", start);
	if (*end != '\0' && !db_details_date_ok(end))
		return err_fail(cause, ERR_INVALID, "the period's end '%s' is "
		    "not a date (YYYY-MM-DD)", end);
	if ((*start == '\0') != (*end == '\0'))
		return err_fail(cause, ERR_INVALID, "the period inspected "
		    "needs both its start and its end date");
	/* Both YYYY-MM-DD: the strings order as the days do. */
	if (strcmp(start, end) > 0)
		return err_fail(cause, ERR_INVALID, "the period inspected "
		    "starts (%s) after it ends (%s)", start, end);
	if (kind == QB_CHILD && (*str(d->victim_worker) != '\0' ||
	    *str(d->interview) != '\0'))
		return err_fail(cause, ERR_INVALID, "a victim worker and an "
		    "interview are for victims' cases only");
	if (check_text(TEXTGATE_WORKER, str(d->victim_worker), cause) != 0 ||
	    check_text(TEXTGATE_LABEL, str(d->interview), cause) != 0)
		return -ERR_INVALID;
	return 0;
}

void
db_details_refs_free(char **refs, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(refs[i]);
	free(refs);
}

int
db_details_interview_cases(struct db *db, const char *label, long long except,
    char ***refs, size_t *n, char **cause)
{
	/* NOCASE: "vw-1" typed on one case and "VW-1" on another is one interview. */
	static const char sql[] = "SELECT ref FROM cases WHERE kind = 'victim' "
	    "AND withdrawn IS NULL AND interview = ?1 COLLATE NOCASE AND "
	    "id <> ?2 ORDER BY ref";
	sqlite3_stmt	*stmt;
	char		**list = NULL;
	size_t		  count = 0;
	int		  rc;

	*refs = NULL;
	*n = 0;
	if ((stmt = db_stmt(db, sql, cause)) == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, label, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 2, except);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		list = xreallocarray(list, count + 1, sizeof *list);
		list[count++] = db_column_dup(stmt, 0);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		db_details_refs_free(list, count);
		return db_fail(db, cause, "cannot read the interview's cases");
	}
	*refs = list;
	*n = count;
	return 0;
}

/* "V-1, V-2, V-3": newly allocated. */
static char *
join(char **refs, size_t n)
{
	char	*s = xstrdup(""), *t;
	size_t	 i;

	for (i = 0; i < n; i++) {
		t = xasprintf("%s%s%s", s, i > 0 ? ", " : "", refs[i]);
		free(s);
		s = t;
	}
	return s;
}

int
db_details_interview_room(struct db *db, long long id, const char *ref,
    const char *label, char **cause)
{
	char	**refs, *list;
	size_t	  n;
	int	  rc;

	if (label == NULL || *label == '\0')
		return 0;
	if ((rc = db_details_interview_cases(db, label, id, &refs, &n,
	    cause)) != 0)
		return rc;
	if (n < DB_INTERVIEW_CASES) {
		db_details_refs_free(refs, n);
		return 0;
	}
	list = join(refs, n);
	err_fail(cause, ERR_INVALID, "interview '%s' already covers %zu "
	    "victims' cases "
	    "(%s): one interview covers up to %d, so case %s needs another",
	    label, n, list, DB_INTERVIEW_CASES, ref);
	free(list);
	db_details_refs_free(refs, n);
	return -ERR_INVALID;
}

char *
db_details_changed(const struct db_case_details *o,
    const struct db_case_details *d)
{
	char		*s = NULL, *t, *from_p, *to_p;
	const char	*os = str(o->period_start), *oe = str(o->period_end);
	const char	*ns = str(d->period_start), *ne = str(d->period_end);

	if (o->manager_interviewed != d->manager_interviewed)
		s = xasprintf("manager interviewed %s -> %s",
		    db_details_interviewed_name(o->manager_interviewed),
		    db_details_interviewed_name(d->manager_interviewed));
	if (strcmp(os, ns) != 0 || strcmp(oe, ne) != 0) {
		from_p = *os != '\0' ? xasprintf("%s to %s", os, oe) :
		    xstrdup("(none)");
		to_p = *ns != '\0' ? xasprintf("%s to %s", ns, ne) :
		    xstrdup("(none)");
		t = xasprintf("%s%speriod %s -> %s", str(s), s != NULL ?
		    "; " : "", from_p, to_p);
		free(from_p);
		free(to_p);
		free(s);
		s = t;
	}
	if (strcmp(str(o->victim_worker), str(d->victim_worker)) != 0) {
		t = xasprintf("%s%svictim worker %s -> %s", str(s), s != NULL ?
		    "; " : "", *str(o->victim_worker) != '\0' ?
		    o->victim_worker : "(none)", *str(d->victim_worker) !=
		    '\0' ? d->victim_worker : "(none)");
		free(s);
		s = t;
	}
	if (strcmp(str(o->interview), str(d->interview)) != 0) {
		t = xasprintf("%s%sinterview %s -> %s", str(s), s != NULL ?
		    "; " : "", *str(o->interview) != '\0' ? o->interview :
		    "(none)", *str(d->interview) != '\0' ? d->interview :
		    "(none)");
		free(s);
		s = t;
	}
	return s;
}

int
db_details_set(struct db *db, long long id, const struct db_case_details *d,
    const char *reason, char **cause)
{
	static const char sql[] = "UPDATE cases SET manager_interviewed = ?1, "
	    "period_start = ?2, period_end = ?3, victim_worker = ?4, "
	    "interview = ?5, updated_at = ?6 WHERE id = ?7";
	sqlite3_stmt	*stmt;
	struct db_case	 c;
	char		 now[UTIL_TIME_LEN], *what = NULL, *t, *why = NULL;
	int		 rc;

	if (reason != NULL && (rc = textgate_check_str(TEXTGATE_REASON, reason,
	    cause)) != 0)
		return rc;
	if ((rc = db_txn_begin(db, "details", cause)) != 0)
		return rc;
	memset(&c, 0, sizeof c);
	if ((rc = db_case_get(db, id, &c, cause)) != 0) {
		if (rc > 0)
			rc = err_fail(cause, ERR_NOTFOUND, "%s: no case with "
			    "id %lld", db->path, id);
		return db_txn_finish(db, "details", rc, NULL);
	}
	if ((rc = db_details_check(d, c.kind, &why)) != 0) {
		err_fail(cause, err_code_of(rc), "case '%s': %s", c.ref, why);
		free(why);
		goto refused;
	}
	if ((what = db_details_changed(&c.details, d)) == NULL) {
		/* Nothing changed: nothing to write, nor to refuse. */
		db_case_clear(&c);
		return db_txn_finish(db, "details", 0, cause);
	}
	/* A complete case's details are its finished record. */
	if (c.complete) {
		rc = err_fail(cause, ERR_INVALID, "case '%s' is complete: its "
		    "details are read only until it is reopened", c.ref);
		goto refused;
	}
	/*
	 * A withdrawn case is on no interview's count, so it takes none; a
	 * case keeps the interview it is on, even spelt in other capitals.
	 */
	if (c.withdrawn == NULL && c.kind == QB_VICTIM &&
	    sqlite3_stricmp(str(c.details.interview), str(d->interview)) != 0 &&
	    (rc = db_details_interview_room(db, id, c.ref, d->interview,
	    cause)) != 0)
		goto refused;
	if ((stmt = db_stmt(db, sql, cause)) == NULL) {
		rc = -ERR_FAILED;
		goto refused;
	}
	util_now(now);
	if (d->manager_interviewed < 0)
		sqlite3_bind_null(stmt, 1);
	else
		sqlite3_bind_int(stmt, 1, d->manager_interviewed);
	sqlite3_bind_text(stmt, 2, str(d->period_start), -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, str(d->period_end), -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, str(d->victim_worker), -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 5, str(d->interview), -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 6, now, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 7, id);
	if ((rc = db_step(db, stmt, "cannot save the case's details",
	    cause)) != 0)
		goto refused;
	if (reason != NULL && reason[strspn(reason, " \t\r\n")] != '\0') {
		t = xasprintf("%s (%s)", what, reason);
		free(what);
		what = t;
	}
	/* Every change of details goes into the case's history, in this write. */
	if ((rc = db_case_event_add(db, id, "details", what, now, cause)) != 0)
		goto refused;
	free(what);
	db_case_clear(&c);
	return db_txn_finish(db, "details", 0, cause);

refused:
	free(what);
	db_case_clear(&c);
	return db_txn_finish(db, "details", rc, NULL);
}

void
db_interview_list_free(struct db_interview *list, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(list[i].label);
		db_details_refs_free(list[i].refs, list[i].nrefs);
	}
	free(list);
}

int
db_details_overfull(struct db *db, struct db_interview **out, size_t *n,
    char **cause)
{
	static const char sql[] = "SELECT c.interview, c.ref FROM cases c "
	    "JOIN (SELECT interview COLLATE NOCASE AS label FROM cases WHERE "
	    "kind = 'victim' AND withdrawn IS NULL AND interview <> '' GROUP "
	    "BY interview COLLATE NOCASE HAVING count(*) > ?1) o ON "
	    "c.interview = o.label COLLATE NOCASE WHERE c.kind = 'victim' "
	    "AND c.withdrawn IS NULL ORDER BY c.interview COLLATE NOCASE, "
	    "c.ref";
	sqlite3_stmt		*stmt;
	struct db_interview	*list = NULL, *it;
	const char		*label;
	size_t			 count = 0;
	int			 rc;

	*out = NULL;
	*n = 0;
	if ((stmt = db_stmt(db, sql, cause)) == NULL)
		return -1;
	sqlite3_bind_int(stmt, 1, DB_INTERVIEW_CASES);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		label = (const char *)sqlite3_column_text(stmt, 0);
		if (count == 0 || sqlite3_stricmp(list[count - 1].label,
		    label != NULL ? label : "") != 0) {
			list = xreallocarray(list, count + 1, sizeof *list);
			memset(&list[count], 0, sizeof *list);
			list[count++].label = db_column_dup(stmt, 0);
		}
		it = &list[count - 1];
		it->refs = xreallocarray(it->refs, it->nrefs + 1,
		    sizeof *it->refs);
		it->refs[it->nrefs++] = db_column_dup(stmt, 1);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		db_interview_list_free(list, count);
		return db_fail(db, cause, "cannot read the interviews");
	}
	*out = list;
	*n = count;
	return 0;
}
