#!/usr/bin/env bash
# Booking benchmark: boots the registration service on real PostgreSQL, Kafka and Keycloak (the test servers), creates
# fictional attendee accounts, and measures booking throughput and latency through real HTTP.
# Results: services/registration/target/bench-results.md (a markdown table; copy it into docs/benchmarks.md).
# Knobs (system properties): bench.people=200 bench.concurrency=64 bench.contended.requests=4000
#                            bench.contended.seats=10 bench.sessions=10
# Example: services/registration/bench.sh -Dbench.concurrency=32
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export MAVEN_OPTS="${MAVEN_OPTS:--Xmx768m}"
# -am builds the modules it needs through the reactor; nothing is installed into ~/.m2.
./mvnw -B -q -o -pl services/registration -am verify -Dtest=BookingBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dibasho.bench=true -Dquarkus.log.level=WARN "$@"
echo
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
cat services/registration/target/bench-results.md
