#!/usr/bin/env bash
# Instructions per request, generated code against the hand-written baseline, counted by
# valgrind (cachegrind, no cache simulation): unlike time, the count does not move with the load
# of the machine. Each case runs N times and 0 times; the difference divided by N is what one
# request costs, allocation and freeing included.
#
#   bash benches/scripts/instructions.sh [N]        # N = 20000
#
# Needs valgrind (`apt-get install valgrind`). Builds the `encode_n` binary of
# twilio-endpoint-benches in release mode, in $CARGO_TARGET_DIR (default: target/).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

n="${1:-20000}"
command -v valgrind >/dev/null || { echo "valgrind is not installed" >&2; exit 1; }
cargo build --release -q -p twilio-endpoint-benches --bin encode_n
bin="${CARGO_TARGET_DIR:-target}/release/encode_n"

instructions() { # CASE COUNT -> total instructions
    valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null "$bin" "$1" "$2" 2>&1 |
        awk '/I *refs:/ { gsub(",", "", $NF); print $NF }'
}

per_request() { # CASE -> instructions per request
    local many none
    many=$(instructions "$1" "$n")
    none=$(instructions "$1" 0)
    echo $(((many - none) / n))
}

echo "Instructions per request (valgrind, N = $n):"
echo
echo "| request | generated | hand-written | ratio |"
echo "| --- | --- | --- | --- |"
for case in update:UpdatePayments create:CreatePayments "list:ListCall (GET, list in query)"; do
    key="${case%%:*}"
    name="${case#*:}"
    ours=$(per_request "$key")
    theirs=$(per_request "$key-hand")
    ratio=$(awk -v a="$ours" -v b="$theirs" 'BEGIN { printf "%.2f", a / b }')
    echo "| $name | $ours | $theirs | $ratio |"
done
