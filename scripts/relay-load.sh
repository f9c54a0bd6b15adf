#!/usr/bin/env bash
# N cross-patched call pairs through parley or rtpengine, driven and measured by the shared C load
# generator (rtpload.c: ulaw, 20 ms, a 100 ms tone burst a second per stream; loss per stream,
# one-way latency from sendto to the kernel's receive timestamp, the relay's CPU).
#
#   scripts/relay-load.sh externalmedia|gateway|rtpengine N [--duration S] [--warmup S] [--out DIR]
#
#   externalmedia  parley run with N bridges of two ExternalMedia legs (a generated configuration,
#                  `parley load --write-plan`), legs on 127.0.0.1 ports from 20001
#   gateway        the same with a gateway per leg (the seed's topology), in one parley process
#   rtpengine      rtpengine-daemon (userspace, loopback only) with N calls set up over its ng protocol
#
# Each run starts the relay, runs rtpload against it, stops the relay and prints one summary line;
# DIR (default target/relay-load) keeps the JSON result, the pair file, the relay's log and the
# load average before the run (DIR/LABEL.load). "Passes" = no loss and p99 one-way latency <= 10 ms
# (parley forwards cross-patched packets on arrival: no jitter-buffer target to subtract).
#
# The generator and rtpengine's files come from $PARLEY_LOAD_DIR, else ../shared/load or
# ../../shared/load beside the repository; rtpload is compiled into DIR once. Take measurements
# that others may compare under `flock /tmp/parley-bench.lock` on a quiet machine.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

usage() { echo "usage: scripts/relay-load.sh externalmedia|gateway|rtpengine N [--duration S] [--warmup S] [--out DIR]" >&2; exit 2; }
[ $# -ge 2 ] || usage
kind=$1
pairs=$2
shift 2
duration=20
warmup=3
out=$here/target/relay-load
while [ $# -gt 0 ]; do
    case "$1" in
        --duration) duration=$2; shift 2 ;;
        --warmup) warmup=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        *) usage ;;
    esac
done
case "$kind" in externalmedia|gateway|rtpengine) ;; *) usage ;; esac
[[ "$pairs" =~ ^[0-9]+$ ]] && [ "$pairs" -ge 1 ] || usage

load_dir=${PARLEY_LOAD_DIR:-}
if [ -z "$load_dir" ]; then
    for d in "$here/../shared/load" "$here/../../shared/load"; do
        [ -f "$d/rtpload.c" ] && load_dir=$(cd "$d" && pwd) && break
    done
fi
[ -n "$load_dir" ] && [ -f "$load_dir/rtpload.c" ] || { echo "relay-load: no rtpload.c (set PARLEY_LOAD_DIR)" >&2; exit 1; }

mkdir -p "$out"
rtpload=$out/rtpload
if [ ! -x "$rtpload" ] || [ "$load_dir/rtpload.c" -nt "$rtpload" ]; then
    gcc -O2 -o "$rtpload" "$load_dir/rtpload.c" -lm -lpthread
fi

label=$kind-$pairs
plan=$out/$label
mkdir -p "$plan"
log=$plan/relay.log
pid=
stop() {
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    fi
    pid=
}
trap stop EXIT

# Waits up to $2 seconds for $1 (a command) to succeed, checking every 0.2 s; fails if the relay died.
await() {
    local deadline=$((SECONDS + $2))
    until eval "$1"; do
        kill -0 "$pid" 2>/dev/null || { echo "relay-load: the relay exited; its log:" >&2; tail -20 "$log" >&2; exit 1; }
        [ $SECONDS -lt $deadline ] || { echo "relay-load: timed out waiting for: $1" >&2; exit 1; }
        sleep 0.2
    done
}

if [ "$kind" = rtpengine ]; then
    command -v rtpengine >/dev/null || { echo "relay-load: apt-get install rtpengine-daemon" >&2; exit 1; }
    rtpengine --config-file="$load_dir/rtpengine-load.conf" --config-section=rtpengine >"$log" 2>&1 &
    pid=$!
    await "ss -Hlun 'sport = :2223' | grep -q 2223" 30
    python3 "$load_dir/rtpengine_setup.py" "$pairs" "$plan/pairs.txt" >>"$log"
else
    "$here/parley" load --pairs "$pairs" --topology "$kind" --base-port 20000 --write-plan "$plan" >/dev/null
    "$here/parley" run --config "$plan/parley.yaml" >"$log" 2>&1 &
    pid=$!
    await "grep -q '^ready' '$log'" 180
fi

uptime | sed 's/.*load average: //' >"$out/$label.load"
"$rtpload" --pairs "$plan/pairs.txt" --duration "$duration" --warmup "$warmup" --peer-pid "$pid" \
    --label "$label" --out "$out/$label.json" >"$plan/rtpload.out" 2>&1 || { cat "$plan/rtpload.out" >&2; exit 1; }
stop
python3 "$load_dir/summarize.py" "$out/$label.json" | tail -1 | sed "s/\$/  load $(cat "$out/$label.load")/"
python3 - "$out/$label.json" <<'EOF'
import json, sys
j = json.load(open(sys.argv[1]))
t, g = j["total"], j["generator"]
ok = g.get("pacing_ok")
verdict = "PASS" if t["loss_pct"] == 0 and t["latency_ms"]["p99"] is not None and t["latency_ms"]["p99"] <= 10 else "FAIL"
print("%s: %s (generator pacing %s)" % (j["label"], verdict, "ok" if ok else "NOT ok: the run does not count"))
EOF
