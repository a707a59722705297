/*
 * UK local time from the stored UTC text, by the rules of the Summer Time Order
 * (see uktime.h): plain arithmetic on the civil calendar, no TZ or tz data.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "uktime.h"
#include "util.h"

static const char *uktime_months[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's). */
static long long
uktime_days(int y, int m, int d)
{
	long long	era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The civil date of a day count since 1970-01-01. */
static void
uktime_civil(long long z, int *y, int *m, int *d)
{
	long long	era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* Day count of the last Sunday of month m (31 days: March or October). */
static long long
uktime_last_sunday(int y, int m)
{
	long long	last = uktime_days(y, m, 31);
	long long	wd = ((last % 7) + 7 + 4) % 7;	/* 1970-01-01 was a Thursday */

	return last - wd;
}

int
uktime_is_bst(long long t)
{
	long long	days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
	long long	start, end;
	int		y, m, d;

	uktime_civil(days, &y, &m, &d);
	start = uktime_last_sunday(y, 3) * 86400 + 3600;
	end = uktime_last_sunday(y, 10) * 86400 + 3600;
	return t >= start && t < end;
}

char *
uktime_show(const char *utc)
{
	int		y, mo, d, h, mi, n = 0, bst, len = (int)strlen(utc);
	long long	t, days;

	if (sscanf(utc, "%4d-%2d-%2d%*1[T ]%2d:%2d%n", &y, &mo, &d, &h, &mi,
	    &n) != 5 || n != 16 || mo < 1 || mo > 12 || d < 1 || d > 31 ||
	    h < 0 || h > 23 || mi < 0 || mi > 59 || y < 1 ||
	    (n < len && utc[n] != ':' && utc[n] != '.' && utc[n] != 'Z'))
		return xstrdup(utc);
	t = uktime_days(y, mo, d) * 86400 + h * 3600 + mi * 60;
	if (n < len && utc[n] == ':' && len >= n + 3 &&
	    utc[n + 1] >= '0' && utc[n + 1] <= '5' &&
	    utc[n + 2] >= '0' && utc[n + 2] <= '9')
		t += (utc[n + 1] - '0') * 10 + (utc[n + 2] - '0');
	bst = uktime_is_bst(t);
	if (bst)
		t += 3600;
	days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
	uktime_civil(days, &y, &mo, &d);
	t -= days * 86400;
	return xasprintf("%d %s %d %02d:%02d %s", d, uktime_months[mo - 1], y,
	    (int)(t / 3600), (int)(t % 3600 / 60), bst ? "BST" : "GMT");
}
