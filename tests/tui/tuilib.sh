# Sourced by the terminal tests, on the pattern of tmux's regress/ scripts: caseread
# runs in a detached tmux session on a private socket (-L) with no configuration
# (-f /dev/null) at a fixed size; keys go in with send-keys and the screen comes
# back with capture-pane. wait_for polls with a timeout rather than sleeping.
. "$TESTS_SRCDIR/testlib.sh"

if [ -z "${TMUX_BIN:-}" ]; then
	echo "tmux not found by configure: skipped"
	exit 77
fi
# A surrounding tmux must not be the one these commands talk to.
unset TMUX TMUX_PANE
SOCK="caseread-test-$$"
trap '"$TMUX_BIN" -L "$SOCK" kill-server 2>/dev/null; rm -rf "$T"' EXIT
UI_TERM=${UI_TERM:-screen}
RUNS=0

tm() {
	"$TMUX_BIN" -L "$SOCK" -f /dev/null "$@"
}

# start [ENV=VALUE...] -- ARGS...: run caseread ARGS in a new 80x24 session named
# "cr". Its pid goes to $T/pid, its stderr to $T/stderr.N (N counts the runs,
# $T/stderr is the latest), and "[exited N]" shows when it ends, once the
# terminal's modes as caseread left them are in $T/stty (stty -a) and N is in
# $T/status.
start() {
	_st_env=""
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do
		_st_env="$_st_env $1"
		shift
	done
	shift
	RUNS=$((RUNS + 1))
	ln -sf "$T/stderr.$RUNS" "$T/stderr"
	ln -sf "$T/stty.$RUNS" "$T/stty"
	ln -sf "$T/status.$RUNS" "$T/status"
	# A session that outlives "cr", so killing cr never ends the server: a
	# new-session racing a server on its way out fails "server exited
	# unexpectedly".
	tm has-session -t keep 2>/dev/null || tm new-session -d -s keep -x 80 -y 24 "sleep 3600"
	tm kill-session -t cr 2>/dev/null
	tm new-session -d -s cr -x 80 -y 24 "sh -c 'echo \$\$ > $T/pid; exec env LC_ALL=C.UTF-8 TERM=$UI_TERM $_st_env $CASEREAD $* 2>$T/stderr.$RUNS'; rc=\$?; stty -a > $T/stty.$RUNS 2>&1; echo \$rc > $T/status.$RUNS; echo \"[exited \$rc]\"; sleep 600"
}

screen() {
	tm capture-pane -p -t cr
}

# pane_flag NAME: a tmux format variable of the pane, e.g. alternate_on (1 while
# the program is on the alternate screen), cursor_flag (0 with the cursor hidden).
pane_flag() {
	tm display-message -p -t cr "#{$1}"
}

# hex_keys HEX...: raw bytes, as a terminal would send them (1b 79 is Alt-y).
hex_keys() {
	tm send-keys -t cr -H "$@"
}

# wait_for TEXT [SECONDS]: until the screen shows TEXT (fixed string); fails the
# test, showing the screen, after SECONDS (default 10).
# (Its variables are prefixed: shell functions share the caller's.)
wait_for() {
	wait_on screen "; the screen was" "$1" "${2:-10}"
}

# wait_on SCREEN WHERE TEXT [SECONDS]: until the command SCREEN (screen,
# screen_b) prints TEXT; WHERE ends the failure's first line.
wait_on() {
	_wf_limit=$(( ${4:-10} * 20 ))
	_wf_n=0
	while [ $_wf_n -lt $_wf_limit ]; do
		if $1 | grep -qF -- "$3"; then
			return 0
		fi
		sleep 0.05
		_wf_n=$((_wf_n + 1))
	done
	fail "timed out waiting for '$3'$2:
$($1)"
	return 1
}

# wait_exit CODE [SECONDS]: until caseread has exited, by $T/status rather than
# the screen (after kill -9 the terminal is left raw and "[exited N]" may land
# anywhere); fails unless it exited CODE.
wait_exit() {
	_we_limit=$(( ${2:-10} * 20 ))
	_we_n=0
	while [ $_we_n -lt $_we_limit ]; do
		if [ -s "$T/status" ]; then
			expect_eq "$(cat "$T/status")" "$1" "exit status"
			return 0
		fi
		sleep 0.05
		_we_n=$((_we_n + 1))
	done
	fail "timed out waiting for caseread to exit; the screen was:
$(screen)"
	return 1
}

# expect_screen TEXT / expect_not_screen TEXT: the screen as it is now.
expect_screen() {
	screen | grep -qF -- "$1" || fail "screen lacks '$1':
$(screen)"
}

expect_not_screen() {
	if screen | grep -qF -- "$1"; then fail "screen has '$1'"; fi
}

# keys KEY...: tmux key names (Enter, Tab, Up, Escape, ...) or single characters.
keys() {
	tm send-keys -t cr "$@"
}

# type_text TEXT: literal text, UTF-8 and all.
type_text() {
	tm send-keys -t cr -l -- "$1"
}

# The applicable question count from the case read title "N/M answered".
applicable() {
	screen | sed -n 's/.*: [0-9]*\/\([0-9]*\) answered.*/\1/p' | head -n 1
}

# new_case REF [TAB-KEYS...]: from the overview, add a case with the reference
# REF (other fields as given by the extra keys), landing in its case read.
new_case() {
	_nc_ref=$1
	shift
	keys n
	wait_for "New " || return 1
	type_text "$_nc_ref"
	[ $# -gt 0 ] && keys "$@"
	wait_for "Ready to save" || return 1
	keys Enter
	wait_for "Case $_nc_ref " || return 1
}

# quit_ok: leave with q from the overview; caseread exits 0 with nothing on stderr
# (the sanitizer build reports there).
quit_ok() {
	keys q
	wait_for "[exited 0]" || return 1
	if [ -s "$T/stderr" ]; then
		fail "caseread wrote to stderr: $(head -c 2000 "$T/stderr")"
	fi
}

# A fresh inspection file at $T/t.caseread.
new_file() {
	"$CASEREAD" init "$T/t.caseread" --service "Wakefield YJS" --type iyjwcv \
		--inspector "Ann Smith" >/dev/null || fail "init failed"
	F="$T/t.caseread"
}

# A second caseread window, B: the window "b" of the session "cr" that start
# made for A; the helpers above keep talking to A, the session's current
# window. B's stderr goes to $T/stderr.b.
start_b() {
	tm new-window -d -t cr: -n b "sh -c 'exec env LC_ALL=C.UTF-8 TERM=$UI_TERM $CASEREAD $* 2>$T/stderr.b'; echo \"[exited \$?]\"; sleep 600"
}

screen_b() {
	tm capture-pane -p -t cr:b
}

keys_b() {
	tm send-keys -t cr:b "$@"
}

type_b() {
	tm send-keys -t cr:b -l -- "$1"
}

wait_b() {
	wait_on screen_b " in window B; its screen was" "$1" "${2:-10}"
}
