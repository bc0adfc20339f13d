#!/usr/bin/env bash
# Runs every benchmark beside its peer and writes benchmarks/results/latest.json and docs/benchmarks.md.
#   benchmarks/run.sh           full sizes (the ones the targets are stated for)
#   benchmarks/run.sh --quick   smaller sizes and fewer iterations: under 10 minutes on 2 cores
#   benchmarks/run.sh --kafka   only the Kafka rows and their PostgreSQL peer (64 threads), about 16 minutes; the
#                               other rows are carried over from the previous latest.json with their date
#   benchmarks/run.sh --engagement  only the location-offer rows (consent in memory and from a replica) and their JTS peer,
#                               about 5 minutes; the other
#                               rows carried over likewise
# Build first: mvn -B install -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."
jar=benchmarks/target/benchmarks.jar
if [ ! -f "$jar" ]; then
  echo "benchmarks/target/benchmarks.jar is missing: run 'mvn -B install -DskipTests' first" >&2
  exit 1
fi
mode=full
if [ "${1:-}" = "--quick" ]; then mode=quick; fi
if [ "${1:-}" = "--kafka" ]; then mode=kafka; fi
if [ "${1:-}" = "--engagement" ]; then mode=engagement; fi
out=benchmarks/results
mkdir -p "$out"
rm -f "$out"/jmh-*.json

jmh() { # name, then JMH arguments
  local name=$1; shift
  java -jar "$jar" "$@" -rf json -rff "$out/jmh-$name.json"
}

kafka_rows() { # three in-JVM brokers; 1, 2 and 4 owners; 64 and 256 callers
  for t in 64 256; do
    jmh "kafka$t" "KafkaInventoryBenchmark" -p owners=1,2,4 -p threads=$t -t $t "$@"
  done
}

previous=-
if [ "$mode" = kafka ]; then
  cp "$out/latest.json" "$out/previous.json"
  previous="$out/previous.json"
  jmh pginv64 "PostgresInventoryBenchmark.spreadHold" -p threads=64 -t 64
  kafka_rows
  heap_args=()
elif [ "$mode" = engagement ]; then
  cp "$out/latest.json" "$out/previous.json"
  previous="$out/previous.json"
  jmh engagement "LocationOffersBenchmark"
  jmh engagement-replica "LocationOffersBenchmark.ping" -p consents=replica
  heap_args=()
elif [ "$mode" = quick ]; then
  short=(-wi 1 -i 2 -w 1 -r 1 -f 1)
  # 2 million positions instead of 20 million; the peer gets the same positions.
  jmh inventory "InventoryHoldBenchmark" -p skus=10000 "${short[@]}" \
    -jvmArgsAppend "-Xms6g -Xmx6g -Xmn4g -XX:+UseParallelGC -XX:+AlwaysPreTouch"
  jmh postgres "PostgresHoldBenchmark" -p skus=10000 -wi 1 -i 2 -w 3 -r 3 -f 1
  for c in 1 4 8 64; do
    jmh "pginv$c" "PostgresInventoryBenchmark" -p threads=$c -t $c -wi 1 -i 2 -w 3 -r 3 -f 1
  done
  for c in 1 4 8; do
    jmh "pgldg$c" "PostgresLedgerBenchmark" -p threads=$c -p priorEntries=10 -t $c -wi 1 -i 2 -w 3 -r 3 -f 1
  done
  for c in 8 64; do
    jmh "myinv$c" "MySqlInventoryBenchmark" -p threads=$c -t $c -wi 1 -i 2 -w 3 -r 3 -f 1
  done
  jmh "pgldg8h" "PostgresLedgerBenchmark" -p threads=8 -p priorEntries=10000 -t 8 -wi 1 -i 2 -w 3 -r 3 -f 1
  jmh routing "RoutingBenchmark" "${short[@]}"
  jmh nearest "NearestKBenchmark" "${short[@]}"
  jmh core "CoreValuesBenchmark" "${short[@]}"
  jmh metered "MeteredCallBenchmark" "${short[@]}"
  jmh loyalty "loyalty.LedgerBenchmark" "${short[@]}"
  # 1 million transactions (100 k customers) instead of 10 million; DuckDB gets the same rows.
  jmh rfm "RfmBenchmark" -p customers=100000 -wi 1 -i 2 -w 2 -r 2 -f 1
  jmh bgnbd "BgNbdFitBenchmark" -wi 1 -i 2 -w 2 -r 2 -f 1
  jmh kpi "KpiTrackerBenchmark" -wi 1 -i 2 -w 2 -r 2 -f 1
  jmh forecast "ForecastPlanBenchmark" -wi 1 -i 2 -f 1
  jmh pricing "PricingBenchmark" "${short[@]}"
  jmh engagement "LocationOffersBenchmark" "${short[@]}"
  jmh engagement-replica "LocationOffersBenchmark.ping" -p consents=replica "${short[@]}"
  kafka_rows -wi 1 -i 1 -w 5 -r 10
  heap_args=(20000 200)
else
  jmh inventory "InventoryHoldBenchmark"
  jmh postgres "PostgresHoldBenchmark"
  for c in 1 4 8 64; do
    jmh "pginv$c" "PostgresInventoryBenchmark" -p threads=$c -t $c
  done
  for c in 1 4 8; do
    jmh "pgldg$c" "PostgresLedgerBenchmark" -p threads=$c -p priorEntries=10 -t $c
  done
  for c in 8 64; do
    jmh "myinv$c" "MySqlInventoryBenchmark" -p threads=$c -t $c
  done
  jmh "pgldg8h" "PostgresLedgerBenchmark" -p threads=8 -p priorEntries=10000 -t 8
  jmh routing "RoutingBenchmark"
  jmh nearest "NearestKBenchmark"
  jmh core "CoreValuesBenchmark"
  jmh metered "MeteredCallBenchmark"
  jmh loyalty "loyalty.LedgerBenchmark"
  jmh rfm "RfmBenchmark" -p customers=100000,1000000
  jmh bgnbd "BgNbdFitBenchmark"
  jmh kpi "KpiTrackerBenchmark"
  jmh forecast "ForecastPlanBenchmark"
  jmh pricing "PricingBenchmark"
  jmh engagement "LocationOffersBenchmark"
  jmh engagement-replica "LocationOffersBenchmark.ping" -p consents=replica
  kafka_rows
  heap_args=(100000 200)
fi
if [ ${#heap_args[@]} -gt 0 ]; then
  java -Xmx8g -XX:+UseParallelGC -cp "$jar" io.github.omniretail.benchmarks.inventory.InventoryHeapPerPosition \
    "${heap_args[@]}" | tee "$out/heap.txt"
else
  rm -f "$out/heap.txt"
fi

files=$(ls "$out"/jmh-*.json | paste -sd, -)
java -cp "$jar" io.github.omniretail.benchmarks.report.BenchmarkReport "$files" "$out/heap.txt" "$mode" \
  "$out/latest.json" docs/benchmarks.md "$previous"
echo "wrote $out/latest.json and docs/benchmarks.md"
