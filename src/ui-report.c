/*
 * r in the overview and the tally: the report for the rating meeting written
 * next to the inspection file, as caseread report FILE does, and the status
 * line saying where. The page is report.c's; this only starts it.
 */
#include "config.h"

#include <stdlib.h>

#include "report.h"
#include "ui.h"

void
ui_report(struct ui *ui)
{
	struct db	*db = ui_db(ui);
	char		*path, *cause = NULL;
	size_t		 notes = 0;

	path = report_default_path(db_path(db));
	if (report_run(db, path, &notes, &cause) != 0)
		ui_error(ui, cause);
	else
		ui_status(ui, "report written to %s (%zu evidence notes)", path,
		    notes);
	free(path);
}
