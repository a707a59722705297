/*
 * UK local time from stored UTC (issue 13): winter is GMT, summer BST, and the
 * change is at 01:00 UTC on the last Sundays of March and October.
 */
#include "config.h"

#include <check.h>
#include <stdlib.h>

#include "testlib.h"
#include "uktime.h"

static void
is(const char *utc, const char *want)
{
	char	*s = uktime_show(utc);

	ck_assert_str_eq(s, want);
	free(s);
}

START_TEST(test_seasons)
{
	is("2026-05-14T09:15:00.000Z", "14 May 2026 10:15 BST");
	is("2026-01-14T09:15:00.000Z", "14 Jan 2026 09:15 GMT");
	/* The hour added crosses midnight, and the end of a month. */
	is("2026-06-30T23:30:00.000Z", "1 Jul 2026 00:30 BST");
	is("2026-12-31T23:59:59.999Z", "31 Dec 2026 23:59 GMT");
	/* Shorter stored forms, and a space for the T. */
	is("2026-05-14 09:15", "14 May 2026 10:15 BST");
	is("2026-05-14T09:15Z", "14 May 2026 10:15 BST");
	/* Not a time: shown as it is. */
	is("", "");
	is("yesterday", "yesterday");
	is("2026-13-01T00:00:00Z", "2026-13-01T00:00:00Z");
	is("2026-05-14T-1:15Z", "2026-05-14T-1:15Z");
}
END_TEST

START_TEST(test_edges)
{
	/* 2026: BST from Sunday 29 March to Sunday 25 October, 01:00 UTC. */
	is("2026-03-29T00:59:59.000Z", "29 Mar 2026 00:59 GMT");
	is("2026-03-29T01:00:00.000Z", "29 Mar 2026 02:00 BST");
	is("2026-10-25T00:59:59.000Z", "25 Oct 2026 01:59 BST");
	is("2026-10-25T01:00:00.000Z", "25 Oct 2026 01:00 GMT");
	/* The Saturday before and the Sunday a week earlier are not the day. */
	is("2026-03-28T12:00:00.000Z", "28 Mar 2026 12:00 GMT");
	is("2026-10-18T12:00:00.000Z", "18 Oct 2026 13:00 BST");
	/* A year whose last Sunday is the 31st (2024: 31 March, 27 October). */
	is("2024-03-31T00:30:00Z", "31 Mar 2024 00:30 GMT");
	is("2024-03-31T01:30:00Z", "31 Mar 2024 02:30 BST");
	is("2024-03-30T01:30:00Z", "30 Mar 2024 01:30 GMT");
	is("2024-10-27T00:30:00Z", "27 Oct 2024 01:30 BST");
	is("2024-10-27T01:30:00Z", "27 Oct 2024 01:30 GMT");
	/* 2025: 30 March and 26 October. */
	is("2025-03-30T01:00:00Z", "30 Mar 2025 02:00 BST");
	is("2025-10-26T01:00:00Z", "26 Oct 2025 01:00 GMT");
}
END_TEST

static Suite *
uktime_suite(void)
{
	Suite	*s = suite_create("uktime");
	TCase	*tc = tcase_create("uktime");

	tcase_add_test(tc, test_seasons);
	tcase_add_test(tc, test_edges);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return test_run(uktime_suite());
}
