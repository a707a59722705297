/*
 * A draft of an evidence note: what the editor holds but has not saved, kept
 * in the file's settings so that a crash, a hang-up or a closed terminal does
 * not lose it. Plain C, tested on its own; ui-note.c writes and reads it.
 */
#ifndef CASEREAD_NOTEDRAFT_H
#define CASEREAD_NOTEDRAFT_H

#include <time.h>

/* Seconds between draft writes while typing goes on. */
#define NOTEDRAFT_INTERVAL	1

/*
 * The setting's name: case id, reference and question, so a draft cannot
 * attach to another case that reuses an id or reference. Newly allocated.
 */
char	*notedraft_name(long long id, const char *ref, const char *question);
/*
 * The setting's value: "YYYY-MM-DD HH:MM:SS PID" (UTC; the process that
 * keeps it), a newline, the text.
 */
char	*notedraft_pack(const char *text, time_t when, long pid);
/* The process that wrote a draft, so another window's live draft is left. */
long	 notedraft_pid(const char *value);
/*
 * Whether a draft was left behind (its process gone, or this one), not the
 * live draft of another window still typing it: only those are offered.
 */
int	 notedraft_left(const char *value);
/*
 * Split a value: *at the time in UK local time with its zone, "HH:MM GMT" or
 * "HH:MM BST", *text the draft (both newly allocated). -1 when the value is not
 * a draft (both left NULL).
 */
int	 notedraft_unpack(const char *value, char **at, char **text);
/* Whether a dirty draft last written at last is due to be written at now. */
int	 notedraft_due(time_t last, time_t now);

#endif
