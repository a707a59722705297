# The reading screen's keys for a day's work: Y, N and A answer with Caps Lock
# on (as every letter key does: capslock.sh); after an answer, E opens the note
# of the question just answered (the editor and the read screen name the
# question a note belongs to); a key that does nothing says "? lists the
# keys"; F1 is help where ? is the help key too.
. "$TESTS_SRCDIR/tui/tuilib.sh"

ans() {
	sql "$F" "SELECT coalesce(value, '-') || '|' || note FROM answer WHERE question = '$1'"
}

new_file
start -- "$F"
wait_for "Children's cases (0)"
# The overview: an unbound key says so.
keys z
wait_for "'z' does nothing here: ? lists the keys"
new_case "K-1"
wait_for "Prompt 2.1.1.1"
expect_screen "Evidence note for 2.1.1.1: none (press e to write one)"
# Caps Lock: Y, N and A save as y, n and a.
keys Y
wait_for "saved 2.1.1.1: yes; E writes its evidence note"
expect_eq "$(ans 2.1.1.1)" "yes|" "Y saved yes"
wait_for "Prompt 2.1.1.2"
# E: the note of the answer just given, not of the question now shown.
keys E
wait_for "Evidence note: case K-1, question 2.1.1.1"
type_text "Assessment names the offence and its context."
keys F2
wait_for "saved the evidence note for 2.1.1.1"
wait_for "Prompt 2.1.1.2"
expect_eq "$(ans 2.1.1.1)" "yes|Assessment names the offence and its context." "the note went to 2.1.1.1"
expect_eq "$(sql "$F" "SELECT count(*) FROM answer WHERE question = '2.1.1.2'")" "0" "nothing on 2.1.1.2"
keys N
wait_for "saved 2.1.1.2: no"
expect_eq "$(ans 2.1.1.2)" "no|" "N saved no"
keys A
wait_for "saved 2.1.1.3: not applicable"
expect_eq "$(ans 2.1.1.3)" "na|" "A saved n/a"
# The prompts line says n/a, as the counts do, never na.
wait_for "1 n/a"
expect_screen "2.1.1.3 n/a"
expect_not_screen "2.1.1.3 na "
# Unbound keys on the read screen.
keys v
wait_for "'v' does nothing here: ? lists the keys"
expect_eq "$(sql "$F" "SELECT count(*) FROM answer")" "3" "v saved nothing"
# F1: help here too.
keys F1
wait_for "Help: keys of the Case read screen"
# Y, N and A are Caps Lock's (one line for every letter, in capslock.sh).
expect_screen " y                answer yes (sufficient)"
expect_screen "the evidence note of the answer just given"
keys q
wait_for "Prompt 2.1.1.4"
keys q
wait_for "Children's cases (1)"
# Ctrl-U clears a field of the case form.
keys e
wait_for "Edit child's case"
keys C-u
type_text "K-2"
wait_for "Ready to save"
keys Enter
wait_for "Children's cases (1)"
expect_eq "$(sql "$F" "SELECT ref FROM cases")" "K-2" "Ctrl-U cleared the reference"
quit_ok
finish
