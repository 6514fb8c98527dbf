#!/usr/bin/env bash
# dev.sh -- the two commands of the README, and a few more.
#
#   ./dev.sh up      install what is missing, build, start a private MariaDB,
#                    kefu.fcgi and nginx on http://127.0.0.1:8080 with demo data
#   ./dev.sh down    stop them
#   ./dev.sh test    build (plain and ASan+UBSan), run every test on a
#                    throwaway instance on 127.0.0.1:8181, stop it, and print
#                    "N passed, N failed"
#   ./dev.sh ctl ARGS   kefuctl against the dev instance
#   ./dev.sh bench      the benchmarks of tests/bench (not part of test)
set -u
ROOT=$(cd "$(dirname "$0")" && pwd)
export ROOT
. "$ROOT/tests/lib/stack.sh"

DEV="$ROOT/var/dev"
TEST="$ROOT/var/test"
TEST_PORT=${KEFU_TEST_PORT:-8181}   # another free port lets two trees test at once
SAN_FLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"

cmd_up() {
    stack_deps || exit 1
    stack_build build "" || exit 1
    stack_up "$DEV" 8080 build || { stack_down "$DEV"; exit 1; }
    cat <<MSG

Kefu is up: http://127.0.0.1:8080/
Demo logins (password kefu-demo for all):
  admin (HQ, admin)   auditor (HQ, auditor)   manager (BR01, manager)
  employee (BR01, employee)   employee2 (BR02, employee)
Logs: var/dev/kefu.log   Stop: ./dev.sh down
MSG
}

cmd_down() { stack_down "$DEV"; echo "stopped"; }

cmd_ctl() { "$ROOT/build/cgi-bin/kefuctl" -c "$DEV/kefu.hdf" "$@"; }

# ---- test ----
PASSED=0
FAILED=0
add_counts() { PASSED=$((PASSED + $1)); FAILED=$((FAILED + $2)); }

# Runs the Check suite of one build tree; counts its checks.
run_unit() {
    local build=$1 log
    echo "== unit tests ($build)"
    make -s -C "$ROOT/$build" -j"$(nproc)" check >/dev/null 2>&1
    log="$ROOT/$build/tests/unit/check_core.log"
    if [ ! -f "$log" ]; then echo "no unit test log"; add_counts 0 1; return; fi
    grep -E "Checks:|:[FE]:" "$log"
    local line; line=$(grep -E "Checks: [0-9]+" "$log" | tail -1)
    local total fails errors
    total=$(echo "$line" | sed -E 's/.*Checks: ([0-9]+).*/\1/')
    fails=$(echo "$line" | sed -E 's/.*Failures: ([0-9]+).*/\1/')
    errors=$(echo "$line" | sed -E 's/.*Errors: ([0-9]+).*/\1/')
    [ -n "$total" ] || { add_counts 0 1; return; }
    add_counts $((total - fails - errors)) $((fails + errors))
}

# Runs node:test files; counts from its summary lines.
run_node() {
    local name=$1; shift
    echo "== $name"
    local out; out=$(mktemp)
    (cd "$ROOT/tests" && KEFU_URL=http://127.0.0.1:$TEST_PORT KEFU_INST="$TEST" KEFU_ROOT="$ROOT" \
        KEFU_BUILD="$ROOT/build-asan" node --test --test-concurrency=1 --test-reporter=spec "$@") \
        2>&1 | tee "$out" | grep -E "^\s*(✔|✖|ℹ (tests|pass|fail))" | grep -vE "^\s{4,}✔"
    local p f
    p=$(grep -E "^ℹ pass [0-9]+" "$out" | tail -1 | awk '{print $3}')
    f=$(grep -E "^ℹ fail [0-9]+" "$out" | tail -1 | awk '{print $3}')
    if [ -z "$p" ]; then tail -30 "$out"; add_counts 0 1; rm -f "$out"; return; fi
    [ "${f:-0}" = 0 ] || grep -E -A12 "✖" "$out" | head -80
    add_counts "$p" "${f:-0}"
    rm -f "$out"
}

# Fails the run when a sanitizer reported anything in the server's log,
# or a handler left a transaction open.
check_sanitizer_log() {
    echo "== sanitizer reports and open transactions in kefu.log"
    if grep -E "ERROR: AddressSanitizer|runtime error:|ERROR: LeakSanitizer|left a transaction open" "$TEST/kefu.log"; then
        add_counts 0 1
    else
        echo "none"; add_counts 1 0
    fi
}

cmd_test() {
    local t0=$SECONDS
    stack_deps || exit 1
    stack_build build "" || exit 1
    stack_build build-asan "$SAN_FLAGS" || exit 1
    (cd "$ROOT/tests" && [ -d node_modules/playwright-core ] || npm ci --silent --no-audit --no-fund) || exit 1
    run_unit build
    ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 run_unit build-asan

    stack_down "$TEST"
    rm -rf "$TEST"
    export ASAN_OPTIONS="detect_leaks=0:abort_on_error=0" UBSAN_OPTIONS="print_stacktrace=1"
    if stack_up "$TEST" "$TEST_PORT" build-asan testplugins; then
        run_node "integration tests" integration/
        run_node "browser tests" browser/
        check_sanitizer_log
    else
        echo "the test stack did not start"; add_counts 0 1
    fi
    stack_down "$TEST"
    unset ASAN_OPTIONS UBSAN_OPTIONS
    echo "time: $((SECONDS - t0)) s"
    echo "$PASSED passed, $FAILED failed"
    [ "$FAILED" = 0 ]
}

cmd_bench() {
    stack_deps || exit 1
    stack_build build "" || exit 1
    bash "$ROOT/tests/bench/run.sh"
}

case "${1:-}" in
    up) cmd_up ;;
    down) cmd_down ;;
    test) cmd_test ;;
    ctl) shift; cmd_ctl "$@" ;;
    bench) cmd_bench ;;
    *) echo "usage: ./dev.sh up|down|test|ctl ARGS|bench"; exit 2 ;;
esac
