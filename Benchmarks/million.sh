#!/usr/bin/env bash
# kmipgw serving one adapter that holds a million keys: Locate by Name and Get through the real
# server (mutual TLS, audit log on), then resident memory while CONNECTIONS_MEM connections load it.
#
#   Benchmarks/million.sh                                          # 1,000,000 keys, 1,000 connections, 10 s runs
#   OBJECTS=20000 CONNECTIONS_MEM=200 SECONDS_PER_RUN=3 Benchmarks/million.sh   # a quick check
#
# Environment:
#   OBJECTS          fill keys in the quickstart adapter (default 1000000)
#   CONNECTIONS_MEM  connections of the memory run, Locates of random fill names (default 1000)
#   SECONDS_PER_RUN  seconds of each bench run, the memory run included (default 10)
#   STATE            state directory, kept between runs so that the fill (about 90 s for a
#                    million keys) is done once; a rerun only adds missing keys
#                    (default ${TMPDIR:-/tmp}/kmipgw-million)
#   PORT             port kmipgw serves on, 127.0.0.1 (default 25700)
#
# The state gets the quickstart configuration (examples/quickstart: instance quickstart, adapter
# demo-vcenter, the demo client certificate) and `kmipgw bench fill` writes keys fill-0 …
# fill-<OBJECTS-1> straight into the store. Each bench run also creates one key of its own, which
# it then gets or locates by its unique Name among the others.
#
# Memory: VmRSS of the serve process from /proc every 0.5 s while the memory run connects and
# runs; its peak, RssAnon and RssFile at that peak (the store is memory-mapped, so database pages
# read count as RssFile), VmHWM at the end (the process's lifetime peak), and VmRSS when idle after
# startup for contrast. The load generator runs on the same machine and opens all the
# connections itself, one after the other, before its clock starts.
#
# JSON results, logs and the audit log are kept in the work directory printed at the start.
set -euo pipefail
cd "$(dirname "$0")/.."

OBJECTS=${OBJECTS:-1000000}
CONNECTIONS_MEM=${CONNECTIONS_MEM:-1000}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-10}
STATE=${STATE:-${TMPDIR:-/tmp}/kmipgw-million}
PORT=${PORT:-25700}
INSTANCE=quickstart
ADAPTER=demo-vcenter

swift build -c release --product kmipgw >&2
BIN="$(swift build -c release --show-bin-path)/kmipgw"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/kmipgw-million.XXXXXX")
echo "work directory: $WORK" >&2
echo "state directory: $STATE" >&2

SERVE_PID=
BENCH_PID=
cleanup() {
    for pid in $BENCH_PID $SERVE_PID; do kill "$pid" 2>/dev/null || true; done
    for _ in $(seq 20); do
        alive=
        for pid in $BENCH_PID $SERVE_PID; do kill -0 "$pid" 2>/dev/null && alive=1; done
        [ -z "$alive" ] && break
        sleep 0.25
    done
    for pid in $BENCH_PID $SERVE_PID; do kill -9 "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap cleanup EXIT

port_open() {
    python3 -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=0.2).close()' \
        "$1" 2>/dev/null
}
wait_for_port() {
    for _ in $(seq 150); do
        port_open "$1" && return 0
        kill -0 "$SERVE_PID" 2>/dev/null || { echo "kmipgw serve exited; see $WORK/serve.log" >&2; exit 1; }
        sleep 0.2
    done
    echo "port $1 never opened; see $WORK/serve.log" >&2
    exit 1
}

# Both the server and the load generator hold one descriptor per connection, plus the store,
# the event loops' and the audit log's.
need=$((CONNECTIONS_MEM + 256))
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$need" ]; then
    ulimit -n "$need" 2>/dev/null || {
        echo "open files limit $(ulimit -n) (hard $(ulimit -Hn)) is below the $need that $CONNECTIONS_MEM connections need" >&2
        exit 1
    }
fi

# Both are no-ops on a state that has them already.
"$BIN" init --state "$STATE" >"$WORK/init.log"
"$BIN" apply -f examples/quickstart --state "$STATE" >"$WORK/apply.log"
"$BIN" bench fill --state "$STATE" --instance "$INSTANCE" --adapter "$ADAPTER" --objects "$OBJECTS" |
    tee "$WORK/fill.log" >&2
store_bytes=$(du -cb "$STATE"/store.sqlite* | tail -n 1 | cut -f1)

if port_open "$PORT"; then
    echo "something already listens on 127.0.0.1:$PORT (an earlier run's kmipgw serve?); set PORT" >&2
    exit 1
fi
max_connections=$((CONNECTIONS_MEM + 64 > 4096 ? CONNECTIONS_MEM + 64 : 4096))
"$BIN" serve --state "$STATE" --listen "127.0.0.1:$PORT" --max-connections "$max_connections" \
    --audit-log "$WORK/audit.log" >"$WORK/serve.log" 2>&1 &
SERVE_PID=$!
wait_for_port "$PORT"
sleep 1
rss_idle=$(awk '/^(VmRSS|RssAnon|RssFile):/ { v[$1] = $2 } END { print v["VmRSS:"] "," v["RssAnon:"] "," v["RssFile:"] }' \
    "/proc/$SERVE_PID/status")

CLIENT=(--port "$PORT" --cert examples/quickstart/demo-client.pem --key examples/quickstart/demo-client.key
    --ca "$STATE/server-cert.pem")

# The server must see the fill: the first and the last fill key, each exactly once.
if [ "$OBJECTS" -gt 0 ]; then
    for name in fill-0 "fill-$((OBJECTS - 1))"; do
        found=$("$BIN" client locate --name "$name" "${CLIENT[@]}" | wc -l)
        if [ "$found" != 1 ]; then
            echo "the server finds $found keys named $name, expected 1" >&2
            exit 1
        fi
    done
    echo "the server sees the fill: fill-0 and fill-$((OBJECTS - 1)) located" >&2
fi

echo "load before the runs: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
run() { # name op connections [bench flags…]
    local name=$1 op=$2 connections=$3
    shift 3
    echo "== $name, $connections connections" >&2
    "$BIN" bench --op "$op" --connections "$connections" --duration "$SECONDS_PER_RUN" "${CLIENT[@]}" "$@" -o json \
        >"$WORK/$name-$connections.json" 2>"$WORK/$name-$connections.progress" || {
        echo "bench $name with $connections connections failed: $(tail -n 3 "$WORK/$name-$connections.progress")" >&2
        echo '{}' >"$WORK/$name-$connections.json"
    }
}
# locate: the bench's own key by its Name, again and again (the index pages it needs stay hot);
# locate-random: one of the OBJECTS fill names at random per request, across the whole index.
for connections in 1 16 64; do run locate locate "$connections"; done
if [ "$OBJECTS" -gt 0 ]; then
    for connections in 1 16 64; do run locate-random locate "$connections" --locate-among "$OBJECTS"; done
fi
run get get 16

# The memory run: sample the server while the generator connects and loads it with Locates of
# random fill names, which touch the whole index (the hardest case for the page cache).
MEMORY_FLAGS=(--op locate)
[ "$OBJECTS" -gt 0 ] && MEMORY_FLAGS+=(--locate-among "$OBJECTS")
echo "== memory: ${MEMORY_FLAGS[*]}, $CONNECTIONS_MEM connections" >&2
"$BIN" bench "${MEMORY_FLAGS[@]}" --connections "$CONNECTIONS_MEM" --duration "$SECONDS_PER_RUN" "${CLIENT[@]}" -o json \
    >"$WORK/memory-$CONNECTIONS_MEM.json" 2>"$WORK/memory-$CONNECTIONS_MEM.progress" &
BENCH_PID=$!
: >"$WORK/rss.tsv"
while kill -0 "$BENCH_PID" 2>/dev/null; do
    awk -v t="$(date +%s.%N)" '/^(VmRSS|RssAnon|RssFile):/ { v[$1] = $2 }
        END { print t "\t" v["VmRSS:"] "\t" v["RssAnon:"] "\t" v["RssFile:"] }' \
        "/proc/$SERVE_PID/status" >>"$WORK/rss.tsv"
    sleep 0.5
done
if ! wait "$BENCH_PID"; then
    echo "the memory run failed: $(tail -n 3 "$WORK/memory-$CONNECTIONS_MEM.progress")" >&2
    echo '{}' >"$WORK/memory-$CONNECTIONS_MEM.json"
fi
BENCH_PID=
hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$SERVE_PID/status")
echo "load after the runs: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

python3 - "$WORK" "$CONNECTIONS_MEM" "$OBJECTS" "$rss_idle" "$hwm" "$store_bytes" <<'EOF'
import json, os, sys
work, conns_mem, objects, hwm, store_bytes = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[5]), int(sys.argv[6])
idle = [int(x) for x in sys.argv[4].split(",")]
def load(name):
    try:
        with open(os.path.join(work, name + ".json")) as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}
def mib(kib):
    return f"{kib / 1024:,.1f} MiB"
print(f"Store: {objects:,} fill keys in adapter quickstart/demo-vcenter, {store_bytes / 2**20:,.0f} MiB on disk.")
print()
print("| op | connections | req/s | p50 / p99 ms | errors |")
print("| --- | ---: | ---: | ---: | ---: |")
rows = [("locate, one name", c, f"locate-{c}") for c in (1, 16, 64)]
rows += [("locate, random fill name", c, f"locate-random-{c}") for c in (1, 16, 64)]
rows += [("get", 16, "get-16"), ("locate, random fill name (memory run)", conns_mem, f"memory-{conns_mem}")]
for op, c, name in rows:
    r = load(name)
    if not r and name.startswith("locate-random") and objects == 0:
        continue
    if not r:
        print(f"| {op} | {c} | failed | | |")
        continue
    lat = r["latencyMicroseconds"]
    errors = str(r["errors"])
    if r["errors"]:
        errors += " (" + ", ".join(f"{k}: {v}" for k, v in sorted(r["errorsByReason"].items())) + ")"
    print(f"| {op} | {c} | {r['requestsPerSecond']:,.0f} | {lat['p50'] / 1000:.2f} / {lat['p99'] / 1000:.2f} | {errors} |")
print()
samples = []
with open(os.path.join(work, "rss.tsv")) as f:
    for line in f:
        fields = line.split("\t")
        if len(fields) == 4 and fields[1].strip():
            samples.append([int(x) for x in fields[1:]])
print(f"- resident, idle after startup ({objects:,} keys stored): {mib(idle[0])} (RssAnon {mib(idle[1])}, RssFile {mib(idle[2])})")
if samples:
    peak = max(samples, key=lambda s: s[0])
    print(f"- resident, peak of {len(samples)} samples during the {conns_mem}-connection run: {mib(peak[0])}"
          f" (RssAnon {mib(peak[1])}, RssFile {mib(peak[2])})")
print(f"- VmHWM of kmipgw serve at the end (lifetime peak, all runs): {mib(hwm)}")
EOF
