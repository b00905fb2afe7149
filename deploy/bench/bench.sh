#!/usr/bin/env bash
# The benchmark of issue 15, in one command: times the lottery draw with JMH (deploy/bench, -Pbench), starts the local
# stack (./ibasho up --fresh, on ports and in a home of its own: .ibasho/bench, empty at every run), creates attendee accounts with real Keycloak tokens, runs every scenario with
# wrk, runs pgbench's same-shape transaction on the stack's own PostgreSQL in the same run, records a JFR profile of every application in every scenario, stops the
# stack, and writes a table with the machine's details and every ratio between the markers in docs/benchmarks.md.
#
#   deploy/bench/bench.sh                 # 2,000 people, 64 connections, 20 s per scenario
#   BENCH_PEOPLE=200 BENCH_SECONDS=10 deploy/bench/bench.sh --no-write   # a quick look; docs/benchmarks.md untouched
#
# Knobs (environment): BENCH_PEOPLE (3000: each books each of a row's sessions once; with 2,000 a warmed-up stack
# booked all 20,000 pairs in under 20 s, round 34, and the row's last seconds were 409s), BENCH_CONNECTIONS (64), BENCH_SECONDS (20), BENCH_SESSIONS (10),
# BENCH_LOTTERY (true: the JMH draw first), BENCH_PROFILE (true: a JFR recording of every application per scenario),
# BENCH_STATEMENTS (0: N bookings one at a time with every statement of registration's database logged, and counted),
# BENCH_FOOTPRINT (true: deploy/bench/footprint.sh last, on a stack of its own: start alone, RSS idle, idle CPU),
# BENCH_EMAIL_PEOPLE (all: how many of the accounts confirm an e-mail address and choose e-mail, through the API as she
# does, with the code read from the stack's SMTP stand-in; 0: in-app only),
# BENCH_OPEN_BROWSE_RATE (3000) and BENCH_OPEN_BOOK_RATE (100): the open-loop rows' arrivals a second (Gatling,
# deploy/bench/open-loop; 0 leaves them out), BENCH_OPEN_WARMUP (10: their first seconds of arrivals, not counted),
# BENCH_BOOK_WARMUP (30: at least so many seconds of unmeasured bookings on sessions of their own before each booking
# row, in chunks of 15 s, and then more until the JIT is quiet: BENCH_JIT_QUIET_MS (3000: the five JVMs' compile time
# in the last chunk), at most BENCH_BOOK_WARMUP_MAX s (240); 0: none, as before round 28),
# BENCH_PORT_BASE (32000: the stack listens on 32080-32084, Keycloak 32180/32190, Kafka 32092/32093, PostgreSQL 32432,
# the SMTP stand-in 32025 and its page 32026).
# Measurement-only knobs (round 27), off by default: BENCH_BOOKINGS_ONLY (false; true: pgbench and the two booking rows
# only, no browse, rush or statements), BENCH_STOP_CONSUMERS (empty; e.g. "event childcare-booking notification": those
# applications are stopped once the sessions are made, so the booking rows measure the synchronous path with nobody
# consuming the bookings; registration still writes its outbox and its relay still publishes to Kafka).
# BENCH_BOOK_ORDER ("direct gateway"; "gateway direct" runs the gateway's booking row first, round 31).
# BENCH_PGSS (false; true: the stack's PostgreSQL loads pg_stat_statements, and each booking row writes what every
# statement of every database cost in its window, per booking, to $OUT/pgss-<row>.txt: round 33).
# Needs: a JDK 21+ (found as ./ibasho finds one), curl, jq, wrk and pgbench (installed with apt-get when run as root).
# The gateway's abuse limits are raised for this stack only (every request comes from 127.0.0.1, one person books ten
# sessions within a minute): the limits themselves are tested by the gateway's RateLimit*Test, not measured here.
set -euo pipefail
cd "$(dirname "$0")/../.."
PROJECT_DIR="$PWD"
WRITE=true
[ "${1:-}" = "--no-write" ] && WRITE=false

PEOPLE="${BENCH_PEOPLE:-3000}"
CONNECTIONS="${BENCH_CONNECTIONS:-64}"
export BENCH_CONNECTIONS="$CONNECTIONS" # wrk.lua: the answers' mean latency by Little's law (round 16)
RUN_SECONDS="${BENCH_SECONDS:-20}"
SESSIONS="${BENCH_SESSIONS:-10}"
THREADS=2
BASE="${BENCH_PORT_BASE:-32000}"
OUT="$PROJECT_DIR/target/bench"
mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT"/*.jfr "$OUT"/*.csv "$OUT"/*.samples

# A stack of its own, started empty every run: the benchmark's accounts, sessions and hundreds of thousands of bookings
# never mix with a developer's demo data in .ibasho, and every run measures tables that hold only its own rows. Before
# round 30 each run added to the last: the tables had grown to 1.4 million bookings over the runs on this machine.
export IBASHO_HOME="$PROJECT_DIR/.ibasho/bench" IBASHO_DIST="${IBASHO_DIST:-$PROJECT_DIR/.ibasho/dist}"
if [ "${BENCH_PGSS:-false}" = true ]; then
  export IBASHO_POSTGRES_SETTINGS="${IBASHO_POSTGRES_SETTINGS:-} shared_preload_libraries=pg_stat_statements"
fi
export IBASHO_GATEWAY_PORT=$((BASE + 80)) IBASHO_EVENT_PORT=$((BASE + 81)) IBASHO_REGISTRATION_PORT=$((BASE + 82))
export IBASHO_CHILDCARE_BOOKING_PORT=$((BASE + 83)) IBASHO_NOTIFICATION_PORT=$((BASE + 84))
export IBASHO_KEYCLOAK_PORT=$((BASE + 180)) IBASHO_KEYCLOAK_MANAGEMENT_PORT=$((BASE + 190))
export IBASHO_KAFKA_PORT=$((BASE + 92)) IBASHO_KAFKA_CONTROLLER_PORT=$((BASE + 93)) IBASHO_PG_PORT=$((BASE + 432))
# her e-mails go to the stack's SMTP stand-in (ADR 0066), whose receive time is what "accepted by SMTP" means here
export IBASHO_SMTP_STAND_IN_PORT=$((BASE + 25)) IBASHO_SMTP_STAND_IN_PAGE_PORT=$((BASE + 26))
unset QUARKUS_MAILER_HOST
# the gateway's metrics (its verified-token memory, its copy of the public list) are read from its management port
export IBASHO_GATEWAY_MANAGEMENT_PORT=$((BASE + 70))
export IBASHO_GATEWAY_RATE_LIMIT_PER_IP_CAPACITY=100000000 IBASHO_GATEWAY_RATE_LIMIT_PER_USER_CAPACITY=100000
# Peak throughput is measured: the services and Kafka get the C2 compiler (./ibasho up starts them C1-only).
export IBASHO_JVM_QUICK_START=false
# ... and without the start-up cache (a training run records while it serves; footprint.sh uses it: ADR 0057).
export IBASHO_AOT_CACHE=false

find_jdk() { # as ./ibasho looks: JAVA_HOME, the PATH, the usual JDK folder; a JDK 21+ (jcmd and jfr for the profile)
  local home major
  for home in "${JAVA_HOME:-}" "$(dirname "$(dirname "$(readlink -f "$(command -v javac 2>/dev/null || echo /nonexistent)")")")" /usr/lib/jvm/*; do
    [ -n "$home" ] && [ -x "$home/bin/jcmd" ] || continue
    major=$("$home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -1)
    [ "${major:-0}" -ge 21 ] && { echo "$home"; return 0; }
  done
  return 1
}
JAVA_HOME="$(find_jdk)" || { echo "bench: no JDK 21 or newer found (JAVA_HOME, PATH, /usr/lib/jvm)" >&2; exit 1; }
export JAVA_HOME

need() { # the tools the benchmark drives; Debian packages when missing and run as root
  local missing=()
  for tool in curl jq wrk pgbench psql; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    local packages=("${missing[@]/pgbench/postgresql-client}")
    packages=("${packages[@]/psql/postgresql-client}")
    echo "bench: installing ${packages[*]} (apt-get)"
    apt-get install -y -qq "${packages[@]}" >/dev/null || { apt-get update -qq && apt-get install -y -qq "${packages[@]}" >/dev/null; }
  else
    echo "bench: missing ${missing[*]}: install them (Debian: wrk, postgresql-client, curl, jq)" >&2
    exit 1
  fi
}
need

say() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

stop_stack() { say "stopping the stack"; ./ibasho down >/dev/null 2>&1 || true; }
trap stop_stack EXIT

OPEN_BROWSE_RATE="${BENCH_OPEN_BROWSE_RATE:-3000}"
OPEN_BOOK_RATE="${BENCH_OPEN_BOOK_RATE:-100}"
if [ "$OPEN_BROWSE_RATE" != 0 ] || [ "$OPEN_BOOK_RATE" != 0 ]; then
  say "open-loop scenarios: building deploy/bench/open-loop (Gatling)"
  # with its plugins: the rows call gatling:test offline, which on a fresh machine found no plugin for the prefix
  ./mvnw -B -q -Pbench -pl deploy/bench/open-loop test-compile dependency:resolve-plugins
fi

# --- the lottery draw alone (JMH, deploy/bench), before the stack starts: nothing else on the cores -----------------
DRAW_1K="not run"; DRAW_100K="not run"
if [ "${BENCH_LOTTERY:-true}" = true ]; then
  say "lottery draw: JMH on the pure lottery package (deploy/bench, -Pbench)"
  ./mvnw -B -q -Pbench -pl deploy/bench -am package -DskipTests -Dquarkus.build.skip=true
  ./mvnw -B -q -Pbench -pl deploy/bench dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
  "$JAVA_HOME/bin/java" -cp "deploy/bench/target/bench-0.1.0-SNAPSHOT.jar:$(cat deploy/bench/target/classpath.txt)" \
    org.openjdk.jmh.Main LotteryDrawBenchmark -rf csv -rff "$OUT/jmh.csv" > "$OUT/jmh.txt" 2>&1 \
    || { tail -20 "$OUT/jmh.txt" >&2; say "the lottery benchmark failed"; }
  jmh_ms() { # applications -> "score ± error" in ms of the draw of that many applications
    python3 - "$OUT/jmh.csv" "$1" <<'PY' 2>/dev/null || echo "?"
import csv, sys
for row in csv.DictReader(open(sys.argv[1])):
    if row["Param: applications"] == sys.argv[2]:
        print(f'{float(row["Score"]):.0f} ± {float(row["Score Error (99.9%)"]):.0f}')
PY
  }
  DRAW_1K=$(jmh_ms 1000); DRAW_100K=$(jmh_ms 100000)
  say "lottery draw: 1,000 applications $DRAW_1K ms, 100,000 applications $DRAW_100K ms"
fi

LOAD_BEFORE="$(loadavg)"
say "starting the stack on ports $BASE+ (load average $LOAD_BEFORE)"
t0=$(date +%s)
# the stack gives each application 120 s; on a loaded machine one may need more: up again starts only what is not up
FRESH=--fresh
for attempt in 1 2 3; do
  ./ibasho up $FRESH && break
  FRESH="" # up again keeps what the first attempt started
  [ "$attempt" = 3 ] && { say "the stack did not come up"; exit 1; }
  say "not all up yet (attempt $attempt, load average $(loadavg)); up again"
done
UP_SECONDS=$(($(date +%s) - t0))
say "stack healthy in ${UP_SECONDS} s"

GATEWAY="http://127.0.0.1:$IBASHO_GATEWAY_PORT"
REGISTRATION="http://127.0.0.1:$IBASHO_REGISTRATION_PORT"
EVENT="http://127.0.0.1:$IBASHO_EVENT_PORT"
KEYCLOAK="http://127.0.0.1:$IBASHO_KEYCLOAK_PORT"

token() { # a password grant of the realm's test client (password = username + -ibasho)
  curl -sf -d grant_type=password -d client_id=ibasho-test -d "username=$1" -d "password=$1-ibasho" -d scope=openid \
    "$KEYCLOAK/realms/ibasho/protocol/openid-connect/token" | jq -r .access_token
}
export -f token
export KEYCLOAK

# --- JFR: a recording (settings=profile) of every application during each scenario -------------------------------
app_pid() { # application -> pid of its JVM
  local dir="$PROJECT_DIR/services/$1"; [ "$1" = gateway ] && dir="$PROJECT_DIR/gateway"
  pgrep -f "$dir/target/quarkus-app" | head -1 || true
}
APPS="event registration childcare-booking notification gateway"
profile() { # scenario name: records every application for the scenario's duration, side by side
  [ "${BENCH_PROFILE:-true}" = true ] || return 0
  [ -z "${RECORDING_OPEN:-}" ] || return 0 # the booking rows' recording runs since their warm-up (profile_open)
  local app pid
  for app in $APPS; do
    pid=$(app_pid "$app"); [ -n "$pid" ] || continue
    "$JAVA_HOME/bin/jcmd" "$pid" JFR.start name="$1" settings=profile duration="${RUN_SECONDS}s" \
      filename="$OUT/$1-$app.jfr" </dev/null >/dev/null 2>&1 &
  done
  wait
}
# A recording started before it is measured: starting JFR deoptimises compiled code in every JVM (its own event
# paths), and the recompiling then fell into the measured seconds (rounds 29, 30). The booking rows open theirs with
# their warm-up's first chunk and keep only the row's seconds of it.
profile_open() { # scenario name
  [ "${BENCH_PROFILE:-true}" = true ] || return 0
  local app pid
  for app in $APPS; do
    pid=$(app_pid "$app"); [ -n "$pid" ] || continue
    "$JAVA_HOME/bin/jcmd" "$pid" JFR.start name="$1" settings=profile </dev/null >/dev/null 2>&1 &
  done
  wait
}
profile_cut() { # scenario name, begin and end (Instant) -> $OUT/<name>-<app>.jfr of those seconds; the recording ends
  [ "${BENCH_PROFILE:-true}" = true ] || return 0
  local app pid
  for app in $APPS; do
    pid=$(app_pid "$app"); [ -n "$pid" ] || continue
    { "$JAVA_HOME/bin/jcmd" "$pid" JFR.dump name="$1" begin="$2" end="$3" filename="$OUT/$1-$app.jfr"
      "$JAVA_HOME/bin/jcmd" "$pid" JFR.stop name="$1"; } </dev/null >/dev/null 2>&1 &
  done
  wait
}
warmed() { # target -> seconds of its warm-up, and its last chunk's JIT time
  tail -1 "$OUT/warmup-$1.txt" 2>/dev/null | sed -n 's/.*(\([0-9]*\) s).*JIT \([0-9]*\) ms/\1 s (last chunk: JIT \2 ms)/p' | grep . || echo "none"
}
jit_ms() { # the compile time of all five JVMs so far (ms; HotSpot's java.ci.totalTime counter)
  local app pid total=0 t
  for app in $APPS; do
    pid=$(app_pid "$app"); [ -n "$pid" ] || continue
    t=$("$JAVA_HOME/bin/jcmd" "$pid" PerfCounter.print 2>/dev/null </dev/null | awk -F= '
      $1 == "java.ci.totalTime" { t = $2 } $1 == "sun.os.hrt.frequency" { f = $2 }
      END { if (f > 0) printf "%d", t * 1000 / f; else print 0 }')
    total=$((total + ${t:-0}))
  done
  echo "$total"
}
# realm setting for this stack only: tokens live an hour, so that a slow machine's grants outlive the scenarios
REALM_ADMIN=$(curl -sf -d grant_type=password -d client_id=admin-cli -d username=admin -d password=admin \
  "http://127.0.0.1:$IBASHO_KEYCLOAK_PORT/realms/master/protocol/openid-connect/token" | jq -r .access_token)
curl -sf -o /dev/null -X PUT -H "Authorization: Bearer $REALM_ADMIN" -H 'Content-Type: application/json' \
  -d '{"accessTokenLifespan": 3600}' "http://127.0.0.1:$IBASHO_KEYCLOAK_PORT/admin/realms/ibasho" \
  || say "could not lengthen the tokens' lifespan"
# and for the bench's accounts only (created next, hashed as the policy says then): PBKDF2-SHA256 with 1,000 rounds
# instead of the realm's Argon2. Each person signs in twice before the scenarios (a password grant, the login form for
# e-mail), ~6 of a reduced run's 19 minutes at ~15 sign-ins a second; no scenario signs anyone in. The realm's other
# rules stay (a hashIterations alone would have meant 1,000 Argon2 passes).
POLICY=$(curl -sf -H "Authorization: Bearer $REALM_ADMIN" "http://127.0.0.1:$IBASHO_KEYCLOAK_PORT/admin/realms/ibasho" \
  | jq -r '(.passwordPolicy // "") | split(" and ") | map(select(test("^hash(Algorithm|Iterations)\\(") | not)) | join(" and ")')
jq -n --arg p "${POLICY:+$POLICY and }hashAlgorithm(pbkdf2-sha256) and hashIterations(1000)" '{passwordPolicy: $p}' \
  | curl -sf -o /dev/null -X PUT -H "Authorization: Bearer $REALM_ADMIN" -H 'Content-Type: application/json' \
      --data-binary @- "http://127.0.0.1:$IBASHO_KEYCLOAK_PORT/admin/realms/ibasho" \
  || say "could not make the bench accounts' password hashing cheaper"

# --- accounts: created in one partial import per 100, each with a real token --------------------------------------
RUN_ID="$(date +%s)"
say "creating $PEOPLE attendee accounts"
admin_token() { # the master realm's admin tokens live one minute: a fresh one per request
  curl -sf -d grant_type=password -d client_id=admin-cli -d username=admin -d password=admin \
    "$KEYCLOAK/realms/master/protocol/openid-connect/token" | jq -r .access_token
}
seq 1 "$PEOPLE" | sed "s/^/bench-$RUN_ID-/" > "$OUT/people.txt"
split -l 100 "$OUT/people.txt" "$OUT/people-part-"
for part in "$OUT"/people-part-*; do
  ADMIN=$(admin_token)
  jq -R '{username: ., enabled: true, realmRoles: ["default-roles-ibasho"],
          credentials: [{type: "password", value: (. + "-ibasho"), temporary: false}]}' "$part" \
    | jq -s '{ifResourceExists: "SKIP", users: .}' \
    | curl -sf -o /dev/null -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' --data-binary @- \
        "$KEYCLOAK/admin/realms/ibasho/partialImport" || { say "creating the accounts of $part failed"; exit 1; }
  rm -f "$part"
done
t0=$(date +%s)
# tokens live 5 minutes (the realm's setting): fetched last, right before the scenarios
xargs -P 4 -I{} bash -c 'printf "%s %s\n" {} "$(token {})"' < "$OUT/people.txt" > "$OUT/tokens.txt"
TOKEN_SECONDS=$(($(date +%s) - t0))
[ "$(awk 'length($2) > 100' "$OUT/tokens.txt" | wc -l)" -eq "$PEOPLE" ] || { say "some token grants failed"; exit 1; }
say "$PEOPLE password grants in ${TOKEN_SECONDS} s"

# --- e-mail: BENCH_EMAIL_PEOPLE accounts confirm an address and choose e-mail, as she does in the app ---------------
NOTIFICATION="http://127.0.0.1:$IBASHO_NOTIFICATION_PORT"
STAND_IN="http://127.0.0.1:$IBASHO_SMTP_STAND_IN_PAGE_PORT"
EMAIL_PEOPLE="${BENCH_EMAIL_PEOPLE:-$PEOPLE}"
EMAIL_SETUP="none (BENCH_EMAIL_PEOPLE=0)"
if [ "$EMAIL_PEOPLE" -gt 0 ]; then
  say "e-mail: $EMAIL_PEOPLE accounts sign in, confirm an address with the code the stand-in received, choose e-mail"
  EMAIL_SETUP=$(head -"$EMAIL_PEOPLE" "$OUT/people.txt" \
    | python3 deploy/bench/email-accounts.py "$KEYCLOAK/realms/ibasho" "$NOTIFICATION" "$STAND_IN" 4) \
    || { say "e-mail: $EMAIL_SETUP"; exit 1; }
  say "e-mail: $EMAIL_SETUP"
fi

# --- sessions: organiser1 makes and publishes them; registration hears of them over Kafka ------------------------
ORGANISER=$(token organiser1)
session() { # capacity -> id of a published first-come session that registration already knows
  local starts id
  starts=$(date -u -d "+20 days" +%Y-%m-%dT10:00:00Z)
  id=$(jq -n --arg s "$starts" --arg e "$(date -u -d "+20 days" +%Y-%m-%dT12:00:00Z)" --argjson c "$1" \
      '{kind: "cafe", titleJa: "ベンチマークのカフェ", startsAt: $s, endsAt: $e, capacity: $c, allocation: "FIRST_COME"}' \
    | curl -sf -H "Authorization: Bearer $ORGANISER" -H 'Content-Type: application/json' --data-binary @- \
        "$GATEWAY/api/events/sessions" | jq -r .id)
  curl -sf -o /dev/null -X POST -H "Authorization: Bearer $ORGANISER" "$GATEWAY/api/events/sessions/$id/publish"
  for _ in $(seq 1 300); do
    curl -sf -o /dev/null -H "Authorization: Bearer $ORGANISER" "$REGISTRATION/api/registrations/sessions/$id/roster" && break
    sleep 0.2
  done
  echo "$id"
}
confirmed() { curl -sf -H "Authorization: Bearer $ORGANISER" "$REGISTRATION/api/registrations/sessions/$1/roster" | jq .confirmed; }

# (token, session) pairs, person-major, each pair once: every booking of a run can succeed
pairs() { # file of session ids -> work file
  awk 'NR == FNR { s[n++] = $1; next } { for (i = 0; i < n; i++) print $2, s[(i + FNR) % n] }' "$1" "$OUT/tokens.txt"
}
pairs_spread() { # the same pairs, every person's first before anyone's second: the first lines reach every token
  awk 'NR == FNR { s[n++] = $1; next } { t[m++] = $2 } END { for (i = 0; i < n; i++) for (p = 0; p < m; p++) print t[p], s[(i + p) % n] }' \
    "$1" "$OUT/tokens.txt"
}

div() { awk -v a="${1:-0}" -v b="${2:-0}" -v f="$3" 'BEGIN { if (b + 0 == 0) print "?"; else printf f, a / b }'; }
# --- CPU per booking: each process's user+sys ticks (/proc/PID/stat, 100 a second) before and after a scenario ------
ticks() { # pid -> its user+sys ticks, and with "all" those of its reaped children (PostgreSQL's exited backends)
  [ -n "$1" ] && [ -r "/proc/$1/stat" ] || { echo 0; return; }
  # a process that ends meanwhile (a PostgreSQL backend closing) counts as 0 here and in its parent's reaped ticks
  { sed 's/.*) //' "/proc/$1/stat" 2>/dev/null || true; } | awk -v all="${2:-}" '
    { t = $12 + $13 + (all ? $14 + $15 : 0) } END { print t + 0 }'
}
pg_ticks() { # the postmaster with its reaped backends, plus every backend still alive
  local pm total child
  pm=$(head -1 "$IBASHO_HOME/data/postgres/postmaster.pid" 2>/dev/null || true)
  [ -n "$pm" ] || { echo 0; return; }
  total=$(ticks "$pm" all)
  for child in $(pgrep -P "$pm" 2>/dev/null || true); do total=$((total + $(ticks "$child"))); done
  echo "$total"
}
thread_ticks() { # pid thread-name-prefix -> user+sys ticks of the process's threads whose name starts so
  [ -n "$1" ] && [ -d "/proc/$1/task" ] || { echo 0; return; }
  cat /proc/"$1"/task/*/stat 2>/dev/null | awk -v p="($2" '
    index($0, p) { sub(/.*\) /, ""); t += $12 + $13 } END { print t + 0 }'
}
CPU_KINDS="registration gateway event childcare-booking notification postgres kafka"
cpu_snapshot() { # -> "kind ticks" per line
  local app
  for app in $APPS; do echo "$app $(ticks "$(app_pid "$app")")"; done
  # the share of registration's relay that runs on the Kafka producer's own thread (round 27; in registration's too)
  echo "registration-kafka-producer-thread $(thread_ticks "$(app_pid registration)" kafka-producer)"
  echo "postgres $(pg_ticks)"
  echo "kafka $(ticks "$(head -1 "$IBASHO_HOME/run/kafka.pid" 2>/dev/null || true)")"
}
cpu_per() { # before-file after-file count [printf format, %.1f] -> "kind ms" per line: CPU milliseconds per counted item
  awk -v n="$3" -v f="${4:-%.1f}" 'NR == FNR { before[$1] = $2; next }
    { printf "%s %s\n", $1, (n > 0 ? sprintf(f, ($2 - before[$1]) * 10 / n) : "?") }' "$1" "$2"
}
cpu_cell() { awk -v k="$2" '$1 == k { print $2 }' "$1"; }
catch_up() { # sessions file: waits (30 s at most) until notification told every booking of those sessions, e-mail too
  local in booked told mailing
  stopped notification && return 0 # nobody tells her (BENCH_STOP_CONSUMERS)
  in="'$(paste -sd, "$1" | sed "s/,/','/g")'"
  for _ in $(seq 1 30); do
    booked=$(psql -At -d registration -c "select count(*) from registration where status = 'CONFIRMED' and session_id in ($in)")
    told=$(psql -At -d notification -c "select count(distinct registration_id) from inbox_message where session_id in ($in)")
    mailing=$(psql -At -d notification -c "select count(*) from email_delivery d join inbox_message m
      on m.id = d.inbox_message_id where m.session_id in ($in) and d.status = 'PENDING'")
    [ "${told:-0}" -ge "${booked:-0}" ] && [ "${mailing:-0}" -eq 0 ] && break
    sleep 1
  done
}

# Open loop (Gatling, deploy/bench/open-loop): arrivals at a set rate whatever the answers take, and what each answer
# took, uncorrected; wrk's rows keep $CONNECTIONS connections busy instead. The first BENCH_OPEN_WARMUP s of arrivals (10)
# are not counted: the load generator's own start, JIT and first connections (with 5 s, one run still had a stall of
# 0.5-0.7 s in its 6th second, none after). No JFR recording during these rows.
open_loop() { # name simulation rate url [work file] -> the RESULT line of deploy/bench/open-loop's Answers (ms)
  local name=$1 simulation=$2 rate=$3 url=$4 work=${5:-}
  # gatling:test runs the lifecycle to test-compile first: built and checked at the start, so no format check here
  ./mvnw -B -q -o -Pbench -pl deploy/bench/open-loop gatling:test -Dspotless.check.skip=true -Dgatling.simulationClass="io.ibasho.bench.$simulation" \
    -Dbench.url="$url" -Dbench.rate="$rate" -Dbench.seconds="$RUN_SECONDS" -Dbench.warmup="${BENCH_OPEN_WARMUP:-10}" \
    -Dbench.work="$work" > "$OUT/$name.txt" 2>&1 || true
  grep '^RESULT' "$OUT/$name.txt" || { tail -20 "$OUT/$name.txt" >&2; echo "RESULT requests=0"; }
}

# With a window (epoch ms, the open loop's measured one), only the bookings committed in it are timed: the load
# generator's first seconds take CPU from the services too (round 18). The arithmetic: deploy/bench/latencies.py.
message_latency() { # sessions file [from_ms until_ms] -> "N of M told; p50 … ms, p99 … ms": booking -> in-app message
  local in; in="'$(paste -sd, "$1" | sed "s/,/','/g")'"
  psql -At -F, -d registration -c "select id, extract(epoch from created_at) from registration
    where status = 'CONFIRMED' and session_id in ($in)" > "$OUT/booked.csv"
  psql -At -F, -d notification -c "select registration_id, min(extract(epoch from created_at)) from inbox_message
    where session_id in ($in) group by 1" > "$OUT/told.csv"
  python3 deploy/bench/latencies.py message "$OUT/booked.csv" "$OUT/told.csv" ${2:+"$2" "$3"}
}

# Booking committed -> her e-mail accepted by the SMTP stand-in (its 250 after DATA), each exactly once (latencies.py).
# Reads $OUT/booked.csv: call message_latency first.
email_latency() { # sessions file [from_ms until_ms] -> "N of M e-mailed, each exactly once; p50 … ms, p99 … ms"
  local in; in="'$(paste -sd, "$1" | sed "s/,/','/g")'"
  psql -At -F, -d registration -c "select id, attendee_id from registration
    where status = 'CONFIRMED' and session_id in ($in)" > "$OUT/booked-by.csv"
  psql -At -F, -d notification -c "select recipient_id from recipient_preference
    where email_enabled and email_verified_at is not null" > "$OUT/emailing.csv"
  psql -At -F, -d notification -c "select d.id, m.registration_id from email_delivery d
    join inbox_message m on m.id = d.inbox_message_id where m.session_id in ($in)" > "$OUT/deliveries.csv"
  curl -sf "$STAND_IN/receipts" > "$OUT/receipts.txt" || : > "$OUT/receipts.txt"
  python3 deploy/bench/latencies.py email "$OUT/booked.csv" "$OUT/booked-by.csv" "$OUT/emailing.csv" \
    "$OUT/deliveries.csv" "$OUT/receipts.txt" ${2:+"$2" "$3"}
}

gw_counters() { # the gateway's counters: "verified_tokens:hit N", "public_list:fresh N", ... (numbers, no token data)
  curl -s "http://127.0.0.1:$IBASHO_GATEWAY_MANAGEMENT_PORT/q/metrics" 2>/dev/null \
    | sed -n 's/^ibasho_gateway_\(verified_tokens\|public_list\)_total{.*result="\([a-z]*\)".*} \([0-9.E+]*\)$/\1:\2 \3/p'
}
run_wrk() { # name mode url [work file] -> the RESULT line, also kept in $OUT/name.txt; $OUT/gw-name.txt: counters' growth
  local name=$1 mode=$2 url=$3 work=${4:-}
  profile "$name"
  gw_counters > "$OUT/gw-before-$name.txt"
  BENCH_MODE=$mode BENCH_WORK=$work BENCH_THREADS=$THREADS \
    wrk -t "$THREADS" -c "$CONNECTIONS" -d "${RUN_SECONDS}s" --timeout 10s -s deploy/bench/wrk.lua "$url" \
    > "$OUT/$name.txt" 2>&1 || true
  gw_counters | awk 'NR == FNR { b[$1] = $2; next } { printf "%s %d\n", $1, $2 - b[$1] }' "$OUT/gw-before-$name.txt" - \
    > "$OUT/gw-$name.txt"
  grep '^RESULT' "$OUT/$name.txt" || { cat "$OUT/$name.txt" >&2; echo "RESULT requests=0"; }
}
gw_count() { awk -v k="$2" '$1 == k { print $2 }' "$OUT/gw-$1.txt" 2>/dev/null | grep . || echo "?"; }
gw_tokens() { # scenario -> "hits / misses (hit rate)" of the gateway's verified-token memory
  local hit miss; hit=$(gw_count "$1" verified_tokens:hit); miss=$(gw_count "$1" verified_tokens:miss)
  echo "$hit / $miss ($(awk -v h="$hit" -v m="$miss" 'BEGIN { if (h + m > 0) printf "%.0f %%", 100 * h / (h + m); else print "?" }'))"
}
gw_list() { echo "$(gw_count "$1" public_list:fresh) / $(gw_count "$1" public_list:revalidated) / $(gw_count "$1" public_list:fetched)"; }
field() { local value; value=$(echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"); echo "${value:-0}"; }

# --- pgbench: a seat UPDATE plus two INSERTs (booking, outbox), on the stack's PostgreSQL, now ------------------
say "pgbench: the booking's transaction shape on the stack's own PostgreSQL"
export PGHOST=127.0.0.1 PGPORT=$IBASHO_PG_PORT PGUSER=postgres
cat > "$OUT/booking.sql" <<SQL
\set s random(1, $SESSIONS)
BEGIN;
UPDATE seat SET taken = taken + 1 WHERE session_id = :s AND taken < capacity;
INSERT INTO booking VALUES (gen_random_uuid(), :s, md5(random()::text), 'CONFIRMED', now());
INSERT INTO outbox VALUES (gen_random_uuid(), 'registration-lifecycle', :s::text, 'RegistrationConfirmed',
  repeat('x', 400), now(), null);
END;
SQL
pgbench_tps() { # clients file -> tx/s of the same-shape transaction on fresh tables; pgbench's output kept in file
  psql -q -d postgres -c 'drop database if exists bench' -c 'create database bench' >/dev/null
  psql -q -d bench >/dev/null <<SQL
create table seat (session_id int primary key, capacity int not null, taken int not null);
insert into seat select g, 1000000000, 0 from generate_series(1, $SESSIONS) g;
create table booking (id uuid primary key, session_id int not null, person text not null, status text not null,
                      created_at timestamptz not null);
create table outbox (id uuid primary key, topic text not null, message_key text not null, type text not null,
                     payload text not null, created_at timestamptz not null, published_at timestamptz);
SQL
  pgbench -n -c "$1" -j 2 -T "$RUN_SECONDS" -f "$OUT/booking.sql" bench > "$2" 2>&1
  psql -q -d postgres -c 'drop database bench' >/dev/null
  sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$2"
}
PG8=$(pgbench_tps 8 "$OUT/pgbench-8.txt")
# At 64 clients twice, before the booking rows and again after them, and the rows divided by the mean: one 20-s sample
# ranged from 2,025 to 2,819 tx/s over eight runs of the same code (round 31), more than the rows themselves moved.
PGC_BEFORE=$(pgbench_tps "$CONNECTIONS" "$OUT/pgbench.txt")
PGC_LAT=$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' "$OUT/pgbench.txt")
say "pgbench: $PG8 tx/s at 8 clients, $PGC_BEFORE tx/s at $CONNECTIONS clients"
# read while the stack runs: the table is written after the footprint run has stopped it
PG_VERSION=$(psql -At -d postgres -c 'show server_version' 2>/dev/null || echo '?')

# --- browsing: the public list, direct and through the gateway ---------------------------------------------------
say "browse"
browse_run() { # name url -> RESULT line; leaves $OUT/cpu-<name>.txt: CPU ms per request of each process
  local result
  # unmeasured warm-up (BENCH_WARMUP s, 5 by default): the JIT's first seconds are not the steady state measured here
  BENCH_MODE=get wrk -t "$THREADS" -c "$CONNECTIONS" -d "${BENCH_WARMUP:-5}s" --timeout 10s -s deploy/bench/wrk.lua "$2" \
    > /dev/null 2>&1 || true
  cpu_snapshot > "$OUT/cpu-before-$1.txt"
  result=$(run_wrk "$1" get "$2")
  cpu_snapshot > "$OUT/cpu-after-$1.txt"
  # three decimals: a list answered from memory costs hundredths of a millisecond, which one decimal showed as 0.0
  cpu_per "$OUT/cpu-before-$1.txt" "$OUT/cpu-after-$1.txt" "$(field "$result" requests)" %.3f > "$OUT/cpu-$1.txt"
  echo "$result"
}
BOOKINGS_ONLY="${BENCH_BOOKINGS_ONLY:-false}"
BROWSE_DIRECT="requests=0"; BROWSE_GATEWAY="requests=0"; BROWSE_RETURNING="requests=0"
if [ "$BOOKINGS_ONLY" != true ]; then
BROWSE_DIRECT=$(browse_run browse-direct "$EVENT/api/events/sessions")
BROWSE_GATEWAY=$(browse_run browse-gateway "$GATEWAY/api/events/sessions")
# a returning browser: it kept the list and its ETag, and asks with If-None-Match (304 while the list is unchanged)
BENCH_IF_NONE_MATCH=$(curl -s -D- -o /dev/null "$EVENT/api/events/sessions" | sed -n 's/^[Ee][Tt][Aa][Gg]: *//p' | tr -d '\r')
export BENCH_IF_NONE_MATCH
BROWSE_RETURNING=$(browse_run browse-returning "$GATEWAY/api/events/sessions")
unset BENCH_IF_NONE_MATCH
fi
OPEN_BROWSE_DIRECT="requests=0"; OPEN_BROWSE_GATEWAY="requests=0"
if [ "$OPEN_BROWSE_RATE" != 0 ]; then
  say "open loop: $OPEN_BROWSE_RATE visitors a second at the public list, direct, then through the gateway"
  OPEN_BROWSE_DIRECT=$(open_loop browse-open-direct BrowseAtFixedRate "$OPEN_BROWSE_RATE" "$EVENT")
  OPEN_BROWSE_GATEWAY=$(open_loop browse-open-gateway BrowseAtFixedRate "$OPEN_BROWSE_RATE" "$GATEWAY")
  say "open loop browse: direct $OPEN_BROWSE_DIRECT; gateway $OPEN_BROWSE_GATEWAY"
fi

# --- bookings that succeed: direct, then through the gateway ---------------------------------------------------
BOOK_WARMUP="${BENCH_BOOK_WARMUP:-30}"
for target in direct gateway; do
  : > "$OUT/sessions-$target.txt"
  for _ in $(seq 1 "$SESSIONS"); do session 100000 >> "$OUT/sessions-$target.txt"; done
  pairs "$OUT/sessions-$target.txt" > "$OUT/work-$target.txt"
done
STOPPED="${BENCH_STOP_CONSUMERS:-}"
stopped() { case " $STOPPED " in *" $1 "*) return 0 ;; esac; return 1; }
for app in $STOPPED; do # measurement only (round 27): nobody consumes the bookings; ./ibasho down skips what is gone
  pid=$(app_pid "$app"); [ -n "$pid" ] || continue
  say "stopping $app (BENCH_STOP_CONSUMERS)"; kill -TERM "$pid"
  for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
done
# CPU of each process from the scenario's start until notification has told every booking of it (the fan-out that
# lags behind wrk counts too), divided by the bookings the roster confirms: CPU ms per successful booking
# BENCH_PGSS=true: pg_stat_statements emptied right before a booking row and read after its CPU window (the bookings
# told). Execution time includes waiting for locks (the seat's row); what PostgreSQL spends besides executing (reading
# and answering each message, waking, committing) is in no statement's figure.
pgss_reset() {
  [ "${BENCH_PGSS:-false}" = true ] || return 0
  psql -q -d postgres -c 'create extension if not exists pg_stat_statements' -c 'select pg_stat_statements_reset()' >/dev/null
}
pgss_per_booking() { # bookings -> per statement: database, calls and ms of execution per booking, µs and blocks per call
  [ "${BENCH_PGSS:-false}" = true ] || { echo "pg_stat_statements not loaded (BENCH_PGSS=false)"; return 0; }
  psql -d postgres -F' | ' -A -c "select d.datname as database, round(s.calls::numeric / $1, 2) as calls_per_booking,
      round((s.total_exec_time / $1)::numeric, 3) as ms_per_booking,
      round((1000 * s.total_exec_time / s.calls)::numeric, 1) as us_per_call,
      round(((s.shared_blks_hit + s.shared_blks_read)::numeric / s.calls), 1) as blocks_per_call,
      s.shared_blks_read as blocks_read, regexp_replace(left(s.query, 100), '\s+', ' ', 'g') as statement
    from pg_stat_statements s join pg_database d on d.oid = s.dbid
    where s.calls >= $1 / 100 order by s.total_exec_time desc limit 30"
}
book_scenario() { # target url -> RESULT line; leaves $OUT/cpu-book-<target>.txt and $OUT/confirmed-<target>.txt
  local target=$1 url=$2 result count=0 t0 id
  : > "$OUT/sessions-warmup-$target.txt"; : > "$OUT/warmup-$target.txt"
  if [ "$BOOK_WARMUP" -gt 0 ]; then
    # Unmeasured warm-up, as each browse row has one: bookings on sessions of their own, in chunks of 15 s, for at
    # least BENCH_BOOK_WARMUP s and then until the JIT is quiet: the compilers of all five JVMs together spent less
    # than BENCH_JIT_QUIET_MS (3000) in the last chunk, or BENCH_BOOK_WARMUP_MAX s (240) have passed. After 30 s the
    # row itself still held 9-13 s of C2 compiling, after 120 s the first row 4-10 s, and the compilers' time per chunk
    # fell from 36 s to a floor of 2-5 s only after 90-165 s (round 29). Each chunk opens new
    # connections, as the row does: a JIT that never saw one after its first compile undid its code at the row's start
    # ("unstable_if" in Netty's and Vert.x's request decoding). The row's recording starts with the first chunk: its
    # start deoptimises JFR's own paths in every JVM, and started with the last chunk (round 29) the recompiling went on
    # into the row (7-11 s of JIT in the measured 20 s, and 556-616 bookings a second where the quiet chunks before
    # had booked 800: round 30). The token memories see every person's token in each chunk's first lines.
    local waited=0 chunk=0 before now compiled
    profile_open "book-$target"
    before=$(jit_ms)
    while :; do
      chunk=$((chunk + 1))
      : > "$OUT/sessions-warmup-block.txt"
      for _ in $(seq 1 "$SESSIONS"); do session 100000 >> "$OUT/sessions-warmup-block.txt"; done
      cat "$OUT/sessions-warmup-block.txt" >> "$OUT/sessions-warmup-$target.txt"
      pairs_spread "$OUT/sessions-warmup-block.txt" > "$OUT/work-warmup-$target.txt"
      BENCH_MODE=book BENCH_WORK="$OUT/work-warmup-$target.txt" BENCH_THREADS=$THREADS wrk -t "$THREADS" \
        -c "$CONNECTIONS" -d 15s --timeout 10s -s deploy/bench/wrk.lua "$url" > "$OUT/warmup-chunk.txt" 2>&1 || true
      # since the last reading: the chunk and the new sessions before it (one jcmd round per chunk, not two)
      now=$(jit_ms); compiled=$((now - before)); before=$now; waited=$((waited + 15))
      echo "warm-up $target, chunk $chunk ($waited s): $(grep -o 'ok=[0-9]*' "$OUT/warmup-chunk.txt" || echo 'ok=?') bookings, JIT $compiled ms" \
        | tee -a "$OUT/warmup-$target.txt" >&2
      if [ "$waited" -ge "$BOOK_WARMUP" ] \
        && { [ "$compiled" -lt "${BENCH_JIT_QUIET_MS:-3000}" ] || [ "$waited" -ge "${BENCH_BOOK_WARMUP_MAX:-240}" ]; }; then
        break
      fi
    done
    catch_up "$OUT/sessions-warmup-$target.txt"
  else
    profile_open "book-$target"
  fi
  local jit_before; jit_before=$(jit_ms)
  # what each process burns with no request at all (polls, timers, JFR, the JIT finishing), over 10 s right before
  cpu_snapshot > "$OUT/cpu-idle-$target.txt"; sleep 10
  cpu_snapshot > "$OUT/cpu-before-$target.txt"; t0=$(date +%s.%N)
  cpu_per "$OUT/cpu-idle-$target.txt" "$OUT/cpu-before-$target.txt" 10 > "$OUT/idle-$target.txt"
  local begin end
  pgss_reset
  begin=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  result=$(RECORDING_OPEN=1 run_wrk "book-$target" book "$url" "$OUT/work-$target.txt")
  end=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  profile_cut "book-$target" "$begin" "$end"
  catch_up "$OUT/sessions-$target.txt"
  cpu_snapshot > "$OUT/cpu-after-$target.txt"
  # the JIT's compile time in the idle seconds, the row and its catch-up (after the CPU window: jcmd costs CPU)
  echo $(($(jit_ms) - jit_before)) > "$OUT/jit-$target.txt"
  echo "$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') $(loadavg)" > "$OUT/window-$target.txt"
  while read -r id; do count=$((count + $(confirmed "$id"))); done < "$OUT/sessions-$target.txt"
  echo "$count" > "$OUT/confirmed-$target.txt"
  cpu_per "$OUT/cpu-before-$target.txt" "$OUT/cpu-after-$target.txt" "$count" > "$OUT/cpu-book-$target.txt"
  pgss_per_booking "$count" > "$OUT/pgss-$target.txt"
  echo "$result"
}
# BENCH_BOOK_ORDER (measurement only, round 31): "gateway direct" runs the gateway's row first, to tell what the
# gateway costs from what a run's second row costs (in F4, H4 and F5 every process cost more per booking in the second)
for target in ${BENCH_BOOK_ORDER:-direct gateway}; do
  if [ "$target" = direct ]; then
    say "bookings that succeed, direct"
    BOOK_DIRECT=$(book_scenario direct "$REGISTRATION")
    say "CPU ms per booking, direct: $(tr '\n' ' ' < "$OUT/cpu-book-direct.txt"); JIT $(cat "$OUT/jit-direct.txt") ms"
  else
    say "bookings that succeed, through the gateway"
    BOOK_GATEWAY=$(book_scenario gateway "$GATEWAY")
    say "CPU ms per booking, through the gateway: $(tr '\n' ' ' < "$OUT/cpu-book-gateway.txt"); JIT $(cat "$OUT/jit-gateway.txt") ms"
  fi
done
CHECK_DIRECT=$(cat "$OUT/confirmed-direct.txt")
CHECK_GATEWAY=$(cat "$OUT/confirmed-gateway.txt")

# --- booking committed -> her in-app message and her e-mail, from the services' own rows (the gateway run's bookings) --
say "booking -> message: waiting for notification to catch up"
catch_up "$OUT/sessions-gateway.txt"
MESSAGE_LATENCY="not measured (notification stopped: BENCH_STOP_CONSUMERS)"
stopped notification || MESSAGE_LATENCY=$(message_latency "$OUT/sessions-gateway.txt")
say "booking -> message: $MESSAGE_LATENCY"
EMAIL_LATENCY="not measured (BENCH_EMAIL_PEOPLE=0)"
if [ "$EMAIL_PEOPLE" -gt 0 ]; then
  EMAIL_LATENCY=$(email_latency "$OUT/sessions-gateway.txt")
  say "booking -> e-mail accepted by SMTP: $EMAIL_LATENCY"
fi

# --- pgbench again, the stack idle as before the rows (every booking told and e-mailed): the limit is their mean -----
PGC_AFTER=$(pgbench_tps "$CONNECTIONS" "$OUT/pgbench-after.txt")
PGC=$(awk -v a="$PGC_BEFORE" -v b="$PGC_AFTER" 'BEGIN { if (b + 0 > 0) printf "%.0f", (a + b) / 2; else printf "%.0f", a }')
say "pgbench after the booking rows: $PGC_AFTER tx/s at $CONNECTIONS clients (mean $PGC)"

# --- open loop: bookings arriving at a set rate through the gateway, and how soon each was told (Gatling) ------------
OPEN_BOOK="requests=0"; OPEN_CONFIRMED="?"; OPEN_MESSAGE="not run (BENCH_OPEN_BOOK_RATE=0)"; OPEN_EMAIL="$OPEN_MESSAGE"
if [ "$OPEN_BOOK_RATE" != 0 ]; then
  say "open loop: $OPEN_BOOK_RATE bookings a second through the gateway for $RUN_SECONDS s"
  : > "$OUT/sessions-open.txt"
  for _ in $(seq 1 "$SESSIONS"); do session 100000 >> "$OUT/sessions-open.txt"; done
  pairs "$OUT/sessions-open.txt" > "$OUT/work-open.txt"
  OPEN_BOOK=$(open_loop book-open BookingsAtFixedRate "$OPEN_BOOK_RATE" "$GATEWAY" "$OUT/work-open.txt")
  catch_up "$OUT/sessions-open.txt"
  OPEN_CONFIRMED=0
  while read -r id; do OPEN_CONFIRMED=$((OPEN_CONFIRMED + $(confirmed "$id"))); done < "$OUT/sessions-open.txt"
  OPEN_MESSAGE=$(message_latency "$OUT/sessions-open.txt" "$(field "$OPEN_BOOK" from_ms)" "$(field "$OPEN_BOOK" until_ms)")
  OPEN_EMAIL="not measured (BENCH_EMAIL_PEOPLE=0)"
  [ "$EMAIL_PEOPLE" -gt 0 ] && OPEN_EMAIL=$(email_latency "$OUT/sessions-open.txt" "$(field "$OPEN_BOOK" from_ms)" \
    "$(field "$OPEN_BOOK" until_ms)")
  say "open loop: $OPEN_BOOK; message $OPEN_MESSAGE; e-mail $OPEN_EMAIL"
fi

# --- the rush: everyone at one 10-seat session through the gateway -----------------------------------------------
RUSH="requests=0"; RUSH_CONFIRMED="not run"
if [ "$BOOKINGS_ONLY" != true ] && ! stopped event; then # a new session needs the event service
say "rush on one 10-seat session"
session 10 > "$OUT/sessions-rush.txt"
pairs "$OUT/sessions-rush.txt" > "$OUT/work-rush.txt"
cpu_snapshot > "$OUT/cpu-before-rush.txt"
RUSH=$(run_wrk rush book "$GATEWAY" "$OUT/work-rush.txt")
cpu_snapshot > "$OUT/cpu-after-rush.txt"
cpu_per "$OUT/cpu-before-rush.txt" "$OUT/cpu-after-rush.txt" "$(field "$RUSH" requests)" > "$OUT/cpu-rush.txt"
RUSH_CONFIRMED=$(confirmed "$(cat "$OUT/sessions-rush.txt")")
fi

# --- statements per booking (BENCH_STATEMENTS=N, off by default): N bookings one after the other into a fresh session
# with every statement of the registration database logged; counts what PostgreSQL received, the relay's included ------
STATEMENTS="not counted (BENCH_STATEMENTS=0)"
if [ "${BENCH_STATEMENTS:-0}" -gt 0 ] && [ "$BOOKINGS_ONLY" != true ] && ! stopped event; then
  session 100000 > "$OUT/sessions-statements.txt"
  PG_LOG="$IBASHO_HOME/data/postgres/server.log" # the server's own log (the stack's postgres.log has its start)
  psql -q -d postgres -c "alter system set log_statement = 'all'" -c "alter system set log_line_prefix = '%d:%p '" \
    -c 'select pg_reload_conf()' >/dev/null
  sleep 1
  from=$(wc -l < "$PG_LOG")
  head -"$BENCH_STATEMENTS" "$OUT/tokens.txt" | while read -r _ bearer; do
    curl -s -o /dev/null -X POST -H "Authorization: Bearer $bearer" -H 'Content-Type: application/json' \
      -d '{"nickname":"bench"}' "$REGISTRATION/api/registrations/sessions/$(cat "$OUT/sessions-statements.txt")/bookings"
  done
  sleep 2 # the relay publishes the last ones
  psql -q -d postgres -c 'alter system reset log_statement' -c 'alter system reset log_line_prefix' \
    -c 'select pg_reload_conf()' >/dev/null
  tail -n +"$((from + 1))" "$PG_LOG" | grep -E '^registration:[0-9]+ .*(statement|execute [^:]*):' > "$OUT/statements.log" || true
  STATEMENTS="$(div "$(wc -l < "$OUT/statements.log")" "$BENCH_STATEMENTS" "%.1f") per booking ($BENCH_STATEMENTS bookings one at a time, $OUT/statements.log)"
  say "statements received by the registration database: $STATEMENTS"
fi

# --- idle footprint of each service ---------------------------------------------------------------------------------
RSS=""
for app in event registration childcare-booking notification gateway; do
  dir="$PROJECT_DIR/services/$app"; [ "$app" = gateway ] && dir="$PROJECT_DIR/gateway"
  pid=$(pgrep -f "$dir/target/quarkus-app" | head -1 || true)
  [ -n "$pid" ] && RSS="$RSS $app $(($(awk '/VmRSS/ {print $2}' "/proc/$pid/status") / 1024)) MB,"
done
LOAD_AFTER="$(loadavg)"
# what registration's readiness is made of (PostgreSQL and Kafka should both be in it)
READINESS=$(curl -s "$REGISTRATION/q/health/ready" | jq -r '[.checks[] | "\(.name) \(.status)"] | join(", ")' 2>/dev/null || true)

# --- JFR: where each application spent its CPU in each scenario (shares by library, hot methods, GC, exceptions) ----
HOT=""
for file in "$OUT"/*.jfr; do
  [ -f "$file" ] || continue
  "$JAVA_HOME/bin/jfr" print --events jdk.ExecutionSample --stack-depth 200 "$file" > "${file%.jfr}.samples" 2>/dev/null || continue
  { python3 deploy/bench/jfr-shares.py "${file%.jfr}.samples"
    for view in hot-methods gc exception-by-type; do
      echo "== $view"; "$JAVA_HOME/bin/jfr" view --width 180 "$view" "$file" 2>&1 | sed -n '1,28p'
    done; } > "${file%.jfr}.txt"
  rm -f "${file%.jfr}.samples"
done
HOT=$(sed -n '1,30p' "$OUT/book-direct-registration.txt" 2>/dev/null || true)

# --- footprint (BENCH_FOOTPRINT, on by default): its own stack once this one is down (deploy/bench/footprint.sh) -------
FOOTPRINT="not measured (BENCH_FOOTPRINT=false)"
if [ "${BENCH_FOOTPRINT:-true}" = true ]; then
  stop_stack
  say "footprint: ./ibasho up built and warm, each application alone, idle CPU without a profiler"
  FOOTPRINT=$(env -u IBASHO_JVM_QUICK_START deploy/bench/footprint.sh) || FOOTPRINT="footprint.sh failed (see the output above)"
fi

# --- the table ------------------------------------------------------------------------------------------------------
rate() { div "$(field "$1" ok)" "$(field "$1" seconds)" "%.0f"; }
reqrate() { div "$(field "$1" requests)" "$(field "$1" seconds)" "%.0f"; }
ratio() { div "$1" "$2" "%.2f"; }
row() { # label result
  printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$1" "$(reqrate "$2")" "$(field "$2" ok)" "$(field "$2" conflict)" \
    "$(($(field "$2" fivexx) + $(field "$2" other) + $(field "$2" limited) + $(field "$2" errors)))" \
    "$(field "$2" p50)" "$(field "$2" p99)" "$(rate "$2")"
}
open_row() { # label rate result
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$1" "$2" "$(field "$3" rps)" "$(field "$3" ok)" \
    "$(($(field "$3" conflict) + $(field "$3" other)))" "$(field "$3" p50)" "$(field "$3" p90)" "$(field "$3" p99)" "$(field "$3" p999)" "$(field "$3" max)"
}
BD=$(rate "$BOOK_DIRECT"); BG=$(rate "$BOOK_GATEWAY")
VD=$(reqrate "$BROWSE_DIRECT"); VG=$(reqrate "$BROWSE_GATEWAY")
JAVA_VERSION="$("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
{
  echo "Run of \`deploy/bench/bench.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD)."
  echo
  echo "Machine: $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo),"
  echo "$(uname -sr), $JAVA_VERSION, PostgreSQL $PG_VERSION, wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}')."
  echo "Load average before the stack started: $LOAD_BEFORE; after the last scenario: $LOAD_AFTER (other work on the same"
  echo "cores counts in every figure). $PEOPLE attendee accounts with real tokens ($PEOPLE password grants in ${TOKEN_SECONDS} s),"
  echo "$CONNECTIONS connections, $RUN_SECONDS s per scenario (each browse row after an unmeasured ${BENCH_WARMUP:-5} s warm-up of wrk, each booking row after at least $BOOK_WARMUP s of unmeasured bookings on sessions of their own, and more until the JIT was quiet: below), wrk with $THREADS threads on the same machine. Gateway abuse limits raised"
  echo "for this stack only. \`./ibasho up --fresh\` (built, data empty: Keycloak imports its realm) to all healthy: ${UP_SECONDS} s. RSS of each application right after the last scenario:${RSS%,}."
  echo "Registration's readiness checks: ${READINESS:-not readable on this port}."
  echo
  echo "| scenario | req/s | 2xx | 409 | other (5xx, 429, errors) | p50 ms | p99 ms | successes/s |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  row "browse \`GET /api/events/sessions\`, direct" "$BROWSE_DIRECT"
  row "browse, through the gateway" "$BROWSE_GATEWAY"
  row "browse, a returning browser (If-None-Match), through the gateway" "$BROWSE_RETURNING"
  row "bookings that succeed ($SESSIONS roomy sessions), direct" "$BOOK_DIRECT"
  row "bookings that succeed, through the gateway" "$BOOK_GATEWAY"
  row "rush: everyone at one 10-seat session, through the gateway" "$RUSH"
  echo
  echo "p50 and p99 are wrk's, which it corrects for coordinated omission (what a client sending at the mean rate, open loop,"
  echo "would see: each answer slower than twice the mean gap of its connection adds made-up samples), so a few stalls of the"
  echo "shared cores become the p99 at tens of thousands of answers a second. The answers' own mean latency (Little's law,"
  echo "$CONNECTIONS connections x run time / answers) against wrk's corrected mean, ms: browse direct $(field "$BROWSE_DIRECT" answer_mean_ms) / $(field "$BROWSE_DIRECT" mean_ms),"
  echo "through the gateway $(field "$BROWSE_GATEWAY" answer_mean_ms) / $(field "$BROWSE_GATEWAY" mean_ms), returning $(field "$BROWSE_RETURNING" answer_mean_ms) / $(field "$BROWSE_RETURNING" mean_ms), rush $(field "$RUSH" answer_mean_ms) / $(field "$RUSH" mean_ms) (docs/benchmarks.md, round 16)."
  echo
  echo "Open loop (Gatling $(sed -n 's:.*<gatling.version>\(.*\)</gatling.version>.*:\1:p' deploy/bench/open-loop/pom.xml), deploy/bench/open-loop): arrivals at a set rate for $RUN_SECONDS s whatever the answers take, on"
  echo "shared keep-alive connections, after ${BENCH_OPEN_WARMUP:-10} s of arrivals not counted; what each answer took, not corrected (ms). No JFR"
  echo "recording during these rows."
  echo
  echo "| open loop | arrivals/s set | answers/s | 2xx | other | p50 | p90 | p99 | p99.9 | max |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  open_row "browse \`GET /api/events/sessions\`, direct" "$OPEN_BROWSE_RATE" "$OPEN_BROWSE_DIRECT"
  open_row "browse, through the gateway" "$OPEN_BROWSE_RATE" "$OPEN_BROWSE_GATEWAY"
  open_row "bookings ($SESSIONS roomy sessions), through the gateway" "$OPEN_BOOK_RATE" "$OPEN_BOOK"
  echo
  echo "CPU milliseconds of each process (user+sys from /proc/PID/stat, JFR recording included when on) per booking the"
  echo "roster confirms, from the scenario's start until notification had told every booking of it; the rush per request;"
  echo "the idle rows: CPU ms per second of each process with no request, measured right before each booking scenario."
  echo
  echo "| CPU ms per | bookings | window s, load | $(echo $CPU_KINDS | sed 's/ / | /g') | sum |"
  echo "|---|---:|---|$(for _ in $CPU_KINDS; do printf -- '---:|'; done)---:|"
  for target in direct gateway; do
    printf '| booking, %s | %s | %s |' "$target" "$(cat "$OUT/confirmed-$target.txt")" "$(cat "$OUT/window-$target.txt")"
    for kind in $CPU_KINDS; do printf ' %s |' "$(cpu_cell "$OUT/cpu-book-$target.txt" "$kind")"; done
    printf ' %s |\n' "$(awk '{ s += $2 } END { printf "%.1f", s }' "$OUT/cpu-book-$target.txt")"
  done
  for target in direct gateway; do
    printf '| idle second, 10 s before the %s bookings | | |' "$target"
    for kind in $CPU_KINDS; do printf ' %s |' "$(cpu_cell "$OUT/idle-$target.txt" "$kind")"; done
    printf ' %s |\n' "$(awk '{ s += $2 } END { printf "%.1f", s }' "$OUT/idle-$target.txt")"
  done
  for name in browse-direct browse-gateway browse-returning; do
    printf '| %s request | | %s s |' "$name" "$RUN_SECONDS"
    for kind in $CPU_KINDS; do printf ' %s |' "$(cpu_cell "$OUT/cpu-$name.txt" "$kind")"; done
    printf ' %s |\n' "$(awk '{ s += $2 } END { printf "%.1f", s }' "$OUT/cpu-$name.txt")"
  done
  printf '| rush request (%s requests) | 10 | %s s |' "$(field "$RUSH" requests)" "$RUN_SECONDS"
  for kind in $CPU_KINDS; do printf ' %s |' "$(cpu_cell "$OUT/cpu-rush.txt" "$kind")"; done
  printf ' %s |\n' "$(awk '{ s += $2 } END { printf "%.1f", s }' "$OUT/cpu-rush.txt")"
  echo
  echo "| ratio | value | target (issue 15) |"
  echo "|---|---:|---|"
  echo "| pgbench same shape (seat UPDATE + 2 INSERTs), tx/s at 8 / $CONNECTIONS clients (before the booking rows, after them: mean) | $PG8 / $PGC_BEFORE (avg ${PGC_LAT} ms), $PGC_AFTER: **$PGC** | (the limit) |"
  echo "| bookings that succeed direct / pgbench at $CONNECTIONS clients (the mean) | $(ratio "$BD" "$PGC") | ≥ 0.30 |"
  echo "| bookings that succeed through the gateway / pgbench at $CONNECTIONS clients (the mean) | $(ratio "$BG" "$PGC") | ≥ 0.30 |"
  echo "| browse through the gateway / direct | $(ratio "$VG" "$VD") | ≥ 0.90 |"
  echo "| browse through the gateway, open loop at $OPEN_BROWSE_RATE arrivals/s: answers/s, p99 ms (direct: p99 ms) | $(field "$OPEN_BROWSE_GATEWAY" rps), $(field "$OPEN_BROWSE_GATEWAY" p99) ($(field "$OPEN_BROWSE_DIRECT" p99)) | ≥ 3,000 req/s, p99 < 50 ms |"
  echo "| the gateway's copy of the public list: fresh / revalidated / fetched, cold client; returning browser | $(gw_list browse-gateway); $(gw_list browse-returning) | |"
  echo "| the gateway's verified-token memory: hits / misses (hit rate), bookings through the gateway; rush | $(gw_tokens book-gateway); $(gw_tokens rush) | |"
  echo "| booking rows: warm-up (s, in 15-s chunks until the JIT is quiet), direct / gateway; the JIT's compile time in each row's window (ms, five JVMs) | $(warmed direct) / $(warmed gateway); $(cat "$OUT/jit-direct.txt" 2>/dev/null || echo ?) / $(cat "$OUT/jit-gateway.txt" 2>/dev/null || echo ?) | |"
  echo "| booking committed -> her in-app message stored (the gateway run, $(rate "$BOOK_GATEWAY") bookings/s) | $MESSAGE_LATENCY | p99 < 1,000 ms at 100 bookings/s |"
  echo "| booking committed -> her e-mail accepted by SMTP (the stack's stand-in; same bookings; accounts with e-mail: $EMAIL_SETUP) | $EMAIL_LATENCY | p99 < 1,000 ms at 100 bookings/s |"
  echo "| booking committed -> her in-app message stored, open loop at $OPEN_BOOK_RATE bookings/s through the gateway | $OPEN_MESSAGE | p99 < 1,000 ms at 100 bookings/s |"
  echo "| booking committed -> her e-mail accepted by SMTP, open loop at $OPEN_BOOK_RATE bookings/s | $OPEN_EMAIL | p99 < 1,000 ms at 100 bookings/s |"
  echo "| lottery draw with three tiers, the monthly rule and childcare answers (JMH, ms): 1,000 / 100,000 applications | $DRAW_1K / $DRAW_100K | < 1,000 for 100,000 |"
  echo "| statements the registration database received per booking (BENCH_STATEMENTS) | $STATEMENTS | |"
  echo "| confirmed in the roster: direct / gateway / rush / open loop | $CHECK_DIRECT == $(field "$BOOK_DIRECT" ok), $CHECK_GATEWAY == $(field "$BOOK_GATEWAY" ok), $RUSH_CONFIRMED == 10, open loop $OPEN_CONFIRMED == $(field "$OPEN_BOOK" ok_warmup_included) (warm-up included) | exact |"
  echo
  echo "$FOOTPRINT"
} > "$OUT/results.md"
cat "$OUT/results.md"
if [ -n "$HOT" ]; then
  echo; echo "JFR of registration during the direct bookings ($OUT/book-direct-registration.txt; every scenario and application: $OUT/*.txt):"; echo "$HOT"
fi

if $WRITE; then
  # the run replaces whatever stands between the markers; the analysis around them is written by people
  python3 - "$PROJECT_DIR/docs/benchmarks.md" "$OUT/results.md" <<'PY'
import sys
doc, results = sys.argv[1], open(sys.argv[2]).read()
text = open(doc).read()
begin, end = "<!-- bench:begin -->", "<!-- bench:end -->"
block = begin + "\n" + results.rstrip() + "\n" + end
if begin in text and end in text:
    text = text[: text.index(begin)] + block + text[text.index(end) + len(end):]
else:
    text = text.rstrip() + "\n\n## The benchmark command (`deploy/bench/bench.sh`)\n\n" + block + "\n"
open(doc, "w").write(text)
PY
  say "results written to docs/benchmarks.md"
fi
