#!/usr/bin/env bash
pool=$1
# the database: BENCH_DB_URL, BENCH_DB_USER and BENCH_DB_PASSWORD from the environment (here a Podman
# localhost/bench-postgres:15 with max_connections=200, published on 127.0.0.1:55440)
: "${BENCH_DB_URL:?set BENCH_DB_URL}" "${BENCH_DB_PASSWORD:?set BENCH_DB_PASSWORD}"
java -Xmx1g -jar ${SERVICE_JAR:-load-scenarios/target/todo-service.jar} --pool=$pool --pool-size=8 --max-overflow=0 --execution=worker --worker-threads=32 --port=18080 > ${OUT:-/tmp}/st-$pool.log 2>&1 &
svc=$!
for i in $(seq 1 120); do curl -sf http://127.0.0.1:18080/api/health/pool >/dev/null && break; sleep 0.5; done
wrk -t2 -c64 -d10s -s "$(dirname "$0")/random.lua" http://127.0.0.1:18080 >/dev/null 2>&1
read u0 s0 < <(awk '{print $14, $15}' /proc/$svc/stat)
out=$(wrk -t2 -c64 -d20s -s "$(dirname "$0")/random.lua" http://127.0.0.1:18080 2>&1)
read u1 s1 < <(awk '{print $14, $15}' /proc/$svc/stat)
total=$(echo "$out" | awk '/requests in/{print $1}')
echo "$pool user_us/req=$(( (u1-u0)*10000000/total/1000 )) sys_us/req=$(( (s1-s0)*10000000/total/1000 )) rps=$(echo "$out" | awk '/Requests\/sec/{print $2}')"
timeout 12 strace -c -f -e trace=sched_yield,futex -p $svc -o ${OUT:-/tmp}/strace-$pool.txt &
sleep 1
out=$(wrk -t2 -c64 -d10s -s "$(dirname "$0")/random.lua" http://127.0.0.1:18080 2>&1)
wait %2 2>/dev/null; sleep 2
total=$(echo "$out" | awk '/requests in/{print $1}')
echo "$pool under strace: requests=$total"; grep -E "sched_yield|futex" ${OUT:-/tmp}/strace-$pool.txt
kill $svc; wait $svc 2>/dev/null
