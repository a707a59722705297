/*
 * The tally's three reports: text for people (80 columns, a bar per key question
 * with marks at the band edges), JSON for scripts (the contract in issue 3, only
 * ever extended) and CSV for spreadsheets. They only read a finished tally.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "json.h"
#include "tally.h"
#include "textgate.h"
#include "util.h"
#include "wtext.h"

static const char *const domain1_ids[TALLY_DOMAIN1] = { "1.1", "1.2", "1.3" };
static const char *const domain1_titles[TALLY_DOMAIN1] = {
	"Governance and leadership", "Staffing", "Partnerships and services"
};

static long
applicable(const struct tally_count *c)
{
	return c->yes + c->no;
}

/* "80.5", or "" when there is nothing applicable; locale-independent. */
static void
percent_text(char *buf, size_t len, const struct tally_count *c)
{
	int	p = tally_percent10(c->yes, applicable(c));

	if (p < 0)
		snprintf(buf, len, "%s", "");
	else
		snprintf(buf, len, "%d.%d", p / 10, p % 10);
}

/*
 * s on lines of at most 80 columns, each indented by indent, broken at spaces
 * and at its own newlines. Columns, not bytes: a reason or a name in another
 * script (two bytes or three a character, wide CJK characters two columns)
 * wraps where it reaches the edge, as on the screens (wtext_wrap).
 */
static void
wrap(FILE *f, int indent, const char *s)
{
	struct wtext_line	*lines;
	size_t			 n = strlen(s), count, i, start, len;

	if (n == 0)
		return;
	count = wtext_wrap(s, n, 80 - indent, &lines);
	/* A text ending in a newline has a last, empty line: not printed. */
	if (count > 1 && s[n - 1] == '\n')
		count--;
	for (i = 0; i < count; i++) {
		start = lines[i].start;
		len = lines[i].len;
		/* The spaces a line broke at belong to neither line. */
		while (len > 0 && start > 0 && s[start - 1] != '\n' &&
		    s[start] == ' ') {
			start++;
			len--;
		}
		while (len > 0 && s[start + len - 1] == ' ')
			len--;
		textgate_printf(f, "%*s%.*s\n", indent, "", (int)len,
		    s + start);
	}
	free(lines);
}

static int
digits(long n)
{
	int	d = 1;

	while (n >= 10) {
		n /= 10;
		d++;
	}
	return d;
}

struct widths {
	int	count;		/* "yes/applicable" */
	int	na;
	int	unanswered;
};

static void
widen(struct widths *w, const struct tally_count *c)
{
	int	n = digits(c->yes) + 1 + digits(applicable(c));

	if (n > w->count)
		w->count = n;
	if (digits(c->na) > w->na)
		w->na = digits(c->na);
	if (digits(c->unanswered) > w->unanswered)
		w->unanswered = digits(c->unanswered);
}

static void
text_header(FILE *f, const struct widths *w)
{
	char	scale[TALLY_BAR_LEN];
	int	e, at;

	/* Each edge's number ends on its mark in tally_bar's bar. */
	memset(scale, ' ', TALLY_BAR_LEN - 1);
	scale[TALLY_BAR_LEN - 1] = '\0';
	scale[1] = '0';
	for (e = 0; e < TALLY_NEDGES; e++) {
		at = 1 + tally_band_edges[e] * TALLY_BAR_CELLS / 100 + e - 1;
		scale[at] = (char)('0' + tally_band_edges[e] / 10);
		scale[at + 1] = (char)('0' + tally_band_edges[e] % 10);
	}
	memcpy(scale + TALLY_BAR_LEN - 5, "100", 3);
	textgate_printf(f, "  %-6s %*s %4s %s %-20s %*s %*s\n", "key", w->count,
	    "yes/app", "%", scale, "band", w->na > 3 ? w->na : 3, "n/a",
	    w->unanswered > 5 ? w->unanswered : 5, "unans");
}

static void
text_row(FILE *f, const struct widths *w, const char *id,
    const struct tally_count *c)
{
	char	counts[48], pct[8], b[TALLY_BAR_LEN];
	long	app = applicable(c);
	int	band = tally_band(c->yes, app);

	snprintf(counts, sizeof counts, "%ld/%ld", c->yes, app);
	if (app > 0)
		snprintf(pct, sizeof pct, "%d%%", tally_percent(c->yes, app));
	else
		snprintf(pct, sizeof pct, "-");
	tally_bar(b, c->yes, app, ' ');
	textgate_printf(f, "  %-6s %*s %4s %s %-20s %*ld %*ld\n", id, w->count, counts,
	    pct, b, band == TALLY_NONE ? "no applicable cases" :
	    tally_rating_name(band), w->na > 3 ? w->na : 3, c->na,
	    w->unanswered > 5 ? w->unanswered : 5, c->unanswered);
}

/* Key rows of one group (or the whole tally when g is NULL), of kind, or all kinds. */
static void
text_table(FILE *f, const struct tally *t, const struct tally_group *g,
    int children_only)
{
	struct widths	 w = { 7, 3, 5 };
	size_t		 k;

	for (k = 0; k < t->nkeys; k++)
		widen(&w, g != NULL ? &g->keys[k] : &t->keys[k].count);
	text_header(f, &w);
	for (k = 0; k < t->nkeys; k++) {
		if (children_only &&
		    t->standards[t->keys[k].standard].kind != QB_CHILD)
			continue;
		text_row(f, &w, t->keys[k].id, g != NULL ? &g->keys[k] :
		    &t->keys[k].count);
	}
}

static const char *
sample_word(long have, long min)
{
	return have >= min ? "met" : "BELOW MINIMUM";
}

/* "provisional: 2 draft cases; ..." under a standard (s) or the overall (-1). */
static void
text_provisional(FILE *f, const struct tally *t, long s, int indent)
{
	char	reason[256], *line;

	tally_provisional_reason(t, s, reason, sizeof reason);
	if (reason[0] == '\0')
		return;
	line = xasprintf("provisional: %s", reason);
	wrap(f, indent, line);
	free(line);
}

/* A meeting's reason under its decision, when it gave one. */
static void
text_reason(FILE *f, const char *reason, int indent)
{
	char	*line;

	if (reason == NULL || *reason == '\0')
		return;
	line = xasprintf("reason: %s", reason);
	wrap(f, indent, line);
	free(line);
}

static void
text_standards(FILE *f, const struct tally *t)
{
	const struct tally_standard	*s;
	const struct qb_standard	*qs;
	size_t				 i, k;

	textgate_printf(f, "\nStandards (each takes the lower band of its key "
	    "questions)\n");
	for (i = 0; i < t->nstandards; i++) {
		s = &t->standards[i];
		qs = &t->bank->standards[s->bank_standard];
		if ((long)i == t->victim_standard) {
			textgate_printf(f, "  %-4s %-18.18s V1.1 %s; V1.2 %s\n", s->id,
			    qs->title, s->band == TALLY_NONE ? "has no band" :
			    tally_rating_name(s->band), s->v12 == -1 ?
			    "not recorded" : s->v12 ? "yes" : "no");
			if (s->v12 != -1)
				text_reason(f, t->v12_reason, 7);
			if (s->range_lo != TALLY_NONE)
				textgate_printf(f, "%7srange %s to %s\n", "",
				    tally_rating_name(s->range_lo),
				    tally_rating_name(s->range_hi));
			else
				textgate_printf(f, "%7sno range until V1.1 has a band and "
				    "V1.2 is recorded\n", "");
			if (s->rating != TALLY_NONE) {
				textgate_printf(f, "%7sdecided by the %s: %s, score %d\n",
				    "", tally_meeting(t), tally_rating_name(
				    s->rating), s->rating);
				text_reason(f, t->panel_reason, 7);
			} else if (s->panel != TALLY_NONE)
				textgate_printf(f, "%7sthe recorded decision %s is outside "
				    "the range: the %s decides again\n", "",
				    tally_rating_name(s->panel), tally_meeting(t));
			else
				textgate_printf(f, "%7snot decided yet: the %s decides "
				    "(caseread ratify)\n", "", tally_meeting(t));
			text_provisional(f, t, (long)i, 7);
			continue;
		}
		if (s->kind != QB_CHILD)
			continue;
		if (s->waiting != -1)
			textgate_printf(f, "  %-4s %-18.18s no rating yet: %s has no yes or "
			    "no answer yet\n", s->id, qs->title,
			    t->keys[s->waiting].id);
		else if (s->rating == TALLY_NONE)
			textgate_printf(f, "  %-4s %-18.18s no rating: no applicable "
			    "cases yet\n", s->id, qs->title);
		else
			textgate_printf(f, "  %-4s %-18.18s %-20s score %d, driven by "
			    "%s\n", s->id, qs->title, tally_rating_name(
			    s->rating), s->rating, t->keys[s->driven_by].id);
		/* Not the lower of two: say so, lest it read as one. */
		for (k = s->first_key; k < s->first_key + s->nkeys; k++) {
			if (tally_key_unbanded(t, i, k))
				textgate_printf(f, "%7s%s has no applicable cases, so %s "
				    "alone gives the rating\n", "",
				    t->keys[k].id, t->keys[s->driven_by].id);
		}
		text_provisional(f, t, (long)i, 7);
	}
}

int
tally_print_text(const struct tally *t, const char *service, const char *type,
    enum tally_by by, FILE *f)
{
	const struct tally_group	*g;
	size_t				 i;
	char				 utype[16], line[128], victims[128];
	char				*mline, *name;
	int				 n, m;

	for (i = 0; type[i] != '\0' && i < sizeof utype - 1; i++)
		utype[i] = (char)(type[i] >= 'a' && type[i] <= 'z' ?
		    type[i] - 'a' + 'A' : type[i]);
	utype[i] = '\0';
	name = textgate_show_str(service);
	textgate_printf(f, "%s (%s): tally\n", name, utype);
	free(name);
	n = snprintf(line, sizeof line, "Sample: %ld %s (minimum %ld: %s),",
	    t->children, tally_cases_word(t->children, QB_CHILD),
	    t->min_children, sample_word(t->children, t->min_children));
	m = snprintf(victims, sizeof victims, "%ld %s (minimum %ld: %s)",
	    t->victims, tally_cases_word(t->victims, QB_VICTIM),
	    t->min_victims, sample_word(t->victims, t->min_victims));
	/* Both below their minimum, one line would not fit in 80 columns. */
	textgate_printf(f, "%s%s%s\n", line, n + 1 + m > 80 ? "\n        " : " ",
	    victims);
	if (t->incomplete > 0)
		textgate_printf(f, "%ld case%s still draft: this tally is provisional.\n",
		    t->incomplete, t->incomplete == 1 ? " is" : "s are");
	if (t->children > 0 && t->macd != TALLY_MACD_CASES) {
		mline = xasprintf("MACD: %ld %s marked; the week holds %d "
		    "multi-agency case discussions.", t->macd,
		    tally_cases_word(t->macd, QB_CHILD), TALLY_MACD_CASES);
		wrap(f, 0, mline);
		free(mline);
	}
	if (t->withdrawn > 0)
		textgate_printf(f, "%ld withdrawn case%s left out of the sample and the "
		    "tally.\n", t->withdrawn, t->withdrawn == 1 ? "" : "s");
	fputc('\n', f);
	text_table(f, t, NULL, 0);
	text_standards(f, t);

	fputs("\nOverall (2.1 + 2.2 + 2.3 + V1, scores 0-3 each, out of 12):\n", f);
	if (t->score != TALLY_NONE)
		textgate_printf(f, "  %d, %s\n", t->score, tally_rating_name(t->rating));
	else if (t->score_min != TALLY_NONE)
		textgate_printf(f, "  %d to %d, %s, until the %s decides the victims' "
		    "rating\n", t->score_min, t->score_max,
		    tally_rating_range(t->rating_min, t->rating_max),
		    tally_meeting(t));
	else if (t->bank_problem != NULL) {
		fputs("  none: this inspection's question bank cannot give one:\n",
		    f);
		wrap(f, 4, t->bank_problem);
	}
	else
		fputs("  none until every children's standard has a rating\n",
		    f);
	text_provisional(f, t, -1, 2);
	if (t->iyjs) {
		fputs("Domain one (IYJS, rated by the ratings panel; shown, never "
		    "counted in the\noverall):\n", f);
		for (i = 0; i < TALLY_DOMAIN1; i++) {
			textgate_printf(f, "  %s %-26s %s\n", domain1_ids[i],
			    domain1_titles[i], t->domain1[i] == TALLY_NONE ?
			    "not recorded" : tally_rating_name(t->domain1[i]));
			if (t->domain1[i] != TALLY_NONE)
				text_reason(f, t->domain1_reason[i], 6);
		}
	}

	if (by == TALLY_BY_TYPE) {
		for (i = 0; i < QB_NTYPES; i++) {
			g = &t->types[i];
			textgate_printf(f, "\nCase type %s: %ld %s\n", g->name,
			    g->children, tally_cases_word(g->children,
			    QB_CHILD));
			text_table(f, t, g, 1);
		}
	} else if (by == TALLY_BY_INSPECTOR) {
		for (i = 0; i < t->ninspectors; i++) {
			g = &t->inspectors[i];
			name = textgate_show_str(g->name);
			textgate_printf(f, "\nInspector %s: %ld %s, %ld %s\n",
			    name, g->children, tally_cases_word(g->children,
			    QB_CHILD), g->victims, tally_cases_word(g->victims,
			    QB_VICTIM));
			free(name);
			text_table(f, t, g, 0);
		}
	}
	fputs("\nBands are decided on exact fractions; percentages are shown "
	    "truncated, never\nrounded up (129 of 200 is 64%, Requires "
	    "improvement).\n", f);
	return (fflush(f) != 0 || ferror(f)) ? -1 : 0;
}

static void
json_rating(struct json_writer *j, const char *key, int r)
{
	json_key(j, key);
	json_string(j, tally_rating_name(r));	/* NULL: null */
}

static void
json_score(struct json_writer *j, const char *key, int s)
{
	json_key(j, key);
	if (s == TALLY_NONE)
		json_null(j);
	else
		json_int(j, s);
}

static void
json_count(struct json_writer *j, const char *id, const struct tally_count *c)
{
	long	app = applicable(c);
	int	p = tally_percent10(c->yes, app);

	json_key(j, id);
	json_object_begin(j);
	json_key_int(j, "yes", c->yes);
	json_key_int(j, "no", c->no);
	json_key_int(j, "na", c->na);
	json_key_int(j, "unanswered", c->unanswered);
	json_key_int(j, "applicable", app);
	json_key(j, "percent");
	if (p < 0)
		json_null(j);
	else
		json_fixed(j, p, 1);
	json_rating(j, "band", tally_band(c->yes, app));
	json_object_end(j);
}

static void
json_keys(struct json_writer *j, const struct tally *t,
    const struct tally_group *g, int children_only)
{
	size_t	k;

	json_object_begin(j);
	for (k = 0; k < t->nkeys; k++) {
		if (children_only &&
		    t->standards[t->keys[k].standard].kind != QB_CHILD)
			continue;
		json_count(j, t->keys[k].id, g != NULL ? &g->keys[k] :
		    &t->keys[k].count);
	}
	json_object_end(j);
}

static const char *
reason_or_empty(const char *s)
{
	return s != NULL ? s : "";
}

/* "provisional" and why, for a standard or (s = -1) the overall. */
static void
json_provisional(struct json_writer *j, const struct tally *t, long s)
{
	char	reason[256];

	tally_provisional_reason(t, s, reason, sizeof reason);
	json_key(j, "provisional");
	json_bool(j, s < 0 ? t->provisional : t->standards[s].provisional);
	json_key_string(j, "provisional_reason", reason[0] != '\0' ? reason :
	    NULL);
}

static void
json_standards(struct json_writer *j, const struct tally *t)
{
	const struct tally_standard	*s;
	size_t				 i, k;

	json_object_begin(j);
	for (i = 0; i < t->nstandards; i++) {
		s = &t->standards[i];
		if ((long)i == t->victim_standard) {
			json_key(j, s->id);
			json_object_begin(j);
			json_rating(j, "v11_band", s->band);
			json_key(j, "v12");
			if (s->v12 == -1)
				json_null(j);
			else
				json_bool(j, s->v12);
			json_key(j, "range");
			if (s->range_lo == TALLY_NONE)
				json_null(j);
			else {
				json_array_begin(j);
				json_string(j, tally_rating_name(s->range_lo));
				json_string(j, tally_rating_name(s->range_hi));
				json_array_end(j);
			}
			json_rating(j, "rating", s->rating);
			json_score(j, "score", s->rating);
			json_rating(j, "panel", s->panel);
			json_key_string(j, "decided_by", tally_meeting(t));
			json_key_string(j, "v12_reason", s->v12 == -1 ? NULL :
			    reason_or_empty(t->v12_reason));
			json_key_string(j, "panel_reason", s->panel ==
			    TALLY_NONE ? NULL : reason_or_empty(t->panel_reason));
			json_provisional(j, t, (long)i);
			json_object_end(j);
			continue;
		}
		if (s->kind != QB_CHILD)
			continue;
		json_key(j, s->id);
		json_object_begin(j);
		json_rating(j, "rating", s->rating);
		json_score(j, "score", s->rating);
		json_key(j, "driven_by");
		json_string(j, s->driven_by < 0 ? NULL :
		    t->keys[s->driven_by].id);
		/* Keys left out of "the lower" for want of applicable cases. */
		json_key(j, "no_applicable_cases");
		json_array_begin(j);
		for (k = s->first_key; k < s->first_key + s->nkeys; k++) {
			if (tally_key_unbanded(t, i, k))
				json_string(j, t->keys[k].id);
		}
		json_array_end(j);
		json_provisional(j, t, (long)i);
		json_object_end(j);
	}
	json_object_end(j);
}

static void
json_groups(struct json_writer *j, const struct tally *t, enum tally_by by)
{
	const struct tally_group	*g;
	size_t				 i, n;

	n = by == TALLY_BY_TYPE ? QB_NTYPES : t->ninspectors;
	json_key(j, "by");
	json_object_begin(j);
	for (i = 0; i < n; i++) {
		g = by == TALLY_BY_TYPE ? &t->types[i] : &t->inspectors[i];
		json_key(j, g->name);
		json_keys(j, t, g, by == TALLY_BY_TYPE);
	}
	json_object_end(j);
	/* Case counts beside, so "by" holds only key-question objects. */
	json_key(j, "by_cases");
	json_object_begin(j);
	for (i = 0; i < n; i++) {
		g = by == TALLY_BY_TYPE ? &t->types[i] : &t->inspectors[i];
		json_key(j, g->name);
		json_object_begin(j);
		json_key_int(j, "children", g->children);
		json_key_int(j, "victims", g->victims);
		json_object_end(j);
	}
	json_object_end(j);
}

int
tally_print_json(const struct tally *t, const char *service, const char *type,
    enum tally_by by, FILE *f)
{
	struct json_writer	*j = json_writer_new(f, 2);
	size_t			 i;

	json_object_begin(j);
	json_key(j, "inspection");
	json_object_begin(j);
	json_key_string(j, "service", service);
	json_key_string(j, "type", type);
	json_object_end(j);

	json_key(j, "cases");
	json_object_begin(j);
	json_key_int(j, "children", t->children);
	json_key_int(j, "victims", t->victims);
	json_key_int(j, "incomplete", t->incomplete);
	json_key_int(j, "withdrawn", t->withdrawn);
	json_key_int(j, "min_children", t->min_children);
	json_key_int(j, "min_victims", t->min_victims);
	json_key_int(j, "macd", t->macd);
	json_object_end(j);

	json_key(j, "key_questions");
	json_keys(j, t, NULL, 0);
	json_key(j, "standards");
	json_standards(j, t);

	json_key(j, "overall");
	json_object_begin(j);
	json_score(j, "score", t->score);
	json_rating(j, "rating", t->rating);
	json_score(j, "score_min", t->score_min);
	json_score(j, "score_max", t->score_max);
	json_rating(j, "rating_min", t->rating_min);
	json_rating(j, "rating_max", t->rating_max);
	json_key_string(j, "bank_problem", t->bank_problem);
	json_provisional(j, t, -1);
	json_object_end(j);

	json_key(j, "domain_one");
	json_object_begin(j);
	for (i = 0; i < TALLY_DOMAIN1; i++)
		json_rating(j, domain1_ids[i], t->iyjs ? t->domain1[i] :
		    TALLY_NONE);
	json_object_end(j);
	/* Beside domain_one, whose values stay ratings. */
	json_key(j, "domain_one_reasons");
	json_object_begin(j);
	for (i = 0; i < TALLY_DOMAIN1; i++)
		json_key_string(j, domain1_ids[i], t->iyjs && t->domain1[i] !=
		    TALLY_NONE ? reason_or_empty(t->domain1_reason[i]) : NULL);
	json_object_end(j);

	if (by != TALLY_BY_NONE)
		json_groups(j, t, by);
	json_object_end(j);
	return json_writer_free(j);
}

static void
csv_row(struct csv_writer *w, const char *group, const char *id,
    const struct tally_count *c)
{
	char		pct[16];
	const char	*band = tally_rating_name(tally_band(c->yes,
			    applicable(c)));

	percent_text(pct, sizeof pct, c);
	csv_write_field(w, group);
	csv_write_field(w, id);
	csv_write_int(w, c->yes);
	csv_write_int(w, c->no);
	csv_write_int(w, c->na);
	csv_write_int(w, c->unanswered);
	csv_write_int(w, applicable(c));
	csv_write_field(w, pct);
	csv_write_field(w, band != NULL ? band : "");
	csv_write_end(w);
}

int
tally_print_csv(const struct tally *t, enum tally_by by, FILE *f)
{
	static const char *const header[] = { "group", "question", "yes", "no",
	    "na", "unanswered", "applicable", "percent", "band" };
	struct csv_writer		*w = csv_writer_new(f, 0);
	const struct tally_group	*g;
	size_t				 i, k, n;

	csv_write_row(w, header, sizeof header / sizeof header[0]);
	for (k = 0; k < t->nkeys; k++)
		csv_row(w, "all", t->keys[k].id, &t->keys[k].count);
	n = by == TALLY_BY_TYPE ? QB_NTYPES : by == TALLY_BY_INSPECTOR ?
	    t->ninspectors : 0;
	for (i = 0; i < n; i++) {
		g = by == TALLY_BY_TYPE ? &t->types[i] : &t->inspectors[i];
		for (k = 0; k < t->nkeys; k++) {
			if (by == TALLY_BY_TYPE &&
			    t->standards[t->keys[k].standard].kind != QB_CHILD)
				continue;
			csv_row(w, g->name, t->keys[k].id, &g->keys[k]);
		}
	}
	return csv_writer_free(w);
}
