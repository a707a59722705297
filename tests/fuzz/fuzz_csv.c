/*
 * libFuzzer harness for the CSV reader: any bytes, read record by record from
 * memory and again through a stream (the block-wise path), which must agree.
 */
#include "config.h"

#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "error.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Read everything; returns the number of fields seen, or -1 on an error. */
static long
drain(struct csv_reader *r)
{
	struct csv_record	 rec;
	char			*cause = NULL;
	long			 fields = 0;
	size_t			 i;
	int			 rc;

	while ((rc = csv_read(r, &rec, &cause)) == 1) {
		assert(rec.line >= 1);
		for (i = 0; i < rec.nfields; i++)
			assert(strlen(rec.fields[i]) == rec.lens[i]);
		fields += (long)rec.nfields;
	}
	if (rc < 0) {
		assert(cause != NULL);
		free(cause);
		/* A failure, and the same one again. */
		assert(rc == -ERR_INVALID || rc == -ERR_IO);
		assert(csv_read(r, &rec, &cause) == rc);
		free(cause);
		return -1;
	}
	return fields;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv_reader	*r;
	FILE			*f;
	long			 a, b;

	r = csv_reader_new_mem((const char *)data, size, "fuzz.csv");
	a = drain(r);
	csv_reader_free(r);
	if ((f = fmemopen((void *)(uintptr_t)data, size, "r")) == NULL)
		return 0;	/* fmemopen refuses size 0 on some libcs */
	r = csv_reader_new_file(f, "fuzz.csv");
	b = drain(r);
	csv_reader_free(r);
	fclose(f);
	assert(a == b);
	return 0;
}
