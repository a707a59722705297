/*
 * One hash table for every lookup by key (questions by id, cases by
 * reference, answers seen by case and question): open addressing, linear
 * probing, grown by doubling. It maps a key to an index into the caller's own
 * array of entries, so the caller keeps its entries where it likes and the
 * table never copies or frees one. The caller hashes its key (hashtab_str,
 * hashtab_int) and says how a key matches an entry.
 */
#ifndef CASEREAD_HASHTAB_H
#define CASEREAD_HASHTAB_H

#include <stddef.h>
#include <stdint.h>

/* What hashtab_find returns for a key not there. */
#define HASHTAB_NONE	SIZE_MAX

struct hashtab;

/*
 * 1 when key is the key of the caller's entry at index i, else 0. arg is
 * hashtab_find's, passed through (the caller's array, usually).
 */
typedef int (*hashtab_eq_fn)(const void *key, size_t i, const void *arg);

/* A table sized for about n entries without growing; hashtab_free frees it. */
struct hashtab	*hashtab_new(size_t n);
/* Frees the table (NULL: nothing); the caller's entries are its own. */
void		 hashtab_free(struct hashtab *);
/* The number of entries put. */
size_t		 hashtab_count(const struct hashtab *);

/*
 * The index put with a key that has hash h and for which eq(key, index, arg)
 * is 1, or HASHTAB_NONE. eq NULL: the hash is the key itself (hashtab_int
 * keys, where no two keys hash alike), compared as such.
 */
size_t		 hashtab_find(const struct hashtab *, uint64_t h, hashtab_eq_fn eq,
		     const void *key, const void *arg);
/*
 * Put index i (not HASHTAB_NONE) under hash h. The caller has found that its
 * key is not there yet: a key put twice is found once, whichever.
 */
void		 hashtab_put(struct hashtab *, uint64_t h, size_t i);

/* The hash of n bytes, a string's key: util_fnv1a64. */
uint64_t	 hashtab_str(const void *s, size_t n);
/*
 * The hash of a 64-bit integer key: a bijection, so two keys never share a
 * hash and a table of them needs no eq (pass NULL).
 */
uint64_t	 hashtab_int(uint64_t);

#endif
