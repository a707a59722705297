/*
 * Feeding the tally from a file: one query over cases joined to their key
 * answers, ordered by case so each case is complete when the next begins, read
 * as a stream inside one read transaction. Nothing is held per answer; the
 * counting itself is tally.c's.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "db-internal.h"
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
	for (i = 0; i < TALLY_DOMAIN1; i++) {
		if (db_judgement_get(db, d1[i], &v, cause) != 0)
			return -1;
		t->domain1[i] = v == NULL ? TALLY_NONE : tally_rating_parse(v);
		free(v);
	}
	return 0;
}

/*
 * The query for this bank's key questions. Built per call (the ids are the
 * bank's), so it is prepared here rather than through the statement cache.
 * Cases in id order, each joined to its answered key questions through the
 * answer table's primary key: no sort, no temporary b-tree.
 */
static char *
feed_sql(const struct tally *t)
{
	char	*sql, *old;
	size_t	 i;

	sql = xstrdup("SELECT c.id, c.kind, c.case_type, c.inspector, c.status, "
	    "a.question, a.value FROM cases c LEFT JOIN answer a ON "
	    "a.case_id = c.id AND a.value IS NOT NULL AND a.question IN (");
	for (i = 0; i < t->nkeys; i++) {
		old = sql;
		sql = xasprintf("%s%s?", old, i == 0 ? "" : ", ");
		free(old);
	}
	old = sql;
	sql = xasprintf("%s%s) ORDER BY c.id", old, t->nkeys == 0 ? "NULL" : "");
	free(old);
	return sql;
}

static int
feed(struct db *db, struct tally *t, const struct insp_name *names,
    size_t nnames, char **cause)
{
	sqlite3_stmt		*stmt;
	const unsigned char	*kind, *type, *status, *question;
	char			*sql = feed_sql(t);
	long long		 id, last = -1;
	long			 k;
	size_t			 i;
	int			 rc;

	rc = sqlite3_prepare_v2(db->h, sql, -1, &stmt, NULL);
	free(sql);
	if (rc != SQLITE_OK)
		return db_fail(db, cause, "cannot read answers");
	for (i = 0; i < t->nkeys; i++)
		sqlite3_bind_text(stmt, (int)i + 1, t->keys[i].id, -1,
		    SQLITE_STATIC);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		id = sqlite3_column_int64(stmt, 0);
		if (id != last) {
			if (last != -1)
				tally_case_end(t);
			last = id;
			kind = sqlite3_column_text(stmt, 1);
			type = sqlite3_column_text(stmt, 2);
			status = sqlite3_column_text(stmt, 4);
			tally_case_begin(t, kind != NULL && strcmp((const char *)
			    kind, "victim") == 0 ? QB_VICTIM : QB_CHILD,
			    type != NULL ? qbank_type_parse((const char *)type) :
			    0, inspector_name(names, nnames,
			    sqlite3_column_int64(stmt, 3)), status != NULL &&
			    strcmp((const char *)status, "complete") == 0);
		}
		question = sqlite3_column_text(stmt, 5);
		if (question == NULL)
			continue;
		if ((k = tally_key_find(t, (const char *)question)) >= 0)
			tally_case_answer(t, (size_t)k,
			    value_of(sqlite3_column_text(stmt, 6)));
	}
	if (last != -1)
		tally_case_end(t);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return db_fail(db, cause, "cannot read answers");
	return 0;
}

int
db_tally(struct db *db, struct tally *t, char **cause)
{
	struct insp_name	*names = NULL;
	size_t			 nnames = 0, i;
	int			 rc, own = db->depth == 0;

	/* One snapshot: a writer beside us must not split a case's answers. */
	if (own && sqlite3_exec(db->h, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(db, cause, "cannot start reading");
	t->iyjs = strcmp(db->insp.type, "iyjs") == 0;
	t->min_children = db->insp.min_children;
	t->min_victims = db->insp.min_victims;
	rc = load_inspectors(db, &names, &nnames, cause);
	if (rc == 0)
		rc = load_judgements(db, t, cause);
	if (rc == 0)
		rc = feed(db, t, names, nnames, cause);
	if (own)
		sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL);
	for (i = 0; i < nnames; i++)
		free(names[i].name);
	free(names);
	if (rc != 0)
		return -1;
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

	if (db_write_begin(db, cause) != 0)
		return -1;
	if ((stmt = db_stmt(db, sql, cause)) == NULL)
		return db_write_end(db, 0, NULL);
	if (children >= 0)
		sqlite3_bind_int(stmt, 1, children);
	if (victims >= 0)
		sqlite3_bind_int(stmt, 2, victims);
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		db_fail(db, cause, "cannot record sample minimums");
		return db_write_end(db, 0, NULL);
	}
	if (db_write_end(db, 1, cause) != 0)
		return -1;
	if (children >= 0)
		db->insp.min_children = children;
	if (victims >= 0)
		db->insp.min_victims = victims;
	return 0;
}
