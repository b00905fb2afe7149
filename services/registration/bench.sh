#!/usr/bin/env bash
# Booking benchmark: boots the registration service on real PostgreSQL, Kafka and Keycloak (the test servers), creates
# fictional attendee accounts, and measures booking throughput and latency through real HTTP.
# Results: services/registration/target/bench-results.md (a markdown table; copy it into docs/benchmarks.md).
# Knobs (system properties): bench.people=200 bench.concurrency=64 bench.contended.requests=4000
#                            bench.contended.seats=10 bench.sessions=10
# Example: services/registration/bench.sh -Dbench.concurrency=32
set -euo pipefail
cd "$(dirname "$0")/../.."
find_jdk() { # as ./ibasho looks: JAVA_HOME, then the PATH, then the usual JDK folder; a JDK 21 or newer
  local home major
  for home in "${JAVA_HOME:-}" "$(dirname "$(dirname "$(readlink -f "$(command -v javac 2>/dev/null || echo /nonexistent)")")")" /usr/lib/jvm/*; do
    [ -n "$home" ] && [ -x "$home/bin/javac" ] || continue
    major=$("$home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -1)
    [ "${major:-0}" -ge 21 ] && { echo "$home"; return 0; }
  done
  return 1
}
JAVA_HOME="$(find_jdk)" || { echo "bench.sh: no JDK 21 or newer found (JAVA_HOME, PATH, /usr/lib/jvm)" >&2; exit 1; }
export JAVA_HOME
export MAVEN_OPTS="${MAVEN_OPTS:--Xmx768m}"
# -am builds the modules it needs through the reactor; nothing is installed into ~/.m2.
./mvnw -B -q -o -pl services/registration -am verify -Dtest=BookingBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dibasho.bench=true -Dquarkus.log.level=WARN "$@"
echo
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
cat services/registration/target/bench-results.md
