#!/usr/bin/env bash
# The fault tests of issue 15, in one command (docs/faults.md): builds what the stack needs, starts the whole stack on
# free ports of its own (PostgreSQL, Kafka, Keycloak, the four services, the gateway: deploy/e2e's SecurityStack), and
# runs the *FaultIT classes against it while bookings go on, a few a second with real tokens:
#   KafkaOutageFaultIT      the broker killed with -9 for 30 s
#   PostgresRestartFaultIT  PostgreSQL stopped for 10 s and started again
#   ServiceKillFaultIT      registration, then notification, killed with -9 and started again
# About 30 minutes on a loaded 2-core machine: building (16 min), starting the stack (4 min), the faults (12 min).
#
#   deploy/faults/run.sh                              # every fault
#   deploy/faults/run.sh -Dit.test=KafkaOutageFaultIT # one of them
#   deploy/faults/run.sh -o                           # offline (Maven), e.g. where Maven Central is unreachable
#
# Extra arguments go to Maven. Never on the build's shared test servers (./ibasho test): the tests skip themselves there.
set -euo pipefail
cd "$(dirname "$0")/../.."

find_jdk() { # as ./ibasho looks: JAVA_HOME, the PATH, the usual JDK folder; a JDK 21+
  local home major
  for home in "${JAVA_HOME:-}" "$(dirname "$(dirname "$(readlink -f "$(command -v javac 2>/dev/null || echo /nonexistent)")")")" /usr/lib/jvm/*; do
    [ -n "$home" ] && [ -x "$home/bin/java" ] || continue
    major=$("$home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -1)
    [ "${major:-0}" -ge 21 ] && { echo "$home"; return 0; }
  done
  return 1
}
JAVA_HOME="$(find_jdk)" || { echo "faults: no JDK 21 or newer found (JAVA_HOME, PATH, /usr/lib/jvm)" >&2; exit 1; }
export JAVA_HOME

start=$(date +%s)
# -am builds and packages the services and the gateway the stack runs; -Dtest=none skips every module's own tests
./mvnw -B -pl deploy/e2e -am verify -Pfaults \
  -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false "$@"
echo "faults: passed in $(( $(date +%s) - start )) s (results: deploy/e2e/target/failsafe-reports, logs: [faults] lines above)"
