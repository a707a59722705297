/*
 * The one hash table (hashtab.h): slots of (hash, index), probed linearly
 * from the hash's low bits. The full hash is kept in the slot, so a probe
 * compares keys only when the hashes agree and growing never calls the
 * caller back. No removal: every table here only grows until it is freed.
 */
#include "config.h"

#include <assert.h>
#include <stdlib.h>

#include "hashtab.h"
#include "util.h"

struct slot {
	uint64_t	 hash;
	size_t		 i;		/* HASHTAB_NONE: empty */
};

struct hashtab {
	struct slot	*slots;
	size_t		 mask;		/* slots - 1; slots a power of two */
	size_t		 count;
};

/* At most three quarters full: a miss then probes a few slots, not a run. */
#define FULL(size)	((size) / 4 * 3)

static struct slot *
slots_new(size_t size)
{
	struct slot	*s = xreallocarray(NULL, size, sizeof *s);
	size_t		 j;

	for (j = 0; j < size; j++)
		s[j].i = HASHTAB_NONE;
	return s;
}

struct hashtab *
hashtab_new(size_t n)
{
	struct hashtab	*t = xcalloc(1, sizeof *t);
	size_t		 size = 16;

	while (FULL(size) < n)
		size *= 2;
	t->slots = slots_new(size);
	t->mask = size - 1;
	return t;
}

void
hashtab_free(struct hashtab *t)
{
	if (t == NULL)
		return;
	free(t->slots);
	free(t);
}

size_t
hashtab_count(const struct hashtab *t)
{
	return t->count;
}

size_t
hashtab_find(const struct hashtab *t, uint64_t h, hashtab_eq_fn eq,
    const void *key, const void *arg)
{
	const struct slot	*s;
	size_t			 j;

	for (j = (size_t)h & t->mask; (s = &t->slots[j])->i != HASHTAB_NONE;
	    j = (j + 1) & t->mask) {
		if (s->hash == h && (eq == NULL || eq(key, s->i, arg)))
			return s->i;
	}
	return HASHTAB_NONE;
}

static void
place(struct slot *slots, size_t mask, uint64_t h, size_t i)
{
	size_t	j;

	for (j = (size_t)h & mask; slots[j].i != HASHTAB_NONE;
	    j = (j + 1) & mask)
		;
	slots[j].hash = h;
	slots[j].i = i;
}

void
hashtab_put(struct hashtab *t, uint64_t h, size_t i)
{
	struct slot	*old = t->slots;
	size_t		 oldsize = t->mask + 1, j;

	assert(i != HASHTAB_NONE);
	if (t->count + 1 > FULL(oldsize)) {
		t->slots = slots_new(oldsize * 2);
		t->mask = oldsize * 2 - 1;
		for (j = 0; j < oldsize; j++) {
			if (old[j].i != HASHTAB_NONE)
				place(t->slots, t->mask, old[j].hash, old[j].i);
		}
		free(old);
	}
	place(t->slots, t->mask, h, i);
	t->count++;
}

uint64_t
hashtab_str(const void *s, size_t n)
{
	return util_fnv1a64(s, n);
}

uint64_t
hashtab_int(uint64_t h)
{
	/* MurmurHash3's finaliser: each step undoable, every bit mixed down. */
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}
