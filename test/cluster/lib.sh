# shellcheck shell=bash
# Shared helpers for test/cluster/{build,up,down,fault}. Sourced, never run.
#
# Layout
#   binaries : ${XDG_CACHE_HOME:-$HOME/.cache}/steadystate/k8s/<k8s>-<etcd>-<kwok>/bin
#   state    : ${STEADYSTATE_CLUSTER_DIR:-<repo>/test/cluster/.state}
#              pids/<component>      pid of the running process
#              cmd/<component>       its argv, NUL separated (used to restart it identically)
#              cmd/<component>.exe   resolved binary path (guards against pid reuse)
#              logs/<component>.log  its stdout+stderr
#              pki/  etcd/  kubeconfig  cluster.env

CLUSTER_SRC_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=versions.env
. "$CLUSTER_SRC_DIR/versions.env"

K8S_VERSION="$STEADYSTATE_K8S_VERSION"
ETCD_VERSION="$STEADYSTATE_ETCD_VERSION"
KWOK_VERSION="$STEADYSTATE_KWOK_VERSION"
VERSION_KEY="$K8S_VERSION-$ETCD_VERSION-$KWOK_VERSION"

CACHE_ROOT="${XDG_CACHE_HOME:-$HOME/.cache}/steadystate/k8s"
case "$CACHE_ROOT" in /*) ;; *) CACHE_ROOT="$PWD/$CACHE_ROOT" ;; esac
CACHE_DIR="$CACHE_ROOT/$VERSION_KEY"
BIN_DIR="$CACHE_DIR/bin"
KWOK_STAGES="$CACHE_DIR/kwok-stages.yaml"

STATE_DIR="${STEADYSTATE_CLUSTER_DIR:-$CLUSTER_SRC_DIR/.state}"
case "$STATE_DIR" in /*) ;; *) STATE_DIR="$PWD/$STATE_DIR" ;; esac # daemons run with cwd=state dir
STATE_DIR="${STATE_DIR%/}"
STATE_MARKER=".steadystate-cluster"

# Components in start order (down stops them in reverse).
# shellcheck disable=SC2034 # used by the scripts that source this file
COMPONENTS=(etcd kube-apiserver kube-controller-manager kube-scheduler kwok)

# ---------------------------------------------------------------- logging

_LIB_T0="$(date +%s%N)"

# fmt_dur SECONDS -> "42s" or "4m30s"
fmt_dur() {
  local s=$1
  if ((s >= 60)); then printf '%dm%02ds' $((s / 60)) $((s % 60)); else printf '%ds' "$s"; fi
}

# ms since script start, printed as 12.3s
_elapsed() {
  local now ms
  now="$(date +%s%N)"
  ms=$(((now - _LIB_T0) / 1000000))
  printf '%d.%ds' $((ms / 1000)) $((ms % 1000 / 100))
}

LOG_TAG="${LOG_TAG:-cluster}"
# Progress never fails the script (stderr may be a closed pipe): ignore SIGPIPE,
# drop the write error. Fatal signals run the EXIT trap (cleanup) via exit.
trap '' PIPE
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM
log() { printf '[%s %7s] %s\n' "$LOG_TAG" "$(_elapsed)" "$*" >&2 2>/dev/null || true; }
warn() { printf '[%s %7s] WARNING: %s\n' "$LOG_TAG" "$(_elapsed)" "$*" >&2 2>/dev/null || true; }
die() {
  printf '[%s %7s] ERROR: %s\n' "$LOG_TAG" "$(_elapsed)" "$*" >&2
  exit 1
}

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# ---------------------------------------------------------------- tools

# ensure_tools CMD... : apt-get install whatever is missing (root only).
ensure_tools() {
  local missing=() t pkg
  for t in "$@"; do
    command -v "$t" >/dev/null 2>&1 && continue
    case "$t" in
      flock | setsid) pkg=util-linux ;;
      *) pkg="$t" ;;
    esac
    missing+=("$pkg")
  done
  ((${#missing[@]} == 0)) && return 0
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    die "missing tools: ${missing[*]} (install them; apt-get is not usable here)"
  fi
  log "installing missing system packages: ${missing[*]} (apt-get)"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2 ||
    die "apt-get install ${missing[*]} failed"
}

binaries_present() {
  local b
  for b in kube-apiserver kube-controller-manager kube-scheduler kubectl etcd kwok; do
    [ -x "$BIN_DIR/$b" ] || return 1
  done
  [ -s "$KWOK_STAGES" ]
}

# ---------------------------------------------------------------- state

# Ports: the defaults, overridable by env; once a cluster is up the values
# recorded in $STATE_DIR/cluster.env are authoritative (load_cluster_env).
ETCD_PORT="${STEADYSTATE_ETCD_PORT:-23790}"
# shellcheck disable=SC2034 # used by up
ETCD_PEER_PORT="${STEADYSTATE_ETCD_PEER_PORT:-23800}"
APISERVER_PORT="${STEADYSTATE_APISERVER_PORT:-16443}"
KCM_PORT="${STEADYSTATE_KCM_PORT:-20257}"
SCHEDULER_PORT="${STEADYSTATE_SCHEDULER_PORT:-20259}"
KWOK_PORT="${STEADYSTATE_KWOK_PORT:-20247}"

load_cluster_env() {
  if [ -f "$STATE_DIR/cluster.env" ]; then
    # shellcheck disable=SC1091
    . "$STATE_DIR/cluster.env"
  fi
}

# Take an exclusive lock for the state dir (serialises up/down/fault).
# The lock is held on the parent directory, which outlives the state dir.
lock_state() {
  local parent
  parent="$(dirname "$STATE_DIR")"
  mkdir -p "$parent"
  exec 9<"$parent"
  if ! flock -n 9; then
    log "another test/cluster command holds the lock on $parent; waiting (max 10 min)…"
    flock -w 600 9 || die "timed out waiting for the lock on $parent"
  fi
}

pid_of() { cat "$STATE_DIR/pids/$1" 2>/dev/null || true; }

# is_running NAME: the recorded pid is alive and still runs our binary.
is_running() {
  local name=$1 pid exe want
  pid="$(pid_of "$name")"
  [ -n "$pid" ] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  want="$(cat "$STATE_DIR/cmd/$name.exe" 2>/dev/null)" || return 1
  exe="$(readlink "/proc/$pid/exe" 2>/dev/null)" || return 1 # zombie or gone
  exe="${exe% (deleted)}"
  [ "$exe" = "$want" ]
}

# is_paused NAME: process is stopped by SIGSTOP.
is_paused() {
  local pid st
  pid="$(pid_of "$1")"
  [ -n "$pid" ] || return 1
  st="$(sed -n 's/^State:[[:space:]]*\([A-Za-z]\).*/\1/p' "/proc/$pid/status" 2>/dev/null)"
  [ "$st" = T ] || [ "$st" = t ]
}

# record_cmd NAME BINARY ARGS... : store argv for launch (and later restarts).
record_cmd() {
  local name=$1
  shift
  mkdir -p "$STATE_DIR/cmd"
  printf '%s\0' "$@" >"$STATE_DIR/cmd/$name"
  readlink -f "$1" >"$STATE_DIR/cmd/$name.exe"
}

# launch NAME: start the recorded argv in its own session, detached from our
# stdin/stdout/stderr and from every other inherited fd (so that
# `KUBECONFIG=$(up)` returns and no lock fd leaks into the daemon).
launch() {
  local name=$1 logf argv=() envs=()
  mapfile -d '' -t argv <"$STATE_DIR/cmd/$name"
  # optional extra environment, one VAR=value a line
  if [ -f "$STATE_DIR/cmd/$name.env" ]; then mapfile -t envs <"$STATE_DIR/cmd/$name.env"; fi
  mkdir -p "$STATE_DIR/pids" "$STATE_DIR/logs"
  logf="$STATE_DIR/logs/$name.log"
  printf '===== %s: starting %s =====\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$name" >>"$logf"
  (
    cd "$STATE_DIR" || exit 1
    for fd in /proc/"$BASHPID"/fd/*; do
      fd="${fd##*/}"
      if [ "$fd" -gt 2 ] 2>/dev/null; then eval "exec $fd>&-" 2>/dev/null || true; fi
    done
    exec setsid env "${envs[@]}" "${argv[@]}" </dev/null >>"$logf" 2>&1
  ) &
  echo $! >"$STATE_DIR/pids/$name"
  # The pid runs bash, then setsid, then env before it becomes the binary:
  # wait for that so is_running is meaningful for the caller.
  for _ in $(seq 50); do
    is_running "$name" && return 0
    kill -0 "$!" 2>/dev/null || return 0 # died already: the caller reports it
    sleep 0.1
  done
}

# stop NAME...: TERM the recorded pids, KILL whatever is left after ~10 s.
stop_components() {
  local name pid alive=() deadline
  for name in "$@"; do
    if is_running "$name"; then
      pid="$(pid_of "$name")"
      kill -TERM "$pid" 2>/dev/null || true
      kill -CONT "$pid" 2>/dev/null || true # a paused process must wake up to die
      alive+=("$name")
    fi
  done
  ((${#alive[@]} == 0)) && { for name in "$@"; do rm -f "$STATE_DIR/pids/$name"; done; return 0; }
  deadline=$(($(now_ms) + ${STEADYSTATE_CLUSTER_STOP_GRACE:-10} * 1000))
  while :; do
    local left=()
    for name in "${alive[@]}"; do is_running "$name" && left+=("$name"); done
    ((${#left[@]} == 0)) && break
    if (($(now_ms) > deadline)); then
      for name in "${left[@]}"; do
        warn "$name (pid $(pid_of "$name")) ignored SIGTERM for ${STEADYSTATE_CLUSTER_STOP_GRACE:-10}s; sending SIGKILL"
        kill -KILL "$(pid_of "$name")" 2>/dev/null || true
      done
      for _ in $(seq 50); do
        local still=0
        for name in "${left[@]}"; do is_running "$name" && still=1; done
        ((still)) || break
        sleep 0.1
      done
      break
    fi
    sleep 0.1
  done
  for name in "$@"; do rm -f "$STATE_DIR/pids/$name"; done
}

# teardown: stop every recorded process, remove the state dir.
teardown() {
  [ -d "$STATE_DIR" ] || return 0
  if [ ! -e "$STATE_DIR/$STATE_MARKER" ]; then
    if [ -z "$(ls -A "$STATE_DIR" 2>/dev/null)" ]; then
      rmdir "$STATE_DIR"
      return 0
    fi
    die "$STATE_DIR exists but is not a test/cluster state dir (no $STATE_MARKER); refusing to touch it"
  fi
  stop_components kwok kube-scheduler kube-controller-manager
  stop_components kube-apiserver
  stop_components etcd
  rm -rf "$STATE_DIR"
}

# ---------------------------------------------------------------- health

pki() { echo "$STATE_DIR/pki/$1"; }

# health_url NAME -> what `healthy NAME` probes (for messages)
health_url() {
  case "$1" in
    etcd) echo "http://127.0.0.1:$ETCD_PORT/health" ;;
    kube-apiserver) echo "https://127.0.0.1:$APISERVER_PORT/readyz" ;;
    kube-controller-manager) echo "https://127.0.0.1:$KCM_PORT/healthz" ;;
    kube-scheduler) echo "https://127.0.0.1:$SCHEDULER_PORT/healthz" ;;
    kwok) echo "http://127.0.0.1:$KWOK_PORT/healthz" ;;
  esac
}

healthy() {
  local url
  url="$(health_url "$1")"
  case "$1" in
    etcd) curl -fsS --max-time 3 "$url" 2>/dev/null | grep -q '"health":"true"' ;;
    kube-apiserver)
      curl -fsS --max-time 3 --cacert "$(pki ca.crt)" --cert "$(pki admin.crt)" \
        --key "$(pki admin.key)" "$url" >/dev/null 2>&1
      ;;
    kube-controller-manager | kube-scheduler) curl -kfsS --max-time 3 "$url" >/dev/null 2>&1 ;;
    kwok) curl -fsS --max-time 3 "$url" >/dev/null 2>&1 ;;
    *) return 1 ;;
  esac
}

# show_log_tail NAME: last lines of a component's log, to stderr.
show_log_tail() {
  local logf="$STATE_DIR/logs/$1.log" n="${2:-40}"
  if [ -f "$logf" ]; then
    printf -- '----- last %d lines of %s -----\n' "$n" "$logf" >&2
    tail -n "$n" "$logf" >&2
    printf -- '----- end of %s -----\n' "$logf" >&2
  else
    printf 'no log file at %s\n' "$logf" >&2
  fi
}

# component_failed NAME WHY: name the component, point at its log, show its tail, exit 1.
component_failed() {
  local name=$1 why=$2
  printf '[%s %7s] ERROR: %s %s\n' "$LOG_TAG" "$(_elapsed)" "$name" "$why" >&2
  printf '[%s %7s]        log file: %s\n' "$LOG_TAG" "$(_elapsed)" "$STATE_DIR/logs/$name.log" >&2
  show_log_tail "$name"
  exit 1
}

# wait_healthy NAME [TIMEOUT_S]: poll until healthy; fail fast if the process dies.
wait_healthy() {
  local name=$1 timeout="${2:-${STEADYSTATE_CLUSTER_TIMEOUT:-120}}" t0 waited next_note=10
  t0=$(now_ms)
  while :; do
    if ! is_running "$name"; then
      sleep 0.2 # let the last log lines land
      component_failed "$name" "exited during startup (wanted $(health_url "$name"))"
    fi
    if healthy "$name"; then
      waited=$(($(now_ms) - t0))
      log "$name is healthy ($(printf '%d.%ds' $((waited / 1000)) $((waited % 1000 / 100))))"
      return 0
    fi
    waited=$((($(now_ms) - t0) / 1000))
    if ((waited >= timeout)); then
      component_failed "$name" "did not become healthy within ${timeout}s ($(health_url "$name") never answered OK)"
    fi
    if ((waited >= next_note)); then
      log "still waiting for $name to become healthy… $(fmt_dur "$waited") (timeout ${timeout}s)"
      next_note=$((next_note + 10))
    fi
    sleep 0.25
  done
}

# port_in_use PORT: something accepts TCP connections on 127.0.0.1:PORT.
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
