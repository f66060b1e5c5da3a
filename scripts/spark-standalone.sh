#!/usr/bin/env bash
# Starts a Spark standalone master and N one-core workers on this host from the application jar (no Spark download),
# as docs/EXPERIMENT.md "On a Spark cluster" describes, and prints the master URL. Stop them with `kill` of the pids in
# DIR/pids (one a line). Usage: scripts/spark-standalone.sh DIR [WORKERS] [PORT] [WORKER_MEMORY]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="$1"; workers="${2:-2}"; port="${3:-7077}"; memory="${4:-1g}"
jar="$here/target/untangle-0.1.0-SNAPSHOT-app.jar"
[ -f "$jar" ] || { echo "spark-standalone: $jar is missing; run ./untangle --version (it builds the jar)" >&2; exit 2; }
. "$here/scripts/native-env.sh"
untangle_native_env
mkdir -p "$dir/spark-home/jars"
ln -sf "$jar" "$dir/spark-home/jars/untangle-app.jar"   # the executors' class path: Spark, untangle and its natives
export SPARK_HOME="$dir/spark-home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
opens="-XX:+IgnoreUnrecognizedVMOptions"
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
    java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  opens="$opens --add-opens=java.base/$p=ALL-UNNAMED"
done
: > "$dir/pids"
# shellcheck disable=SC2086
java $opens -Xmx256m -cp "$jar" org.apache.spark.deploy.master.Master --host "$SPARK_LOCAL_IP" --port "$port" \
  --webui-port $((port + 1)) > "$dir/master.log" 2>&1 &
echo $! >> "$dir/pids"
for _ in $(seq 1 120); do grep -q "I have been elected leader" "$dir/master.log" && break; sleep 0.5; done
for w in $(seq 1 "$workers"); do
  # shellcheck disable=SC2086
  java $opens -Xmx256m -cp "$jar" org.apache.spark.deploy.worker.Worker --host "$SPARK_LOCAL_IP" --cores 1 \
    --memory "$memory" --webui-port $((port + 1 + w)) --work-dir "$dir/work-$w" "spark://$SPARK_LOCAL_IP:$port" \
    > "$dir/worker-$w.log" 2>&1 &
  echo $! >> "$dir/pids"
done
for w in $(seq 1 "$workers"); do
  for _ in $(seq 1 120); do grep -q "Successfully registered with master" "$dir/worker-$w.log" && break; sleep 0.5; done
done
echo "spark://$SPARK_LOCAL_IP:$port"
