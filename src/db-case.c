/*
 * Case rows: children's and victims' cases, their details and their status events.
 * Validation of what a case may hold (a reference, never a name; a known type) is
 * here so that every way in — TUI, import, merge — gets the same rules.
 */
#include "config.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "db-internal.h"
#include "textgate.h"
#include "util.h"

#define CASE_COLUMNS "c.id, c.kind, c.ref, coalesce(c.case_type, ''), " \
	"c.manager, i.name, c.macd, c.contact, c.status, " DB_CASE_CHANGED ", " \
	"(SELECT count(*) FROM answer a WHERE a.case_id = c.id AND " \
	"a.value IS NOT NULL), c.withdrawn, c.manager_interviewed, " \
	"c.period_start, c.period_end, c.victim_worker, c.interview"

void
db_case_clear(struct db_case *c)
{
	if (c == NULL)
		return;
	free(c->ref);
	free(c->manager);
	free(c->inspector);
	free(c->updated_at);
	free(c->withdrawn);
	db_details_clear(&c->details);
	memset(c, 0, sizeof *c);
}

void
db_case_list_free(struct db_case *list, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		db_case_clear(&list[i]);
	free(list);
}

static void
read_case(sqlite3_stmt *stmt, struct db_case *c)
{
	const char	*s;

	memset(c, 0, sizeof *c);
	c->id = sqlite3_column_int64(stmt, 0);
	s = (const char *)sqlite3_column_text(stmt, 1);
	c->kind = (s != NULL && strcmp(s, "victim") == 0) ? QB_VICTIM : QB_CHILD;
	c->ref = db_column_dup(stmt, 2);
	s = (const char *)sqlite3_column_text(stmt, 3);
	c->type = s != NULL ? qbank_type_parse(s) : 0;
	c->manager = db_column_dup(stmt, 4);
	c->inspector = db_column_dup(stmt, 5);
	c->macd = sqlite3_column_int(stmt, 6);
	s = (const char *)sqlite3_column_text(stmt, 7);
	c->interviewed = s != NULL && strcmp(s, "interview") == 0;
	s = (const char *)sqlite3_column_text(stmt, 8);
	c->complete = s != NULL && strcmp(s, "complete") == 0;
	c->updated_at = db_column_dup(stmt, 9);
	c->answered = sqlite3_column_int(stmt, 10);
	if (sqlite3_column_type(stmt, 11) != SQLITE_NULL)
		c->withdrawn = db_column_dup(stmt, 11);
	c->details.manager_interviewed = sqlite3_column_type(stmt, 12) ==
	    SQLITE_NULL ? -1 : sqlite3_column_int(stmt, 12) != 0;
	c->details.period_start = db_column_dup(stmt, 13);
	c->details.period_end = db_column_dup(stmt, 14);
	c->details.victim_worker = db_column_dup(stmt, 15);
	c->details.interview = db_column_dup(stmt, 16);
}

/* read_case and db_case_list_free as db_rows_list takes them. */
static void
read_case_row(sqlite3_stmt *stmt, void *row)
{
	read_case(stmt, row);
}

static void
free_cases(void *list, size_t n)
{
	db_case_list_free(list, n);
}

/* Whether s is nothing but spaces, tabs and newlines (or nothing at all). */
static int
blank(const char *s)
{
	return s[strspn(s, " \t\r\n")] == '\0';
}

/* The rules every case obeys, whatever path it came in by. */
static int
check_case(struct db *db, const struct db_case *c, char **cause)
{
	char	*why = NULL, *shown;
	size_t	 n;
	int	 rc;

	if (c->ref == NULL || *c->ref == '\0')
		return err_fail(cause, ERR_INVALID, "the case reference is "
		    "empty");
	n = strlen(c->ref);
	if (textgate_check(TEXTGATE_REF, c->ref, n, &why) != 0)
		goto refused;
	if (c->ref[0] == ' ' || c->ref[n - 1] == ' ')
		return err_fail(cause, ERR_INVALID, "case reference '%s' "
		    "starts or ends with a space", c->ref);
	if (c->kind == QB_CHILD && (c->type == 0 || c->type > QB_ALL_TYPES ||
	    (c->type & (c->type - 1)) != 0))
		return err_fail(cause, ERR_INVALID, "case '%s' needs a type "
		    "(court, out-of-court, bail-remand or resettlement)",
		    c->ref);
	if (textgate_check_str(TEXTGATE_MANAGER, c->manager, &why) != 0)
		goto refused;
	/*
	 * NULL is the file's own inspector (an import without the column); a
	 * name given but blank is a field the inspector cleared, and saving the
	 * case under someone else's name without a word would be a surprise.
	 */
	if (c->inspector != NULL && blank(c->inspector))
		return err_fail(cause, ERR_INVALID, "case '%s' needs a reading "
		    "inspector", c->ref);
	if (textgate_check_str(TEXTGATE_NAME, c->inspector, &why) != 0)
		goto refused;
	(void)db;
	return 0;

refused:
	/* A reference too long to store is named by its start. */
	n = strlen(c->ref);
	shown = textgate_show(c->ref, n > 40 ? 40 : n, 0);
	rc = err_fail(cause, ERR_INVALID, "case '%s%s': %s", shown, n > 40 ?
	    "..." : "", why);
	free(shown);
	free(why);
	return rc;
}

static void
bind_details(sqlite3_stmt *stmt, const struct db_case *c, long long insp)
{
	sqlite3_bind_text(stmt, 1, c->ref, -1, SQLITE_STATIC);
	if (c->kind == QB_CHILD)
		sqlite3_bind_text(stmt, 2, qbank_type_name(c->type), -1,
		    SQLITE_STATIC);
	else
		sqlite3_bind_null(stmt, 2);
	sqlite3_bind_text(stmt, 3, c->manager != NULL ? c->manager : "", -1,
	    SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 4, insp);
	sqlite3_bind_int(stmt, 5, c->kind == QB_CHILD ? (c->macd != 0) : 0);
	if (c->kind == QB_VICTIM)
		sqlite3_bind_text(stmt, 6, c->interviewed ? "interview" : "file",
		    -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(stmt, 6);
}

static int
no_case(struct db *db, long long id, char **cause)
{
	return err_fail(cause, ERR_NOTFOUND, "%s: no case with id %lld",
	    db->path, id);
}

static int
duplicate(struct db *db, const struct db_case *c, char **cause)
{
	return err_fail(cause, ERR_INVALID, "%s: a %s's case with reference "
	    "'%s' already exists", db->path, c->kind == QB_CHILD ? "child" :
	    "victim", c->ref);
}

static int
case_add(struct db *db, struct db_case *c, char **cause)
{
	static const char sql[] = "INSERT INTO cases (ref, case_type, manager, "
	    "inspector, macd, contact, kind, created_at, updated_at) VALUES "
	    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)";
	sqlite3_stmt	*stmt;
	long long	 insp;
	char		 now[UTIL_TIME_LEN];
	int		 rc;

	if ((rc = check_case(db, c, cause)) != 0 ||
	    (rc = db_txn_begin(db, "case", cause)) != 0)
		return rc;
	if ((rc = db_inspector_id(db, c->inspector != NULL ? c->inspector :
	    db->user, &insp, cause)) != 0)
		return db_txn_finish(db, "case", rc, NULL);
	if ((stmt = db_stmt(db, sql, cause)) == NULL)
		return db_txn_finish(db, "case", -1, NULL);
	util_now(now);
	bind_details(stmt, c, insp);
	sqlite3_bind_text(stmt, 7, qbank_kind_name(c->kind), -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 8, now, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		if (sqlite3_extended_errcode(db->h) ==
		    SQLITE_CONSTRAINT_UNIQUE)
			rc = duplicate(db, c, cause);
		else
			rc = db_fail(db, cause, "cannot add case");
		return db_txn_finish(db, "case", rc, NULL);
	}
	c->id = sqlite3_last_insert_rowid(db->h);
	return db_txn_finish(db, "case", 0, cause);
}

/* "type court -> out-of-court; manager JB -> KM": what changed, or NULL. */
static char *
details_changed(const struct db_case *o, const struct db_case *c)
{
	char		*s = NULL, *t;
	const char	*what[6], *from[6], *to[6];
	size_t		 n = 0, i;

	if (strcmp(o->ref, c->ref) != 0) {
		what[n] = "reference"; from[n] = o->ref; to[n++] = c->ref;
	}
	if (c->kind == QB_CHILD && o->type != c->type) {
		what[n] = "type"; from[n] = qbank_type_name(o->type);
		to[n++] = qbank_type_name(c->type);
	}
	if (strcmp(o->manager, c->manager != NULL ? c->manager : "") != 0) {
		what[n] = "manager"; from[n] = o->manager;
		to[n++] = c->manager != NULL ? c->manager : "";
	}
	if (c->inspector != NULL && strcmp(o->inspector, c->inspector) != 0) {
		what[n] = "inspector"; from[n] = o->inspector;
		to[n++] = c->inspector;
	}
	if (c->kind == QB_CHILD && (o->macd != 0) != (c->macd != 0)) {
		what[n] = "MACD"; from[n] = o->macd ? "yes" : "no";
		to[n++] = c->macd ? "yes" : "no";
	}
	if (c->kind == QB_VICTIM && (o->interviewed != 0) !=
	    (c->interviewed != 0)) {
		what[n] = "contact";
		from[n] = o->interviewed ? "interview" : "file read";
		to[n++] = c->interviewed ? "interview" : "file read";
	}
	for (i = 0; i < n; i++) {
		t = xasprintf("%s%s%s %s -> %s", s != NULL ? s : "",
		    i > 0 ? "; " : "", what[i], *from[i] != '\0' ? from[i] :
		    "(none)", *to[i] != '\0' ? to[i] : "(none)");
		free(s);
		s = t;
	}
	return s;
}

char *
db_case_changed(const struct db_case *was, const struct db_case *now)
{
	struct db_case	 c = *now;
	char		*s, *d, *t;

	/* Its reader with other spaces at the ends is the same reader. */
	if (textgate_same_name(was->inspector, now->inspector))
		c.inspector = NULL;
	s = details_changed(was, &c);
	if ((d = db_details_changed(&was->details, &now->details)) == NULL)
		return s;
	if (s == NULL)
		return d;
	t = xasprintf("%s; %s", s, d);
	free(s);
	free(d);
	return t;
}

/* Update c, or with dry only say whether it would be refused (nothing written). */
static int
case_update(struct db *db, struct db_case *c, int dry, char **cause)
{
	static const char sql[] = "UPDATE cases SET ref = ?1, case_type = ?2, "
	    "manager = ?3, inspector = ?4, macd = ?5, contact = ?6, "
	    "updated_at = ?7 WHERE id = ?8";
	sqlite3_stmt	*stmt = NULL;
	struct db_case	 old;
	long long	 insp;
	char		 now[UTIL_TIME_LEN], *what;
	int		 rc;

	if ((rc = check_case(db, c, cause)) != 0 ||
	    (!dry && (rc = db_txn_begin(db, "case", cause)) != 0))
		return rc;
	memset(&old, 0, sizeof old);
	if ((rc = db_case_get(db, c->id, &old, cause)) != 0) {
		if (rc > 0)
			rc = no_case(db, c->id, cause);
		return dry ? rc : db_txn_finish(db, "case", rc, NULL);
	}
	/* Its reader again, whatever spaces the name had: stored as it was. */
	if (c->inspector != NULL && textgate_same_name(c->inspector,
	    old.inspector))
		c->inspector = old.inspector;
	/* Every change of details goes into the case's history. */
	what = details_changed(&old, c);
	/* A complete case is a finished record, as its details are (db-details.c). */
	if (what != NULL && old.complete)
		rc = err_fail(cause, ERR_INVALID, "case '%s' is complete: "
		    "reopen it before changing it (%s)", old.ref, what);
	else if (!dry && (rc = db_inspector_id(db, c->inspector != NULL ?
	    c->inspector : db->user, &insp, cause)) == 0 &&
	    (stmt = db_stmt(db, sql, cause)) == NULL)
		rc = -ERR_FAILED;
	if (rc == 0 && !dry) {
		util_now(now);
		bind_details(stmt, c, insp);
		sqlite3_bind_text(stmt, 7, now, -1, SQLITE_STATIC);
		sqlite3_bind_int64(stmt, 8, c->id);
		rc = sqlite3_step(stmt);
		sqlite3_reset(stmt);
		if (rc != SQLITE_DONE && sqlite3_extended_errcode(db->h) ==
		    SQLITE_CONSTRAINT_UNIQUE)
			rc = duplicate(db, c, cause);
		else if (rc != SQLITE_DONE)
			rc = db_fail(db, cause, "cannot update case");
		else if (sqlite3_changes(db->h) != 1)
			rc = no_case(db, c->id, cause);
		else if (what != NULL)
			rc = db_case_event_add(db, c->id, "details", what, now,
			    cause);
		else
			rc = 0;
	}
	/* c->inspector may be old's: cleared only once c is written. */
	c->inspector = NULL;
	db_case_clear(&old);
	free(what);
	return dry ? rc : db_txn_finish(db, "case", rc, rc == 0 ? cause : NULL);
}

/*
 * Add c (its id to *added) or, with added NULL, update it (with dry, only
 * check it), with the reading inspector's name as typed but for the spaces at
 * its ends.
 */
static int
case_write(struct db *db, const struct db_case *c, long long *added, int dry,
    char **cause)
{
	struct db_case	 t = *c;
	char		*name = NULL;
	int		 rc;

	if (c->inspector != NULL)
		t.inspector = name = textgate_trim(c->inspector);
	if (added != NULL) {
		rc = case_add(db, &t, cause);
		*added = t.id;
	} else
		rc = case_update(db, &t, dry, cause);
	free(name);
	return rc;
}

int
db_case_add(struct db *db, struct db_case *c, char **cause)
{
	return case_write(db, c, &c->id, 0, cause);
}

int
db_case_update(struct db *db, const struct db_case *c, char **cause)
{
	return case_write(db, c, NULL, 0, cause);
}

int
db_case_update_check(struct db *db, const struct db_case *c, char **cause)
{
	return case_write(db, c, NULL, 1, cause);
}

static int
get_one(struct db *db, sqlite3_stmt *stmt, struct db_case *out, char **cause)
{
	int	rc;

	if ((rc = db_step_row(db, stmt, "cannot read case", cause)) <= 0)
		return rc < 0 ? rc : 1;
	read_case(stmt, out);
	sqlite3_reset(stmt);
	return 0;
}

int
db_case_get(struct db *db, long long id, struct db_case *out, char **cause)
{
	static const char sql[] = "SELECT " CASE_COLUMNS " FROM cases c JOIN "
	    "inspector i ON i.id = c.inspector WHERE c.id = ?";
	sqlite3_stmt	*stmt;

	if ((stmt = db_stmt(db, sql, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	return get_one(db, stmt, out, cause);
}

int
db_case_find(struct db *db, enum qb_kind kind, const char *ref,
    struct db_case *out, char **cause)
{
	static const char sql[] = "SELECT " CASE_COLUMNS " FROM cases c JOIN "
	    "inspector i ON i.id = c.inspector WHERE c.kind = ? AND c.ref = ?";
	sqlite3_stmt	*stmt;

	if ((stmt = db_stmt(db, sql, cause)) == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, qbank_kind_name(kind), -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, ref, -1, SQLITE_STATIC);
	return get_one(db, stmt, out, cause);
}

/* instr(lower()) rather than LIKE: a reference may contain % or _. */
#define FILTER "(?2 IS NULL OR instr(lower(c.ref), lower(?2)) > 0)"

int
db_case_list(struct db *db, enum qb_kind kind, const char *filter, long offset,
    long limit, struct db_case **out, size_t *n, char **cause)
{
	static const char sql[] = "SELECT " CASE_COLUMNS " FROM cases c JOIN "
	    "inspector i ON i.id = c.inspector WHERE c.kind = ?1 AND " FILTER
	    " ORDER BY c.ref LIMIT ?3 OFFSET ?4";
	sqlite3_stmt	*stmt;
	void		*list;
	int		 rc;

	if ((stmt = db_stmt(db, sql, cause)) == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, qbank_kind_name(kind), -1, SQLITE_STATIC);
	if (filter != NULL && *filter != '\0')
		sqlite3_bind_text(stmt, 2, filter, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 3, limit);
	sqlite3_bind_int64(stmt, 4, offset);
	if ((rc = db_rows_list(db, stmt, sizeof **out, read_case_row,
	    free_cases, &list, n, "cannot list cases", cause)) != 0)
		return rc;
	*out = list;
	return 0;
}

long
db_case_count(struct db *db, enum qb_kind kind, const char *filter,
    char **cause)
{
	static const char sql[] = "SELECT count(*) FROM cases c WHERE "
	    "c.kind = ?1 AND " FILTER;
	sqlite3_stmt	*stmt;
	long		 count;
	int		 rc;

	if ((stmt = db_stmt(db, sql, cause)) == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, qbank_kind_name(kind), -1, SQLITE_STATIC);
	if (filter != NULL && *filter != '\0')
		sqlite3_bind_text(stmt, 2, filter, -1, SQLITE_STATIC);
	if ((rc = db_step_row(db, stmt, "cannot count cases", cause)) < 0)
		return rc;
	assert(rc > 0);		/* count(*) always has its row */
	count = (long)sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	return count;
}

/* The inspector order sorts; the reference order walks the (kind, ref) index. */
int
db_case_list_order(struct db *db, enum qb_kind kind, const char *filter,
    int by_inspector, long offset, long limit, long long find, long *pos,
    struct db_case **out, size_t *n, char **cause)
{
	static const char by_ref[] = "SELECT " CASE_COLUMNS " FROM cases c "
	    "JOIN inspector i ON i.id = c.inspector WHERE c.kind = ?1 AND "
	    FILTER " ORDER BY c.ref LIMIT ?3 OFFSET ?4";
	static const char by_insp[] = "SELECT " CASE_COLUMNS " FROM cases c "
	    "JOIN inspector i ON i.id = c.inspector WHERE c.kind = ?1 AND "
	    FILTER " ORDER BY i.name, c.ref LIMIT ?3 OFFSET ?4";
	/* Rows before case ?3 in the order (?4: by inspector); none: not listed. */
	static const char pos_sql[] = "SELECT (SELECT count(*) FROM cases c "
	    "JOIN inspector i ON i.id = c.inspector WHERE c.kind = ?1 AND "
	    FILTER " AND CASE WHEN ?4 THEN (i.name, c.ref) < (ti.name, t.ref) "
	    "ELSE c.ref < t.ref END) FROM cases t JOIN inspector ti ON "
	    "ti.id = t.inspector WHERE t.id = ?3 AND t.kind = ?1 AND (?2 IS "
	    "NULL OR instr(lower(t.ref), lower(?2)) > 0)";
	sqlite3_stmt	*stmt;
	void		*list;
	int		 rc;

	*out = NULL;
	*n = 0;
	if (find != 0) {
		*pos = -1;
		if ((stmt = db_stmt(db, pos_sql, cause)) == NULL)
			return -1;
	} else if ((stmt = db_stmt(db, by_inspector ? by_insp : by_ref,
	    cause)) == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, qbank_kind_name(kind), -1, SQLITE_STATIC);
	if (filter != NULL && *filter != '\0')
		sqlite3_bind_text(stmt, 2, filter, -1, SQLITE_STATIC);
	if (find != 0) {
		sqlite3_bind_int64(stmt, 3, find);
		sqlite3_bind_int(stmt, 4, by_inspector != 0);
		if ((rc = db_step_row(db, stmt, "cannot find case",
		    cause)) <= 0)
			return rc;
		*pos = (long)sqlite3_column_int64(stmt, 0);
		sqlite3_reset(stmt);
		return 0;
	}
	sqlite3_bind_int64(stmt, 3, limit);
	sqlite3_bind_int64(stmt, 4, offset);
	if ((rc = db_rows_list(db, stmt, sizeof **out, read_case_row,
	    free_cases, &list, n, "cannot list cases", cause)) != 0)
		return rc;
	*out = list;
	return 0;
}

/* The refusal of a save into a case that is not the one on screen. */
static int
case_replaced(const char *ref, char **cause)
{
	char	*shown = db_escape(ref, strlen(ref));
	int	 rc;

	rc = err_fail(cause, ERR_REPLACED, "not saved: this case was replaced "
	    "by a merge (case %s is no longer the case on screen); open it "
	    "again from the list", shown);
	free(shown);
	return rc;
}

int
db_case_same(struct db *db, long long id, enum qb_kind kind, const char *ref,
    char **cause)
{
	static const char sql[] = "SELECT kind, ref FROM cases WHERE id = ?";
	sqlite3_stmt	*stmt;
	const char	*k, *r;
	int		 rc, same = 0;

	if ((stmt = db_stmt(db, sql, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	if ((rc = db_step_row(db, stmt, "cannot read case", cause)) < 0)
		return rc;
	if (rc > 0) {
		k = (const char *)sqlite3_column_text(stmt, 0);
		r = (const char *)sqlite3_column_text(stmt, 1);
		same = k != NULL && r != NULL && strcmp(k, kind == QB_CHILD ?
		    "child" : "victim") == 0 && strcmp(r, ref) == 0;
		sqlite3_reset(stmt);
	}
	return same ? 0 : case_replaced(ref, cause);
}

int
db_case_set_complete(struct db *db, long long id, int complete,
    const char *reason, char **cause)
{
	static const char update_sql[] = "UPDATE cases SET status = ?1, "
	    "updated_at = ?2 WHERE id = ?3 AND status <> ?1";
	static const char event_sql[] = "INSERT INTO case_event (case_id, "
	    "event, reason, inspector, at) VALUES (?, ?, ?, ?, ?)";
	sqlite3_stmt	*stmt;
	long long	 insp;
	char		 now[UTIL_TIME_LEN];
	int		 rc;

	/* Spaces alone say nothing: the reason is kept to be read later. */
	if (!complete && (reason == NULL || blank(reason)))
		return err_fail(cause, ERR_INVALID, "reopening a complete case "
		    "needs a reason");
	if ((rc = textgate_check_str(TEXTGATE_REASON, reason, cause)) != 0)
		return rc;
	if ((rc = db_txn_begin(db, "case", cause)) != 0)
		return rc;
	if ((stmt = db_stmt(db, update_sql, cause)) == NULL)
		return db_txn_finish(db, "case", -1, NULL);
	util_now(now);
	sqlite3_bind_text(stmt, 1, complete ? "complete" : "draft", -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, now, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 3, id);
	if ((rc = db_step(db, stmt, "cannot change case status", cause)) != 0)
		return db_txn_finish(db, "case", rc, NULL);
	if (sqlite3_changes(db->h) == 0)	/* already so: nothing to record */
		return db_txn_finish(db, "case", 0, cause);
	if ((rc = db_inspector_id(db, db->user, &insp, cause)) != 0)
		return db_txn_finish(db, "case", rc, NULL);
	if ((stmt = db_stmt(db, event_sql, cause)) == NULL)
		return db_txn_finish(db, "case", -1, NULL);
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_bind_text(stmt, 2, complete ? "complete" : "reopen", -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, reason != NULL ? reason : "", -1,
	    SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 4, insp);
	sqlite3_bind_text(stmt, 5, now, -1, SQLITE_STATIC);
	rc = db_step(db, stmt, "cannot record case event", cause);
	return db_txn_finish(db, "case", rc, cause);
}

static enum db_event_kind
event_kind(const char *s)
{
	if (s == NULL)
		return DB_EVENT_COMPLETE;
	if (strcmp(s, "reopen") == 0)
		return DB_EVENT_REOPEN;
	if (strcmp(s, "withdraw") == 0)
		return DB_EVENT_WITHDRAW;
	if (strcmp(s, "reinstate") == 0)
		return DB_EVENT_REINSTATE;
	if (strcmp(s, "details") == 0)
		return DB_EVENT_DETAILS;
	return DB_EVENT_COMPLETE;
}

/* Record event on case id, now, by the file's user; inside a write. */
int
db_case_event_add(struct db *db, long long id, const char *event,
    const char *reason, const char *now, char **cause)
{
	static const char sql[] = "INSERT INTO case_event (case_id, event, "
	    "reason, inspector, at) VALUES (?, ?, ?, ?, ?)";
	sqlite3_stmt	*stmt;
	long long	 insp;
	int		 rc;

	if ((rc = db_inspector_id(db, db->user, &insp, cause)) != 0)
		return rc;
	if ((stmt = db_stmt(db, sql, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_bind_text(stmt, 2, event, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, reason != NULL ? reason : "", -1,
	    SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 4, insp);
	sqlite3_bind_text(stmt, 5, now, -1, SQLITE_STATIC);
	return db_step(db, stmt, "cannot record case event", cause);
}

int
db_case_withdraw(struct db *db, long long id, const char *reason,
    char **cause)
{
	static const char sql[] = "UPDATE cases SET withdrawn = ?1, "
	    "updated_at = ?2 WHERE id = ?3 AND (withdrawn IS NULL) = "
	    "(?1 IS NOT NULL)";
	sqlite3_stmt	*stmt;
	struct db_case	 c;
	char		 now[UTIL_TIME_LEN];
	int		 rc;

	if (reason != NULL && blank(reason))
		return err_fail(cause, ERR_INVALID, "withdrawing a case needs "
		    "a reason");
	if (reason != NULL && (rc = textgate_check_str(TEXTGATE_REASON, reason,
	    cause)) != 0)
		return rc;
	if ((rc = db_txn_begin(db, "withdraw", cause)) != 0)
		return rc;
	/* Back in the sample, the case counts on its interview again. */
	if (reason == NULL) {
		memset(&c, 0, sizeof c);
		if ((rc = db_case_get(db, id, &c, cause)) >= 0)
			rc = c.withdrawn != NULL && c.kind == QB_VICTIM ?
			    db_details_interview_room(db, id, c.ref,
			    c.details.interview, cause) : 0;
		db_case_clear(&c);
		if (rc < 0)
			return db_txn_finish(db, "withdraw", rc, NULL);
	}
	if ((stmt = db_stmt(db, sql, cause)) == NULL)
		return db_txn_finish(db, "withdraw", -1, NULL);
	util_now(now);
	if (reason != NULL)
		sqlite3_bind_text(stmt, 1, reason, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, now, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 3, id);
	if ((rc = db_step(db, stmt, "cannot withdraw case", cause)) != 0)
		return db_txn_finish(db, "withdraw", rc, NULL);
	if (sqlite3_changes(db->h) == 0) {
		memset(&c, 0, sizeof c);
		if (db_case_get(db, id, &c, NULL) != 0)
			rc = no_case(db, id, cause);
		else if (reason != NULL)
			rc = err_fail(cause, ERR_INVALID, "case '%s' is "
			    "already withdrawn", c.ref);
		else
			rc = err_fail(cause, ERR_INVALID, "case '%s' is not "
			    "withdrawn", c.ref);
		db_case_clear(&c);
		return db_txn_finish(db, "withdraw", rc, NULL);
	}
	rc = db_case_event_add(db, id, reason != NULL ? "withdraw" :
	    "reinstate", reason, now, cause);
	return db_txn_finish(db, "withdraw", rc, cause);
}

int
db_case_subset(struct db *db, enum db_case_subset which, struct db_case **out,
    size_t *n, char **cause)
{
	static const char withdrawn_sql[] = "SELECT " CASE_COLUMNS " FROM cases "
	    "c JOIN inspector i ON i.id = c.inspector WHERE c.withdrawn IS NOT "
	    "NULL ORDER BY c.kind, c.ref";
	static const char incomplete_sql[] = "SELECT " CASE_COLUMNS " FROM "
	    "cases c JOIN inspector i ON i.id = c.inspector WHERE c.withdrawn "
	    "IS NULL AND c.status <> 'complete' ORDER BY c.kind, c.ref";
	sqlite3_stmt	*stmt;
	void		*list;

	if ((stmt = db_stmt(db, which == DB_CASE_WITHDRAWN ? withdrawn_sql :
	    incomplete_sql, cause)) == NULL ||
	    db_rows_list(db, stmt, sizeof **out, read_case_row, free_cases,
	    &list, n, which == DB_CASE_WITHDRAWN ?
	    "cannot list withdrawn cases" : "cannot list incomplete cases",
	    cause) != 0)
		return -1;
	*out = list;
	return 0;
}

int
db_case_sample(struct db *db, enum qb_kind kind, long *cases, long *complete,
    long *withdrawn, char **cause)
{
	static const char sql[] = "SELECT count(*) FILTER (WHERE withdrawn IS "
	    "NULL), count(*) FILTER (WHERE withdrawn IS NULL AND status = "
	    "'complete'), count(*) FILTER (WHERE withdrawn IS NOT NULL) FROM "
	    "cases WHERE kind = ?1";
	sqlite3_stmt	*stmt;
	int		 rc;

	if ((stmt = db_stmt(db, sql, cause)) == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, qbank_kind_name(kind), -1, SQLITE_STATIC);
	if ((rc = db_step_row(db, stmt, "cannot count cases", cause)) < 0)
		return rc;
	assert(rc > 0);		/* an aggregate always has its row */
	*cases = (long)sqlite3_column_int64(stmt, 0);
	*complete = (long)sqlite3_column_int64(stmt, 1);
	*withdrawn = (long)sqlite3_column_int64(stmt, 2);
	sqlite3_reset(stmt);
	return 0;
}

void
db_event_list_free(struct db_event *list, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(list[i].reason);
		free(list[i].inspector);
		free(list[i].at);
	}
	free(list);
}

int
db_case_events(struct db *db, long long id, struct db_event **out, size_t *n,
    char **cause)
{
	static const char sql[] = "SELECT e.event, e.reason, i.name, e.at FROM "
	    "case_event e JOIN inspector i ON i.id = e.inspector WHERE "
	    "e.case_id = ? ORDER BY e.id";
	sqlite3_stmt	*stmt;
	struct db_event	*list = NULL;
	size_t		 count = 0;
	int		 rc;

	if ((stmt = db_stmt(db, sql, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	while ((rc = db_step_row(db, stmt, "cannot read case events",
	    cause)) > 0) {
		list = xreallocarray(list, count + 1, sizeof *list);
		list[count].kind = event_kind((const char *)
		    sqlite3_column_text(stmt, 0));
		list[count].reopen = list[count].kind == DB_EVENT_REOPEN;
		list[count].reason = db_column_dup(stmt, 1);
		list[count].inspector = db_column_dup(stmt, 2);
		list[count].at = db_column_dup(stmt, 3);
		count++;
	}
	if (rc < 0) {
		db_event_list_free(list, count);
		return rc;
	}
	*out = list;
	*n = count;
	return 0;
}
