/*
 * Drafts of evidence notes (see notedraft.h). The time is kept with the text
 * so the editor can say which draft it offers back.
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "notedraft.h"
#include "uktime.h"
#include "util.h"

char *
notedraft_name(long long id, const char *ref, const char *question)
{
	/* The reference last: it is the only part that may hold a colon. */
	return xasprintf("note-draft:%lld:%s:%s", id, question, ref);
}

char *
notedraft_pack(const char *text, time_t when, long pid)
{
	struct tm	tm;
	char		stamp[32];

	if (gmtime_r(&when, &tm) == NULL ||
	    strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S", &tm) == 0)
		snprintf(stamp, sizeof stamp, "0000-00-00 00:00:00");
	return xasprintf("%s %ld\n%s", stamp, pid, text);
}

int
notedraft_unpack(const char *value, char **at, char **text)
{
	const char	*nl;
	char		*utc, *shown;
	size_t		 len;

	*at = *text = NULL;
	if (value == NULL || (nl = strchr(value, '\n')) == NULL ||
	    nl - value < 19 || value[13] != ':')
		return -1;
	/* The clock time an inspector saw, not UTC: "HH:MM BST". */
	utc = xstrndup(value, 16);
	shown = uktime_show(utc);
	len = strlen(shown);
	*at = xstrdup(len > 9 && shown[len - 4] == ' ' ? shown + len - 9 :
	    shown);
	free(shown);
	free(utc);
	*text = xstrdup(nl + 1);
	return 0;
}

int
notedraft_due(time_t last, time_t now)
{
	return now - last >= NOTEDRAFT_INTERVAL || now < last;
}

long
notedraft_pid(const char *value)
{
	const char	*nl;

	if (value == NULL || (nl = strchr(value, '\n')) == NULL ||
	    nl - value < 21 || value[19] != ' ')
		return 0;
	return strtol(value + 20, NULL, 10);
}

int
notedraft_left(const char *value)
{
	long	pid = notedraft_pid(value);

	return pid <= 0 || pid == (long)getpid() || kill((pid_t)pid, 0) != 0;
}
