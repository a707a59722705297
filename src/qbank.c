/*
 * Parser for question bank files (caseread-forms(5)). Every error names the file
 * and line and what was expected; nothing in a bad file can crash the parser.
 * qbank_validate adds what the ratings need of a bank (the four standards and
 * their key questions); how answers become ratings is tally.c's business.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "qbank.h"
#include "util.h"

static const char *type_names[QB_NTYPES] = {
	"court", "out-of-court", "bail-remand", "resettlement"
};

/* Parser state: keys are collected with their prompts and emitted prompts-first. */
struct parse {
	const char		*name;
	int			 line;
	struct qbank		*bank;
	struct qb_question	*group;		/* the current key, then its prompts */
	size_t			 ngroup;
	long			 last;		/* index in group of the last key/prompt */
	char			*cause;
	/*
	 * The guidance being added to, line by line: grown by doubling, so a
	 * question with 100,000 guidance lines costs their length, not its
	 * square. Valid while a question's guidance is this buffer.
	 */
	char			*gbuf;
	size_t			 glen;		/* bytes used, not the NUL */
	size_t			 gsize;		/* bytes allocated */
};

const char *
qbank_type_name(unsigned type)
{
	int	i;

	for (i = 0; i < QB_NTYPES; i++) {
		if (type == (1u << i))
			return type_names[i];
	}
	return "unknown";
}

unsigned
qbank_type_parse(const char *s)
{
	int	i;

	/* The names are lower case: a first letter that differs rules one out. */
	for (i = 0; i < QB_NTYPES; i++) {
		if (tolower((unsigned char)s[0]) == type_names[i][0] &&
		    strcasecmp(s, type_names[i]) == 0)
			return 1u << i;
	}
	return 0;
}

unsigned
qbank_type_bit(int i)
{
	return 1u << i;
}

const char *
qbank_kind_name(enum qb_kind kind)
{
	return kind == QB_CHILD ? "child" : "victim";
}

static int
parse_error(struct parse *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
parse_error(struct parse *p, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	if (p->line > 0)
		p->cause = xasprintf("%s:%d: %s", p->name, p->line, msg);
	else
		p->cause = xasprintf("%s: %s", p->name, msg);
	free(msg);
	return -1;
}

static void
question_clear(struct qb_question *q)
{
	free(q->id);
	free(q->text);
	free(q->guidance);
	free(q->aspect);
}

void
qbank_free(struct qbank *bank)
{
	size_t	i;

	if (bank == NULL)
		return;
	free(bank->id);
	free(bank->version);
	free(bank->title);
	free(bank->text);
	for (i = 0; i < bank->nstandards; i++) {
		free(bank->standards[i].id);
		free(bank->standards[i].title);
	}
	free(bank->standards);
	for (i = 0; i < bank->nquestions; i++)
		question_clear(&bank->questions[i]);
	free(bank->questions);
	free(bank->keys);
	free(bank);
}

/* A bank or standard id: letters and digits, optionally dot-separated numbers. */
static int
valid_standard_id(const char *s)
{
	const char	*p = s;

	if (!isalnum((unsigned char)*p))
		return 0;
	while (isalnum((unsigned char)*p))
		p++;
	while (*p == '.') {
		p++;
		if (!isdigit((unsigned char)*p))
			return 0;
		while (isdigit((unsigned char)*p))
			p++;
	}
	return *p == '\0' && p - s <= 32;
}

static int
valid_bank_id(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++, n++) {
		if (!isalnum((unsigned char)*s) && strchr("._-", *s) == NULL)
			return 0;
	}
	return n > 0 && n <= 64;
}

/* Whether id is parent + "." + digits. */
static int
child_id_of(const char *id, const char *parent)
{
	size_t	n = strlen(parent);
	const char *p;

	if (strncmp(id, parent, n) != 0 || id[n] != '.')
		return 0;
	p = id + n + 1;
	if (!isdigit((unsigned char)*p) || strlen(p) > 6)
		return 0;
	while (isdigit((unsigned char)*p))
		p++;
	return *p == '\0';
}

static long
find_id(const struct parse *p, const char *id)
{
	const struct qbank	*bank = p->bank;
	size_t			 i;

	for (i = 0; i < bank->nquestions; i++) {
		if (strcmp(bank->questions[i].id, id) == 0)
			return bank->questions[i].line;
	}
	for (i = 0; i < p->ngroup; i++) {
		if (strcmp(p->group[i].id, id) == 0)
			return p->group[i].line;
	}
	return -1;
}

/* Move the current key and its prompts into the bank, prompts first. */
static void
flush_group(struct parse *p)
{
	struct qbank	*bank = p->bank;
	size_t		 i, keyidx;

	if (p->ngroup == 0)
		return;
	bank->questions = xreallocarray(bank->questions,
	    bank->nquestions + p->ngroup, sizeof *bank->questions);
	keyidx = bank->nquestions + p->ngroup - 1;
	for (i = 1; i < p->ngroup; i++) {
		p->group[i].key = keyidx;
		bank->questions[bank->nquestions++] = p->group[i];
	}
	p->group[0].key = keyidx;
	bank->questions[bank->nquestions++] = p->group[0];
	bank->keys = xreallocarray(bank->keys, bank->nkeys + 1,
	    sizeof *bank->keys);
	bank->keys[bank->nkeys++] = keyidx;
	p->ngroup = 0;
	p->last = -1;
}

static int
close_standard(struct parse *p)
{
	struct qbank		*bank = p->bank;
	struct qb_standard	*st;
	size_t			 i;
	int			 nkeys = 0;

	flush_group(p);
	if (bank->nstandards == 0)
		return 0;
	st = &bank->standards[bank->nstandards - 1];
	st->end = bank->nquestions;
	for (i = st->first; i < st->end; i++)
		nkeys += bank->questions[i].is_key;
	if (nkeys == 0) {
		p->line = st->line;
		return parse_error(p, "standard '%s' has no key questions "
		    "(expected at least one 'key' line after it)", st->id);
	}
	return 0;
}

/* Split "ID rest" into a copied id and the rest; either may be empty. */
static char *
split_word(char *s, char **rest)
{
	char	*sp;

	if ((sp = strchr(s, ' ')) == NULL) {
		*rest = s + strlen(s);
		return s;
	}
	*sp = '\0';
	for (sp++; *sp == ' '; sp++)
		;
	*rest = sp;
	return s;
}

static int
do_standard(struct parse *p, char *args)
{
	struct qbank		*bank = p->bank;
	struct qb_standard	*st;
	char			*id, *kind, *title, *rest;
	enum qb_kind		 k;
	size_t			 i;

	if (bank->id == NULL || bank->version == NULL)
		return parse_error(p, "'standard' before 'bank' and 'version' "
		    "(expected the header first)");
	if (close_standard(p) != 0)
		return -1;
	id = split_word(args, &rest);
	kind = split_word(rest, &title);
	if (*id == '\0' || !valid_standard_id(id))
		return parse_error(p, "bad standard id '%s' (expected e.g. "
		    "'2.1' or 'V1')", id);
	if (strcmp(kind, "child") == 0)
		k = QB_CHILD;
	else if (strcmp(kind, "victim") == 0)
		k = QB_VICTIM;
	else
		return parse_error(p, "bad case kind '%s' for standard '%s' "
		    "(expected child or victim)", kind, id);
	if (*title == '\0')
		return parse_error(p, "standard '%s' has no title", id);
	for (i = 0; i < bank->nstandards; i++) {
		if (strcmp(bank->standards[i].id, id) == 0)
			return parse_error(p, "duplicate standard '%s'", id);
	}
	bank->standards = xreallocarray(bank->standards, bank->nstandards + 1,
	    sizeof *bank->standards);
	st = &bank->standards[bank->nstandards++];
	st->id = xstrdup(id);
	st->title = xstrdup(title);
	st->kind = k;
	st->first = st->end = bank->nquestions;
	st->line = p->line;
	return 0;
}

static int
do_question(struct parse *p, char *args, int is_key)
{
	struct qbank		*bank = p->bank;
	struct qb_standard	*st;
	struct qb_question	*q;
	const char		*parent, *what = is_key ? "key" : "prompt";
	char			*id, *text;
	long			 prev;

	if (bank->nstandards == 0)
		return parse_error(p, "'%s' before any 'standard'", what);
	st = &bank->standards[bank->nstandards - 1];
	if (!is_key && p->ngroup == 0)
		return parse_error(p, "'prompt' before any 'key' in standard "
		    "'%s'", st->id);
	id = split_word(args, &text);
	parent = is_key ? st->id : p->group[0].id;
	if (!child_id_of(id, parent))
		return parse_error(p, "%s id '%s' does not belong to %s '%s' "
		    "(expected '%s.N')", what, id, is_key ? "standard" : "key",
		    parent, parent);
	if ((prev = find_id(p, id)) != -1)
		return parse_error(p, "duplicate question id '%s' (first at "
		    "line %ld)", id, prev);
	if (*text == '\0')
		return parse_error(p, "%s '%s' has no question text", what, id);
	if (is_key)
		flush_group(p);
	if (bank->nquestions + p->ngroup >= 100000)
		return parse_error(p, "too many questions");
	p->group = xreallocarray(p->group, p->ngroup + 1, sizeof *p->group);
	q = &p->group[p->ngroup];
	memset(q, 0, sizeof *q);
	q->id = xstrdup(id);
	q->text = xstrdup(text);
	q->is_key = is_key;
	q->types = QB_ALL_TYPES;
	q->standard = bank->nstandards - 1;
	q->line = p->line;
	p->last = (long)p->ngroup++;
	return 0;
}

/* Add a line to q's guidance, after a newline when it has some already. */
static void
guidance_add(struct parse *p, struct qb_question *q, const char *line)
{
	size_t	n = strlen(line), need;

	if (q->guidance == NULL || q->guidance != p->gbuf) {
		p->glen = q->guidance != NULL ? strlen(q->guidance) : 0;
		p->gsize = q->guidance != NULL ? p->glen + 1 : 0;
	}
	need = p->glen + (p->glen > 0 ? 1 : 0) + n + 1;
	if (need > p->gsize) {
		if (p->gsize < 64)
			p->gsize = 64;
		while (p->gsize < need)
			p->gsize *= 2;
		q->guidance = xreallocarray(q->guidance, p->gsize, 1);
	}
	if (p->glen > 0)
		q->guidance[p->glen++] = '\n';
	memcpy(q->guidance + p->glen, line, n + 1);
	p->glen += n;
	p->gbuf = q->guidance;
}

static int
do_attribute(struct parse *p, const char *kw, char *args)
{
	struct qb_question	*q;
	char			*word, *rest;
	unsigned		 types = 0, t;

	if (p->last < 0)
		return parse_error(p, "'%s' before any 'key' or 'prompt'", kw);
	q = &p->group[p->last];
	if (*args == '\0')
		return parse_error(p, "'%s' needs a value", kw);
	if (strcmp(kw, "guidance") == 0) {
		guidance_add(p, q, args);
		return 0;
	}
	if (strcmp(kw, "aspect") == 0) {
		if (!q->is_key)
			return parse_error(p, "'aspect' on prompt '%s' (only key "
			    "questions have an aspect)", q->id);
		if (q->aspect != NULL)
			return parse_error(p, "second 'aspect' for key '%s'",
			    q->id);
		if (!valid_bank_id(args))
			return parse_error(p, "bad aspect '%s' (expected a word "
			    "such as positive-change or safety)", args);
		q->aspect = xstrdup(args);
		return 0;
	}
	/* applies */
	if (q->is_key)
		return parse_error(p, "'applies' on key question '%s' (key "
		    "questions apply to every case of their standard)", q->id);
	if (p->bank->standards[q->standard].kind != QB_CHILD)
		return parse_error(p, "'applies' on prompt '%s' of a victims' "
		    "standard (case types are for children's cases)", q->id);
	rest = args;
	while (*rest != '\0') {
		word = split_word(rest, &rest);
		if ((t = qbank_type_parse(word)) == 0)
			return parse_error(p, "unknown case type '%s' (expected "
			    "court, out-of-court, bail-remand or resettlement)",
			    word);
		types |= t;
	}
	q->types = types;
	return 0;
}

static int
do_header(struct parse *p, const char *kw, char *args)
{
	struct qbank	*bank = p->bank;
	char		**slot;

	if (bank->nstandards != 0)
		return parse_error(p, "'%s' after the first 'standard' (the "
		    "header comes first)", kw);
	if (strcmp(kw, "bank") == 0)
		slot = &bank->id;
	else if (strcmp(kw, "version") == 0)
		slot = &bank->version;
	else
		slot = &bank->title;
	if (*slot != NULL && slot != &bank->title)
		return parse_error(p, "second '%s' line", kw);
	if (slot != &bank->title && bank->id == NULL && slot != &bank->id)
		return parse_error(p, "'%s' before 'bank' (expected 'bank ID' "
		    "first)", kw);
	if (*args == '\0')
		return parse_error(p, "'%s' needs a value", kw);
	if (slot != &bank->title && !valid_bank_id(args))
		return parse_error(p, "bad %s '%s' (expected letters, digits, "
		    "'.', '_' or '-', at most 64)", kw, args);
	free(*slot);
	*slot = xstrdup(args);
	return 0;
}

static int
parse_line(struct parse *p, char *line)
{
	char	*kw, *args, *end;

	while (*line == ' ' || *line == '\t')
		line++;
	end = line + strlen(line);
	while (end > line && (end[-1] == ' ' || end[-1] == '\t'))
		*--end = '\0';
	if (*line == '\0' || *line == '#')
		return 0;
	for (args = line; *args != '\0'; args++) {
		if (*args == '\t')
			*args = ' ';
	}
	kw = split_word(line, &args);
	if (strcmp(kw, "bank") == 0 || strcmp(kw, "version") == 0 ||
	    strcmp(kw, "title") == 0)
		return do_header(p, kw, args);
	if (strcmp(kw, "standard") == 0)
		return do_standard(p, args);
	if (strcmp(kw, "key") == 0)
		return do_question(p, args, 1);
	if (strcmp(kw, "prompt") == 0)
		return do_question(p, args, 0);
	if (strcmp(kw, "guidance") == 0 || strcmp(kw, "aspect") == 0 ||
	    strcmp(kw, "applies") == 0)
		return do_attribute(p, kw, args);
	return parse_error(p, "unknown directive '%.40s' (expected bank, "
	    "version, title, standard, key, prompt, aspect, guidance or "
	    "applies)", kw);
}

struct qbank *
qbank_parse(const char *text, size_t len, const char *name, char **cause)
{
	struct parse	 p;
	const char	*s = text, *end = text + len, *nl;
	char		*line;
	size_t		 n, i;
	int		 failed = 0;

	memset(&p, 0, sizeof p);
	p.name = name;
	p.last = -1;
	p.bank = xcalloc(1, sizeof *p.bank);
	p.bank->text = xstrndup(text, len);
	p.bank->len = len;
	snprintf(p.bank->hash, sizeof p.bank->hash, "%016llx",
	    (unsigned long long)util_fnv1a64(text, len));

	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		s += 3;
	while (s < end && !failed) {
		p.line++;
		nl = memchr(s, '\n', (size_t)(end - s));
		n = (nl != NULL ? nl : end) - s;
		if (n > 0 && s[n - 1] == '\r')
			n--;
		if (n > QB_MAX_LINE)
			failed = parse_error(&p, "line longer than %d bytes",
			    QB_MAX_LINE);
		else if (!util_text_ok(s, n, "\t"))
			failed = parse_error(&p, "not valid UTF-8 text (bad "
			    "byte sequence or control character)");
		else {
			line = xstrndup(s, n);
			failed = parse_line(&p, line);
			free(line);
		}
		s = nl != NULL ? nl + 1 : end;
	}
	if (!failed) {
		failed = close_standard(&p);
		p.line = 0;
	}
	if (!failed && p.bank->id == NULL)
		failed = parse_error(&p, "no 'bank' line (expected 'bank ID' "
		    "at the top)");
	if (!failed && p.bank->version == NULL)
		failed = parse_error(&p, "no 'version' line");
	if (!failed && p.bank->nstandards == 0)
		failed = parse_error(&p, "no standards (expected at least one "
		    "'standard' line)");
	for (i = 0; i < p.ngroup; i++)
		question_clear(&p.group[i]);
	free(p.group);
	if (failed) {
		qbank_free(p.bank);
		if (cause != NULL)
			*cause = p.cause;
		else
			free(p.cause);
		return NULL;
	}
	if (p.bank->title == NULL)
		p.bank->title = xstrdup("");
	return p.bank;
}

/*
 * The standards the ratings are made of (caseread(1), RATINGS): their overall is the sum of exactly these four, so a bank with
 * fewer, more, or other key questions would give a number out of 12 that means
 * nothing.
 */
static const struct {
	const char	*id;
	enum qb_kind	 kind;
	size_t		 nkeys;
	const char	*keys;		/* what its keys are, for messages */
} core_standards[] = {
	{ "2.1", QB_CHILD, 2, "2.1.1 positive change and 2.1.2 safety" },
	{ "2.2", QB_CHILD, 2, "2.2.1 positive change and 2.2.2 safety" },
	{ "2.3", QB_CHILD, 2, "2.3.1 positive change and 2.3.2 safety" },
	{ "V1", QB_VICTIM, 1, "V1.1" },
};
#define NCORE	(sizeof core_standards / sizeof core_standards[0])

static int
check_error(const char *name, int line, char **cause, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* "NAME:LINE: message", "NAME: end of file: message" (line 0) or the message. */
static int
check_error(const char *name, int line, char **cause, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	if (cause == NULL)
		return -1;
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	if (name == NULL)
		*cause = msg;
	else {
		if (line > 0)
			*cause = xasprintf("%s:%d: %s", name, line, msg);
		else
			*cause = xasprintf("%s: end of file: %s", name, msg);
		free(msg);
	}
	return -1;
}

/* The prompts of key k (an index into questions), numbered 1, 2, ... in order. */
static int
check_prompts(const struct qbank *bank, size_t k, const char *name,
    char **cause)
{
	const struct qb_question	*key = &bank->questions[k], *q;
	size_t				 i, n = 0;
	char				*want;
	int				 rc = 0;

	/* A key's prompts are the questions just before it, in file order. */
	for (i = bank->standards[key->standard].first; i < k && rc == 0; i++) {
		q = &bank->questions[i];
		if (q->is_key || q->key != k)
			continue;
		want = xasprintf("%s.%zu", key->id, ++n);
		if (strcmp(q->id, want) != 0)
			rc = check_error(name, q->line, cause, "prompt '%s' where "
			    "'%s' was expected (the prompts of a key are "
			    "numbered 1, 2, 3, ... in file order)", q->id, want);
		free(want);
	}
	return rc;
}

/* One standard against core_standards[c]: its kind and its key questions. */
static int
check_standard(const struct qbank *bank, size_t s, size_t c, int prompts,
    const char *name, char **cause)
{
	const struct qb_standard	*st = &bank->standards[s];
	const struct qb_question	*q;
	size_t				 i, n = 0;
	char				*want;
	int				 rc = 0;

	if (st->kind != core_standards[c].kind)
		return check_error(name, st->line, cause, "standard '%s' is read "
		    "on %s cases, not %s (expected 'standard %s %s TITLE')",
		    st->id, core_standards[c].kind == QB_CHILD ? "children's" :
		    "victims'", qbank_kind_name(st->kind), st->id,
		    qbank_kind_name(core_standards[c].kind));
	for (i = 0; i < bank->nkeys && rc == 0; i++) {
		q = &bank->questions[bank->keys[i]];
		if (q->standard != s)
			continue;
		if (++n > core_standards[c].nkeys)
			return check_error(name, q->line, cause, "standard '%s' "
			    "has one key question too many, '%s' (the ratings "
			    "use exactly %s%s)", st->id, q->id,
			    core_standards[c].keys, c == NCORE - 1 ?
			    "; V1.2 is the inspection's judgement, recorded by "
			    "'caseread ratify --v12'" : "");
		want = xasprintf("%s.%zu", st->id, n);
		if (strcmp(q->id, want) != 0)
			rc = check_error(name, q->line, cause, "key '%s' where "
			    "'%s' was expected (the ratings use exactly %s, in "
			    "that order)", q->id, want, core_standards[c].keys);
		free(want);
		if (rc == 0 && prompts)
			rc = check_prompts(bank, bank->keys[i], name, cause);
	}
	if (rc == 0 && n < core_standards[c].nkeys)
		rc = check_error(name, st->line, cause, "standard '%s' has no key "
		    "question %s.%zu (the ratings use exactly %s)", st->id,
		    st->id, n + 1, core_standards[c].keys);
	return rc;
}

/* Standards in file order, so the first problem reported is the first in the file. */
static int
check_bank(const struct qbank *bank, int prompts, const char *name,
    char **cause)
{
	const struct qb_standard	*st;
	size_t				 s, c;
	int				 seen[NCORE] = { 0 };
	char				*missing = NULL, *old;
	int				 nmissing = 0;

	for (s = 0; s < bank->nstandards; s++) {
		st = &bank->standards[s];
		for (c = 0; c < NCORE; c++) {
			if (strcmp(st->id, core_standards[c].id) == 0)
				break;
		}
		if (c == NCORE)
			return check_error(name, st->line, cause, "standard '%s' "
			    "is not one the ratings use (a bank has exactly 2.1, "
			    "2.2 and 2.3 for children's cases and V1 for "
			    "victims' cases)", st->id);
		seen[c] = 1;
		if (check_standard(bank, s, c, prompts, name, cause) != 0)
			return -1;
	}
	for (c = 0; c < NCORE; c++) {
		if (seen[c])
			continue;
		old = missing;
		missing = xasprintf("%s%s%s", old != NULL ? old : "",
		    old == NULL ? "" : ", ", core_standards[c].id);
		free(old);
		nmissing++;
	}
	if (missing == NULL)
		return 0;
	check_error(name, 0, cause, "no standard%s %s (the ratings need "
	    "standards 2.1, 2.2 and 2.3 for children's cases and V1 for "
	    "victims' cases)", nmissing == 1 ? "" : "s", missing);
	free(missing);
	return -1;
}

int
qbank_check_ratings(const struct qbank *bank, const char *name, char **cause)
{
	return check_bank(bank, 0, name, cause);
}

int
qbank_validate(const struct qbank *bank, const char *name, char **cause)
{
	return check_bank(bank, 1, name, cause);
}

/* Parse and validate: what every loader of a bank file does. */
static struct qbank *
parse_valid(const char *text, size_t len, const char *name, char **cause)
{
	struct qbank	*bank;

	if ((bank = qbank_parse(text, len, name, cause)) == NULL)
		return NULL;
	if (qbank_validate(bank, name, cause) != 0) {
		qbank_free(bank);
		return NULL;
	}
	return bank;
}

/* Generated from forms/youth-2025.form by db/sql2c. */
extern const char *const	qbank_builtin_text[];
extern const size_t		qbank_builtin_text_len[];

struct qbank *
qbank_builtin(char **cause)
{
	return parse_valid(qbank_builtin_text[0], qbank_builtin_text_len[0],
	    "youth-2025.form", cause);
}

struct qbank *
qbank_load(const char *path, char **cause)
{
	struct qbank	*bank;
	char		*text;
	size_t		 len;

	if (util_read_file(path, &text, &len, cause) != 0)
		return NULL;
	bank = parse_valid(text, len, path, cause);
	free(text);
	return bank;
}

long
qbank_find(const struct qbank *bank, const char *id)
{
	size_t	i;

	for (i = 0; i < bank->nquestions; i++) {
		if (strcmp(bank->questions[i].id, id) == 0)
			return (long)i;
	}
	return -1;
}

long
qbank_find_standard(const struct qbank *bank, const char *id)
{
	size_t	i;

	for (i = 0; i < bank->nstandards; i++) {
		if (strcmp(bank->standards[i].id, id) == 0)
			return (long)i;
	}
	return -1;
}

int
qbank_applies(const struct qbank *bank, size_t q, enum qb_kind kind,
    unsigned type)
{
	const struct qb_question	*qq = &bank->questions[q];

	if (bank->standards[qq->standard].kind != kind)
		return 0;
	if (kind == QB_VICTIM)
		return 1;
	return (qq->types & type) != 0;
}
