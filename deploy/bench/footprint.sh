#!/usr/bin/env bash
# The footprint half of issue 15, on a stack of its own (ports 26000 and up: below the ephemeral range 32768-60999, where a client may hold a port, data in .ibasho/footprint, the Keycloak
# distribution shared with ./ibasho's): `./ibasho up` built and warm to all healthy, each application's own start to
# ready alone (its dependencies up, the machine warm), its RSS idle, and the idle CPU of every process with no request
# and no profiler. Prints a markdown table (also in target/footprint/footprint.md); deploy/bench/bench.sh runs it last.
#
#   deploy/bench/footprint.sh       # FOOTPRINT_IDLE_SECONDS (60), FOOTPRINT_PORT_BASE (26000), FOOTPRINT_STARTS (2)
# Needs what ./ibasho needs, and curl. Builds nothing: run ./ibasho build (or ./ibasho up) first.
set -euo pipefail
cd "$(dirname "$0")/../.."
PROJECT_DIR="$PWD"
BASE="${FOOTPRINT_PORT_BASE:-26000}"
IDLE_SECONDS="${FOOTPRINT_IDLE_SECONDS:-60}"
STARTS="${FOOTPRINT_STARTS:-2}"
OUT="$PROJECT_DIR/target/footprint"
mkdir -p "$OUT"
export IBASHO_HOME="$PROJECT_DIR/.ibasho/footprint" IBASHO_DIST="${IBASHO_DIST:-$PROJECT_DIR/.ibasho/dist}"
export IBASHO_GATEWAY_PORT=$((BASE + 80)) IBASHO_EVENT_PORT=$((BASE + 81)) IBASHO_REGISTRATION_PORT=$((BASE + 82))
export IBASHO_CHILDCARE_BOOKING_PORT=$((BASE + 83)) IBASHO_NOTIFICATION_PORT=$((BASE + 84))
export IBASHO_GATEWAY_MANAGEMENT_PORT=$((BASE + 90)) IBASHO_EVENT_MANAGEMENT_PORT=$((BASE + 91))
export IBASHO_REGISTRATION_MANAGEMENT_PORT=$((BASE + 92)) IBASHO_CHILDCARE_BOOKING_MANAGEMENT_PORT=$((BASE + 93))
export IBASHO_NOTIFICATION_MANAGEMENT_PORT=$((BASE + 94)) IBASHO_LINE_STAND_IN_PORT=$((BASE + 95)) IBASHO_SMTP_STAND_IN_PORT=$((BASE + 98)) IBASHO_SMTP_STAND_IN_PAGE_PORT=$((BASE + 99))
export IBASHO_KEYCLOAK_PORT=$((BASE + 180)) IBASHO_KEYCLOAK_MANAGEMENT_PORT=$((BASE + 190))
export IBASHO_KAFKA_PORT=$((BASE + 196)) IBASHO_KAFKA_CONTROLLER_PORT=$((BASE + 197)) IBASHO_PG_PORT=$((BASE + 432))
unset IBASHO_TRACING_ENDPOINT IBASHO_JVM_QUICK_START IBASHO_AOT_CACHE # as a developer's ./ibasho up runs

say() { printf '[footprint %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
# FOOTPRINT_KEEP_UP=true leaves the stack running for a closer look (stop it with IBASHO_HOME=$PWD/.ibasho/footprint ./ibasho down)
[ "${FOOTPRINT_KEEP_UP:-false}" = true ] || trap './ibasho down >/dev/null 2>&1 || true' EXIT

APPS="event registration childcare-booking notification gateway"
RUN="$IBASHO_HOME/run"
app_pid() { head -1 "$RUN/$1.pid" 2>/dev/null || true; } # the PID; the launcher adds its start on line 2
tree_ticks() { # pid -> user+sys ticks (100 a second) of it, its live descendants and its reaped children
  local pid=$1 total=0 child
  [ -n "$pid" ] && [ -r "/proc/$pid/stat" ] || { echo 0; return; }
  total=$({ sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null || echo; } | awk '{ print $12 + $13 + $14 + $15 + 0 }')
  for child in $(pgrep -P "$pid" 2>/dev/null || true); do total=$((total + $(tree_ticks "$child"))); done
  echo "$total"
}
KINDS="$APPS postgres kafka keycloak"
kind_pid() {
  case $1 in
    postgres) head -1 "$IBASHO_HOME/data/postgres/postmaster.pid" 2>/dev/null || true ;;
    kafka | keycloak) head -1 "$RUN/$1.pid" 2>/dev/null || true ;;
    *) app_pid "$1" ;;
  esac
}
rss_mb() { awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo "?"; }

# --- ./ibasho up, built and warm: once to make the data (and Keycloak's one-time build), then timed -----------------
say "priming: ./ibasho up, then down (data, realm, migrations)"
# the stack gives each application 120 s; on a loaded machine one may need more: up again starts only what is not up
up() { # output file; up to three attempts
  local attempt
  for attempt in 1 2 3; do
    ./ibasho up >> "$1" 2>&1 && return 0
    say "not all up yet (attempt $attempt, load average $(loadavg)); up again"
  done
  tail -20 "$1" >&2
  return 1
}
: > "$OUT/up-prime.txt"; : > "$OUT/up.txt"
up "$OUT/up-prime.txt"
./ibasho down > /dev/null 2>&1
sleep 5
LOAD_UP="$(loadavg)"
say "timed ./ibasho up (load average $LOAD_UP)"
t0=$(date +%s.%N)
up "$OUT/up.txt"
UP_ATTEMPTS=$(grep -c '^ibasho: ' "$OUT/up.txt" || true)
UP_SECONDS=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
UP_STEPS=$(sed -n 's/^  \([A-Za-z -]*[a-z]\) *ready in *\([0-9.]*\) s/\1 \2/p' "$OUT/up.txt" | paste -sd, | sed 's/,/, /g')
say "up in $UP_SECONDS s: $UP_STEPS"
: > "$OUT/start-cpu.txt" # CPU seconds each process spent from its launch until the stack was up
for kind in $KINDS; do
  echo "$kind $(awk -v t="$(tree_ticks "$(kind_pid "$kind")")" 'BEGIN { printf "%.1f", t / 100 }')" >> "$OUT/start-cpu.txt"
done
say "CPU s of each start: $(paste -sd' ' "$OUT/start-cpu.txt")"

# --- idle: every process with no request, after the start has settled ----------------------------------------------
sleep 30
idle_cpu() { # -> "kind ms-per-second" lines over IDLE_SECONDS
  local kind before=() i=0
  for kind in $KINDS; do before+=("$(tree_ticks "$(kind_pid "$kind")")"); done
  sleep "$IDLE_SECONDS"
  for kind in $KINDS; do
    echo "$kind $(awk -v a="${before[$i]}" -v b="$(tree_ticks "$(kind_pid "$kind")")" -v s="$IDLE_SECONDS" \
      'BEGIN { printf "%.1f", (b - a) * 10 / s }')"
    i=$((i + 1))
  done
}
LOAD_IDLE="$(loadavg)"
say "idle CPU over $IDLE_SECONDS s (load average $LOAD_IDLE)"
idle_cpu > "$OUT/idle.txt"
: > "$OUT/rss-idle.txt"
for app in $APPS; do echo "$app $(rss_mb "$(app_pid "$app")")" >> "$OUT/rss-idle.txt"; done
say "idle: $(paste -sd' ' "$OUT/idle.txt")"

# --- each application alone: stopped, then started again with the same command, environment and folder -----------
ready() { curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$1" 2>/dev/null | grep -q 200; }
start_alone() { # app -> "wall-seconds quarkus-seconds rss-mb"; the new PID goes to the stack's pid file
  local app=$1 pid cwd log mport t0 seconds
  pid=$(app_pid "$app")
  mapfile -d '' cmd < "/proc/$pid/cmdline"
  mapfile -d '' envs < "/proc/$pid/environ"
  cwd=$(readlink "/proc/$pid/cwd")
  log="$IBASHO_HOME/logs/$app.log"
  mport=$(printf '%s\n' "${envs[@]}" | sed -n 's/^QUARKUS_MANAGEMENT_PORT=//p')
  kill "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  sleep 3 # the machine settles; the dependencies keep running
  local from; from=$(wc -c < "$log")
  t0=$(date +%s.%N)
  (cd "$cwd" && exec setsid env -i "${envs[@]}" "${cmd[@]}" >> "$log" 2>&1 < /dev/null) &
  pid=$!
  # as the launcher writes it: the PID, then its start in clock ticks since boot (ManagedProcess.running)
  printf '%s\nstarted ticks:%s\n' "$pid" "$(sed 's/.*) //' "/proc/$pid/stat" | awk '{ print $20 }')" > "$RUN/$app.pid"
  until ready "http://127.0.0.1:$mport/q/health/ready"; do
    kill -0 "$pid" 2>/dev/null || { say "$app exited during its start"; tail -c +"$((from + 1))" "$log" | tail -20 >&2; exit 1; }
    sleep 0.05
  done
  seconds=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
  local cpu; cpu=$(awk -v t="$(tree_ticks "$pid")" 'BEGIN { printf "%.1f", t / 100 }')
  sleep 10 # also lets the main thread log its "started in", which may come after the first ready answer
  local quarkus; quarkus=$(tail -c +"$((from + 1))" "$log" | sed -n 's/.* started in \([0-9.]*\)s\..*/\1/p' | tail -1)
  echo "$seconds ${quarkus:-?} $cpu $(rss_mb "$pid")"
}
: > "$OUT/starts.txt"
for app in $APPS; do
  for n in $(seq 1 "$STARTS"); do
    result=$(start_alone "$app")
    echo "$app $result $(loadavg)" >> "$OUT/starts.txt"
    say "$app alone: ready in $(echo "$result" | cut -d' ' -f1) s (Quarkus: $(echo "$result" | cut -d' ' -f2) s), $(echo "$result" | cut -d' ' -f3) CPU s, RSS $(echo "$result" | cut -d' ' -f4) MB"
  done
done
JVM_FLAGS=$(tr '\0' ' ' < "/proc/$(app_pid registration)/cmdline" | sed 's/ -jar .*//; s/^[^ ]* //')

{
  echo "Footprint (\`deploy/bench/footprint.sh\`, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD)): applications"
  echo "started with \`$JVM_FLAGS\`, no profiler, no traces. \`./ibasho up\` built and warm (data kept from a first"
  echo "start) to all healthy: **$UP_SECONDS s** (load average $LOAD_UP; $UP_ATTEMPTS failed attempts re-run; the launcher's steps: $UP_STEPS)."
  echo
  echo "| process | ready alone, s (Quarkus' own \"started in\") | CPU s of that start | RSS 10 s after ready, MB | CPU s of its start in \`./ibasho up\` | RSS idle in the whole stack, MB | idle CPU, ms per s |"
  echo "|---|---|---:|---:|---:|---:|---:|"
  for app in $APPS; do
    printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$app" \
      "$(awk -v a="$app" '$1 == a { printf "%s%s (%s)", sep, $2, $3; sep = ", " }' "$OUT/starts.txt")" \
      "$(awk -v a="$app" '$1 == a { printf "%s%s", sep, $4; sep = ", " }' "$OUT/starts.txt")" \
      "$(awk -v a="$app" '$1 == a { printf "%s%s", sep, $5; sep = ", " }' "$OUT/starts.txt")" \
      "$(awk -v a="$app" '$1 == a { print $2 }' "$OUT/start-cpu.txt")" \
      "$(awk -v a="$app" '$1 == a { print $2 }' "$OUT/rss-idle.txt")" \
      "$(awk -v a="$app" '$1 == a { print $2 }' "$OUT/idle.txt")"
  done
  for kind in postgres kafka keycloak; do
    printf '| %s | | | | %s | | %s |\n' "$kind" "$(awk -v a="$kind" '$1 == a { print $2 }' "$OUT/start-cpu.txt")" \
      "$(awk -v a="$kind" '$1 == a { print $2 }' "$OUT/idle.txt")"
  done
  printf '| **the stack** (idle over %s s, load average %s) | | | | **%s** | | **%s** |\n' "$IDLE_SECONDS" "$LOAD_IDLE" \
    "$(awk '{ s += $2 } END { printf "%.1f", s }' "$OUT/start-cpu.txt")" \
    "$(awk '{ s += $2 } END { printf "%.1f", s }' "$OUT/idle.txt")"
  echo
  echo "Load average during the starts alone: $(awk '{ print $6 }' "$OUT/starts.txt" | paste -sd' ')."
} > "$OUT/footprint.md"
cat "$OUT/footprint.md"
