/*
 * Key files and sealed bundles (issue 12): key pairs written and read back with
 * and without a passphrase, public key lines, the sealed format's round trip at
 * every chunk boundary, and refusal of another key, of every single-byte change
 * in the header and the key, of sampled changes in the body, and of every
 * truncation; then a sealed export opened into memory by the db layer.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "db-case.h"
#include "db-lead.h"
#include "db-merge.h"
#include "export.h"
#include "keyfile.h"
#include "seal.h"
#include "testlib.h"
#include "util.h"

static void *
xalloc(size_t n)
{
	return malloc(n);
}

static struct seal_header
sample_header(void)
{
	struct seal_header	h;

	memset(&h, 0, sizeof h);
	h.inspection = (char *)"0123456789abcdef0123456789abcdef";
	h.inspector = (char *)"Ann Example";
	h.exported_at = (char *)"2026-03-01T10:00:00.000Z";
	h.cases = 3;
	h.answers = 18;
	h.history = 20;
	return h;
}

/* Plaintext that is easy to find in a buffer: "SECRET-NOTE" repeated. */
static unsigned char *
sample_plain(size_t len)
{
	static const char	 word[] = "SECRET-NOTE ";
	unsigned char		*p = malloc(len > 0 ? len : 1);
	size_t			 i;

	for (i = 0; i < len; i++)
		p[i] = (unsigned char)word[i % (sizeof word - 1)];
	return p;
}

START_TEST(test_keyfile)
{
	struct keyfile_pair	 kp, back;
	unsigned char		 pk[KEYFILE_KEYBYTES];
	char			 text[KEYFILE_PUBLIC_LEN], fpr[KEYFILE_FPR_LEN];
	char			*path = test_path("lead.key");
	char			*bare = test_path("bare.key");
	char			*line = test_path("public.txt"), *cause = NULL, *s;
	struct stat		 sb;

	ck_assert_int_eq(keyfile_generate(&kp, &cause), 0);
	ck_assert_int_eq(keyfile_write(path, &kp, "correct horse", &cause), 0);
	ck_assert_int_eq(stat(path, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0600);
	ck_assert_int_eq(sb.st_size, KEYFILE_SIZE);
	/* Never over an existing key: old bundles need it. */
	test_assert_code(keyfile_write(path, &kp, "x", &cause), &cause,
	    ERR_IO);

	ck_assert_int_eq(keyfile_protected(path, &cause), 1);
	ck_assert_int_eq(keyfile_read(path, "correct horse", &back, &cause), 0);
	ck_assert_mem_eq(back.pk, kp.pk, KEYFILE_KEYBYTES);
	ck_assert_mem_eq(back.sk, kp.sk, KEYFILE_KEYBYTES);
	ck_assert_int_eq(keyfile_read(path, "wrong horse", &back, &cause),
	    -ERR_INVALID);
	/* What the lead reads at the prompt. */
	ck_assert_ptr_nonnull(strstr(cause, "wrong passphrase"));
	free(cause);
	cause = NULL;
	test_assert_code(keyfile_read(path, NULL, &back, &cause), &cause,
	    ERR_INVALID);
	ck_assert_int_eq(keyfile_read_public(path, pk, &cause), 0);
	ck_assert_mem_eq(pk, kp.pk, KEYFILE_KEYBYTES);

	ck_assert_int_eq(keyfile_write(bare, &kp, NULL, &cause), 0);
	ck_assert_int_eq(keyfile_protected(bare, &cause), 0);
	ck_assert_int_eq(keyfile_read(bare, NULL, &back, &cause), 0);
	ck_assert_mem_eq(back.sk, kp.sk, KEYFILE_KEYBYTES);

	/* Public lines: exact, padded, in a file, from the key file itself. */
	keyfile_public_text(kp.pk, text);
	ck_assert_int_eq(strncmp(text, "caseread-key1:", 14), 0);
	ck_assert_uint_eq(strlen(text), KEYFILE_PUBLIC_LEN - 1);
	memset(pk, 0, sizeof pk);
	ck_assert_int_eq(keyfile_parse_public(text, pk, &cause), 0);
	ck_assert_mem_eq(pk, kp.pk, KEYFILE_KEYBYTES);
	s = xasprintf("  %s \r\n", text);
	ck_assert_int_eq(keyfile_parse_public(s, pk, &cause), 0);
	free(s);
	s = xasprintf("Dear Ann,\nmy key:\n%s\n", text);
	test_write(line, s, strlen(s));
	free(s);
	memset(pk, 0, sizeof pk);
	ck_assert_int_eq(keyfile_parse_public(line, pk, &cause), 0);
	ck_assert_mem_eq(pk, kp.pk, KEYFILE_KEYBYTES);
	ck_assert_int_eq(keyfile_parse_public(path, pk, &cause), 0);
	ck_assert_mem_eq(pk, kp.pk, KEYFILE_KEYBYTES);
	test_assert_code(keyfile_parse_public("caseread-key1:AAAA", pk,
	    &cause), &cause, ERR_INVALID);
	/* Not a key line, so a file name: there is none. */
	test_assert_code(keyfile_parse_public(text + 1, pk, &cause), &cause,
	    ERR_NOTFOUND);

	keyfile_fingerprint(kp.pk, fpr);
	ck_assert_uint_eq(strlen(fpr), 19);
	ck_assert_int_eq(fpr[4], '-');
	keyfile_wipe(&back);
	free(path);
	free(bare);
	free(line);
}
END_TEST

/* Sizes across the chunk boundaries, the empty input included. */
static const size_t sizes[] = {
	0, 1, 100, SEAL_CHUNK - 1, SEAL_CHUNK, SEAL_CHUNK + 1, 2 * SEAL_CHUNK,
	3 * SEAL_CHUNK + 17
};

START_TEST(test_round_trip)
{
	struct keyfile_pair	 kp;
	struct seal_header	 h = sample_header(), back;
	unsigned char		*plain = sample_plain(sizes[_i]), *sealed, *out;
	size_t			 slen, olen, hlen;
	char			*cause = NULL, fpr[KEYFILE_FPR_LEN];

	ck_assert_int_eq(keyfile_generate(&kp, &cause), 0);
	sealed = seal_encrypt(&h, kp.pk, plain, sizes[_i], &slen, &cause);
	ck_assert_ptr_nonnull(sealed);
	ck_assert(seal_is_sealed(sealed, slen));
	ck_assert_int_eq(seal_header_parse(sealed, slen, "b", &back, &hlen,
	    &cause), 0);
	ck_assert_str_eq(back.inspection, h.inspection);
	ck_assert_str_eq(back.inspector, "Ann Example");
	ck_assert_str_eq(back.exported_at, h.exported_at);
	ck_assert_int_eq(back.cases, 3);
	ck_assert_int_eq(back.answers, 18);
	ck_assert_int_eq(back.history, 20);
	keyfile_fingerprint(kp.pk, fpr);
	ck_assert_str_eq(back.key, fpr);
	seal_header_clear(&back);
	/* None of the plaintext shows. */
	if (sizes[_i] >= 11)
		ck_assert_ptr_null(memmem(sealed, slen, "SECRET-NOTE", 11));
	ck_assert_int_eq(seal_decrypt(sealed, slen, "b", &kp, xalloc, free,
	    &out, &olen, &cause), 0);
	ck_assert_uint_eq(olen, sizes[_i]);
	if (olen > 0)
		ck_assert_mem_eq(out, plain, olen);
	free(out);
	free(sealed);
	free(plain);
}
END_TEST

/* Whether buf fails to open with kp, with a message naming it. */
static int
refused(const unsigned char *buf, size_t len, const struct keyfile_pair *kp)
{
	unsigned char	*out = NULL;
	size_t		 olen;
	char		*cause = NULL;
	int		 rc;

	rc = seal_decrypt(buf, len, "b.bundle", kp, xalloc, free, &out, &olen,
	    &cause);
	if (rc == 0) {
		free(out);
		return 0;
	}
	ck_assert_ptr_null(out);
	ck_assert_ptr_nonnull(cause);
	ck_assert_ptr_nonnull(strstr(cause, "'b.bundle'"));
	free(cause);
	return 1;
}

START_TEST(test_tamper)
{
	struct keyfile_pair	 kp, other;
	struct seal_header	 h = sample_header(), back;
	size_t			 plen = 2 * SEAL_CHUNK + 999, slen, hlen, i, n = 0;
	unsigned char		*plain = sample_plain(plen), *sealed, *copy;
	char			*cause = NULL;
	static const size_t	 cuts[] = { 0, 1, 2, 24, 25 };

	ck_assert_int_eq(keyfile_generate(&kp, &cause), 0);
	ck_assert_int_eq(keyfile_generate(&other, &cause), 0);
	sealed = seal_encrypt(&h, kp.pk, plain, plen, &slen, &cause);
	ck_assert_int_eq(seal_header_parse(sealed, slen, "b", &back, &hlen,
	    &cause), 0);
	seal_header_clear(&back);
	copy = malloc(slen + 1);

	ck_assert(!refused(sealed, slen, &kp));
	ck_assert(refused(sealed, slen, &other));

	/* Every byte of the header, the sealed key and the stream header. */
	for (i = 0; i < hlen + 80 + 24 + 64; i++) {
		memcpy(copy, sealed, slen);
		copy[i] ^= 0x01;
		ck_assert_msg(refused(copy, slen, &kp), "flip at %zu kept", i);
		n++;
	}
	/* A sample of the body, its last bytes included. */
	for (i = hlen + 80 + 24 + 64; i < slen; i += 997) {
		memcpy(copy, sealed, slen);
		copy[i] ^= 0x80;
		ck_assert_msg(refused(copy, slen, &kp), "flip at %zu kept", i);
		n++;
	}
	for (i = slen - 20; i < slen; i++) {
		memcpy(copy, sealed, slen);
		copy[i] ^= 0xff;
		ck_assert_msg(refused(copy, slen, &kp), "flip at %zu kept", i);
	}
	ck_assert_uint_gt(n, hlen + 100);

	/* Truncations: the first bytes, around the header, chunk ends, the end. */
	for (i = 0; i < sizeof cuts / sizeof cuts[0]; i++)
		ck_assert_msg(refused(sealed, cuts[i], &kp), "cut %zu", cuts[i]);
	for (i = hlen - 2; i <= hlen + 120; i++)
		ck_assert_msg(refused(sealed, i, &kp), "cut at %zu kept", i);
	ck_assert(refused(sealed, slen / 2, &kp));
	ck_assert(refused(sealed, hlen + 104 + SEAL_CHUNK + 17, &kp));
	ck_assert(refused(sealed, hlen + 104 + 2 * (SEAL_CHUNK + 17), &kp));
	ck_assert(refused(sealed, slen - 1, &kp));
	/* Nothing may follow the end. */
	memcpy(copy, sealed, slen);
	copy[slen] = 0;
	ck_assert(refused(copy, slen + 1, &kp));

	free(copy);
	free(sealed);
	free(plain);
}
END_TEST

START_TEST(test_header_bad)
{
	struct keyfile_pair	 kp;
	struct seal_header	 h = sample_header();
	unsigned char		*sealed;
	size_t			 slen;
	char			*cause = NULL;

	ck_assert_int_eq(keyfile_generate(&kp, &cause), 0);
	/* A name with a newline would forge a header line. */
	h.inspector = (char *)"Ann\ncases: 99";
	sealed = seal_encrypt(&h, kp.pk, (const unsigned char *)"x", 1, &slen,
	    &cause);
	ck_assert_ptr_null(sealed);
	ck_assert_ptr_nonnull(strstr(cause, "one line"));
	free(cause);
	ck_assert(!seal_is_sealed("SQLite format 3", 15));
	ck_assert(seal_is_sealed("case", 4));
	ck_assert(!seal_is_sealed("", 0));
}
END_TEST

START_TEST(test_db_open)
{
	struct keyfile_pair	 kp;
	struct export_opts	 opts;
	struct db_bundle_counts	 counts;
	struct db		*db = test_db_new("ann.caseread", "iyjwcv");
	struct db		*lead, *b;
	struct db_case		 c;
	char			 text[KEYFILE_PUBLIC_LEN], sealed[KEYFILE_FPR_LEN];
	char			*out = test_path("ann.bundle"), *cause = NULL;
	char			*leadpath = test_path("lead.caseread");
	struct db_lead		 l;

	ck_assert_int_eq(keyfile_generate(&kp, &cause), 0);
	keyfile_public_text(kp.pk, text);
	ck_assert_int_eq(db_lead_set_key(db, text, &cause), 0);
	memset(&c, 0, sizeof c);
	c.kind = QB_CHILD;
	c.ref = (char *)"REF-1";
	c.type = QB_COURT;
	ck_assert_int_eq(db_case_add(db, &c, &cause), 0);
	memset(&opts, 0, sizeof opts);
	opts.out = out;
	opts.sealed_to = sealed;
	ck_assert_int_eq(export_run(db, &export_bundle_sink, &opts, &counts,
	    &cause), 0);
	ck_assert_int_ne(*sealed, '\0');
	ck_assert(seal_file_is_sealed(out));
	ck_assert_int_eq(db_lead_get(db, &l, &cause), 0);
	ck_assert_str_eq(l.sealed_to, sealed);
	db_lead_clear(&l);

	/* Without the key: refused. With it: open in memory, read-only. */
	lead = db_kit_create(db, leadpath, "lee", &cause);
	ck_assert_ptr_nonnull(lead);
	ck_assert_ptr_null(db_bundle_open(lead, out, DB_READONLY | DB_FULLCHECK, NULL,
	    &cause));
	ck_assert_ptr_nonnull(strstr(cause, "--key"));
	free(cause);
	cause = NULL;
	ck_assert_int_eq(db_set_bundle_key(lead, &kp, &cause), 0);
	b = db_bundle_open(lead, out, DB_READONLY | DB_FULLCHECK, NULL,
	    &cause);
	ck_assert_msg(b != NULL, "%s", cause);
	ck_assert(db_readonly(b));
	ck_assert_int_eq(db_case_count(b, QB_CHILD, NULL, &cause), 1);
	db_close(b);
	db_close(lead);
	db_close(db);
	free(out);
	free(leadpath);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("seal");
	TCase	*tc = tcase_create("seal");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_keyfile);
	tcase_add_loop_test(tc, test_round_trip, 0,
	    sizeof sizes / sizeof sizes[0]);
	tcase_add_test(tc, test_tamper);
	tcase_add_test(tc, test_header_bad);
	tcase_add_test(tc, test_db_open);
	suite_add_tcase(s, tc);
	return test_run(s);
}
