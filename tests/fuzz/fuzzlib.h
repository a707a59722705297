/*
 * Shared by the libFuzzer harnesses that need files: writing an input out and
 * making an inspection file to merge or open into. Failures abort, as a
 * harness's own asserts do: the fuzzer keeps the input that caused them.
 */
#ifndef CASEREAD_FUZZLIB_H
#define CASEREAD_FUZZLIB_H

#include <stddef.h>

#include "db.h"

/* Write size bytes of data to path (created 0600, or emptied first). */
void		 fuzzlib_write_file(const char *path, const void *data,
		     size_t size);
/*
 * A new inspection file at path, open: "Demoshire YJS (demonstration)"
 * (iyjwcv) with the built-in bank, as caseread demo makes it, so that the seed
 * bundles merge into it; owner is its inspector. On failure, prints
 * "who: cause" and aborts.
 */
struct db	*fuzzlib_db_create(const char *who, const char *path,
		     const char *owner);

#endif
