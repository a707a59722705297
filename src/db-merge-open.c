/*
 * Opening and checking a merge's bundles ahead of it, on a thread of its own:
 * a bundle's quick_check reads every page, and the lead's connection has the
 * rest of the merge to do meanwhile. The thread reads only the bundles and the
 * lead's identity and bank in memory, never the lead's connection, and hands
 * each bundle over whole (a connection is used by one thread at a time). The
 * merge's own thread, while it waits, opens bundles too, from the last one
 * back, so two cores share the opening. Then the thread reads each bundle's
 * rows through the merge's checks (db_merge_rows_read), a bundle ahead of the
 * merge writing the one before. If no thread can be made, the same work is
 * done when each bundle is waited for.
 */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "db-internal.h"
#include "util.h"

struct db_merge_opener {
	struct db		 *lead;
	struct db_merge_bundle	 *bundles;	/* the merge's; manifests filled here */
	struct db		**src;		/* the merge's; connections filled here */
	size_t			  n;
	char			**why;		/* per bundle: why it was refused */
	int			 *state;	/* per bundle: 0 not yet, 1 open, -1 refused */
	int			 *claimed;	/* per bundle: a thread is opening it */
	int			  refused;	/* a bundle was: open no more */
	struct db_merge_read	**read;		/* per bundle: its rows, until taken */
	char			**read_why;	/* per bundle: why the pass refused it */
	int			 *read_state;	/* per bundle: 0 not yet, 1 read, -1 refused */
	struct db_merge_read	 *spare;	/* a read written, its memory kept */
	size_t			  asked;	/* the bundle the merge waits for or writes */
	int			  stop;		/* the merge ended: open no more */
	int			  threaded;
	pthread_t		  thread;
	pthread_mutex_t		  mu;
	pthread_cond_t		  cv;
};

/* Open bundle k read-only, check it whole, and check it against the lead. */
static int
open_one(struct db_merge_opener *o, size_t k, char **cause)
{
	struct db_merge_bundle	*mb = &o->bundles[k];
	struct db		*b;
	char			*why = NULL;
	enum err_code		 code;

	/* A bundle is input from elsewhere: check every page, whatever its size. */
	if ((b = db_bundle_open(o->lead, mb->path, DB_READONLY |
	    DB_FULLCHECK | DB_BUNDLE, &code, &why)) == NULL) {
		/* A bundle is not restored from backups: it is sent again. */
		if (code == ERR_DAMAGED)
			err_fail(cause, ERR_REFUSED, "cannot merge: %s: ask "
			    "its inspector to export it again", why);
		else
			err_fail(cause, ERR_REFUSED, "cannot merge: %s", why);
		free(why);
		return -ERR_REFUSED;
	}
	if (db_merge_check(o->lead, b, mb, cause) != 0) {
		db_close(b);
		return -ERR_REFUSED;
	}
	/*
	 * Kept open until the merge ends, so the rows copied are the rows
	 * checked; its pages are read once more in order, so a small cache.
	 */
	sqlite3_exec(b->h, "PRAGMA cache_size = -64", NULL, NULL, NULL);
	o->src[k] = b;
	return 0;
}

static void *
opener_main(void *arg)
{
	struct db_merge_opener	*o = arg;
	struct db_merge_read	*rd, *spare;
	char			*why;
	size_t			 k;
	int			 rc;

	for (k = 0; k < o->n; k++) {
		pthread_mutex_lock(&o->mu);
		/* Stopped, or the merge's thread has this one and all after. */
		if (o->stop || o->claimed[k]) {
			pthread_mutex_unlock(&o->mu);
			break;
		}
		o->claimed[k] = 1;
		pthread_mutex_unlock(&o->mu);
		why = NULL;
		rc = open_one(o, k, &why);
		pthread_mutex_lock(&o->mu);
		o->state[k] = rc == 0 ? 1 : -1;
		o->why[k] = why;
		if (rc != 0)
			o->refused = 1;
		pthread_cond_broadcast(&o->cv);
		pthread_mutex_unlock(&o->mu);
		if (rc != 0)
			return NULL;	/* the merge will stop at this one */
	}
	/*
	 * Each bundle's rows, once it is open, and never more than one ahead
	 * of the bundle the merge has asked for: the merge reads that one's
	 * connection meanwhile, and a read holds the bundle's rows in memory.
	 */
	for (k = 0; k < o->n; k++) {
		pthread_mutex_lock(&o->mu);
		while (!o->stop && !o->refused && (o->state[k] == 0 ||
		    k > o->asked + 1))
			pthread_cond_wait(&o->cv, &o->mu);
		rc = o->stop || o->refused || o->state[k] < 0;
		spare = o->spare;
		o->spare = NULL;
		pthread_mutex_unlock(&o->mu);
		if (rc) {
			db_merge_read_free(spare);
			break;
		}
		why = NULL;
		rd = db_merge_rows_read(o->lead, o->src[k], &o->bundles[k], spare,
		    &why);
		pthread_mutex_lock(&o->mu);
		o->read[k] = rd;
		o->read_why[k] = why;
		o->read_state[k] = rd != NULL ? 1 : -1;
		pthread_cond_broadcast(&o->cv);
		pthread_mutex_unlock(&o->mu);
		if (rd == NULL)
			break;
	}
	return NULL;
}

struct db_merge_opener *
db_merge_open_start(struct db *lead, struct db_merge_bundle *bundles,
    struct db **src, size_t n)
{
	struct db_merge_opener	*o = xcalloc(1, sizeof *o);

	o->lead = lead;
	o->bundles = bundles;
	o->src = src;
	o->n = n;
	o->why = xcalloc(n > 0 ? n : 1, sizeof *o->why);
	o->state = xcalloc(n > 0 ? n : 1, sizeof *o->state);
	o->claimed = xcalloc(n > 0 ? n : 1, sizeof *o->claimed);
	o->read = xcalloc(n > 0 ? n : 1, sizeof *o->read);
	o->read_why = xcalloc(n > 0 ? n : 1, sizeof *o->read_why);
	o->read_state = xcalloc(n > 0 ? n : 1, sizeof *o->read_state);
	if (pthread_mutex_init(&o->mu, NULL) == 0) {
		if (pthread_cond_init(&o->cv, NULL) == 0) {
			if (pthread_create(&o->thread, NULL, opener_main, o) == 0)
				o->threaded = 1;
			else
				pthread_cond_destroy(&o->cv);
		}
		if (!o->threaded)
			pthread_mutex_destroy(&o->mu);
	}
	return o;
}

int
db_merge_open_wait(struct db_merge_opener *o, size_t k, char **cause)
{
	char	*why;
	size_t	 j;
	int	 state, rc;

	if (!o->threaded) {
		if (o->state[k] == 0)
			o->state[k] = open_one(o, k, &o->why[k]) == 0 ? 1 : -1;
		state = o->state[k];
	} else {
		pthread_mutex_lock(&o->mu);
		while ((state = o->state[k]) == 0) {
			/*
			 * Rather than wait, open the last bundle nobody has
			 * claimed; stop once one was refused (the merge stops
			 * at the first) or the thread has caught up.
			 */
			for (j = o->n; j > k && o->claimed[j - 1]; j--)
				;
			if (j == k || o->refused) {
				pthread_cond_wait(&o->cv, &o->mu);
				continue;
			}
			o->claimed[--j] = 1;
			pthread_mutex_unlock(&o->mu);
			why = NULL;
			rc = open_one(o, j, &why);
			pthread_mutex_lock(&o->mu);
			o->state[j] = rc == 0 ? 1 : -1;
			o->why[j] = why;
			if (rc != 0)
				o->refused = 1;
			pthread_cond_broadcast(&o->cv);
		}
		pthread_mutex_unlock(&o->mu);
	}
	if (state > 0)
		return 0;
	/* The reason moves to the caller. */
	if (cause != NULL)
		*cause = o->why[k];
	else
		free(o->why[k]);
	o->why[k] = NULL;
	return -ERR_REFUSED;
}

int
db_merge_read_wait(struct db_merge_opener *o, size_t k,
    struct db_merge_read **rd, char **cause)
{
	int	state;

	*rd = NULL;
	if (!o->threaded) {
		*rd = db_merge_rows_read(o->lead, o->src[k], &o->bundles[k],
		    o->spare, cause);
		o->spare = NULL;
		return *rd != NULL ? 0 : -ERR_REFUSED;
	}
	pthread_mutex_lock(&o->mu);
	o->asked = k;
	pthread_cond_broadcast(&o->cv);
	while ((state = o->read_state[k]) == 0)
		pthread_cond_wait(&o->cv, &o->mu);
	*rd = o->read[k];
	o->read[k] = NULL;
	pthread_mutex_unlock(&o->mu);
	if (state > 0)
		return 0;
	/* The reason moves to the caller. */
	if (cause != NULL)
		*cause = o->read_why[k];
	else
		free(o->read_why[k]);
	o->read_why[k] = NULL;
	return -ERR_REFUSED;
}

void
db_merge_read_done(struct db_merge_opener *o, struct db_merge_read *rd)
{
	if (rd == NULL)
		return;
	db_merge_read_clear(rd);
	if (o->threaded)
		pthread_mutex_lock(&o->mu);
	if (o->spare == NULL) {
		o->spare = rd;
		rd = NULL;
	}
	if (o->threaded)
		pthread_mutex_unlock(&o->mu);
	db_merge_read_free(rd);
}

void
db_merge_open_end(struct db_merge_opener *o)
{
	size_t	k;

	if (o == NULL)
		return;
	if (o->threaded) {
		pthread_mutex_lock(&o->mu);
		o->stop = 1;
		/* The thread may be waiting to read the next bundle. */
		pthread_cond_broadcast(&o->cv);
		pthread_mutex_unlock(&o->mu);
		pthread_join(o->thread, NULL);
		pthread_cond_destroy(&o->cv);
		pthread_mutex_destroy(&o->mu);
	}
	for (k = 0; k < o->n; k++) {
		free(o->why[k]);
		free(o->read_why[k]);
		db_merge_read_free(o->read[k]);
	}
	db_merge_read_free(o->spare);
	free(o->why);
	free(o->state);
	free(o->claimed);
	free(o->read);
	free(o->read_why);
	free(o->read_state);
	free(o);
}
