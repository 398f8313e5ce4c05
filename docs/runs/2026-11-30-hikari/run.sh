#!/usr/bin/env bash
# usage: run.sh POOL REP [extra service args]  -> prints one result line
set -u
pool=$1; rep=$2; shift 2
# the database: BENCH_DB_URL, BENCH_DB_USER and BENCH_DB_PASSWORD from the environment (here a Podman
# localhost/bench-postgres:15 with max_connections=200, published on 127.0.0.1:55440)
: "${BENCH_DB_URL:?set BENCH_DB_URL}" "${BENCH_DB_PASSWORD:?set BENCH_DB_PASSWORD}"
java -Xmx1g -jar ${SERVICE_JAR:-load-scenarios/target/todo-service.jar} --pool=$pool --pool-size=8 --max-overflow=0 \
  --execution=worker --port=18080 --configuration=hik-$pool "$@" > ${OUT:-/tmp}/service-$pool-$rep.log 2>&1 &
svc=$!
for i in $(seq 1 120); do curl -sf http://127.0.0.1:18080/api/health/pool >/dev/null && break; sleep 0.5; done
wrk -t2 -c64 -d10s -s "$(dirname "$0")/random.lua" http://127.0.0.1:18080 >/dev/null 2>&1
cpu0=$(awk '{print $14+$15}' /proc/$svc/stat)
cs0=$(cat /proc/$svc/task/*/status | awk '/^nonvoluntary_ctxt_switches/{n+=$2} /^voluntary_ctxt_switches/{v+=$2} END{print v, n}')
out=$(wrk -t2 -c64 -d20s --latency -s "$(dirname "$0")/random.lua" http://127.0.0.1:18080 2>&1)
cpu1=$(awk '{print $14+$15}' /proc/$svc/stat)
cs1=$(cat /proc/$svc/task/*/status | awk '/^nonvoluntary_ctxt_switches/{n+=$2} /^voluntary_ctxt_switches/{v+=$2} END{print v, n}')
health=$(curl -s http://127.0.0.1:18080/api/health/pool)
kill $svc; wait $svc 2>/dev/null
rps=$(echo "$out" | awk '/Requests\/sec/{print $2}')
p50=$(echo "$out" | awk '$1=="50%"{print $2}')
p99=$(echo "$out" | awk '$1=="99%"{print $2}')
non2xx=$(echo "$out" | awk '/Non-2xx/{print $NF}')
total=$(echo "$out" | awk '/requests in/{print $1}')
echo "pool=$pool rep=$rep args=$* rps=$rps p50=$p50 p99=$p99 total=$total non2xx=${non2xx:-0} cpu_ticks=$((cpu1-cpu0)) cs_before=[$cs0] cs_after=[$cs1]"
echo "$health" > ${OUT:-/tmp}/health-$pool-$rep.json
