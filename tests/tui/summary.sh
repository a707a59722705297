# The case summary: s while reading lists every applicable question with its
# answer and the first line of its note, and the finish checks at the foot;
# Enter goes to the question. s on the finish screen shows it before
# finishing, and Enter there reads the question. : goes to a question by id.
. "$TESTS_SRCDIR/tui/tuilib.sh"

new_file
start -- "$F"
wait_for "Children's cases (0)"
new_case "S-1"
wait_for "Prompt 2.1.1.1"
keys y
wait_for "Prompt 2.1.1.2"
keys n
wait_for "Prompt 2.1.1.3"
keys E
wait_for "question 2.1.1.2"
type_text "First line of the note"
keys Enter
type_text "second line"
keys F2
wait_for "saved the evidence note for 2.1.1.2"
# The summary, on the question shown.
keys s
wait_for "Summary of case S-1: 2/"
expect_screen "2.1.1.1   yes"
screen | grep -F "2.1.1.2   no" | grep -qF "First line of the note ..." || fail "no first line of the note: $(screen)"
expect_not_screen "second line"
expect_screen "Finish checks:"
expect_screen "Missing: 2.1.1"
screen | grep -F "> 2.1.1.3" >/dev/null || fail "summary not on the question shown: $(screen)"
# Enter goes to the question chosen.
keys Down Down
keys Enter
wait_for "Prompt 2.1.1.5"
expect_not_screen "Summary of case"
# : goes to a question by id; an id that does not apply says so.
keys :
wait_for "Go to question:"
type_text "9.9.9"
keys Enter
wait_for "no question 9.9.9 applies to this case"
keys C-u
type_text "2.2.1"
keys Enter
wait_for "KEY QUESTION 2.2.1"
expect_not_screen "Go to question:"
# From the finish screen: s, then Enter reads that question.
keys f
wait_for "Finish case S-1"
keys s
wait_for "Summary of case S-1"
keys Home
keys Enter
wait_for "Prompt 2.1.1.1"
expect_eq "$(sql "$F" "SELECT group_concat(question || '=' || value, ' ') FROM answer")" \
    "2.1.1.1=yes 2.1.1.2=no" "the summary changed nothing"
# A note longer than its column shows what fits, then an ellipsis.
keys e
wait_for "question 2.1.1.1"
type_text "Analysis of why the offending happened, built on the child's strengths and school reports"
keys F2
wait_for "saved the evidence note for 2.1.1.1"
keys s
wait_for "Summary of case S-1"
screen | grep -F "2.1.1.1   yes" | grep -qE "Analysis of why the offending .*(…|\.\.\.) *$" ||
    fail "the long note not cut with an ellipsis: $(screen)"
keys q
wait_for "question 1 of"
keys q
wait_for "Children's cases (1)"
quit_ok
finish
