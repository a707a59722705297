/*
 * Question banks: the standards, key questions and prompts an inspector answers,
 * parsed from the plain-text format in caseread-forms(5). Pure: no I/O besides
 * qbank_load reading its file, no SQLite, no curses.
 */
#ifndef CASEREAD_QBANK_H
#define CASEREAD_QBANK_H

#include <stddef.h>

enum qb_kind {
	QB_CHILD,
	QB_VICTIM
};

/* Children's case types, as bits so a prompt can apply to several. */
#define QB_COURT	0x1u
#define QB_OUT_OF_COURT	0x2u
#define QB_BAIL_REMAND	0x4u
#define QB_RESETTLEMENT	0x8u
#define QB_ALL_TYPES	0xfu
#define QB_NTYPES	4

#define QB_MAX_LINE	4000	/* bytes in one line of a bank file */

struct qb_question {
	char		*id;		/* "2.1.1", "2.1.1.3", "V1.1" */
	char		*text;
	char		*guidance;	/* NULL when the bank gives none */
	char		*aspect;	/* keys: "positive-change", ...; else NULL */
	int		 is_key;	/* 1 for a key question, 0 for a prompt */
	unsigned	 types;		/* QB_* case types a prompt applies to */
	size_t		 key;		/* index of its key question (itself for a key) */
	size_t		 standard;	/* index into qbank.standards */
	int		 line;		/* line in the bank file, for messages */
};

struct qb_standard {
	char		*id;		/* "2.1", "V1" */
	char		*title;		/* "Assessing" */
	enum qb_kind	 kind;		/* which cases it is read on */
	size_t		 first;		/* its questions: [first, end) in reading order */
	size_t		 end;
	int		 line;		/* its 'standard' line, for messages */
};

struct qbank {
	char			*id;		/* "youth-2025" */
	char			*version;	/* "2025.1" */
	char			*title;		/* "" when none */
	char			 hash[17];	/* FNV-1a 64 of the source bytes, hex */
	char			*text;		/* the source, NUL-terminated */
	size_t			 len;
	struct qb_standard	*standards;
	size_t			 nstandards;
	struct qb_question	*questions;	/* reading order: each key's prompts, then the key */
	size_t			 nquestions;
	size_t			*keys;		/* indices of key questions, in order */
	size_t			 nkeys;
};

/*
 * Parse a bank from len bytes of text; name is used in messages ("FILE:LINE: ...").
 * Returns a new bank the caller frees with qbank_free, or NULL with *cause set to
 * a newly allocated message naming the file and line. Checks the syntax only,
 * not qbank_validate's rules.
 */
struct qbank	*qbank_parse(const char *text, size_t len, const char *name,
		     char **cause);
/*
 * Read and parse the file at path, then qbank_validate it: the loader for bank
 * files, which must be fit for rating. As qbank_parse.
 */
struct qbank	*qbank_load(const char *path, char **cause);
/*
 * Whether bank has what the ratings are made of: exactly the standards 2.1, 2.2
 * and 2.3 read on children's cases, each with exactly two key questions, S.1
 * (positive change) and S.2 (safety), and V1 read on victims' cases with the
 * one key question V1.1. 0, or -1 with *cause (unless cause is NULL) a newly
 * allocated "NAME:LINE: ..." or "NAME: end of file: ..." saying what is missing
 * or extra; with name NULL the message has no such prefix.
 */
int		 qbank_check_ratings(const struct qbank *, const char *name,
		     char **cause);
/*
 * The rules of caseread-forms(5) beyond syntax: qbank_check_ratings, and the
 * prompts of each key numbered 1, 2, 3, ... in file order. As
 * qbank_check_ratings. qbank_parse does not apply it, so an inspection whose
 * stored bank predates these rules still opens; its tally gives no overall.
 */
int		 qbank_validate(const struct qbank *, const char *name,
		     char **cause);
void		 qbank_free(struct qbank *);

/* Index of the question with this id, or -1. */
long		 qbank_find(const struct qbank *, const char *id);
/* Index of the standard with this id, or -1. */
long		 qbank_find_standard(const struct qbank *, const char *id);
/*
 * Whether question q is read on a case of this kind and (children only) type, one of
 * the QB_* bits.
 */
int		 qbank_applies(const struct qbank *, size_t q, enum qb_kind,
		     unsigned type);

/* Case type names as stored and typed: "court", "out-of-court", ... */
const char	*qbank_type_name(unsigned type);
/* The QB_* bit for a name (case-insensitive), or 0 when unknown. */
unsigned	 qbank_type_parse(const char *);
/* The bit for type index 0..QB_NTYPES-1. */
unsigned	 qbank_type_bit(int i);

const char	*qbank_kind_name(enum qb_kind);

/*
 * The bank built into the binary (forms/youth-2025.form at build time), used when
 * an inspection is created without --form. As qbank_load.
 */
struct qbank	*qbank_builtin(char **cause);

#endif
