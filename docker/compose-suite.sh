#!/usr/bin/env bash
# mdmsim compose suite: build the image and run server + agents + scenarios with
# Docker Compose on host networking, then check the outcome. Run as root.
#
#   docker/compose-suite.sh [PROJECT_DIR]      (default: this script's parent folder)
#
# Exit codes: 0 passed; 1 suite failed; 77 NOT RUN (no root, or no Docker engine
# could be installed/started on this machine): never a pass.
#
# Env knobs:
#   AGENTS_SCALE=2          agents replicas (--scale agents=N)
#   NODE_MAJOR=22           Node.js major of the image (default 22, the LTS the Dockerfile defaults to):
#                           the host's node when it is that major, else the npm registry's node@<major>
#                           (docker/node-from-npm.sh); NODE_MAJOR=20 with a Node 20 host uses the host's
#   NODE_IMAGE=...          base image for the Dockerfile (default: the local
#                           mdmsim-node-base:<major> built by docker/build-base-image.sh,
#                           since no image registry is reachable here)
#   BASE_IMAGE=mdmsim-node-base:<major>
#   PORT=<free port>        server port on loopback (default: a free one)
#   HTTPS_PORT=<free port>  server HTTPS port on loopback (default: a free one)
#   MIN_DEVICES=9*scale     devices the agents containers must have connected (the demo fleet is 9 each)
#   SUITE_TIMEOUT=900       seconds allowed for `compose up`
#   KEEP_IMAGES=1           keep the images (and the engine's data root) for next time
#   COMPOSE="docker compose"  compose command (default: docker-compose if present, else docker compose)
#   DOCKER_HOST=unix:///... use an engine that already runs there (not started/stopped here)
#   DOCKER_DATA_ROOT=/var/lib/mdmsim-docker   data root of the engine started here
set -uo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PROJECT_DIR="$(cd "${1:-$SCRIPT_DIR/..}" && pwd)"
AGENTS_SCALE="${AGENTS_SCALE:-2}"
NODE_MAJOR="${NODE_MAJOR:-22}"
BASE_IMAGE="${BASE_IMAGE:-mdmsim-node-base:$NODE_MAJOR}"
NODE_IMAGE="${NODE_IMAGE:-$BASE_IMAGE}"
MIN_DEVICES="${MIN_DEVICES:-$((9 * ${AGENTS_SCALE:-2}))}"
SUITE_TIMEOUT="${SUITE_TIMEOUT:-900}"
KEEP_IMAGES="${KEEP_IMAGES:-0}"
DOCKER_DATA_ROOT="${DOCKER_DATA_ROOT:-/var/lib/mdmsim-docker}"
PROJECT="mdmsim-suite-$$-$(date +%s)"
IMAGE="mdmsim:${PROJECT}"

T_START=$(date +%s)
log() { printf '[compose-suite] %s\n' "$*" >&2; }
not_run() { printf '\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\nNOT RUN: %s\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n' "$*" >&2; exit 77; }

[[ $(id -u) -eq 0 ]] || not_run "must run as root (installs Docker and starts dockerd)"
[[ -f "$PROJECT_DIR/Dockerfile" && -f "$PROJECT_DIR/docker-compose.yml" && -f "$PROJECT_DIR/docker-compose.hostnet.yml" ]] \
  || { log "no Dockerfile/docker-compose.yml/docker-compose.hostnet.yml in $PROJECT_DIR"; exit 1; }

TMP="$(mktemp -d /tmp/mdmsim-suite.XXXXXX)"
STARTED_DOCKERD=0
CREATED_DATA_ROOT=0
BUILT_BASE=0
BUILT_IMAGE=0
COMPOSE_UP=0
RESULT=1
declare -A TIMES=()
FAILS=()

# ---- 1. tools ---------------------------------------------------------------
need_install=()
command -v dockerd >/dev/null 2>&1 || need_install+=(docker.io)
command -v docker-compose >/dev/null 2>&1 || need_install+=(docker-compose)
if ((${#need_install[@]})); then
  log "installing ${need_install[*]} via apt"
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_install[@]}"; } >"$TMP/apt.log" 2>&1; then
    tail -n 20 "$TMP/apt.log" >&2
    command -v dockerd >/dev/null 2>&1 || { rm -rf "$TMP"; not_run "could not install docker.io with apt"; }
  fi
fi
command -v docker >/dev/null 2>&1 || { rm -rf "$TMP"; not_run "no docker client after install"; }
if [[ -z "${COMPOSE:-}" ]]; then
  if command -v docker-compose >/dev/null 2>&1; then COMPOSE="docker-compose"
  elif docker compose version >/dev/null 2>&1; then COMPOSE="docker compose"
  else rm -rf "$TMP"; not_run "neither docker-compose nor the docker compose plugin is available"; fi
fi
read -r -a COMPOSE_CMD <<<"$COMPOSE"

# ---- teardown (always) --------------------------------------------------------
teardown() {
  local rc=$?
  set +e
  if ((COMPOSE_UP)); then
    log "compose down -v"
    "${COMPOSE_CMD[@]}" "${COMPOSE_FILES[@]}" -p "$PROJECT" down -v --remove-orphans >"$TMP/down.log" 2>&1 || tail -n 5 "$TMP/down.log" >&2
  fi
  if [[ "$KEEP_IMAGES" != 1 ]] && docker info >/dev/null 2>&1; then
    ((BUILT_IMAGE)) && docker rmi -f "$IMAGE" >/dev/null 2>&1 && log "removed image $IMAGE"
    ((BUILT_BASE)) && docker rmi -f "$BASE_IMAGE" >/dev/null 2>&1 && log "removed image $BASE_IMAGE"
    docker image prune -f >/dev/null 2>&1
  fi
  if ((STARTED_DOCKERD)); then
    local pid; pid="$(cat "$TMP/docker.pid" 2>/dev/null || true)"
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
      log "stopping dockerd (pid $pid)"
      kill -TERM "$pid"
      for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -0 "$pid" 2>/dev/null && { log "dockerd still alive; SIGKILL"; kill -KILL "$pid"; }
    fi
    if ((CREATED_DATA_ROOT)) && [[ "$KEEP_IMAGES" != 1 ]]; then
      if grep -q " $DOCKER_DATA_ROOT/" /proc/mounts; then log "mounts left under $DOCKER_DATA_ROOT; not removing it"
      else rm -rf "$DOCKER_DATA_ROOT"; fi
    fi
  fi
  # dockerd leaves its exec-root netns bind mount behind; unmount what is under $TMP.
  awk -v p="$TMP/" 'index($2, p) == 1 {print $2}' /proc/mounts | sort -r | while read -r m; do umount "$m" 2>/dev/null || umount -l "$m"; done
  grep -q " $TMP/" /proc/mounts || rm -rf "$TMP"
  exit "$rc"
}
trap teardown EXIT
trap 'exit 1' INT TERM

# ---- 2. engine ---------------------------------------------------------------
if [[ -n "${DOCKER_HOST:-}" ]] && docker info >/dev/null 2>&1; then
  log "using the engine already running at $DOCKER_HOST"
else
  [[ -d "$DOCKER_DATA_ROOT" ]] || CREATED_DATA_ROOT=1
  mkdir -p "$DOCKER_DATA_ROOT" "$TMP/exec"
  export DOCKER_HOST="unix://$TMP/docker.sock"
  log "starting dockerd (--bridge=none --iptables=false, data-root $DOCKER_DATA_ROOT, socket $TMP/docker.sock)"
  t0=$(date +%s)
  dockerd --bridge=none --iptables=false --ip-masq=false \
    --data-root "$DOCKER_DATA_ROOT" --exec-root "$TMP/exec" --pidfile "$TMP/docker.pid" \
    -H "$DOCKER_HOST" >"$TMP/dockerd.log" 2>&1 &
  DOCKERD_PID=$!
  STARTED_DOCKERD=1
  ok=0
  for _ in $(seq 1 120); do
    if docker info >/dev/null 2>&1; then ok=1; break; fi
    kill -0 "$DOCKERD_PID" 2>/dev/null || break
    sleep 0.5
  done
  if ((!ok)); then
    tail -n 30 "$TMP/dockerd.log" >&2
    cp "$TMP/dockerd.log" /tmp/mdmsim-suite-dockerd.log 2>/dev/null && log "dockerd log kept at /tmp/mdmsim-suite-dockerd.log"
    [[ -f "$TMP/docker.pid" ]] || echo "$DOCKERD_PID" >"$TMP/docker.pid"
    not_run "the Docker engine (dockerd) did not start on this machine (log: /tmp/mdmsim-suite-dockerd.log)"   # teardown (trap) stops it
  fi
  [[ -f "$TMP/docker.pid" ]] || echo "$DOCKERD_PID" >"$TMP/docker.pid"
  TIMES[engine]=$(( $(date +%s) - t0 ))
  log "dockerd up in ${TIMES[engine]}s: server $(docker info --format '{{.ServerVersion}}' 2>/dev/null)"
fi
log "compose tool: $COMPOSE ($("${COMPOSE_CMD[@]}" version --short 2>/dev/null || "${COMPOSE_CMD[@]}" version 2>/dev/null | head -n1))"

# ---- 3. base image ------------------------------------------------------------
if [[ "$NODE_IMAGE" == "$BASE_IMAGE" ]]; then
  t0=$(date +%s)
  if docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
    log "base image $BASE_IMAGE already present"
  else
    BUILT_BASE=1
    base_node="$(command -v node)"
    if [[ "$(node --version)" != "v$NODE_MAJOR."* ]]; then
      log "host node is $(node --version); taking Node $NODE_MAJOR from the npm registry (node@$NODE_MAJOR)"
      base_node="$("$SCRIPT_DIR/node-from-npm.sh" "$NODE_MAJOR")" || { log "could not get Node $NODE_MAJOR from npm (NODE_MAJOR=20 uses the host's)"; exit 1; }
    fi
    if ! NODE_BIN="$base_node" "$SCRIPT_DIR/build-base-image.sh" "$BASE_IMAGE"; then log "base image build failed"; exit 1; fi
  fi
  TIMES[base_image]=$(( $(date +%s) - t0 ))
elif ! docker image inspect "$NODE_IMAGE" >/dev/null 2>&1; then
  log "warning: NODE_IMAGE=$NODE_IMAGE is not present locally; the build will try to pull it"
fi

# ---- 4. project image ---------------------------------------------------------
t0=$(date +%s)
log "docker build $PROJECT_DIR -> $IMAGE (NODE_IMAGE=$NODE_IMAGE)"
BUILT_IMAGE=1
if ! docker build --network host --build-arg "NODE_IMAGE=$NODE_IMAGE" -t "$IMAGE" "$PROJECT_DIR" >"$TMP/build.log" 2>&1; then
  tail -n 40 "$TMP/build.log" >&2
  log "project image build failed"
  exit 1
fi
TIMES[project_image]=$(( $(date +%s) - t0 ))
log "built $IMAGE in ${TIMES[project_image]}s ($(docker image inspect -f '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1/1e6}'))"
img_user="$(docker image inspect -f '{{.Config.User}}' "$IMAGE")"
[[ -n "$img_user" && "$img_user" != root && "$img_user" != 0* ]] || FAILS+=("image runs as root (User='$img_user')")
[[ -n "$(docker image inspect -f '{{if .Config.Healthcheck}}yes{{end}}' "$IMAGE")" ]] || FAILS+=("image has no HEALTHCHECK")

# ---- 5. compose up --------------------------------------------------------------
free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})" 2>/dev/null \
    || python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'
}
export PORT="${PORT:-$(free_port)}"
# HTTPS too: the suite runs beside other servers (the test suite, npm start) and must not take 8443 from them.
export HTTPS_PORT="${HTTPS_PORT:-$(free_port)}"
export MDMSIM_IMAGE="$IMAGE" NODE_IMAGE
COMPOSE_FILES=(-f "$PROJECT_DIR/docker-compose.yml" -f "$PROJECT_DIR/docker-compose.hostnet.yml")
RESULTS_DIR="$PROJECT_DIR/test-results"
JUNIT="$RESULTS_DIR/junit.xml"
mkdir -p "$RESULTS_DIR"; rm -f "$JUNIT"

if ! "${COMPOSE_CMD[@]}" "${COMPOSE_FILES[@]}" -p "$PROJECT" config -q; then log "compose config invalid"; exit 1; fi

up_args=(up --no-build --exit-code-from scenarios)
((AGENTS_SCALE > 1)) && up_args+=(--scale "agents=$AGENTS_SCALE")
log "project $PROJECT, port $PORT: $COMPOSE ${COMPOSE_FILES[*]} -p $PROJECT ${up_args[*]}"
t0=$(date +%s)
COMPOSE_UP=1
timeout --kill-after=30 "$SUITE_TIMEOUT" "${COMPOSE_CMD[@]}" "${COMPOSE_FILES[@]}" -p "$PROJECT" "${up_args[@]}" >"$TMP/up.log" 2>&1 &
UP_PID=$!

# While it runs, watch the server's device list (host networking: it is on loopback).
MAX_CONNECTED=0 MAX_TOTAL=0 MAX_AGENT_DEVICES=0 SERVER_HEALTHY=0
while kill -0 "$UP_PID" 2>/dev/null; do
  out="$(node -e "
    const base='http://127.0.0.1:'+process.argv[1];
    (async()=>{let h=0;try{h=(await fetch(base+'/health',{signal:AbortSignal.timeout(1000)})).ok?1:0}catch{}
      let c=0,t=0,a=0;try{const j=await (await fetch(base+'/sim/devices',{signal:AbortSignal.timeout(1000),headers:{authorization:'Bearer '+(process.env.MDMSIM_SIM_TOKEN||'dev-sim-token-change-me')}})).json();
        const d=Array.isArray(j)?j:(j.devices||[]);t=d.length;c=d.filter(x=>x&&x.connected===true).length;
        a=d.filter(x=>x&&x.connected===true&&String(x.fleet).startsWith('agents-')).length}catch{}
      console.log(h+' '+c+' '+t+' '+a)})()" "$PORT" 2>/dev/null || echo '0 0 0 0')"
  read -r h c t a <<<"$out"
  ((h)) && SERVER_HEALTHY=1
  ((c > MAX_CONNECTED)) && MAX_CONNECTED=$c
  ((a > MAX_AGENT_DEVICES)) && MAX_AGENT_DEVICES=$a
  ((t > MAX_TOTAL)) && MAX_TOTAL=$t
  sleep 0.3
done
wait "$UP_PID"; UP_RC=$?
TIMES[suite_run]=$(( $(date +%s) - t0 ))
sed 's/\x1b\[[0-9;]*m//g' "$TMP/up.log" >"$TMP/up.clean.log"
tail -n 40 "$TMP/up.clean.log" >&2

# ---- 6. checks ------------------------------------------------------------------
((UP_RC == 124 || UP_RC == 137)) && FAILS+=("compose up timed out after ${SUITE_TIMEOUT}s")
SCEN_CID="$("${COMPOSE_CMD[@]}" "${COMPOSE_FILES[@]}" -p "$PROJECT" ps -q scenarios 2>/dev/null | head -n1)"
SCEN_RC="$( [[ -n "$SCEN_CID" ]] && docker inspect -f '{{.State.ExitCode}}' "$SCEN_CID" 2>/dev/null || echo '?')"
[[ "$UP_RC" == 0 ]] || FAILS+=("compose up exited $UP_RC")
[[ "$SCEN_RC" == 0 ]] || FAILS+=("scenarios container exit code $SCEN_RC")
((SERVER_HEALTHY)) || FAILS+=("server /health never answered 200 on 127.0.0.1:$PORT")
((MAX_AGENT_DEVICES >= MIN_DEVICES)) || FAILS+=("the agents containers registered $MAX_AGENT_DEVICES connected devices (want >= $MIN_DEVICES)")
AGENT_CONTAINERS="$("${COMPOSE_CMD[@]}" "${COMPOSE_FILES[@]}" -p "$PROJECT" ps -q agents 2>/dev/null | grep -c . || true)"
((AGENT_CONTAINERS == AGENTS_SCALE)) || FAILS+=("$AGENT_CONTAINERS agents containers (want $AGENTS_SCALE)")

JUNIT_SUMMARY="missing"
if [[ -s "$JUNIT" ]]; then
  if JUNIT_SUMMARY="$(python3 - "$JUNIT" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
cases = root.findall('.//testcase') if root.tag != 'testcase' else [root]
bad = [c for c in cases if c.find('failure') is not None or c.find('error') is not None]
skipped = [c for c in cases if c.find('skipped') is not None]
print(f"{len(cases)} testcases, {len(bad)} failed, {len(skipped)} skipped")
sys.exit(0 if cases and not bad else 1)
PY
  )"; then :; else FAILS+=("JUnit $JUNIT: ${JUNIT_SUMMARY:-not well-formed XML}"); fi
else
  FAILS+=("no JUnit file at $JUNIT")
fi

if ((${#FAILS[@]})); then
  log "--- last logs per service ---"
  "${COMPOSE_CMD[@]}" "${COMPOSE_FILES[@]}" -p "$PROJECT" logs --no-color --tail=40 >&2 2>/dev/null || true
else
  RESULT=0
fi

# ---- 7. summary -------------------------------------------------------------------
{
  echo
  echo "================ mdmsim compose suite ================"
  echo "project dir      : $PROJECT_DIR"
  echo "compose          : $COMPOSE, project $PROJECT, port $PORT, agents x$AGENTS_SCALE"
  echo "engine           : $(docker info --format '{{.ServerVersion}}' 2>/dev/null) $( ((STARTED_DOCKERD)) && echo "(started here, ${TIMES[engine]:-?}s)" || echo "(already running)")"
  echo "base image       : $NODE_IMAGE $( [[ -n "${TIMES[base_image]:-}" ]] && echo "(${TIMES[base_image]}s, $( ((BUILT_BASE)) && echo built || echo cached))")"
  echo "project image    : $IMAGE (${TIMES[project_image]:-?}s), node $(docker run --rm --network none "$IMAGE" node --version 2>/dev/null || echo '?')"
  echo "compose up       : ${TIMES[suite_run]:-?}s, exit $UP_RC; scenarios exit $SCEN_RC"
  echo "devices          : max $MAX_CONNECTED connected ($MAX_AGENT_DEVICES from the agents containers) / $MAX_TOTAL listed"
  echo "junit            : $JUNIT ($JUNIT_SUMMARY)"
  echo "total            : $(( $(date +%s) - T_START ))s"
  if ((RESULT == 0)); then echo "RESULT: PASSED"
  else echo "RESULT: FAILED"; for f in "${FAILS[@]}"; do echo "  - $f"; done; fi
  echo "======================================================"
} >&2
exit "$RESULT"
