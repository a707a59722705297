/*
 * Times shown in UK local time. The file stores UTC (util_now); screens and
 * reports show the time an inspector's clock showed, with its zone, computed
 * from the UK rules (BST from 01:00 UTC on the last Sunday of March to 01:00
 * UTC on the last Sunday of October) rather than the system's tz data, which a
 * minimal system may lack.
 */
#ifndef CASEREAD_UKTIME_H
#define CASEREAD_UKTIME_H

/*
 * Stored UTC text ("2026-05-14T09:15:00.000Z"; seconds and what follows are
 * optional, a space may stand for the T) as UK local time: "14 May 2026 10:15
 * BST" or "14 Jan 2026 09:15 GMT". Text not of that form is returned as it is.
 * Returns a new string.
 */
char	*uktime_show(const char *utc);
/* Whether the UTC time (seconds since the epoch) is in British Summer Time. */
int	 uktime_is_bst(long long t);

#endif
