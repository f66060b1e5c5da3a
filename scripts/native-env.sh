# Sourced by ./untangle and .ci/run: arranges the native allocator PyTorch needs on CPU.
# With glibc's allocator a transformer training step is 5-7x slower (the kernel faults memory in and out);
# jemalloc with decay disabled keeps the pages. We look for Debian's libjemalloc2, install it when we are
# root and apt-get is there, and otherwise run anyway and say so once.
# UNTANGLE_JEMALLOC_CANDIDATES (space-separated paths) replaces the search list; .ci/run points it at nothing to
# check that the launcher still runs on a machine without jemalloc.
untangle_find_jemalloc() {
  local candidates="${UNTANGLE_JEMALLOC_CANDIDATES:-/usr/lib/x86_64-linux-gnu/libjemalloc.so.2 \
    /usr/lib/aarch64-linux-gnu/libjemalloc.so.2 /usr/lib64/libjemalloc.so.2 /usr/lib/libjemalloc.so.2 \
    /usr/local/lib/libjemalloc.so.2}"
  local f
  for f in $candidates; do
    [ -f "$f" ] && { echo "$f"; return 0; }
  done
  return 1
}

untangle_native_env() {
  local lib
  lib=$(untangle_find_jemalloc || true)
  if [ -z "$lib" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
      && [ -z "${UNTANGLE_NO_INSTALL:-}" ]; then
    echo "untangle: installing libjemalloc2 (native allocator for PyTorch on CPU)..." >&2
    (apt-get install -y -q libjemalloc2 >/dev/null 2>&1 \
      || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q libjemalloc2 >/dev/null 2>&1; }) || true
    lib=$(untangle_find_jemalloc || true)
  fi
  if [ -n "$lib" ]; then
    case ":${LD_PRELOAD:-}:" in
      *"$lib"*) ;;
      *) export LD_PRELOAD="$lib${LD_PRELOAD:+:$LD_PRELOAD}" ;;
    esac
    export MALLOC_CONF="${MALLOC_CONF:-dirty_decay_ms:-1,muzzy_decay_ms:-1}"
    export UNTANGLE_ALLOCATOR="jemalloc"
  else
    echo "untangle: jemalloc not found; running with glibc malloc (training will be several times slower)." >&2
    export UNTANGLE_ALLOCATOR="glibc"
  fi
  # DJL must never try to download natives: they come from the pinned Maven jar.
  export DJL_OFFLINE=true
  export OMP_NUM_THREADS="${OMP_NUM_THREADS:-$(nproc 2>/dev/null || echo 2)}"
  # On a busy machine (1-minute load >= cores) idle OpenMP threads sleep instead of spinning: spinning threads take
  # the cores from the ones with work (6 bench trains at once: 21.2 s wall each spinning, 10.2 s passive). On a
  # quiet machine spinning is ~10% faster (0.194 vs 0.213 s per training step), so it is left alone there.
  # A user's own OMP_WAIT_POLICY always wins. docs/BENCHMARKS.md "OpenMP wait policy".
  if [ -z "${OMP_WAIT_POLICY+x}" ]; then
    local load cpus
    load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo 0)
    cpus=$(nproc 2>/dev/null || echo 2)
    if awk -v l="$load" -v c="$cpus" 'BEGIN { exit !(l >= c) }'; then
      export OMP_WAIT_POLICY=PASSIVE
    fi
  fi
}
