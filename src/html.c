/*
 * HTML escaping (see html.h). Replacing bad bytes rather than passing them on
 * keeps the page valid UTF-8, which a browser would otherwise guess at; it
 * does not change the file the text came from.
 */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "json.h"
#include "util.h"

#define REPLACEMENT	"\xef\xbf\xbd"	/* U+FFFD in UTF-8 */

long
html_textn(FILE *f, const char *s, size_t n)
{
	size_t		 i = 0, len;
	long		 replaced = 0;
	unsigned char	 c;
	int		 valid;

	while (i < n) {
		c = (unsigned char)s[i];
		switch (c) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		case '\'':
			fputs("&#39;", f);
			break;
		case '\t':
		case '\n':
			fputc(c, f);
			break;
		default:
			if (c < 0x20 || c == 0x7f) {
				fputs(REPLACEMENT, f);
				replaced++;
				break;
			}
			if (c < 0x80) {
				fputc(c, f);
				break;
			}
			len = json_utf8_next(s + i, n - i, &valid);
			if (valid)
				fwrite(s + i, 1, len, f);
			else {
				fputs(REPLACEMENT, f);
				replaced++;
			}
			i += len;
			continue;
		}
		i++;
	}
	return replaced;
}

long
html_text(FILE *f, const char *s)
{
	return s == NULL ? 0 : html_textn(f, s, strlen(s));
}

long
html_textf(FILE *f, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;
	long	 n;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	n = html_text(f, s);
	free(s);
	return n;
}
