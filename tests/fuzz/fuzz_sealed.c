/*
 * libFuzzer harness for sealed bundles (issue 12). The first byte picks what
 * the rest is: even, a sealed bundle as received (header parser, key and
 * stream checks: nearly always refused, never a crash, a leak or a read out
 * of bounds); odd, the plaintext of a bundle that is then sealed properly to
 * the lead's key (anyone with the public key can seal anything), opened by
 * db_bundle_open into memory with sqlite3_deserialize and checked as a merge
 * would, then closed. The key pair is fixed (from a zero seed) so the corpus
 * replays; the lead is made once per process.
 */
#include "config.h"

#undef NDEBUG		/* the asserts below also do the work */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "db-case.h"
#include "db-lead.h"
#include "db.h"
#include "fuzzlib.h"
#include "keyfile.h"
#include "seal.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static char			 dir[64];
static char			*lead_path, *bundle_path;
static struct db		*lead;
static struct keyfile_pair	 kp;
static char			 uid[128];

static void
setup(void)
{
	static const unsigned char	 seed[crypto_box_SEEDBYTES];
	struct db_lead			 l;
	char				*cause = NULL, text[KEYFILE_PUBLIC_LEN];

	assert(sodium_init() >= 0);
	assert(crypto_box_seed_keypair(kp.pk, kp.sk, seed) == 0);
	snprintf(dir, sizeof dir, "/tmp/fuzz-sealed.XXXXXX");
	assert(mkdtemp(dir) != NULL);
	assert(asprintf(&lead_path, "%s/lead.caseread", dir) > 0);
	assert(asprintf(&bundle_path, "%s/in.bundle", dir) > 0);
	lead = fuzzlib_db_create("fuzz_sealed: lead", lead_path, "lead");
	keyfile_public_text(kp.pk, text);
	assert(db_lead_set_key(lead, text, &cause) == 0);
	assert(db_lead_get(lead, &l, &cause) == 0);
	snprintf(uid, sizeof uid, "%s", l.inspection_uid);
	db_lead_clear(&l);
	assert(db_set_bundle_key(lead, &kp, &cause) == 0);
}

static void *
xalloc(size_t n)
{
	return malloc(n);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct seal_header	 h;
	struct db		*b;
	unsigned char		*sealed, *plain;
	size_t			 slen, plen;
	char			*cause = NULL;

	if (lead == NULL)
		setup();
	if (size == 0)
		return 0;
	if ((data[0] & 1) == 0) {
		if (seal_decrypt(data + 1, size - 1, "in", &kp, xalloc, free,
		    &plain, &plen, &cause) == 0)
			free(plain);
		else
			assert(cause != NULL);
		free(cause);
		return 0;
	}
	memset(&h, 0, sizeof h);
	h.inspection = uid;
	h.inspector = (char *)"fuzz";
	h.exported_at = (char *)"2026-01-01T00:00:00.000Z";
	sealed = seal_encrypt(&h, kp.pk, data + 1, size - 1, &slen, &cause);
	assert(sealed != NULL);
	fuzzlib_write_file(bundle_path, sealed, slen);
	free(sealed);
	b = db_bundle_open(lead, bundle_path, DB_READONLY | DB_FULLCHECK |
	    DB_BUNDLE, NULL, &cause);
	if (b != NULL) {
		(void)db_case_count(b, QB_CHILD, NULL, &cause);
		free(cause);
		cause = NULL;
		db_close(b);
	} else
		assert(cause != NULL);
	free(cause);
	return 0;
}
