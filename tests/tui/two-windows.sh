# Two caseread windows on one file, each in a tmux window of its own: A saves,
# then B, still showing the old answer or note, saves its own. B is told what
# changed and nothing is written until B says again; the typed note survives;
# finishing and reopening from a stale screen say what happened instead.
. "$TESTS_SRCDIR/tui/tuilib.sh"

expect_b() {
	screen_b | grep -qF -- "$1" || fail "window B lacks '$1':
$(screen_b)"
}

# The answer to a question: "value|note".
answer() {
	sql "$F" "SELECT coalesce(value, '') || '|' || note FROM answer WHERE question = '$1'"
}

new_file
start -- "$F"
wait_for "Children's cases (0)"
new_case "W-1"
n=$(applicable)
wait_for "Prompt 2.1.1.1"
# B opens where A is: the case read at 2.1.1.1, unanswered.
start_b "$F"
wait_b "Case W-1 "
wait_b "Prompt 2.1.1.1"
expect_b "Answer: not answered"
expect_eq "$(tm display-message -p -t cr:b '#{window_width}x#{window_height}')" 80x24 "window B's size"

# A answers yes; B, still showing it unanswered, presses n: not saved.
keys y
wait_for "saved 2.1.1.1: yes"
keys_b n
wait_b "not saved: 2.1.1.1 changed in another window; press n again to save no"
wait_b "Answer: yes"
expect_b "Not saved: changed in another window. This screen showed not"
expect_b "it is now yes, with no note. Press n again to save no over it"
expect_b "Prompt 2.1.1.1"
expect_eq "$(answer 2.1.1.1)" "yes|" "2.1.1.1 after B's refused save"
expect_eq "$(sql "$F" "SELECT count(*) FROM answer_history WHERE question = '2.1.1.1'")" 1 "history after the refusal"
# n again: B's no over A's yes, and the history has both.
keys_b n
wait_b "saved 2.1.1.1: no (over the other window's answer)"
expect_eq "$(answer 2.1.1.1)" "no|" "2.1.1.1 after B saved over"
expect_eq "$(sql "$F" "SELECT group_concat(coalesce(old_value, '-') || '>' || new_value, ' ') FROM (SELECT * FROM answer_history WHERE question = '2.1.1.1' ORDER BY id)")" \
	"->yes yes>no" "history of 2.1.1.1"
wait_b "Prompt 2.1.1.2"

# A's screen still shows yes for 2.1.1.1. A move reads the case again and says
# what changed, so A goes back to B's no, and A's n/a is saved over what A sees.
keys k
wait_for "changed in another window: 2.1.1.1 no"
wait_for "Prompt 2.1.1.1"
expect_screen "Answer: no"
# B goes back too: nothing of the case changed since B's own save, so no word.
keys_b k
wait_b "Prompt 2.1.1.1"
expect_b "Answer: no"
screen_b | grep -qF "changed in another window" && fail "window B told of a change it made itself:
$(screen_b)"
keys a
wait_for "saved 2.1.1.1: not applicable; E writes its evidence note"
expect_not_screen "over the other window's answer"
wait_for "Prompt 2.1.1.2"
# B, not having moved since, still shows no: its y is refused. Any other key
# drops the offer: B moves on, n/a stays.
keys_b y
wait_b "not saved: 2.1.1.1 changed in another window; press y again to save yes"
keys_b j
wait_b "Prompt 2.1.1.2"
expect_eq "$(answer 2.1.1.1)" "na|" "2.1.1.1 after B moved on"
expect_eq "$(sql "$F" "SELECT count(*) FROM answer_history WHERE question = '2.1.1.1'")" 3 "history of 2.1.1.1 at the end"

# The note: B opens the editor on 2.1.1.2 and types; meanwhile A writes and
# saves a note of its own there.
keys_b e
wait_b "Evidence note: case W-1, question 2.1.1.2"
type_b "B: the plan names the school; café visit"
wait_b "Not saved yet"
keys e
wait_for "Evidence note: case W-1, question 2.1.1.2"
type_text "A: strengths listed, twenty of them"
wait_for "Not saved yet"
keys F2
wait_for "saved the evidence note for 2.1.1.2"
expect_eq "$(answer 2.1.1.2)" "|A: strengths listed, twenty of them" "A's note"
# B saves: refused, its text still there, A's shown above it.
keys_b F2
wait_b "not saved: the note for 2.1.1.2 changed in another window; yours is kept"
expect_b "Not saved: another window saved this note while you typed: 35 characters,"
expect_b "A: strengths listed, twenty of them"
expect_b "B: the plan names the school; café visit"
# Who saved it and when, in UK local time with its zone (never UTC).
screen_b | grep -qE "by [^,]+ on [0-9]+ [A-Z][a-z]+ 20[0-9][0-9] [0-9][0-9]:[0-9][0-9] (GMT|BST)\." ||
	fail "no UK time on the other note: $(screen_b)"
if screen_b | grep -qF "UTC"; then fail "the note editor shows UTC"; fi
expect_b "Yours, not saved: 40 characters. F2/Esc: save yours over it. F3: keep theirs."
expect_b "F2 or Esc: save yours  F3 keep theirs"
expect_eq "$(answer 2.1.1.2)" "|A: strengths listed, twenty of them" "2.1.1.2 after B's refused note"
# Back to editing keeps the choice on screen; then Esc saves B's over A's.
type_b " (seen)"
wait_b "Yours, not saved: 47 characters."
expect_b "B: the plan names the school; café visit (seen)"
keys_b Escape
wait_b "saved your evidence note for 2.1.1.2 over the other window's"
expect_eq "$(answer 2.1.1.2)" "|B: the plan names the school; café visit (seen)" "2.1.1.2 after B saved over"
expect_eq "$(sql "$F" "SELECT group_concat(new_note, ' / ') FROM (SELECT * FROM answer_history WHERE question = '2.1.1.2' ORDER BY id)")" \
	"A: strengths listed, twenty of them / B: the plan names the school; café visit (seen)" "history of 2.1.1.2"

# F3 keeps the other window's note, dropping what B typed.
keys_b e
wait_b "Evidence note: case W-1, question 2.1.1.2"
keys_b End
type_b " and more"
wait_b "Not saved yet"
keys e
wait_for "Evidence note: case W-1, question 2.1.1.2"
keys C-u
type_text "A rewrote it"
keys F2
wait_for "saved the evidence note for 2.1.1.2"
keys_b F2
wait_b "Yours, not saved:"
keys_b F3
wait_b "kept the evidence note saved in the other window for 2.1.1.2"
expect_eq "$(answer 2.1.1.2)" "|A rewrote it" "2.1.1.2 after F3"

# Every question answered in A, and the case marked complete there.
i=$(sql "$F" "SELECT count(*) FROM answer WHERE value IS NOT NULL")
i0=$i
wait_for " $i/$n answered"
while [ "$i" -lt "$n" ]; do
	keys y
	i=$((i + 1))
	wait_for " $i/$n answered" || break
done
# B, not having moved since, moves: the first three A answered, then how many.
keys_b j
wait_b "changed in another window: 2.1.1.2 yes, 2.1.1.3 yes, 2.1.1.4 yes and $((n - i0 - 3)) more"
wait_b " $n/$n answered"
keys f
wait_for "Every applicable key question is answered"
keys c
wait_for "case W-1 marked complete"
# B's case read still shows it in progress: its answer is refused.
before=$(answer 2.1.1.2)
keys_b y
wait_b "not saved: case W-1 was marked complete in another window"
wait_b "COMPLETE"
expect_b "Not saved: this case was marked complete in another window. Press f to reopen"
expect_eq "$(answer 2.1.1.2)" "$before" "2.1.1.2 after B's answer to a complete case"

# A reopens it; B, showing it complete, gives its own reason: told, not kept.
keys_b f
wait_b "This case is marked COMPLETE."
keys f
wait_for "This case is marked COMPLETE."
keys r
wait_for "Why reopen it?"
type_text "A: new police information"
keys Enter
wait_for "case W-1 reopened"
keys_b r
wait_b "Why reopen it?"
type_b "B: the same news"
keys_b Enter
wait_b "case W-1 was reopened in another window meanwhile; your reason was not"
wait_b "Every applicable key question is answered"
expect_eq "$(sql "$F" "SELECT group_concat(event || ':' || reason, ' ') FROM case_event")" \
	"complete: reopen:A: new police information" "events after two reopenings"
# A completes it again; B, showing it open, presses c: told, nothing recorded.
keys f
wait_for "Every applicable key question is answered"
keys c
wait_for "case W-1 marked complete"
keys_b c
wait_b "case W-1 was marked complete in another window meanwhile"
wait_b "This case is marked COMPLETE."
expect_eq "$(sql "$F" "SELECT group_concat(event, ' ') FROM case_event")" \
	"complete reopen complete" "events after two completions"

# Reopened in A: B's c, on a screen showing it complete, says so and shows it
# open; then A clears a key question, and B's c finds the case changed and
# shows what is missing instead.
keys f
wait_for "This case is marked COMPLETE."
keys r
wait_for "Why reopen it?"
type_text "A: one more look"
keys Enter
wait_for "case W-1 reopened"
keys_b c
wait_b "case W-1 was reopened in another window: check it, then press c again"
wait_b "Every applicable key question is answered"
expect_eq "$(sql "$F" "SELECT status FROM cases")" draft "status after B's c on a reopened case"
keys End
wait_for "KEY QUESTION 2.3.2"
keys u
wait_for "2.3.2: answer cleared"
keys_b c
wait_b "not marked complete: case W-1 changed in another window; see what is"
wait_b "missing: 2.3.2 not answered"
expect_eq "$(sql "$F" "SELECT status FROM cases")" draft "status after B's stale c"
expect_eq "$(sql "$F" "SELECT count(*) FROM case_event")" 4 "events at the end"

# B types a note while A answers the last question and marks the case complete:
# B's text is kept, and saved into the complete case only when B says again.
keys y
wait_for "Every question is answered"
keys_b q
wait_b "Case W-1 "
keys_b e
wait_b "Evidence note: case W-1, question"
q=$(screen_b | sed -n 's/.*Evidence note: case W-1, question \([0-9.]*\).*/\1/p')
before=$(answer "$q")
type_b " B, late"
wait_b "Not saved yet"
keys f
wait_for "Every applicable key question is answered"
keys c
wait_for "case W-1 marked complete"
keys_b F2
wait_b "not saved: case W-1 was marked complete in another window; yours is kept"
expect_b "F2 or Esc saves it into the complete case anyway"
expect_b "Yours, not saved: "
expect_b "F2 or Esc: save yours  F3 close, not saved"
expect_eq "$(answer "$q")" "$before" "$q after B's refused note"
keys_b F2
wait_b "saved your evidence note for $q into the complete case"
expect_eq "$(answer "$q")" "${before} B, late" "$q after B saved into the complete case"
expect_eq "$(sql "$F" "SELECT status FROM cases")" complete "status at the end"

keys_b q
wait_b "Children's cases (1)"
keys_b q
wait_b "[exited 0]"
[ -s "$T/stderr.b" ] && fail "window B wrote to stderr: $(head -c 2000 "$T/stderr.b")"
keys q
wait_for "Children's cases (1)"
quit_ok
expect_eq "$(sql "$F" "PRAGMA integrity_check")" ok "integrity"
finish
