# Escape is Escape only when nothing follows it: Alt with a key (ESC y) and the
# sequences a terminal sends for keys its TERM does not describe (vt100 has no
# Home, End, PgUp or PgDn, yet tmux sends \E[1~ and the like) must neither close
# the note editor or the case form nor leak their bytes in as commands: in
# testing, Alt-y in the note editor saved it, closed it and answered yes.
. "$TESTS_SRCDIR/tui/tuilib.sh"

answers() {
	sql "$F" "SELECT count(*) FROM answer WHERE value IS NOT NULL"
}

new_file
UI_TERM=vt100
start -- "$F"
wait_for "Children's cases (0)"
new_case "E-1"
expect_screen "question 1 of"

# The case read: Alt-y is not y.
keys Escape y
wait_for "ignored a key caseread does not know"
expect_screen "Answer: not answered"
expect_eq "$(answers)" 0 "answers after Alt-y on the case read"

# The note editor: Alt-y, Alt-n and undecoded Home and End keep it open with
# the text; the keys they stand for work.
keys e
wait_for "Evidence note: case E-1, question 2.1.1.1"
type_text "middle"
wait_for "Not saved yet"
keys Escape y
wait_for "ignored a key caseread does not know"
hex_keys 1b 6e
expect_screen "Evidence note: case E-1, question 2.1.1.1"
hex_keys 1b 5b 31 7e		# \E[1~: Home
type_text "start "
hex_keys 1b 5b 34 7e		# \E[4~: End
type_text " end"
wait_for "start middle end"
expect_screen "Not saved yet"
expect_eq "$(answers)" 0 "answers while the editor is open"
expect_eq "$(sql "$F" "SELECT count(*) FROM answer")" 0 "notes while the editor is open"
# An unknown CSI sequence is swallowed whole: none of its bytes is typed.
hex_keys 1b 5b 39 39 7a
hex_keys 1b 5b 31 3b 35 41	# Ctrl-Up: a modifier caseread does not use
wait_for "ignored a key caseread does not know"
expect_screen "start middle end"
expect_not_screen "99z"
expect_not_screen "1;5A"
# A lone Escape asks what becomes of the changes; s saves and closes.
keys Escape
wait_for "Save? s: save, d: discard, k: keep editing"
keys s
wait_for "saved the evidence note for 2.1.1.1"
expect_screen "Case E-1 "
expect_eq "$(sql "$F" "SELECT coalesce(value, '-') || ' ' || note FROM answer")" \
	"- start middle end" "the note, and no answer"

# The case form: Alt-y does not cancel it, nor does it throw away the typing.
keys d
wait_for "Edit child's case"
keys End
type_text "x"
wait_for "E-1x"
keys Escape y
wait_for "ignored a key caseread does not know"
expect_screen "Edit child's case"
hex_keys 1b 5b 31 7e		# Home, then a character at the start
type_text "A"
wait_for "AE-1x"
keys Enter
wait_for "saved case AE-1x"
expect_eq "$(sql "$F" "SELECT group_concat(ref) FROM cases")" "AE-1x" "reference after Alt-y"
# Escape alone cancels the form, as before.
keys d
wait_for "Edit child's case"
type_text "zz"
wait_for "AE-1xzz"
keys Escape
wait_for "Case AE-1x "
expect_eq "$(sql "$F" "SELECT group_concat(ref) FROM cases")" "AE-1x" "reference after Escape"

# Under vt100 PgDn and PgUp arrive undecoded (\E[6~, \E[5~): they still jump by
# standard, as do ] and [, and the place is kept in the file.
keys PgDn
wait_for "Standard 2.2 Planning"
expect_eq "$(sql "$F" "SELECT value FROM setting WHERE name = 'ui.question'")" "2.2.1.1" "position after PgDn"
keys ']'
wait_for "Standard 2.3 Delivery"
expect_eq "$(sql "$F" "SELECT value FROM setting WHERE name = 'ui.question'")" "2.3.1.1" "position after ]"
keys '['
wait_for "Standard 2.2 Planning"
keys PgUp
wait_for "Standard 2.1 Assessing"
expect_screen "question 1 of"
expect_eq "$(sql "$F" "SELECT value FROM setting WHERE name = 'ui.question'")" "2.1.1.1" "position after PgUp"
expect_eq "$(answers)" 0 "answers after all the keys"
keys q
wait_for "Children's cases (1)"
quit_ok
finish
