# Notes survive a crash: typed text is kept as a draft in the file within a
# second or two (no save), offered back after kill -9 when the editor opens on
# the same question, F2 saves it and the draft goes, F3 discards it and the
# editor stays on the saved note. Esc with changes asks. Times are UK local.
# The editor counts characters, not bytes.
. "$TESTS_SRCDIR/tui/tuilib.sh"

drafts() {
	sql "$F" "SELECT count(*) FROM setting WHERE name LIKE 'note-draft:%'"
}
# wait_drafts N: until the file holds N drafts (polled; 5 s at most).
wait_drafts() {
	_wd_n=0
	while [ "$(drafts)" != "$1" ] && [ $_wd_n -lt 100 ]; do
		sleep 0.05
		_wd_n=$((_wd_n + 1))
	done
	expect_eq "$(drafts)" "$1" "drafts in the file"
}

# draft_text: the text of the draft in the file.
draft_text() {
	sql "$F" "SELECT substr(value, instr(value, char(10)) + 1) FROM setting WHERE name LIKE 'note-draft:%'"
}
# wait_draft_text TEXT: until the draft in the file is TEXT (polled; 3 s at most).
wait_draft_text() {
	_wt_n=0
	while [ "$(draft_text)" != "$1" ] && [ $_wt_n -lt 60 ]; do
		sleep 0.05
		_wt_n=$((_wt_n + 1))
	done
}

new_file
start -- "$F"
wait_for "Children's cases (0)"
new_case "D-1"
keys e
wait_for "Evidence note: case D-1, question 2.1.1.1"
# 13 characters in 19 bytes: é, ï and two wide characters.
type_text "café naïve 日本"
wait_for "café naïve 日本"
wait_for "13 characters, line 1 of 1. Not saved yet"
expect_not_screen "19 "
# The last keys reach the file within a second or two without a key more.
type_text " end"
wait_for "17 characters"
wait_draft_text "café naïve 日本 end"
expect_eq "$(draft_text)" \
	"café naïve 日本 end" "the draft in the file"
expect_eq "$(sql "$F" "SELECT count(*) FROM answer WHERE note <> ''")" 0 "no note saved"
kill -9 "$(cat "$T/pid")"
wait_exit 137

start -- "$F"
wait_for "Case D-1 "
# The reading screen says a draft was kept, before the editor is opened.
wait_for "A draft of this note from "
screen | grep -qE "A draft of this note from [0-9]{2}:[0-9]{2} (GMT|BST) was kept: e offers it back" ||
    fail "the reading screen's draft line: $(screen)"
keys e
wait_for "Evidence note: case D-1, question 2.1.1.1"
wait_for "was kept: F2 saves it, F3 discards it."
expect_screen "A draft from "
# Its time in UK local time with the zone, not UTC.
screen | grep -qE "A draft from [0-9][0-9]:[0-9][0-9] (GMT|BST) was kept" ||
	fail "no UK time on the draft: $(screen)"
expect_not_screen "UTC"
expect_screen "café naïve 日本 end"
keys F2
wait_for "saved the evidence note for 2.1.1.1"
expect_not_screen "A draft of this note"
expect_eq "$(sql "$F" "SELECT note FROM answer WHERE question = '2.1.1.1'")" \
	"café naïve 日本 end" "the note saved from the draft"
wait_drafts 0

# Esc with changes asks: k keeps editing, d discards them.
keys e
wait_for "Evidence note: case D-1, question 2.1.1.1"
expect_screen "17 characters, line 1 of 1. Unchanged."
type_text " more"
wait_for "22 characters"
keys Escape
wait_for "Save? s: save, d: discard, k: keep editing"
keys k
wait_for "22 characters, line 1 of 1. Not saved yet"
expect_screen "Evidence note: case D-1"
keys Escape
wait_for "Save? s: save, d: discard"
keys d
wait_for "discarded the changes to the evidence note for 2.1.1.1"
expect_eq "$(sql "$F" "SELECT note FROM answer WHERE question = '2.1.1.1'")" \
	"café naïve 日本 end" "the note after discarding"
wait_drafts 0

# F3 on a draft offered back discards the draft and stays in the editor, on
# the saved note, unchanged; Esc then closes without asking.
keys e
wait_for "Evidence note: case D-1, question 2.1.1.1"
type_text " lost"
wait_for "22 characters"
wait_draft_text "café naïve 日本 end lost"
kill -9 "$(cat "$T/pid")"
wait_exit 137
start -- "$F"
wait_for "Case D-1 "
keys e
wait_for "was kept: F2 saves it, F3 discards it."
expect_screen "café naïve 日本 end lost"
keys F3
wait_for "discarded the draft: the saved evidence note for 2.1.1.1 is in the editor"
expect_screen "Evidence note: case D-1, question 2.1.1.1"
expect_screen "17 characters, line 1 of 1. Unchanged."
expect_not_screen "end lost"
wait_drafts 0
expect_eq "$(sql "$F" "SELECT note FROM answer WHERE question = '2.1.1.1'")" \
	"café naïve 日本 end" "the note after F3 on the draft"
# Still editing: typing goes into the saved note.
type_text "!"
wait_for "18 characters, line 1 of 1. Not saved yet"
keys F2
wait_for "saved the evidence note for 2.1.1.1"
expect_eq "$(sql "$F" "SELECT note FROM answer WHERE question = '2.1.1.1'")" \
	"café naïve 日本 end!" "the note edited after F3"

# A draft on another question of another case does not show here, and an
# unchanged editor closes on Esc without asking.
keys e
wait_for "Evidence note: case D-1, question 2.1.1.1"
keys Escape
wait_for "Case D-1 "
expect_not_screen "Save?"

# A case renamed keeps its draft: after a crash, the reference changed in
# the details form, the draft is still offered on its question.
keys e
wait_for "Evidence note: case D-1, question 2.1.1.1"
type_text " kept"
wait_draft_text "café naïve 日本 end! kept"
kill -9 "$(cat "$T/pid")"
wait_exit 137
start -- "$F"
wait_for "Case D-1 "
keys d
wait_for "Edit child's case"
keys C-u
type_text "D-9"
keys Enter
wait_for "saved case D-9"
wait_for "Case D-9 "
wait_for "A draft of this note from "
expect_eq "$(sql "$F" "SELECT count(*) FROM setting WHERE name LIKE 'note-draft:%:D-1'")" 0 "no draft left under the old reference"
keys e
wait_for "was kept: F2 saves it, F3 discards it."
expect_screen "café naïve 日本 end! kept"
keys F2
wait_for "saved the evidence note for 2.1.1.1"
expect_eq "$(sql "$F" "SELECT note FROM answer WHERE question = '2.1.1.1'")" \
	"café naïve 日本 end! kept" "the draft saved after the rename"
wait_drafts 0

# Another window renames the case while this one types a note: the draft
# follows the new reference (none is left under the old, where reopening the
# case never looks), and saving leaves none at all.
keys e
wait_for "Evidence note: case D-9, question 2.1.1.1"
type_text " B"
wait_draft_text "café naïve 日本 end! kept B"
start_b "$F"
wait_b "Case D-9 "
keys_b d
wait_b "Edit child's case"
keys_b C-u
type_b "D-7"
keys_b Enter
wait_b "saved case D-7"
expect_eq "$(sql "$F" "SELECT count(*) FROM setting WHERE name LIKE 'note-draft:%:D-7'")" 1 "the draft moved by the rename"
type_text "C"
wait_draft_text "café naïve 日本 end! kept BC"
expect_eq "$(sql "$F" "SELECT count(*) FROM setting WHERE name LIKE 'note-draft:%:D-9'")" 0 "no draft written under the old reference"
expect_eq "$(sql "$F" "SELECT count(*) FROM setting WHERE name LIKE 'note-draft:%:D-7'")" 1 "the draft under the new reference"
keys_b q
keys Escape
wait_for "Save? s: save, d: discard"
keys d
wait_for "Case D-7 "
wait_drafts 0
keys q
wait_for "Children's cases (1)"
quit_ok
finish
