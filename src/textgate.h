/*
 * The one gate every piece of text passes on its way into an inspection file
 * (import, init, the screens' saves, merge), and the one way text that came out
 * of a file is shown on a terminal. The gate's UTF-8 decoder is the only one in
 * caseread: util_utf8_len and json_utf8_next are built on it.
 */
#ifndef CASEREAD_TEXTGATE_H
#define CASEREAD_TEXTGATE_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>

/* The length limits, in bytes of UTF-8, the same at every door. */
#define TEXTGATE_REF_MAX	64		/* a case reference */
#define TEXTGATE_MANAGER_MAX	8		/* case manager initials */
#define TEXTGATE_NAME_MAX	128		/* an inspector, a service */
#define TEXTGATE_WORD_MAX	64		/* codes: question ids, kinds, dates */
#define TEXTGATE_REASON_MAX	(64 * 1024)	/* a reason given for a change */
#define TEXTGATE_NOTE_MAX	(1024 * 1024)	/* an evidence note */

/*
 * What a piece of text is, which decides its limit and what it may hold.
 * References, names and words are one line with no control characters and
 * no bidirectional controls; notes and reasons may also hold newlines and
 * tabs, and the bidirectional marks (U+200E, U+200F, U+061C) that right-to-
 * left writing needs, but never an override or isolate.
 */
enum textgate_kind {
	TEXTGATE_REF,
	TEXTGATE_MANAGER,
	TEXTGATE_NAME,
	TEXTGATE_SERVICE,
	TEXTGATE_WORD,
	TEXTGATE_REASON,
	TEXTGATE_NOTE,
	TEXTGATE_WORKER,	/* a victim worker's name */
	TEXTGATE_LABEL,		/* an interview's label: TEXTGATE_LABEL_CHARS */
};

/*
 * All an interview label may hold (ASCII, no space at either end): one
 * interview covers at most three cases, which only works when two labels
 * that look alike are alike; a no-break space, a zero-width space or a
 * non-breaking hyphen would make "VW-1" a second interview.
 */
#define TEXTGATE_LABEL_CHARS	"ABCDEFGHIJKLMNOPQRSTUVWXYZ" \
				"abcdefghijklmnopqrstuvwxyz0123456789 -_./#"

/* The value *cp holds after an ill-formed sequence. */
#define TEXTGATE_BAD	0xffffffffU

/*
 * The UTF-8 at s, n > 0 bytes: the length of the character there with *cp its
 * code point, or, for an ill-formed sequence, the length of its longest start
 * that could begin a well-formed one (at least 1; Unicode's "maximal subpart",
 * so that each becomes one U+FFFD) with *cp TEXTGATE_BAD. Overlong forms,
 * surrogates and code points past U+10FFFF are ill-formed.
 */
size_t		 textgate_utf8_next(const char *s, size_t n, uint32_t *cp);

/* The limit for kind, in bytes. */
size_t		 textgate_max(enum textgate_kind);
/* What kind is called in messages: "case reference", "evidence note"... */
const char	*textgate_name(enum textgate_kind);

/*
 * Whether the n bytes at s (s may be NULL when n is 0) may be stored as kind:
 * 0, or -ERR_INVALID with *cause saying why ("the case reference holds a
 * control character (\x1b)"), naming the field and showing the offending
 * character visibly. Emptiness is not the gate's business.
 */
int		 textgate_check(enum textgate_kind, const char *s, size_t n,
		     char **cause);
/* Whether NUL-terminated s may be stored as kind (a NULL s passes). */
int		 textgate_check_str(enum textgate_kind, const char *s,
		     char **cause);

/*
 * An inspector's name as every door takes it (init, the first run, kit, the
 * owner's name put right, a case's reading inspector, import, --inspector):
 * without the spaces at its ends, so " Ann Smith " is "Ann Smith". A space is
 * U+0020 or another of Unicode's space separators (U+00A0 no-break space,
 * U+1680, U+2000-U+200A, U+202F, U+205F, U+3000); a tab or a newline is a
 * control character, left for textgate_check to refuse. Returns a new string
 * the caller frees: "" for a name of spaces only, which is an empty name.
 * Names already in a file, a bundle's included, are never trimmed.
 */
char		*textgate_trim(const char *s);
/*
 * Whether names a and b are the same inspector's: equal but for spaces at
 * their ends. What a door compares a typed name with a stored one by.
 */
int		 textgate_same_name(const char *a, const char *b);

/*
 * The n bytes at s as they may be shown on a terminal: each C0 and C1
 * control and DEL as \xHH, each bidirectional control as \uHHHH, each ill-
 * formed sequence as U+FFFD; with lines, newlines and tabs pass as they are.
 * Returns a new string the caller frees.
 */
char		*textgate_show(const char *s, size_t n, int lines);
/* textgate_show of a NUL-terminated string, one line ("" for NULL). */
char		*textgate_show_str(const char *s);

/*
 * printf to f with the whole output passed through textgate_show (newlines
 * and tabs kept): how any report that echoes a file's text is written, so no
 * byte from a file can drive the terminal. Returns -1 on a write error.
 */
int		 textgate_printf(FILE *f, const char *fmt, ...)
		     __attribute__((format(printf, 2, 3)));
int		 textgate_vprintf(FILE *f, const char *fmt, va_list ap)
		     __attribute__((format(printf, 2, 0)));

#endif
