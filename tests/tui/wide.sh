# At 120x40 and over the case read splits: the question on the left, and on the
# right the key question's prompts with their answers, the current one marked,
# and the guidance without pressing g. Answering updates the panel and the file;
# a resize to 80x24 brings the usual layout back, and a resize up the split.
. "$TESTS_SRCDIR/tui/tuilib.sh"

answer() {
	sql "$F" "SELECT value FROM answer WHERE question = '$1'"
}

new_file
start -- "$F"
tm resize-window -t cr -x 120 -y 40
wait_for "Children's cases (0)"
new_case "W-1"
wait_for "Key question 2.1.1 and its prompts: 0 yes, 0 no, 0 n/a, 8"
expect_screen "> 2.1.1.1 -   Does the assessment analyse the behaviour"
expect_screen "  2.1.1.2 -   Does the assessment identify"
expect_screen "  2.1.1   -   (key) Does assessing analyse"
# The guidance shows without g, the current question's and its key's.
expect_screen "Guidance for 2.1.1.1:"
expect_screen "Look for analysis of why it happened"
expect_screen "Guidance for 2.1.1:"
expect_not_screen "(g shows guidance)"
# The left keeps the question; the panel's cut text ends in an ellipsis.
expect_screen "Prompt 2.1.1.1"
expect_screen "…"
screen | grep -q "│ Key question 2.1.1 and its prompts" || fail "no divider: $(screen)"

keys y
wait_for "saved 2.1.1.1: yes"
wait_for "Key question 2.1.1 and its prompts: 1 yes, 0 no, 0 n/a, 7"
expect_screen "  2.1.1.1 yes Does the assessment analyse"
expect_screen "> 2.1.1.2 -   Does the assessment identify"
expect_screen "Guidance for 2.1.1.2:"
expect_screen "No guidance for this question."
expect_eq "$(answer 2.1.1.1)" "yes" "2.1.1.1 in the file"
keys n
wait_for "saved 2.1.1.2: no"
keys a
wait_for "saved 2.1.1.3: not applicable"
wait_for "prompts: 1 yes, 1 no, 1 n/a, 5"
expect_screen "  2.1.1.2 no  Does the assessment identify"
expect_screen "  2.1.1.3 n/a Does the assessment take account"
expect_screen "> 2.1.1.4 -   Does the assessment consider"
expect_screen "Structural barriers include poverty"
expect_eq "$(sql "$F" "SELECT group_concat(question || '=' || value, ' ') FROM (SELECT * FROM answer ORDER BY question)")" \
	"2.1.1.1=yes 2.1.1.2=no 2.1.1.3=na" "answers in the file"

# g: the guidance alone in the panel, and back.
keys g
wait_for "Guidance for 2.1.1.4:"
expect_not_screen "2.1.1.3 n/a"
expect_screen "Structural barriers include poverty"
keys g
wait_for "  2.1.1.3 n/a"

# Down moves the mark; the panel follows to the next key question.
keys Down
wait_for "> 2.1.1.5 -"
expect_screen "  2.1.1.4 -"

# 80x24: the usual layout, the prompts on one line under the answer.
tm resize-window -t cr -x 80 -y 24
wait_for "Prompts for 2.1.1: 1 yes, 1 no, 1 n/a, 5 unanswered."
expect_screen "(g shows guidance)"
expect_not_screen "Key question 2.1.1 and its prompts"
expect_not_screen "│"
expect_screen "Prompt 2.1.1.5"
# 119 columns are not enough either.
tm resize-window -t cr -x 119 -y 40
wait_for "question 5 of"
wait_for "Prompts for 2.1.1: 1 yes"
expect_not_screen "│"
tm resize-window -t cr -x 120 -y 40
wait_for "Key question 2.1.1 and its prompts: 1 yes, 1 no, 1 n/a, 5"
expect_screen "> 2.1.1.5 -"
keys y
wait_for "saved 2.1.1.5: yes"
wait_for "  2.1.1.5 yes"
expect_eq "$(answer 2.1.1.5)" "yes" "2.1.1.5 after the resizes"
keys q
wait_for "Children's cases (1)"
quit_ok
expect_eq "$(sql "$F" "SELECT count(*) FROM answer")" 4 "answers at the end"
finish
