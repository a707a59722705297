/*
 * The live tally, reachable from every list screen with t. PLACEHOLDER: the
 * tally module (tally.h, db-tally.c) is being written in parallel; until it
 * lands this screen says so rather than computing ratings itself.
 */
#include "config.h"

#include <curses.h>
#include <stdlib.h>

#include "ui.h"
#include "util.h"

enum {
	TALLY_BACK = UI_ACT_SCREEN
};

static const struct ui_key ui_tally_keys[] = {
	UI_KEY_HELP,
	{ 'q', 0, TALLY_BACK, "q", "back", "back" },
	{ 't', 0, TALLY_BACK, "t", NULL, NULL },
	{ 0x1b, 0, TALLY_BACK, "Esc", NULL, NULL },
	UI_KEY_END
};

static const struct ui_key *
ui_tally_keys_now(void *data)
{
	return ui_tally_keys;
}

static void
ui_tally_draw(struct ui *ui, void *data)
{
	ui_title(ui, "Tally of the whole inspection");
	ui_put_wrapped(2, 1, COLS - 2, 4, 0, "The tally is not in this "
	    "build yet: it arrives with the tally module. Use 'caseread "
	    "tally FILE' when it is available.");
}

static void
ui_tally_key(struct ui *ui, void *data, int action, int fkey, wint_t ch)
{
	if (action == TALLY_BACK)
		ui_pop(ui);
}

static const struct ui_screen_ops ui_tally_ops = {
	"Tally",
	ui_tally_keys_now,
	ui_tally_draw,
	ui_tally_key,
	NULL,
	NULL
};

void
ui_tally_open(struct ui *ui)
{
	ui_push(ui, &ui_tally_ops, NULL);
}
