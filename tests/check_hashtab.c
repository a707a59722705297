/*
 * The one hash table (issue 15): every key put is found at its index, no key
 * not put is found, whatever the hashes collide on and however far the table
 * grew; integer keys need no compare.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hashtab.h"
#include "testlib.h"
#include "util.h"

/* How a test hashes its keys: well, or colliding on purpose. */
enum how {
	HOW_STR,		/* hashtab_str: the real thing */
	HOW_FEW,		/* three hashes for every key: eq decides */
	HOW_ONE,		/* one hash for all: one long probe run */
	HOW_HIGH,		/* distinct hashes, low bits all zero: one run */
};

static const struct {
	const char	*name;
	enum how	 how;
	size_t		 n;		/* keys put */
	size_t		 hint;		/* hashtab_new's */
} cases[] = {
	{ "empty", HOW_STR, 0, 0 },
	{ "one", HOW_STR, 1, 0 },
	{ "just under the first growth", HOW_STR, 12, 0 },
	{ "the first growth", HOW_STR, 13, 0 },
	{ "grown many times", HOW_STR, 100000, 0 },
	{ "sized at the start", HOW_STR, 5000, 5000 },
	{ "three hashes", HOW_FEW, 300, 0 },
	{ "one hash", HOW_ONE, 200, 0 },
	{ "one hash, sized", HOW_ONE, 200, 200 },
	{ "low bits alike", HOW_HIGH, 500, 0 },
};

struct keys {
	char	**s;
	size_t	  n;
};

static int
eq(const void *key, size_t i, const void *arg)
{
	const struct keys	*k = arg;

	ck_assert_uint_lt(i, k->n);
	return strcmp(k->s[i], key) == 0;
}

static uint64_t
hash(enum how how, const char *s)
{
	uint64_t	h = hashtab_str(s, strlen(s));

	switch (how) {
	case HOW_STR:
		return h;
	case HOW_FEW:
		return h % 3;
	case HOW_ONE:
		return 42;
	case HOW_HIGH:
		return h << 40 | 1ULL << 63;
	}
	return h;
}

START_TEST(test_table)
{
	struct hashtab	*t = hashtab_new(cases[_i].hint);
	struct keys	 k;
	char		 miss[32];
	size_t		 i, j;
	enum how	 how = cases[_i].how;

	k.n = cases[_i].n;
	k.s = xcalloc(k.n + 1, sizeof *k.s);
	for (i = 0; i < k.n; i++) {
		k.s[i] = xasprintf("key %zu", i);
		ck_assert_msg(hashtab_find(t, hash(how, k.s[i]), eq, k.s[i],
		    &k) == HASHTAB_NONE, "%s: '%s' found before it was put",
		    cases[_i].name, k.s[i]);
		hashtab_put(t, hash(how, k.s[i]), i);
		/* While growing, everything put so far stays where it was. */
		if (k.n <= 500) {
			for (j = 0; j <= i; j++)
				ck_assert_uint_eq(hashtab_find(t, hash(how,
				    k.s[j]), eq, k.s[j], &k), j);
		}
	}
	ck_assert_uint_eq(hashtab_count(t), k.n);
	for (i = 0; i < k.n; i++)
		ck_assert_msg(hashtab_find(t, hash(how, k.s[i]), eq, k.s[i],
		    &k) == i, "%s: '%s' not found at %zu", cases[_i].name,
		    k.s[i], i);
	/* Keys never put, some of them sharing hashes with keys put. */
	for (i = 0; i < k.n + 20; i++) {
		snprintf(miss, sizeof miss, "absent %zu", i);
		ck_assert_msg(hashtab_find(t, hash(how, miss), eq, miss, &k) ==
		    HASHTAB_NONE, "%s: '%s' found", cases[_i].name, miss);
	}
	for (i = 0; i < k.n; i++)
		free(k.s[i]);
	free(k.s);
	hashtab_free(t);
}
END_TEST

/* Integer keys, as (case, question) pairs: the hash is the key, no eq. */
START_TEST(test_int)
{
	struct hashtab	*t = hashtab_new(0);
	uint64_t	 key;
	size_t		 c, q, i = 0;

	for (c = 1; c <= 300; c++) {
		for (q = 0; q < 40; q++) {
			key = (uint64_t)c << 32 | q;
			ck_assert_uint_eq(hashtab_find(t, hashtab_int(key), NULL,
			    NULL, NULL), HASHTAB_NONE);
			hashtab_put(t, hashtab_int(key), i++);
		}
	}
	ck_assert_uint_eq(hashtab_count(t), 12000);
	i = 0;
	for (c = 1; c <= 300; c++) {
		for (q = 0; q < 40; q++) {
			key = (uint64_t)c << 32 | q;
			ck_assert_uint_eq(hashtab_find(t, hashtab_int(key), NULL,
			    NULL, NULL), i++);
		}
	}
	/* Neighbours of keys put: another question, another case, case 0. */
	ck_assert_uint_eq(hashtab_find(t, hashtab_int((uint64_t)1 << 32 | 40),
	    NULL, NULL, NULL), HASHTAB_NONE);
	ck_assert_uint_eq(hashtab_find(t, hashtab_int((uint64_t)301 << 32),
	    NULL, NULL, NULL), HASHTAB_NONE);
	ck_assert_uint_eq(hashtab_find(t, hashtab_int(0), NULL, NULL, NULL),
	    HASHTAB_NONE);
	/* Distinct keys, distinct hashes (a bijection), in the low bits too. */
	ck_assert(hashtab_int(0) != hashtab_int(1));
	ck_assert((hashtab_int(1) & 0xff) != (hashtab_int((uint64_t)1 << 32) &
	    0xff));
	hashtab_free(t);
	hashtab_free(NULL);
}
END_TEST

/* The string hash is FNV-1a, 64 bits: the bank's hash, published vectors. */
START_TEST(test_str)
{
	ck_assert_uint_eq(hashtab_str("", 0), 0xcbf29ce484222325ULL);
	ck_assert_uint_eq(hashtab_str("a", 1), 0xaf63dc4c8601ec8cULL);
	ck_assert_uint_eq(hashtab_str("foobar", 6), 0x85944171f73967e8ULL);
	ck_assert_uint_eq(hashtab_str("foobar", 6), util_fnv1a64("foobar", 6));
}
END_TEST

static Suite *
hashtab_suite(void)
{
	Suite	*s = suite_create("hashtab");
	TCase	*tc = tcase_create("hashtab");

	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_table, 0, sizeof cases / sizeof cases[0]);
	tcase_add_test(tc, test_int);
	tcase_add_test(tc, test_str);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return test_run(hashtab_suite());
}
