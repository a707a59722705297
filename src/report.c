/*
 * The report's content apart from the tally: the cases, each key question's
 * evidence notes by answer, the soft-rule warnings beside them and the open
 * items; the moderation outlier; and writing the page to a file whole or not
 * at all. The page itself is report-html.c's, the reading db-report.c's.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "export.h"
#include "readcheck.h"
#include "report.h"
#include "util.h"

struct report *
report_new(const struct qbank *bank, const struct db_inspection *insp,
    const char *file)
{
	struct report	*r = xcalloc(1, sizeof *r);

	r->bank = bank;
	r->tally = tally_new(bank);
	r->service = xstrdup(insp->service);
	r->type = xstrdup(insp->type);
	r->start_date = xstrdup(insp->start_date != NULL ? insp->start_date :
	    "");
	r->end_date = xstrdup(insp->end_date != NULL ? insp->end_date : "");
	r->file = xstrdup(file);
	r->keys = xcalloc(r->tally->nkeys > 0 ? r->tally->nkeys : 1,
	    sizeof *r->keys);
	return r;
}

static void
items_free(struct report_item *items, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(items[i].text);
	free(items);
}

void
report_free(struct report *r)
{
	size_t	i, g;

	if (r == NULL)
		return;
	for (i = 0; i < r->tally->nkeys; i++) {
		for (g = 0; g < REPORT_NGROUPS; g++)
			items_free(r->keys[i].notes[g], r->keys[i].nnotes[g]);
		items_free(r->keys[i].warnings, r->keys[i].nwarnings);
	}
	free(r->keys);
	for (i = 0; i < r->ncases; i++) {
		free(r->cases[i].ref);
		free(r->cases[i].inspector);
	}
	free(r->cases);
	for (i = 0; i < (size_t)r->withdrawn; i++) {
		free(r->withdrawn_cases[i].ref);
		free(r->withdrawn_cases[i].inspector);
		free(r->withdrawn_cases[i].withdrawn);
	}
	free(r->withdrawn_cases);
	for (i = 0; i < r->nopen; i++)
		free(r->open[i].missing);
	free(r->open);
	tally_free(r->tally);
	free(r->service);
	free(r->type);
	free(r->start_date);
	free(r->end_date);
	free(r->file);
	free(r);
}

static void
item_add(struct report_item **items, size_t *n, size_t c, char *text)
{
	*items = xreallocarray(*items, *n + 1, sizeof **items);
	(*items)[*n].c = c;
	(*items)[*n].text = text;
	(*n)++;
}

static const struct db_answer *
answer_find(const struct db_answer *a, size_t n, const char *question)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (strcmp(a[i].question, question) == 0)
			return &a[i];
	}
	return NULL;
}

static int
blank(const char *s)
{
	return s == NULL || s[strspn(s, " \t\r\n")] == '\0';
}

/* The missing key questions of a case, "2.1.1, 2.3.2". */
static char *
missing_list(const struct qbank *bank, const struct readcheck *rc)
{
	char	*s = xstrdup(""), *next;
	size_t	 i;

	for (i = 0; i < rc->nissues; i++) {
		if (rc->issues[i].kind != RC_MISSING)
			continue;
		next = xasprintf("%s%s%s", s, *s != '\0' ? ", " : "",
		    bank->questions[rc->issues[i].question].id);
		free(s);
		s = next;
	}
	return s;
}

void
report_add_case(struct report *r, const struct db_case *dc,
    const struct db_answer *answers, size_t n)
{
	const struct tally	*t = r->tally;
	const struct db_answer	*a;
	struct report_case	*c;
	struct report_key	*rk;
	struct readcheck	 rc;
	size_t			 ci = r->ncases, k, i;
	unsigned		 type = dc->kind == QB_CHILD ? dc->type : 0;
	long			 kx;
	int			 g;

	if (dc->withdrawn != NULL) {
		/* Out of the sample: named with its reason, never quoted. */
		r->withdrawn_cases = xreallocarray(r->withdrawn_cases,
		    (size_t)r->withdrawn + 1, sizeof *r->withdrawn_cases);
		c = &r->withdrawn_cases[r->withdrawn++];
		c->ref = xstrdup(dc->ref);
		c->kind = dc->kind;
		c->type = type;
		c->interviewed = dc->interviewed;
		c->inspector = xstrdup(dc->inspector != NULL ? dc->inspector :
		    "");
		c->complete = dc->complete;
		c->withdrawn = xstrdup(dc->withdrawn);
		return;
	}
	r->cases = xreallocarray(r->cases, r->ncases + 1, sizeof *r->cases);
	c = &r->cases[r->ncases++];
	c->withdrawn = NULL;
	c->ref = xstrdup(dc->ref);
	c->kind = dc->kind;
	c->type = type;
	c->interviewed = dc->interviewed;
	c->inspector = xstrdup(dc->inspector != NULL ? dc->inspector : "");
	c->complete = dc->complete;
	if (dc->complete)
		r->complete++;
	else
		r->draft++;

	for (k = 0; k < t->nkeys; k++) {
		if (t->standards[t->keys[k].standard].kind != dc->kind ||
		    !qbank_applies(r->bank, t->keys[k].question, dc->kind,
		    type != 0 ? type : QB_ALL_TYPES))
			continue;
		if ((a = answer_find(answers, n, t->keys[k].id)) == NULL)
			continue;
		switch (a->value) {
		case ANSWER_NO:
			g = REPORT_NO;
			break;
		case ANSWER_YES:
			g = REPORT_YES;
			break;
		case ANSWER_NA:
			g = REPORT_NA;
			break;
		default:
			continue;	/* a note without an answer is a draft's */
		}
		rk = &r->keys[k];
		if (blank(a->note))
			rk->unnoted[g]++;
		else {
			item_add(&rk->notes[g], &rk->nnotes[g], ci,
			    xstrdup(a->note));
			r->nnotes++;
		}
	}

	readcheck_case(r->bank, dc->kind, type, answers, n, &rc);
	for (i = 0; i < rc.nissues; i++) {
		if (rc.issues[i].kind == RC_MISSING)
			continue;
		kx = tally_key_find(t, r->bank->questions[rc.issues[i].question].id);
		if (kx < 0)
			continue;
		rk = &r->keys[kx];
		item_add(&rk->warnings, &rk->nwarnings, ci,
		    readcheck_describe(r->bank, &rc.issues[i]));
		r->nwarnings++;
	}
	if (!dc->complete || rc.missing > 0) {
		r->open = xreallocarray(r->open, r->nopen + 1, sizeof *r->open);
		r->open[r->nopen].c = ci;
		r->open[r->nopen].missing = missing_list(r->bank, &rc);
		r->nopen++;
	}
	readcheck_clear(&rc);
}

void
report_moderation(const struct tally_group *groups, size_t n, size_t k,
    struct report_outlier *out)
{
	const struct tally_count	*c;
	long				 yes = 0, app = 0, ry, ra, gy, ga;
	size_t				 i;
	int				 p, rp, gap;

	memset(out, 0, sizeof *out);
	out->group = -1;
	for (i = 0; i < n; i++) {
		yes += groups[i].keys[k].yes;
		app += groups[i].keys[k].yes + groups[i].keys[k].no;
	}
	for (i = 0; i < n; i++) {
		c = &groups[i].keys[k];
		gy = c->yes;
		ga = c->yes + c->no;
		ry = yes - gy;
		ra = app - ga;
		if (ga == 0 || ra == 0)
			continue;	/* nothing to compare */
		p = tally_percent10(gy, ga);
		rp = tally_percent10(ry, ra);
		gap = p > rp ? p - rp : rp - p;
		if (out->group != -1 && gap <= out->gap10)
			continue;
		out->group = (long)i;
		out->gap10 = gap;
		out->below = p < rp;
		out->yes = gy;
		out->applicable = ga;
		out->rest_yes = ry;
		out->rest_applicable = ra;
	}
	if (out->group == -1)
		return;
	out->band = tally_band(yes, app);
	out->band_without = tally_band(out->rest_yes, out->rest_applicable);
	out->flagged = out->gap10 >= REPORT_GAP10 &&
	    out->applicable >= REPORT_MIN_APPLICABLE &&
	    out->band_without != out->band;
}

char *
report_default_path(const char *path)
{
	return xasprintf("%s.report.html", path);
}

int
report_run(struct db *db, const char *out, size_t *notes, char **cause)
{
	struct export_tmp	 tmp = { NULL, -1 };
	struct report		*r;
	FILE			*f = NULL;
	int			 to_stdout = strcmp(out, "-") == 0, ok = 0;
	int			 fd = -1, rc;

	r = report_new(db_bank(db), db_inspection(db), db_path(db));
	if (db_report(db, r, cause) != 0)
		goto out;
	if (to_stdout)
		f = stdout;
	else {
		if (export_check_target(db, out, cause) != 0 ||
		    export_tmp_create(&tmp, out, cause) != 0)
			goto out;
		/* Its own descriptor: closing the stream keeps the lock. */
		if ((fd = dup(tmp.fd)) == -1 || (f = fdopen(fd, "w")) == NULL) {
			util_fail(cause, "cannot write '%s': %s", out,
			    strerror(errno));
			if (fd != -1)
				close(fd);
			goto out;
		}
	}
	errno = 0;
	if (report_html(r, f) != 0) {
		util_fail(cause, "cannot write '%s': %s", to_stdout ?
		    "standard output" : out, strerror(errno != 0 ? errno : EIO));
		goto out;
	}
	if (!to_stdout) {
		errno = 0;
		rc = fclose(f);
		f = NULL;
		if (rc != 0) {
			util_fail(cause, "cannot write '%s': %s", out,
			    strerror(errno != 0 ? errno : EIO));
			goto out;
		}
		if (export_tmp_commit(&tmp, out, cause) != 0)
			goto out;
	}
	if (notes != NULL)
		*notes = r->nnotes;
	ok = 1;
out:
	if (!to_stdout && f != NULL)
		fclose(f);
	if (!ok)
		export_tmp_remove(&tmp);
	report_free(r);
	return ok ? 0 : -1;
}
