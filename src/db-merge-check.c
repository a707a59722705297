/*
 * Whether a bundle may be merged: its manifest, its rows against the manifest's
 * counts, and the same inspection and bank as the lead, before the merge; then,
 * on the merge's own reading of its rows (struct db_merge_pass), the digest,
 * rows that point at real rows and answers that fit the lead's question bank.
 * Reads the bundle only; deciding and copying cases is db-merge.c's and
 * db-merge-rows.c's.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "db-internal.h"
#include "hashtab.h"
#include "textgate.h"
#include "util.h"

/* The manifest of open bundle b into mb; -1 with cause when it has none. */
static int
read_manifest(struct db *b, struct db_merge_bundle *mb, char **cause)
{
	static const char sql[] = "SELECT inspector, exported_at, source_uid, "
	    "cases, answers, history, events, digest FROM bundle WHERE id = 1";
	sqlite3_stmt	*stmt;
	int		 rc;

	if (sqlite3_prepare_v2(b->h, sql, -1, &stmt, NULL) != SQLITE_OK)
		return db_fail(b, cause, "cannot read the bundle manifest");
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		mb->inspector = db_column_dup(stmt, 0);
		mb->exported_at = db_column_dup(stmt, 1);
		mb->source_uid = db_column_dup(stmt, 2);
		mb->counts.cases = sqlite3_column_int64(stmt, 3);
		mb->counts.answers = sqlite3_column_int64(stmt, 4);
		mb->counts.history = sqlite3_column_int64(stmt, 5);
		mb->counts.events = sqlite3_column_int64(stmt, 6);
		mb->digest = db_column_dup(stmt, 7);
	}
	sqlite3_finalize(stmt);
	if (rc == SQLITE_DONE)
		return util_fail(cause, "'%s' is an inspection file, not an "
		    "export bundle: its inspector makes one with 'caseread "
		    "export FILE -o BUNDLE'", b->path);
	if (rc != SQLITE_ROW)
		return db_fail(b, cause, "cannot read the bundle manifest");
	if (mb->digest[0] == '\0')
		return util_fail(cause, "'%s' is damaged: its manifest has no "
		    "digest of its rows", b->path);
	return 0;
}

/*
 * What the digest's pass over a bundle notes to check its answers against the
 * bank: each case's kind and reference (cases come in id order, answers in
 * case order, so one cursor pairs them), and each question once per kind.
 */
struct answer_check {
	struct {
		long long	 id;		/* first: util_find_id reads it */
		int		 victim;
		char		*ref;
	}		*cases;
	size_t		 ncases;
	size_t		 cursor;	/* the case of the answer last seen */
	struct {
		char		*question;
		unsigned	 kinds;		/* 1 child, 2 victim */
		size_t		 ref[2];	/* a case of each kind, by index */
	}		*seen;
	size_t		 nseen;
	struct hashtab	*seen_index;	/* seen by question */
	long long	*insp;		/* inspector ids, ascending */
	size_t		 ninsp;
	int		 dangling;	/* a row points at a case or inspector not there */
	char		*bad;		/* why a value is of a wrong type or fails the text gate */
};

static void
answer_check_clear(struct answer_check *ac)
{
	size_t	i;

	for (i = 0; i < ac->ncases; i++)
		free(ac->cases[i].ref);
	free(ac->cases);
	for (i = 0; i < ac->nseen; i++)
		free(ac->seen[i].question);
	free(ac->seen);
	hashtab_free(ac->seen_index);
	free(ac->insp);
	free(ac->bad);
}

static int
seen_eq(const void *key, size_t i, const void *arg)
{
	const struct answer_check	*ac = arg;

	return strcmp(ac->seen[i].question, key) == 0;
}

/* The entry for question q (NUL-terminated, n bytes), new if not seen yet. */
static size_t
answer_check_seen(struct answer_check *ac, const char *q, size_t n)
{
	uint64_t	h = hashtab_str(q, n);
	size_t		i;

	if (ac->seen_index == NULL)
		ac->seen_index = hashtab_new(0);
	if ((i = hashtab_find(ac->seen_index, h, seen_eq, q, ac)) !=
	    HASHTAB_NONE)
		return i;
	ac->seen = xreallocarray(ac->seen, ac->nseen + 1, sizeof *ac->seen);
	memset(&ac->seen[ac->nseen], 0, sizeof *ac->seen);
	ac->seen[ac->nseen].question = xstrdup(q);
	hashtab_put(ac->seen_index, h, ac->nseen);
	return ac->nseen++;
}

/* Columns that must name a case and an inspector of the bundle, by table. */
static const struct {
	int	case_col;	/* -1: none */
	int	insp_col;
} refs[] = {
	[DB_DIGEST_INSPECTION] = { -1, -1 },
	[DB_DIGEST_INSPECTOR] = { -1, -1 },
	[DB_DIGEST_CASES] = { -1, 5 },
	[DB_DIGEST_ANSWER] = { 0, 4 },
	[DB_DIGEST_HISTORY] = { 0, 6 },
	[DB_DIGEST_EVENT] = { 0, 3 },
	[DB_DIGEST_ORIGIN] = { 0, -1 },
};

/*
 * The text columns of each table the merge copies, and what each holds: every
 * value passes the same gate as at import and on the screens.
 */
static const struct {
	int			 col;
	enum textgate_kind	 kind;
	const char		*what;
} text_cols[DB_DIGEST_NTABLES][14] = {
	[DB_DIGEST_INSPECTION] = { { 1, TEXTGATE_SERVICE, "service" },
	    { 2, TEXTGATE_WORD, "type" }, { 3, TEXTGATE_WORD, "bank id" },
	    { 4, TEXTGATE_WORD, "bank version" },
	    { 6, TEXTGATE_NAME, "owner" }, { -1, 0, NULL } },
	[DB_DIGEST_INSPECTOR] = { { 1, TEXTGATE_NAME, "inspector" },
	    { -1, 0, NULL } },
	[DB_DIGEST_CASES] = { { 2, TEXTGATE_REF, "reference" },
	    { 1, TEXTGATE_WORD, "kind" }, { 3, TEXTGATE_WORD, "type" },
	    { 4, TEXTGATE_MANAGER, "case manager" },
	    { 7, TEXTGATE_WORD, "contact" }, { 8, TEXTGATE_WORD, "status" },
	    { 10, TEXTGATE_WORD, "time" },
	    { 11, TEXTGATE_REASON, "reason for withdrawal" },
	    { 13, TEXTGATE_WORD, "period start" },
	    { 14, TEXTGATE_WORD, "period end" },
	    { 15, TEXTGATE_WORKER, "victim worker" },
	    { 16, TEXTGATE_LABEL, "interview" }, { -1, 0, NULL } },
	[DB_DIGEST_ANSWER] = { { 1, TEXTGATE_WORD, "question" },
	    { 3, TEXTGATE_NOTE, "note" }, { 5, TEXTGATE_WORD, "time" },
	    { -1, 0, NULL } },
	[DB_DIGEST_HISTORY] = { { 1, TEXTGATE_WORD, "question" },
	    { 3, TEXTGATE_NOTE, "old note" }, { 5, TEXTGATE_NOTE, "new note" },
	    { 7, TEXTGATE_WORD, "time" }, { -1, 0, NULL } },
	[DB_DIGEST_EVENT] = { { 1, TEXTGATE_WORD, "event" },
	    { 2, TEXTGATE_REASON, "reason" }, { 4, TEXTGATE_WORD, "time" },
	    { -1, 0, NULL } },
	[DB_DIGEST_ORIGIN] = { { 1, TEXTGATE_WORD, "origin" },
	    { -1, 0, NULL } },
};

/* 1 with ac->bad naming the case and field when a text value fails the gate. */
static int
answer_check_text(struct answer_check *ac, size_t table, sqlite3_value **cols,
    int ncols)
{
	const char	*s, *ref = NULL;
	char		*why, *shown, *q;
	long		 ci;
	size_t		 i, n;
	int		 col, type;

	for (i = 0; text_cols[table][i].col >= 0; i++) {
		col = text_cols[table][i].col;
		if (col >= ncols || ((type = sqlite3_value_type(cols[col])) !=
		    SQLITE_TEXT && type != SQLITE_BLOB))
			continue;	/* types are checked elsewhere */
		s = type == SQLITE_TEXT ? (const char *)
		    sqlite3_value_text(cols[col]) : sqlite3_value_blob(cols[col]);
		n = (size_t)sqlite3_value_bytes(cols[col]);
		if (textgate_check(text_cols[table][i].kind, s, n, &why) == 0)
			continue;
		if (table == DB_DIGEST_CASES && sqlite3_value_type(cols[2]) ==
		    SQLITE_TEXT)
			ref = (const char *)sqlite3_value_text(cols[2]);
		else if (refs[table].case_col >= 0 && (ci = util_find_id(
		    ac->cases, ac->ncases, sizeof *ac->cases,
		    sqlite3_value_int64(cols[refs[table].case_col]))) >= 0)
			ref = ac->cases[ci].ref;
		if (ref == NULL)
			ac->bad = xasprintf("its %s: %s",
			    text_cols[table][i].what, why);
		else {
			n = strlen(ref);
			shown = textgate_show(ref, n > 40 ? 40 : n, 0);
			q = NULL;
			if ((table == DB_DIGEST_ANSWER || table ==
			    DB_DIGEST_HISTORY) && col != 1 &&
			    sqlite3_value_type(cols[1]) == SQLITE_TEXT)
				q = textgate_show_str((const char *)
				    sqlite3_value_text(cols[1]));
			ac->bad = xasprintf("case %s%s, its %s%s%s: %s", shown,
			    n > 40 ? "..." : "", text_cols[table][i].what,
			    q != NULL ? " for " : "", q != NULL ? q : "", why);
			free(q);
			free(shown);
		}
		free(why);
		return 1;
	}
	return 0;
}

static char *
value_text(sqlite3_value *v)
{
	return (char *)(sqlite3_value_type(v) == SQLITE_TEXT ?
	    (const char *)sqlite3_value_text(v) : "");
}

/*
 * 1 with ac->bad naming the case when its details break the rules every
 * door keeps (real dates, a whole period in order, a worker and an interview
 * only on a victim's case), as db_details_set would refuse them.
 */
static int
case_check_details(struct answer_check *ac, sqlite3_value **cols, int ncols)
{
	struct db_case_details	 d;
	const char		*ref;
	char			*why = NULL, *shown;
	size_t			 n;

	if (ncols <= 16)
		return 0;
	d.manager_interviewed = sqlite3_value_type(cols[12]) == SQLITE_NULL ?
	    -1 : sqlite3_value_int(cols[12]);
	d.period_start = value_text(cols[13]);
	d.period_end = value_text(cols[14]);
	d.victim_worker = value_text(cols[15]);
	d.interview = value_text(cols[16]);
	if (db_details_check(&d, strcmp(value_text(cols[1]), "victim") == 0 ?
	    QB_VICTIM : QB_CHILD, &why) == 0)
		return 0;
	ref = value_text(cols[2]);
	n = strlen(ref);
	shown = textgate_show(ref, n > 40 ? 40 : n, 0);
	ac->bad = xasprintf("case %s%s, its details: %s", shown,
	    n > 40 ? "..." : "", why);
	free(shown);
	free(why);
	return 1;
}

/*
 * A db_digest_visit_fn: note inspectors and cases, check that every row points
 * at a case and inspector there (what a merge relies on, in the same pass as
 * the digest rather than a foreign_key_check of its own), and note each
 * answer's question by kind.
 */
static int
answer_check_visit(void *arg, size_t table, sqlite3_value **cols, int ncols)
{
	struct answer_check	*ac = arg;
	const char		*q;
	long long		 id;
	size_t			 i, n;
	int			 k;

	/* Nothing below reads a value before its type is known. */
	if (!db_merge_values_ok(table, cols, ncols, &ac->bad) ||
	    (table < DB_DIGEST_NTABLES && answer_check_text(ac, table, cols,
	    ncols) != 0))
		return 1;
	if (table == DB_DIGEST_INSPECTOR) {
		ac->insp = xreallocarray(ac->insp, ac->ninsp + 1,
		    sizeof *ac->insp);
		ac->insp[ac->ninsp++] = sqlite3_value_int64(cols[0]);
		return 0;
	}
	if (table < sizeof refs / sizeof refs[0] && ((refs[table].insp_col >= 0 &&
	    util_find_id(ac->insp, ac->ninsp, sizeof *ac->insp,
	    sqlite3_value_int64(cols[refs[table].insp_col])) < 0) ||
	    (refs[table].case_col >= 0 && table != DB_DIGEST_ANSWER &&
	    util_find_id(ac->cases, ac->ncases, sizeof *ac->cases,
	    sqlite3_value_int64(cols[refs[table].case_col])) < 0))) {
		ac->dangling = 1;
		return 1;
	}
	if (table == DB_DIGEST_CASES) {
		if (case_check_details(ac, cols, ncols) != 0)
			return 1;
		ac->cases = xreallocarray(ac->cases, ac->ncases + 1,
		    sizeof *ac->cases);
		ac->cases[ac->ncases].id = sqlite3_value_int64(cols[0]);
		ac->cases[ac->ncases].victim = strcmp((const char *)
		    sqlite3_value_text(cols[1]), "victim") == 0;
		ac->cases[ac->ncases].ref = xstrdup((const char *)
		    sqlite3_value_text(cols[2]));
		ac->ncases++;
		return 0;
	}
	if (table != DB_DIGEST_ANSWER)
		return 0;
	id = sqlite3_value_int64(cols[0]);
	while (ac->cursor < ac->ncases && ac->cases[ac->cursor].id < id)
		ac->cursor++;
	if (ac->cursor == ac->ncases || ac->cases[ac->cursor].id != id) {
		ac->dangling = 1;
		return 1;
	}
	k = ac->cases[ac->cursor].victim;
	q = (const char *)sqlite3_value_text(cols[1]);
	n = (size_t)sqlite3_value_bytes(cols[1]);
	i = answer_check_seen(ac, q, n);
	if ((ac->seen[i].kinds & (1U << k)) == 0) {
		ac->seen[i].kinds |= 1U << k;
		ac->seen[i].ref[k] = ac->cursor;
	}
	return 0;
}

/*
 * Every answer noted is to a question of the lead's bank, on the kind of case
 * it asks about. (A prompt of another case type is not refused: changing a
 * case's type keeps what was answered, and the tally leaves it out.)
 */
static int
answer_check_bank(const struct qbank *bank, const struct answer_check *ac,
    const char *path, char **cause)
{
	const char		*q, *ref;
	size_t			 i;
	long			 qi;
	int			 k;

	for (i = 0; i < ac->nseen; i++) {
		q = ac->seen[i].question;
		k = (ac->seen[i].kinds & 1) ? 0 : 1;
		ref = ac->cases[ac->seen[i].ref[k]].ref;
		if ((qi = qbank_find(bank, q)) < 0)
			return util_fail(cause, "'%s' holds an answer to question "
			    "'%.40s' (case %s), which question bank %s %s does "
			    "not have", path, q, ref, bank->id, bank->version);
		k = bank->standards[bank->questions[qi].standard].kind ==
		    QB_CHILD ? 1 : 0;	/* the kind it must not be on */
		if (ac->seen[i].kinds & (1U << k)) {
			ref = ac->cases[ac->seen[i].ref[k]].ref;
			return util_fail(cause, "'%s' holds an answer to %s, a "
			    "%s question, on %s case %s", path, q, k ?
			    "children's" : "victims'", k ? "victim's" :
			    "child's", ref);
		}
	}
	return 0;
}

int
db_merge_check(struct db *lead, struct db *b, struct db_merge_bundle *mb,
    char **cause)
{
	const struct db_inspection	*li = &lead->insp, *bi = &b->insp;
	sqlite3_stmt			*stmt;
	long long			 have[4];
	int				 rc, i;

	if (read_manifest(b, mb, cause) != 0)
		return -1;
	if (sqlite3_prepare_v2(b->h, "SELECT (SELECT count(*) FROM cases), "
	    "(SELECT count(*) FROM answer), (SELECT count(*) FROM "
	    "answer_history), (SELECT count(*) FROM case_event)", -1, &stmt,
	    NULL) != SQLITE_OK)
		return db_fail(b, cause, "cannot count the bundle's rows");
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		for (i = 0; i < 4; i++)
			have[i] = sqlite3_column_int64(stmt, i);
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_ROW)
		return db_fail(b, cause, "cannot count the bundle's rows");
	if (have[0] != mb->counts.cases || have[1] != mb->counts.answers ||
	    have[2] != mb->counts.history || have[3] != mb->counts.events)
		return util_fail(cause, "'%s' is incomplete: its manifest lists "
		    "%lld cases, %lld answers, %lld history rows and %lld events "
		    "but it holds %lld, %lld, %lld and %lld", b->path,
		    mb->counts.cases, mb->counts.answers, mb->counts.history,
		    mb->counts.events, have[0], have[1], have[2], have[3]);

	/* The same inspection: service and type; each inspector has their own uid. */
	if (strcmp(bi->type, li->type) != 0 ||
	    strcasecmp(bi->service, li->service) != 0)
		return util_fail(cause, "'%s' is from another inspection: %s "
		    "(%s), but '%s' is %s (%s)", b->path, bi->service, bi->type,
		    lead->path, li->service, li->type);
	if (strcmp(bi->bank_id, li->bank_id) != 0 ||
	    strcmp(bi->bank_version, li->bank_version) != 0 ||
	    strcmp(bi->bank_hash, li->bank_hash) != 0)
		return util_fail(cause, "'%s' uses question bank %s %s (hash "
		    "%s), but '%s' uses %s %s (hash %s): every inspector's file "
		    "must use the same bank", b->path, bi->bank_id,
		    bi->bank_version, bi->bank_hash, lead->path, li->bank_id,
		    li->bank_version, li->bank_hash);
	if (db_merge_bank_same(lead->bank, b->bank, lead->path, b->path,
	    cause) != 0)
		return -1;
	mb->service = xstrdup(bi->service);
	return 0;
}

/*
 * The rest of a bundle's check rides on the merge's own reading of its rows:
 * the digest, and that rows point at real rows and answers fit the bank.
 * db_open ran quick_check (pages, records, NOT NULL and CHECK) already.
 */
struct db_merge_pass {
	struct db_digest		 d;
	struct answer_check		 ac;
	struct db			*lead;
	struct db			*b;
	const struct db_merge_bundle	*mb;
};

static int
dangling(struct db_merge_pass *p, char **cause)
{
	char	*shown;
	int	 rc;

	if (p->ac.bad != NULL) {
		shown = textgate_show_str(p->b->path);
		rc = util_fail(cause, "'%s' is refused: %s", shown, p->ac.bad);
		free(shown);
		return rc;
	}
	return util_fail(cause, "'%s' is damaged: rows refer to missing rows",
	    p->b->path);
}

struct db_merge_pass *
db_merge_pass_begin(struct db *lead, struct db *b,
    const struct db_merge_bundle *mb, char **cause)
{
	struct db_merge_pass	*p = xcalloc(1, sizeof *p);
	char			*why;
	size_t			 t;
	int			 rc;

	p->lead = lead;
	p->b = b;
	p->mb = mb;
	/* The manifest's text goes into the lead's merge log: the same gate. */
	if (textgate_check_str(TEXTGATE_NAME, mb->inspector, &why) != 0 ||
	    textgate_check_str(TEXTGATE_WORD, mb->exported_at, &why) != 0 ||
	    textgate_check_str(TEXTGATE_WORD, mb->source_uid, &why) != 0) {
		p->ac.bad = xasprintf("its manifest: %s", why);
		free(why);
		dangling(p, cause);
		db_merge_pass_free(p);
		return NULL;
	}
	db_digest_begin(&p->d, mb->inspector, mb->exported_at, mb->source_uid);
	for (t = DB_DIGEST_INSPECTION; t <= DB_DIGEST_CASES; t++) {
		if ((rc = db_digest_table(&p->d, b->h, t, answer_check_visit,
		    &p->ac)) != 0) {
			if (rc < 0)
				db_fail(b, cause, "cannot read the bundle");
			else
				dangling(p, cause);
			db_merge_pass_free(p);
			return NULL;
		}
	}
	return p;
}

int
db_merge_pass_row(struct db_merge_pass *p, size_t table, sqlite3_value **cols,
    int ncols, char **cause)
{
	if (answer_check_visit(&p->ac, table, cols, ncols) != 0)
		return dangling(p, cause);
	db_digest_row(&p->d, table, cols, ncols);
	return 0;
}

int
db_merge_pass_end(struct db_merge_pass *p, char **cause)
{
	char	have[DB_DIGEST_LEN];
	int	rc;

	if ((rc = db_digest_table(&p->d, p->b->h, DB_DIGEST_ORIGIN,
	    answer_check_visit, &p->ac)) != 0)
		return rc < 0 ? db_fail(p->b, cause, "cannot read the bundle") :
		    dangling(p, cause);
	db_digest_hex(&p->d, have);
	if (strcmp(have, p->mb->digest) != 0)
		return db_digest_mismatch(p->b->path, have, p->mb->digest,
		    cause);
	return answer_check_bank(p->lead->bank, &p->ac, p->b->path, cause);
}

void
db_merge_pass_free(struct db_merge_pass *p)
{
	if (p == NULL)
		return;
	answer_check_clear(&p->ac);
	free(p);
}
