/*
 * Merging bundles into the lead's file (see merge.h): the decision rule, the
 * run over a command line's bundles, and the report. Everything happens in one
 * transaction that commits only when every bundle passed its checks and no case
 * conflicts, so a refused bundle, like a conflict, leaves the lead's file as it
 * was.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db-case.h"
#include "db-merge.h"
#include "merge.h"
#include "textgate.h"
#include "uktime.h"
#include "util.h"

static int
keeps(const struct merge_opts *o, const char *name)
{
	size_t	i;

	for (i = 0; o != NULL && i < o->nkeep; i++) {
		if (strcmp(o->keep[i], name) == 0)
			return 1;
	}
	return 0;
}

/* The last part of a path: --keep may name a bundle with or without its folder. */
static const char *
base(const char *path)
{
	const char	*slash = strrchr(path, '/');

	return slash != NULL ? slash + 1 : path;
}

/* Does a --keep name the file at path? */
static int
keeps_file(const struct merge_opts *o, const char *path)
{
	size_t	i;

	for (i = 0; o != NULL && path != NULL && i < o->nkeep; i++) {
		if (strcmp(o->keep[i], path) == 0 ||
		    strcmp(base(o->keep[i]), base(path)) == 0)
			return 1;
	}
	return 0;
}

enum db_merge_action
merge_decide(const struct db_merge_case *c, int *settle, void *arg)
{
	const struct merge_opts	*o = arg;
	int			 newer, kb, kl, homonym;

	*settle = 0;
	if (!c->in_lead)
		return DB_MERGE_ADD;
	homonym = strcmp(c->inspector, c->lead_inspector) == 0;
	if (homonym && strcmp(c->uid, c->lead_uid) == 0) {
		/* ISO 8601 UTC with fixed width: text order is time order. */
		newer = strcmp(c->updated_at, c->lead_updated_at);
		if (newer > 0)
			return DB_MERGE_UPDATE;
		if (c->same)
			return DB_MERGE_UNCHANGED;
		return newer < 0 ? DB_MERGE_OLDER : DB_MERGE_UPDATE;
	}

	/*
	 * Two readings of one case, by two inspectors or from two files that
	 * give their inspector the same name: only the lead may choose.
	 */
	if (c->settled != NULL && c->settled_uid != NULL) {
		if (strcmp(c->settled_uid, c->lead_uid) == 0)
			return DB_MERGE_SKIP;
		if (strcmp(c->settled_uid, c->uid) == 0)
			return DB_MERGE_REPLACE;
	} else if (c->settled != NULL && !homonym) {
		if (strcmp(c->settled, c->lead_inspector) == 0)
			return DB_MERGE_SKIP;
		if (strcmp(c->settled, c->inspector) == 0)
			return DB_MERGE_REPLACE;
	}
	/* One name for both readings: only the file can say which stands. */
	kb = keeps_file(o, c->bundle) || (!homonym && keeps(o, c->inspector));
	kl = keeps_file(o, c->lead_source) ||
	    (!homonym && keeps(o, c->lead_inspector));
	if (kb == kl)
		return DB_MERGE_CONFLICT;
	*settle = 1;
	return kb ? DB_MERGE_REPLACE : DB_MERGE_SKIP;
}

static char *
join_keep(const struct merge_opts *o)
{
	char	*s = xstrdup(""), *old;
	size_t	 i;

	for (i = 0; o != NULL && i < o->nkeep; i++) {
		old = s;
		s = xasprintf("%s%s%s", old, i == 0 ? "" : ",", o->keep[i]);
		free(old);
	}
	return s;
}

/* "child C1: alice, bob; ..." for the one-line summary; static buffer. */
static const char *
conflict_names(const struct db_merge_conflict *c, size_t n)
{
	static char	 buf[512];
	size_t		 i, len = 0;
	int		 w;

	buf[0] = '\0';
	for (i = 0; i < n && len < sizeof buf; i++) {
		if (c[i].homonym)
			w = snprintf(buf + len, sizeof buf - len, "%s%s %s: %s "
			    "in two files", i == 0 ? "" : "; ", c[i].kind ==
			    QB_CHILD ? "child" : "victim", c[i].ref,
			    c[i].inspector);
		else
			w = snprintf(buf + len, sizeof buf - len, "%s%s %s: %s "
			    "and %s", i == 0 ? "" : "; ", c[i].kind == QB_CHILD ?
			    "child" : "victim", c[i].ref, c[i].lead_inspector,
			    c[i].inspector);
		if (w < 0)
			break;
		len += (size_t)w;
	}
	if (len >= sizeof buf)
		strcpy(buf + sizeof buf - 5, "...");
	return buf;
}

int
merge_run(struct db *lead, char *const *paths, size_t npaths,
    const struct merge_opts *o, FILE *out, char **cause)
{
	const struct db_merge_bundle	*b;
	const struct db_merge_conflict	*c;
	struct db_merge			*m;
	char				*keep;
	size_t				 i, n;
	int				 rc;

	if (npaths == 0)
		return util_fail(cause, "no bundles to merge");
	if ((m = db_merge_new(lead, cause)) == NULL)
		return -1;
	for (i = 0; i < npaths; i++) {
		if ((rc = db_merge_add(m, paths[i], cause)) != 0) {
			db_merge_free(m);
			return rc;
		}
	}
	keep = join_keep(o);
	rc = db_merge_run(m, merge_decide, (void *)o, keep, cause);
	free(keep);
	if (err_code_of(rc) == ERR_CONFLICT) {
		/* Said again, with every case named. */
		if (cause != NULL) {
			free(*cause);
			*cause = NULL;
		}
		c = db_merge_conflicts(m, &n);
		merge_print_conflicts(out, db_bank(lead), c, n);
		rc = err_fail(cause, ERR_CONFLICT, "merge refused, nothing "
		    "written: %zu %s read twice (%s); settle with --keep "
		    "INSPECTOR or --keep BUNDLE", n, n == 1 ? "case" : "cases",
		    conflict_names(c, n));
	} else if (rc == 0) {
		b = db_merge_bundles(m, &n);
		for (i = 0; i < n; i++)
			merge_print_bundle(out, &b[i]);
		if (!db_merge_changed(m))
			textgate_printf(out,
			    "nothing to merge: '%s' already holds all "
			    "of it and was left as it was\n", db_path(lead));
	}
	db_merge_free(m);
	return rc;
}

void
merge_print_bundle(FILE *f, const struct db_merge_bundle *b)
{
	const long	*a = b->actions;
	char		*at = uktime_show(b->exported_at);

	textgate_printf(f,
	    "merged '%s' (%s, exported %s): %ld added, %ld updated",
	    b->path, b->inspector, at, a[DB_MERGE_ADD],
	    a[DB_MERGE_UPDATE] + a[DB_MERGE_REPLACE]);
	free(at);
	if (a[DB_MERGE_REPLACE] > 0)
		textgate_printf(f,
		    " (%ld in place of another inspector's, by --keep)",
		    a[DB_MERGE_REPLACE]);
	textgate_printf(f, ", %ld unchanged", a[DB_MERGE_UNCHANGED]);
	if (a[DB_MERGE_OLDER] > 0)
		textgate_printf(f,
		    ", %ld skipped as older than the lead's copy",
		    a[DB_MERGE_OLDER]);
	if (a[DB_MERGE_SKIP] > 0)
		textgate_printf(f,
		    ", %ld left out for another reading kept by --keep",
		    a[DB_MERGE_SKIP]);
	fputc('\n', f);
}

static const struct qbank *sort_bank;

static int
diff_cmp(const void *pa, const void *pb)
{
	const struct db_merge_diff	*a = pa, *b = pb;
	long				 ia, ib;

	ia = qbank_find(sort_bank, a->question);
	ib = qbank_find(sort_bank, b->question);
	if (ia != ib)
		return ia < ib ? -1 : 1;
	return strcmp(a->question, b->question);
}

static const char *
shown(enum answer_value v)
{
	return v == ANSWER_NONE ? "-" : db_answer_name(v);
}

void
merge_print_conflicts(FILE *f, const struct qbank *bank,
    const struct db_merge_conflict *list, size_t n)
{
	const struct db_merge_conflict	*c;
	struct db_merge_diff		*d;
	size_t				 i, j;
	char				*ref = NULL;

	for (i = 0; i < n; i++) {
		c = &list[i];
		/* One line for each: the reference's own newlines shown. */
		free(ref);
		ref = textgate_show_str(c->ref);
		if (c->homonym)
			textgate_printf(f,
			    "conflict: %s's case %s was read in two files "
			    "that both name their inspector %s: '%s' and '%s' "
			    "(settle with --keep and one of those files)\n",
			    c->kind == QB_CHILD ? "child" : "victim", ref,
			    c->inspector, c->lead_source, c->bundle);
		else
			textgate_printf(f,
			    "conflict: %s's case %s was read by %s "
			    "(%s%s%s) and by %s ('%s')\n", c->kind == QB_CHILD ?
			    "child" : "victim", ref, c->lead_inspector,
			    c->lead_bundle != NULL ? "'" : "", c->lead_bundle !=
			    NULL ? c->lead_bundle : "in the lead's file",
			    c->lead_bundle != NULL ? "'" : "", c->inspector,
			    c->bundle);
		if (c->ndiffs == 0) {
			textgate_printf(f, "  their answers agree\n");
			continue;
		}
		/* Reading order is how the inspectors will look for them. */
		d = xreallocarray(NULL, c->ndiffs, sizeof *d);
		memcpy(d, c->diffs, c->ndiffs * sizeof *d);
		sort_bank = bank;
		if (bank != NULL)
			qsort(d, c->ndiffs, sizeof *d, diff_cmp);
		for (j = 0; j < c->ndiffs; j++) {
			if (d[j].lead_value == d[j].value)
				textgate_printf(f,
				    "  %-10s %s: %s, %s: %s (evidence "
				    "notes differ)\n", d[j].question,
				    c->lead_inspector, shown(d[j].lead_value),
				    c->inspector, shown(d[j].value));
			else
				textgate_printf(f, "  %-10s %s: %s, %s: %s%s\n",
				    d[j].question, c->lead_inspector,
				    shown(d[j].lead_value), c->inspector,
				    shown(d[j].value), d[j].note_differs ?
				    " (and notes differ)" : "");
		}
		free(d);
	}
	free(ref);
	if (n > 0)
		textgate_printf(f,
		    "%zu conflicting %s: nothing was merged. Settle with "
		    "--keep INSPECTOR (or --keep BUNDLE, the file whose reading "
		    "stands): that reading of each case stands and the other "
		    "is left out of the lead's file.\n", n,
		    n == 1 ? "case" : "cases");
}
