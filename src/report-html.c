/*
 * The report as one self-contained HTML page: inline CSS and SVG, no script,
 * nothing fetched from anywhere, printable on A4 with each section on a new
 * page. Every figure is the tally's (tally_percent10, tally_band,
 * tally_rating_name, as tally --format json gives them) and carries its JSON
 * path in a data-f attribute, so a test can hold the page to the JSON. Every
 * text from the file goes through html.h. Nothing is said by colour alone:
 * each band is named in words beside its bar.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "report.h"
#include "util.h"

#define CHART_X0	86	/* the bars' 0% */
#define CHART_W		400	/* 100%, in px */
#define CHART_ROW	30
#define CHART_TOP	22

static const char *const domain1_ids[TALLY_DOMAIN1] = { "1.1", "1.2", "1.3" };
static const char *const domain1_titles[TALLY_DOMAIN1] = {
	"Governance and leadership", "Staffing", "Partnerships and services"
};

static const char css[] =
	"*{-webkit-print-color-adjust:exact;print-color-adjust:exact;"
	"box-sizing:border-box}\n"
	"body{font-family:\"DejaVu Sans\",\"Liberation Sans\",Arial,sans-serif;"
	"font-size:11pt;line-height:1.35;color:#111;background:#fff;"
	"max-width:60rem;margin:0 auto;padding:1rem 1.5rem}\n"
	"h1{font-size:1.7em;margin:.2em 0}h2{font-size:1.35em;"
	"border-bottom:2px solid #333;padding-bottom:.15em;margin-top:1.6em}\n"
	"h3{font-size:1.1em;margin:1.2em 0 .4em}h4{font-size:1em;"
	"margin:.8em 0 .3em}\n"
	".sub{color:#444;margin:.1em 0}\n"
	".overall{border:3px solid #111;padding:.6em 1em;margin:1em 0;"
	"font-size:1.25em}\n"
	".overall strong{font-size:1.3em}\n"
	".overall .warn{font-size:.7em}.overall .warn strong{font-size:1em}\n"
	".cards{display:grid;grid-template-columns:repeat(4,1fr);gap:.5em;"
	"margin:.8em 0}\n"
	".card{border:1px solid #888;border-top:8px solid #888;padding:.4em .6em}\n"
	".card .id{font-weight:bold}.card .r{font-size:1.15em;font-weight:bold;"
	"margin:.2em 0}\n"
	".b0{border-top-color:#b3261e}.b1{border-top-color:#c77700}"
	".b2{border-top-color:#2e7d32}.b3{border-top-color:#1565c0}\n"
	"table{border-collapse:collapse;width:100%;margin:.4em 0}\n"
	"th,td{border:1px solid #bbb;padding:.2em .4em;text-align:left;"
	"vertical-align:top}\n"
	"th{background:#eee}td.n{text-align:right;white-space:nowrap}"
	"table.mod{table-layout:fixed}table.mod th.key{width:3.6em}"
	"th.far{width:30%}td.m{text-align:right}\n"
	".flag{font-weight:bold}.flag::before{content:\"\\25B2  \"}\n"
	".warn{color:#7a3d00}\n"
	"ul.notes{list-style:none;padding:0;margin:0}\n"
	"ul.notes li{border-left:4px solid #999;margin:.35em 0;padding:.1em .6em;"
	"break-inside:avoid}\n"
	"ul.notes li.g0{border-left-color:#b3261e}ul.notes li.g1{"
	"border-left-color:#2e7d32}\n"
	".note{white-space:pre-wrap;margin:0}.cite{color:#444;font-size:.9em;"
	"margin:.1em 0 0}\n"
	"svg{display:block;max-width:100%;height:auto}\n"
	"footer{margin-top:2em;color:#555;font-size:.85em}\n"
	"@page{size:A4;margin:14mm 12mm}\n"
	"@media print{body{font-size:9.5pt;max-width:none;padding:0}"
	"section{break-before:page}section#headline{break-before:auto}"
	"h2,h3,h4{break-after:avoid}tr,.card{break-inside:avoid}}\n";

/* The figure at a JSON path of tally --format json (prefix: which --by). */
static void
fig_open(FILE *f, const char *path)
{
	fputs("<span data-f=\"", f);
	html_text(f, path);
	fputs("\">", f);
}

static void
fig_long(FILE *f, const char *path, long v)
{
	fig_open(f, path);
	fprintf(f, "%ld</span>", v);
}

static void
fig_text(FILE *f, const char *path, const char *s)
{
	fig_open(f, path);
	html_text(f, s);
	fputs("</span>", f);
}

/* "85.0%" as the JSON's percent, or a dash when nothing is applicable. */
static void
fig_percent(FILE *f, const char *path, long yes, long applicable)
{
	int	p = tally_percent10(yes, applicable);

	if (p < 0) {
		fputs("&#8211;", f);
		return;
	}
	fig_open(f, path);
	fprintf(f, "%d.%d</span>%%", p / 10, p % 10);
}

/* A band in words, or what stands for none. */
static void
fig_band(FILE *f, const char *path, int band, const char *none)
{
	if (band == TALLY_NONE)
		html_text(f, none);
	else
		fig_text(f, path, tally_rating_name(band));
}

/*
 * "Provisional: 2 draft cases; ..." for standard si, or the overall (si = -1),
 * in the tally's words; nothing when it is not provisional.
 */
static void
provisional(FILE *f, const struct tally *t, long si, const char *before)
{
	char	 reason[256], *p;

	tally_provisional_reason(t, si, reason, sizeof reason);
	if (reason[0] == '\0')
		return;
	fputs(before, f);
	fputs("<span class=\"warn\"><strong>Provisional:</strong> ", f);
	p = si < 0 ? xstrdup("overall/provisional_reason") :
	    xasprintf("standards/%s/provisional_reason", t->standards[si].id);
	fig_text(f, p, reason);
	free(p);
	fputs("</span>", f);
}

/* A meeting's reason after its decision, when it gave one. */
static void
decision_reason(FILE *f, const char *path, const char *reason)
{
	if (reason == NULL || *reason == '\0')
		return;
	fputs(" (reason: ", f);
	fig_text(f, path, reason);
	fputs(")", f);
}

/* percent, "(yes of applicable)" and the band, the figures under prefix. */
static void
count_figures(FILE *f, const char *prefix, const struct tally_count *c,
    int with_band)
{
	long	 app = c->yes + c->no;
	char	*p;

	p = xasprintf("%s/percent", prefix);
	fig_percent(f, p, c->yes, app);
	free(p);
	fputs(" (", f);
	p = xasprintf("%s/yes", prefix);
	fig_long(f, p, c->yes);
	free(p);
	fputs(" of ", f);
	p = xasprintf("%s/applicable", prefix);
	fig_long(f, p, app);
	free(p);
	fputs(")", f);
	if (with_band) {
		fputs(", ", f);
		p = xasprintf("%s/band", prefix);
		fig_band(f, p, tally_band(c->yes, app), "no applicable cases");
		free(p);
	}
}

static const struct qb_standard *
bank_standard(const struct report *r, const struct tally_standard *s)
{
	return &r->bank->standards[s->bank_standard];
}

static const char *
key_aspect(const struct report *r, size_t k)
{
	const char	*a = r->bank->questions[r->tally->keys[k].question].aspect;

	if (a == NULL)
		return "";
	if (strcmp(a, "positive-change") == 0)
		return "positive change";
	return a;
}

static const char *
type_long(const char *type)
{
	if (strcmp(type, "iyjs") == 0)
		return "IYJS, youth justice services (ratings panel)";
	if (strcmp(type, "iyjwcv") == 0)
		return "IYJWCV, work with children and victims (ratification "
		    "meeting)";
	return type;
}

/* "C-007 · court · A. Smith", the way the page names a case. */
static void
case_cite(FILE *f, const struct report_case *c)
{
	html_text(f, c->ref);
	fputs(" &#183; ", f);
	if (c->kind == QB_CHILD)
		html_text(f, c->type != 0 ? qbank_type_name(c->type) :
		    "case type not recorded");
	else
		fputs(c->interviewed ? "victim, interview" :
		    "victim, file read", f);
	fputs(" &#183; ", f);
	html_text(f, c->inspector);
	if (!c->complete)
		fputs(" &#183; <em>draft</em>", f);
}

/* --- 1. Headline ------------------------------------------------------- */

static void
headline_overall(FILE *f, const struct tally *t)
{
	fputs("<div class=\"overall\">Overall: ", f);
	if (t->score != TALLY_NONE) {
		fputs("<strong>", f);
		fig_text(f, "overall/rating", tally_rating_name(t->rating));
		fputs("</strong>, score ", f);
		fig_long(f, "overall/score", t->score);
		fputs(" of 12", f);
	} else if (t->score_min != TALLY_NONE) {
		fputs("<strong>", f);
		/* As tally_rating_range: a range of one rating says it once. */
		fig_text(f, "overall/rating_min",
		    tally_rating_name(t->rating_min));
		if (t->rating_max != t->rating_min) {
			fputs(" to ", f);
			fig_text(f, "overall/rating_max",
			    tally_rating_name(t->rating_max));
		}
		fputs("</strong>, score ", f);
		fig_long(f, "overall/score_min", t->score_min);
		fputs(" to ", f);
		fig_long(f, "overall/score_max", t->score_max);
		fputs(" of 12, until the victims' rating is decided", f);
	} else if (t->bank_problem != NULL) {
		fputs("<strong>none</strong>: this inspection's question bank "
		    "cannot give one: ", f);
		html_text(f, t->bank_problem);
	} else
		fputs("<strong>none</strong> until every children's standard "
		    "has a rating", f);
	provisional(f, t, -1, "<br>");
	fputs("</div>\n", f);
}

static void
headline_card(FILE *f, const struct report *r, size_t i)
{
	const struct tally_standard	*s = &r->tally->standards[i];
	char				*p;

	/* The colour repeats the rating named below it; grey for none. */
	fprintf(f, "<div class=\"card b%d\"><div class=\"id\">",
	    s->rating != TALLY_NONE ? s->rating : 9);
	html_text(f, s->id);
	fputs(" ", f);
	html_text(f, bank_standard(r, s)->title);
	fputs("</div><div class=\"r\">", f);
	p = xasprintf("standards/%s/rating", s->id);
	if (s->rating != TALLY_NONE) {
		fig_text(f, p, tally_rating_name(s->rating));
		free(p);
		p = xasprintf("standards/%s/score", s->id);
		fputs("</div><div>score ", f);
		fig_long(f, p, s->rating);
	} else if (s->kind == QB_VICTIM && s->range_lo != TALLY_NONE) {
		/* Undecided: the range is what there is. */
		fputs("not decided</div><div>range ", f);
		html_text(f, tally_rating_name(s->range_lo));
		fputs(" to ", f);
		html_text(f, tally_rating_name(s->range_hi));
	} else
		fputs("no rating yet</div><div>", f);
	free(p);
	if (s->provisional)
		fputs(" &#183; provisional", f);
	fputs("</div></div>\n", f);
}

/* Which key drove a child's standard, and the other key beside it. */
static void
reason_child(FILE *f, const struct report *r, size_t i)
{
	const struct tally		*t = r->tally;
	const struct tally_standard	*s = &t->standards[i];
	const struct tally_key		*d, *o;
	size_t				 k;
	char				*p;

	if (s->waiting != -1) {
		fputs("No rating yet: ", f);
		html_text(f, t->keys[s->waiting].id);
		fputs(" has no yes or no answer yet: the only cases not marking "
		    "it not applicable are drafts that leave it unanswered.", f);
		provisional(f, t, (long)i, " ");
		return;
	}
	if (s->rating == TALLY_NONE || s->driven_by < 0) {
		fputs("No rating: none of its key questions has applicable "
		    "cases yet.", f);
		provisional(f, t, (long)i, " ");
		return;
	}
	d = &t->keys[s->driven_by];
	fputs("Driven by ", f);
	p = xasprintf("standards/%s/driven_by", s->id);
	fig_text(f, p, d->id);
	free(p);
	fprintf(f, " (%s): ", key_aspect(r, (size_t)s->driven_by));
	p = xasprintf("key_questions/%s", d->id);
	count_figures(f, p, &d->count, 1);
	free(p);
	for (k = s->first_key; k < s->first_key + s->nkeys; k++) {
		if ((long)k == s->driven_by)
			continue;
		o = &t->keys[k];
		if (tally_key_unbanded(t, i, k)) {
			fputs("; ", f);
			html_text(f, o->id);
			fputs(" has no applicable cases, so ", f);
			html_text(f, d->id);
			fputs(" alone gives the rating", f);
			continue;
		}
		fputs(", the lower band of its two key questions (", f);
		html_text(f, o->id);
		fputs(": ", f);
		p = xasprintf("key_questions/%s", o->id);
		count_figures(f, p, &o->count, 1);
		free(p);
		fputs(")", f);
	}
	fputs(".", f);
	provisional(f, t, (long)i, " ");
}

static void
reason_victims(FILE *f, const struct report *r, size_t i)
{
	const struct tally		*t = r->tally;
	const struct tally_standard	*s = &t->standards[i];
	const struct tally_key		*v = &t->keys[s->first_key];

	fputs("V1.1: ", f);
	count_figures(f, "key_questions/V1.1", &v->count, 1);
	fputs("; V1.2 (the service's arrangements): ", f);
	fputs(s->v12 == -1 ? "not recorded" : s->v12 ? "yes" : "no", f);
	if (s->v12 != -1)
		decision_reason(f, "standards/V1/v12_reason", t->v12_reason);
	if (s->range_lo != TALLY_NONE) {
		fputs(". Together they give the range ", f);
		fig_text(f, "standards/V1/range/0",
		    tally_rating_name(s->range_lo));
		fputs(" to ", f);
		fig_text(f, "standards/V1/range/1",
		    tally_rating_name(s->range_hi));
	} else
		fputs(". There is no range until V1.1 has a band and V1.2 is "
		    "recorded", f);
	if (s->rating != TALLY_NONE) {
		fputs(". Decided by the ", f);
		html_text(f, tally_meeting(t));
		fputs(": ", f);
		fig_text(f, "standards/V1/panel", tally_rating_name(s->panel));
		fputs(", score ", f);
		fig_long(f, "standards/V1/score", s->rating);
		decision_reason(f, "standards/V1/panel_reason",
		    t->panel_reason);
		fputs(".", f);
	} else if (s->panel != TALLY_NONE) {
		fputs(". The recorded decision, ", f);
		html_text(f, tally_rating_name(s->panel));
		decision_reason(f, "standards/V1/panel_reason",
		    t->panel_reason);
		fputs(", is outside the range: decide again.", f);
	} else
		fputs(". Not decided yet: the meeting picks within the range "
		    "(record it with caseread ratify).", f);
	provisional(f, t, (long)i, " ");
}

static void
headline(FILE *f, const struct report *r)
{
	const struct tally		*t = r->tally;
	const struct tally_standard	*s;
	size_t				 i;
	char				*p;

	fputs("<section id=\"headline\">\n<h1>", f);
	html_text(f, r->service);
	fputs("</h1>\n<p class=\"sub\">Report for the rating meeting &#183; ",
	    f);
	html_text(f, type_long(r->type));
	fputs("</p>\n<p class=\"sub\">Fieldwork: ", f);
	if (*r->start_date != '\0' || *r->end_date != '\0') {
		html_text(f, *r->start_date != '\0' ? r->start_date : "?");
		fputs(" to ", f);
		html_text(f, *r->end_date != '\0' ? r->end_date : "?");
	} else
		fputs("dates not recorded", f);
	fputs("</p>\n", f);
	headline_overall(f, t);
	if (t->incomplete > 0) {
		fputs("<p class=\"warn\"><strong>Provisional:</strong> ", f);
		fig_long(f, "cases/incomplete", t->incomplete);
		fputs(t->incomplete == 1 ? " case is" : " cases are", f);
		fputs(" still draft, so these figures may change (see Open "
		    "items).</p>\n", f);
	}
	fputs("<div class=\"cards\">\n", f);
	for (i = 0; i < t->nstandards; i++)
		headline_card(f, r, i);
	fputs("</div>\n<h3>How the ratings were reached</h3>\n<table>"
	    "<tr><th>Standard</th><th>Rating</th><th>Why</th></tr>\n", f);
	for (i = 0; i < t->nstandards; i++) {
		s = &t->standards[i];
		fputs("<tr><td>", f);
		html_text(f, s->id);
		fputs(" ", f);
		html_text(f, bank_standard(r, s)->title);
		fputs("</td><td>", f);
		if (s->rating != TALLY_NONE)
			fprintf(f, "%s, score %d", tally_rating_name(s->rating),
			    s->rating);
		else
			fputs("&#8211;", f);
		fputs("</td><td>", f);
		if ((long)i == t->victim_standard)
			reason_victims(f, r, i);
		else
			reason_child(f, r, i);
		fputs("</td></tr>\n", f);
	}
	fputs("</table>\n<p>The overall score is the sum of the scores of 2.1, "
	    "2.2, 2.3 and V1 (Inadequate 0, Requires improvement 1, Good 2, "
	    "Outstanding 3): 0&#8211;2 Inadequate, 3&#8211;6 Requires "
	    "improvement, 7&#8211;10 Good, 11&#8211;12 Outstanding.</p>\n", f);
	if (t->iyjs) {
		fputs("<h3>Domain one (rated at the panel, never counted in the "
		    "overall)</h3>\n<table>", f);
		for (i = 0; i < TALLY_DOMAIN1; i++) {
			fprintf(f, "<tr><td>%s %s</td><td>", domain1_ids[i],
			    domain1_titles[i]);
			if (t->domain1[i] == TALLY_NONE)
				fputs("not recorded", f);
			else {
				p = xasprintf("domain_one/%s", domain1_ids[i]);
				fig_text(f, p, tally_rating_name(t->domain1[i]));
				free(p);
				p = xasprintf("domain_one_reasons/%s",
				    domain1_ids[i]);
				decision_reason(f, p, t->domain1_reason[i]);
				free(p);
			}
			fputs("</td></tr>\n", f);
		}
		fputs("</table>\n", f);
	}
	fputs("<h3>Sample</h3>\n<table>\n<tr><td>Children's cases</td>"
	    "<td class=\"n\">", f);
	fig_long(f, "cases/children", t->children);
	fputs("</td><td>minimum ", f);
	fig_long(f, "cases/min_children", t->min_children);
	fputs(t->children >= t->min_children ? ": met" :
	    ": <strong>below the minimum</strong>", f);
	fputs("</td></tr>\n<tr><td>Victims' cases</td><td class=\"n\">", f);
	fig_long(f, "cases/victims", t->victims);
	fputs("</td><td>minimum ", f);
	fig_long(f, "cases/min_victims", t->min_victims);
	fputs(t->victims >= t->min_victims ? ": met" :
	    ": <strong>below the minimum</strong>", f);
	fprintf(f, "</td></tr>\n<tr><td>Complete / draft</td><td class=\"n\">"
	    "%ld / ", r->complete);
	fig_long(f, "cases/incomplete", t->incomplete);
	fputs("</td><td>in the sample</td></tr>\n<tr><td>Withdrawn</td>"
	    "<td class=\"n\">", f);
	fig_long(f, "cases/withdrawn", t->withdrawn);
	fputs("</td><td>left out of the sample and the tally (see Open "
	    "items)</td></tr>\n</table>\n</section>\n", f);
}

/* --- 2. Key questions ---------------------------------------------------- */

/* A horizontal bar per key of standard s, with the band edges drawn. */
static void
chart(FILE *f, const struct report *r, const struct tally_standard *s)
{
	const struct tally	*t = r->tally;
	const struct tally_key	*k;
	size_t			 i;
	long			 app, w10;
	int			 h = CHART_TOP + CHART_ROW * (int)s->nkeys + 8;
	int			 y, x, p, e;

	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
	    "width=\"760\" height=\"%d\" viewBox=\"0 0 760 %d\" "
	    "font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"12\">\n"
	    "<title>", h, h);
	html_text(f, s->id);
	fputs(": percentage of cases sufficient for each key question, with "
	    "the band edges at 50, 65 and 80%</title>\n", f);
	fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
	    "fill=\"#f4f4f4\" stroke=\"#999\"/>\n", CHART_X0, CHART_TOP - 4,
	    CHART_W, CHART_ROW * (int)s->nkeys + 4);
	for (i = 0; i < s->nkeys; i++) {
		k = &t->keys[s->first_key + i];
		app = k->count.yes + k->count.no;
		y = CHART_TOP + CHART_ROW * (int)i;
		fprintf(f, "<text x=\"0\" y=\"%d\" font-weight=\"bold\">",
		    y + 17);
		html_text(f, k->id);
		fputs("</text>\n", f);
		/* Filled to the exact fraction, in tenths of a pixel. */
		w10 = app > 0 ? 10L * CHART_W * k->count.yes / app : 0;
		fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%ld.%ld\" "
		    "height=\"20\" fill=\"%s\"/>\n", CHART_X0, y + 2,
		    w10 / 10, w10 % 10, k->band == TALLY_INADEQUATE ?
		    "#b3261e" : k->band == TALLY_RI ? "#c77700" :
		    k->band == TALLY_GOOD ? "#2e7d32" : "#1565c0");
		fprintf(f, "<text x=\"%d\" y=\"%d\">", CHART_X0 + CHART_W + 8,
		    y + 17);
		p = tally_percent10(k->count.yes, app);
		if (p < 0)
			fputs("no applicable cases", f);
		else {
			fprintf(f, "%d.%d%% (%ld of %ld) ", p / 10, p % 10,
			    k->count.yes, app);
			html_text(f, tally_rating_name(k->band));
		}
		fputs("</text>\n", f);
	}
	for (e = 0; e < TALLY_NEDGES; e++) {
		x = CHART_X0 + CHART_W * tally_band_edges[e] / 100;
		fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
		    "stroke=\"#000\" stroke-width=\"1.5\" "
		    "stroke-dasharray=\"4 3\"/>\n<text x=\"%d\" y=\"12\" "
		    "text-anchor=\"middle\">%d%%</text>\n", x, CHART_TOP - 6,
		    x, h - 4, x, tally_band_edges[e]);
	}
	fprintf(f, "<text x=\"%d\" y=\"12\">0%%</text><text x=\"%d\" y=\"12\" "
	    "text-anchor=\"end\">100%%</text>\n</svg>\n", CHART_X0,
	    CHART_X0 + CHART_W);
}

static void
key_questions(FILE *f, const struct report *r)
{
	const struct tally		*t = r->tally;
	const struct tally_standard	*s;
	const struct tally_key		*k;
	size_t				 i, j;
	char				*p;

	fputs("<section id=\"key-questions\">\n<h2>Key questions</h2>\n<p>The "
	    "percentage of cases where the work was sufficient (yes out of yes "
	    "and no; not applicable and unanswered leave the count). Bands: "
	    "under 50% Inadequate, 50 to 64% Requires improvement, 65 to 79% "
	    "Good, 80% or more Outstanding; the dashed lines mark 50, 65 and "
	    "80%. Bands are decided on exact fractions (24 of 37 = 64.86% is "
	    "Requires improvement).</p>\n", f);
	for (i = 0; i < t->nstandards; i++) {
		s = &t->standards[i];
		fputs("<h3>", f);
		html_text(f, s->id);
		fputs(" ", f);
		html_text(f, bank_standard(r, s)->title);
		fputs("</h3>\n", f);
		chart(f, r, s);
		fputs("<table><tr><th>Key question</th><th>Sufficient</th>"
		    "<th>Band</th><th>No</th><th>N/a</th><th>Unanswered</th>"
		    "</tr>\n", f);
		for (j = s->first_key; j < s->first_key + s->nkeys; j++) {
			k = &t->keys[j];
			p = xasprintf("key_questions/%s", k->id);
			fputs("<tr><td><strong>", f);
			html_text(f, k->id);
			fputs("</strong> ", f);
			html_text(f, t->bank->questions[k->question].text);
			fputs("</td><td class=\"n\">", f);
			count_figures(f, p, &k->count, 0);
			fputs("</td><td>", f);
			free(p);
			p = xasprintf("key_questions/%s/band", k->id);
			fig_band(f, p, k->band, "no applicable cases");
			free(p);
			fputs("</td><td class=\"n\">", f);
			p = xasprintf("key_questions/%s/no", k->id);
			fig_long(f, p, k->count.no);
			free(p);
			fputs("</td><td class=\"n\">", f);
			p = xasprintf("key_questions/%s/na", k->id);
			fig_long(f, p, k->count.na);
			free(p);
			fputs("</td><td class=\"n\">", f);
			p = xasprintf("key_questions/%s/unanswered", k->id);
			fig_long(f, p, k->count.unanswered);
			free(p);
			fputs("</td></tr>\n", f);
		}
		fputs("</table>\n", f);
	}
	fputs("</section>\n", f);
}

/* --- 3. Moderation ------------------------------------------------------- */

/*
 * One split: a row per key question (children's only when by case type),
 * a column per group, and the group furthest from the rest.
 */
static void
split(FILE *f, const struct report *r, const struct tally_group *groups,
    size_t n, const char *prefix, int children_only, const char *what)
{
	const struct tally		*t = r->tally;
	const struct tally_count	*c;
	struct report_outlier		 o;
	size_t				 i, k;
	long				 flagged = 0;
	char				*p;

	fputs("<table class=\"mod\"><tr><th class=\"key\">Key</th>", f);
	for (i = 0; i < n; i++) {
		fputs("<th>", f);
		html_text(f, groups[i].name);
		fputs("<br><small>", f);
		p = xasprintf("%s:by_cases/%s/children", prefix, groups[i].name);
		fig_long(f, p, groups[i].children);
		free(p);
		fputs(" children's", f);
		if (!children_only) {
			fputs(", ", f);
			p = xasprintf("%s:by_cases/%s/victims", prefix,
			    groups[i].name);
			fig_long(f, p, groups[i].victims);
			free(p);
			fputs(" victims'", f);
		}
		fputs("</small></th>", f);
	}
	fputs("<th class=\"far\">Furthest from the rest</th></tr>\n", f);
	for (k = 0; k < t->nkeys; k++) {
		if (children_only &&
		    t->standards[t->keys[k].standard].kind != QB_CHILD)
			continue;
		fputs("<tr><td><strong>", f);
		html_text(f, t->keys[k].id);
		fputs("</strong></td>", f);
		for (i = 0; i < n; i++) {
			c = &groups[i].keys[k];
			fputs("<td class=\"m\">", f);
			p = xasprintf("%s:by/%s/%s", prefix, groups[i].name,
			    t->keys[k].id);
			count_figures(f, p, c, 0);
			free(p);
			fputs("<br>", f);
			p = xasprintf("%s:by/%s/%s/band", prefix,
			    groups[i].name, t->keys[k].id);
			fig_band(f, p, tally_band(c->yes, c->yes + c->no),
			    "no cases");
			free(p);
			fputs("</td>", f);
		}
		report_moderation(groups, n, k, &o);
		fputs("<td>", f);
		if (o.group < 0)
			fputs("nothing to compare", f);
		else {
			if (o.flagged) {
				fputs("<span class=\"flag\">", f);
				flagged++;
			}
			html_text(f, groups[o.group].name);
			fprintf(f, ": %d.%d points %s the rest", o.gap10 / 10,
			    o.gap10 % 10, o.below ? "below" : "above");
			if (o.flagged)
				fputs("</span>", f);
			fprintf(f, " (%ld of %ld against %ld of %ld)", o.yes,
			    o.applicable, o.rest_yes, o.rest_applicable);
			if (o.flagged)
				fprintf(f, ": without them %s would be %s, not "
				    "%s", t->keys[k].id,
				    tally_rating_name(o.band_without),
				    tally_rating_name(o.band));
			else
				fputs("; not enough to move the band", f);
		}
		fputs("</td></tr>\n", f);
	}
	fputs("</table>\n<p>", f);
	if (flagged > 0)
		fprintf(f, "&#9650; flags %ld key question%s where one %s is "
		    "at least %d points from the rest, on %d or more of its "
		    "own applicable cases, and its cases alone move the key "
		    "question's band.", flagged, flagged == 1 ? "" : "s", what,
		    REPORT_GAP10 / 10, REPORT_MIN_APPLICABLE);
	else
		fprintf(f, "No %s is far enough from the rest to matter: %d "
		    "points or more, on %d or more of its own applicable cases, "
		    "with its cases alone moving the key question's band.", what,
		    REPORT_GAP10 / 10, REPORT_MIN_APPLICABLE);
	fputs("</p>\n", f);
}

static void
moderation(FILE *f, const struct report *r)
{
	const struct tally	*t = r->tally;

	fputs("<section id=\"moderation\">\n<h2>Moderation</h2>\n<p>Each "
	    "inspector's percentage sufficient for each key question, with "
	    "their counts, then the same split by case type; the last column "
	    "names the one furthest from the others taken together.</p>\n"
	    "<h3>By inspector</h3>\n", f);
	split(f, r, t->inspectors, t->ninspectors, "inspector", 0,
	    "inspector");
	fputs("<h3>By case type (children's cases)</h3>\n", f);
	split(f, r, t->types, QB_NTYPES, "case-type", 1, "case type");
	fputs("</section>\n", f);
}

/* --- 4. Evidence --------------------------------------------------------- */

static void
evidence(FILE *f, const struct report *r)
{
	static const char *const heads[REPORT_NGROUPS] = {
		"Not sufficient (no)", "Sufficient (yes)", "Not applicable"
	};
	const struct tally		*t = r->tally;
	const struct report_key		*rk;
	const struct report_item	*it;
	size_t				 k, g, i;

	fputs("<section id=\"evidence\">\n<h2>Evidence</h2>\n<p>The evidence "
	    "notes on each key question, by answer: not sufficient first, "
	    "then sufficient, then not applicable; each with its case "
	    "reference, case type and inspector.</p>\n", f);
	for (k = 0; k < t->nkeys; k++) {
		rk = &r->keys[k];
		fputs("<h3>", f);
		html_text(f, t->keys[k].id);
		fputs(" ", f);
		html_text(f, t->bank->questions[t->keys[k].question].text);
		fputs("</h3>\n", f);
		for (g = 0; g < REPORT_NGROUPS; g++) {
			fprintf(f, "<h4>%s: %zu note%s", heads[g],
			    rk->nnotes[g], rk->nnotes[g] == 1 ? "" : "s");
			if (rk->unnoted[g] > 0)
				fprintf(f, ", and %ld answer%s without one",
				    rk->unnoted[g], rk->unnoted[g] == 1 ? "" :
				    "s");
			fputs("</h4>\n", f);
			if (rk->nnotes[g] == 0)
				continue;
			fputs("<ul class=\"notes\">\n", f);
			for (i = 0; i < rk->nnotes[g]; i++) {
				it = &rk->notes[g][i];
				fprintf(f, "<li class=\"g%zu\"><p class=\"note\">",
				    g);
				html_text(f, it->text);
				fputs("</p><p class=\"cite\">", f);
				case_cite(f, &r->cases[it->c]);
				fputs("</p></li>\n", f);
			}
			fputs("</ul>\n", f);
		}
		if (rk->nwarnings == 0)
			continue;
		fprintf(f, "<h4 class=\"warn\">Soft-rule warnings: %zu</h4>\n"
		    "<ul class=\"warn\">\n", rk->nwarnings);
		for (i = 0; i < rk->nwarnings; i++) {
			it = &rk->warnings[i];
			fputs("<li>", f);
			case_cite(f, &r->cases[it->c]);
			fputs(": ", f);
			html_text(f, it->text);
			fputs("</li>\n", f);
		}
		fputs("</ul>\n", f);
	}
	fputs("</section>\n", f);
}

/* --- 5. Open items ------------------------------------------------------- */

/* The decisions recorded so far, each with the reason the meeting gave. */
static void
decisions(FILE *f, const struct tally *t)
{
	const struct tally_standard	*v = NULL;
	size_t				 i;
	int				 any = 0;
	char				*p;

	fputs("<h3>Decisions recorded</h3>\n<ul>\n", f);
	if (t->victim_standard >= 0)
		v = &t->standards[t->victim_standard];
	if (v != NULL && v->v12 != -1) {
		fprintf(f, "<li>V1.2 (the service's arrangements for victims): "
		    "%s", v->v12 ? "yes" : "no");
		decision_reason(f, "standards/V1/v12_reason", t->v12_reason);
		fputs(".</li>\n", f);
		any = 1;
	}
	if (v != NULL && v->panel != TALLY_NONE) {
		fputs("<li>The victims' rating (V1): ", f);
		html_text(f, tally_rating_name(v->panel));
		decision_reason(f, "standards/V1/panel_reason",
		    t->panel_reason);
		fputs(".</li>\n", f);
		any = 1;
	}
	for (i = 0; t->iyjs && i < TALLY_DOMAIN1; i++) {
		if (t->domain1[i] == TALLY_NONE)
			continue;
		fprintf(f, "<li>Domain one %s %s: ", domain1_ids[i],
		    domain1_titles[i]);
		html_text(f, tally_rating_name(t->domain1[i]));
		p = xasprintf("domain_one_reasons/%s", domain1_ids[i]);
		decision_reason(f, p, t->domain1_reason[i]);
		free(p);
		fputs(".</li>\n", f);
		any = 1;
	}
	if (!any)
		fputs("<li>None yet.</li>\n", f);
	fputs("</ul>\n", f);
}

static void
open_items(FILE *f, const struct report *r)
{
	const struct tally		*t = r->tally;
	const struct tally_standard	*v = NULL;
	const struct report_open	*o;
	size_t				 i;
	int				 any = 0;

	fputs("<section id=\"open-items\">\n<h2>Open items</h2>\n"
	    "<h3>Incomplete cases</h3>\n", f);
	if (r->nopen == 0)
		fputs("<p>None: every case is complete.</p>\n", f);
	else {
		fputs("<table><tr><th>Case</th><th>Status</th><th>Key questions "
		    "unanswered</th></tr>\n", f);
		for (i = 0; i < r->nopen; i++) {
			o = &r->open[i];
			fputs("<tr><td>", f);
			case_cite(f, &r->cases[o->c]);
			fprintf(f, "</td><td>%s</td><td>", r->cases[o->c].complete ?
			    "marked complete" : "draft");
			html_text(f, *o->missing != '\0' ? o->missing : "none");
			fputs("</td></tr>\n", f);
		}
		fputs("</table>\n", f);
	}
	fputs("<h3>Withdrawn cases</h3>\n", f);
	if (r->withdrawn == 0)
		fputs("<p>None.</p>\n", f);
	else {
		fputs("<p>Left out of the sample, the figures and the evidence."
		    "</p>\n<table><tr><th>Case</th><th>Reason</th></tr>\n", f);
		for (i = 0; i < (size_t)r->withdrawn; i++) {
			fputs("<tr><td>", f);
			case_cite(f, &r->withdrawn_cases[i]);
			fputs("</td><td>", f);
			html_text(f, r->withdrawn_cases[i].withdrawn);
			fputs("</td></tr>\n", f);
		}
		fputs("</table>\n", f);
	}

	fputs("<h3>Missing decisions</h3>\n<ul>\n", f);
	if (t->victim_standard >= 0)
		v = &t->standards[t->victim_standard];
	for (i = 0; i < t->nstandards; i++) {
		if (t->standards[i].waiting == -1)
			continue;
		fputs("<li>", f);
		html_text(f, t->standards[i].id);
		fputs(" has no rating yet: ", f);
		html_text(f, t->keys[t->standards[i].waiting].id);
		fputs(" has no yes or no answer yet.</li>\n", f);
		any = 1;
	}
	if (v != NULL && v->v12 == -1) {
		fputs("<li>V1.2 (the service's arrangements for victims) is not "
		    "recorded.</li>\n", f);
		any = 1;
	}
	if (v != NULL && v->rating == TALLY_NONE) {
		fputs(v->panel != TALLY_NONE ? "<li>The recorded victims' "
		    "rating is outside the current range: decide again" :
		    "<li>The victims' rating (V1) is not decided", f);
		if (v->panel != TALLY_NONE)
			decision_reason(f, "standards/V1/panel_reason",
			    t->panel_reason);
		fputs(".</li>\n", f);
		any = 1;
	}

	for (i = 0; t->iyjs && i < TALLY_DOMAIN1; i++) {
		if (t->domain1[i] != TALLY_NONE)
			continue;
		fprintf(f, "<li>Domain one %s %s is not rated.</li>\n",
		    domain1_ids[i], domain1_titles[i]);
		any = 1;
	}
	if (t->children < t->min_children || t->victims < t->min_victims) {
		fputs("<li>The sample is below its minimum.</li>\n", f);
		any = 1;
	}
	if (*r->start_date == '\0' || *r->end_date == '\0') {
		fputs("<li>The fieldwork dates are not recorded.</li>\n", f);
		any = 1;
	}
	if (!any)
		fputs("<li>None.</li>\n", f);
	fputs("</ul>\n", f);
	decisions(f, t);
	fputs("</section>\n", f);
}

int
report_html(const struct report *r, FILE *f)
{
	char	now[UTIL_TIME_LEN];

	util_now(now);
	fputs("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta "
	    "charset=\"utf-8\">\n<meta name=\"generator\" content=\"caseread "
	    PACKAGE_VERSION "\">\n<title>", f);
	html_text(f, r->service);
	fputs(": report for the rating meeting</title>\n<style>\n", f);
	fputs(css, f);
	fputs("</style>\n</head>\n<body>\n", f);
	headline(f, r);
	key_questions(f, r);
	moderation(f, r);
	evidence(f, r);
	open_items(f, r);
	fputs("<footer>Made by caseread " PACKAGE_VERSION " from ", f);
	html_text(f, r->file);
	fputs(" at ", f);
	html_text(f, now);
	fprintf(f, ": %zu cases, %zu evidence notes, %zu soft-rule warnings. "
	    "Figures are those of caseread tally; percentages are shown to "
	    "one decimal, bands decided on exact fractions.</footer>\n"
	    "</body>\n</html>\n", r->ncases, r->nnotes, r->nwarnings);
	return (fflush(f) != 0 || ferror(f)) ? -1 : 0;
}
