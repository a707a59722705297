/*
 * The one HTML escaper: every text caseread puts in an HTML page goes through
 * here, so a note holding "</svg><script>" is shown as those characters and
 * never read as markup. Writes to a stdio stream; holds no state.
 */
#ifndef CASEREAD_HTML_H
#define CASEREAD_HTML_H

#include <stdio.h>

/*
 * Write s (NULL writes nothing) to f as HTML text, fit for an element's
 * content or a quoted attribute value alike: & < > " ' as character
 * references; tab, newline and valid UTF-8 as they are; each ill-formed UTF-8
 * sequence (json_utf8_next's maximal subparts) and every other control
 * character (a carriage return included) as one U+FFFD. Returns how many
 * replacements were made.
 */
long	 html_text(FILE *f, const char *s);
/* The same for the first n bytes of s. */
long	 html_textn(FILE *f, const char *s, size_t n);
/* A formatted string, escaped as html_text: for figures beside names. */
long	 html_textf(FILE *f, const char *fmt, ...)
	     __attribute__((format(printf, 2, 3)));

#endif
