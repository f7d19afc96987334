# mdmsim: simulated MDM server, emulated device agents and scenario runner, one image.
#
#   docker build -t mdmsim:local .                                              # Node 22 LTS (node:22-bookworm-slim)
#   docker build -t mdmsim:local --build-arg NODE_IMAGE=node:20-bookworm-slim .  # Node 20 (end of life April 2026)
#   docker build -t mdmsim:local --build-arg NODE_IMAGE=mdmsim-node-base:22 .   # offline, see docker/build-base-image.sh
#
# Default command runs the server; `node dist/agents/main.js` runs a device fleet;
# `node dist/runner/cli.js scenarios --server URL --junit FILE` runs the scenarios (what `mdmsim serve`, `mdmsim
# agents` and `mdmsim scenario` run from the npm package; the image has no bin/).
ARG NODE_IMAGE=node:22-bookworm-slim

# ---- build: full install + tsc -> dist/ -------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /src
ENV npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
# better-sqlite3 compiles from source where its prebuilt binary cannot be downloaded (offline builds, this project's
# CI): the build stage alone gets python3, make and g++; the runtime stage takes the built node_modules, no compilers.
RUN if ! { command -v python3 && command -v make && command -v g++; } >/dev/null 2>&1; then \
      apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3 make g++ \
      && rm -rf /var/lib/apt/lists/*; \
    fi
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# The build names the revision it was compiled from (dist/build-info.json); .git is not in the context, so say it:
# docker build --build-arg MDMSIM_REVISION=$(git rev-parse --short HEAD) .
ARG MDMSIM_REVISION
RUN npm run build && test -f dist/server/main.js && npm prune --omit=dev --no-audit --no-fund

# ---- runtime: production deps + dist/ + scenarios/ only ---------------------
FROM ${NODE_IMAGE} AS runtime
ARG APP_UID=10001
ARG APP_GID=10001
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
WORKDIR /app

# Non-root user with a fixed numeric id, whether or not the base image has
# useradd (Debian), adduser (busybox/alpine) or neither, and whether or not the
# id is already taken.
RUN set -eu; \
    if ! grep -q "^[^:]*:[^:]*:${APP_GID}:" /etc/group; then \
      if command -v groupadd >/dev/null 2>&1; then groupadd -g "${APP_GID}" mdmsim; \
      elif command -v addgroup >/dev/null 2>&1; then addgroup -g "${APP_GID}" mdmsim; \
      else echo "mdmsim:x:${APP_GID}:" >> /etc/group; fi; \
    fi; \
    if ! grep -q "^[^:]*:[^:]*:${APP_UID}:" /etc/passwd; then \
      if command -v useradd >/dev/null 2>&1; then useradd -u "${APP_UID}" -g "${APP_GID}" -d /app -M -s /usr/sbin/nologin mdmsim; \
      elif command -v adduser >/dev/null 2>&1; then adduser -D -H -u "${APP_UID}" -G "$(grep "^[^:]*:[^:]*:${APP_GID}:" /etc/group | cut -d: -f1)" -h /app mdmsim; \
      else echo "mdmsim:x:${APP_UID}:${APP_GID}::/app:/sbin/nologin" >> /etc/passwd; fi; \
    fi; \
    mkdir -p /app/test-results /app/.mdmsim && chown "${APP_UID}:${APP_GID}" /app/test-results /app/.mdmsim

COPY package.json package-lock.json ./
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/dist ./dist
COPY scenarios ./scenarios

USER ${APP_UID}:${APP_GID}
EXPOSE 8080
# Node's own fetch: the image needs no curl/wget. PORT is read at check time,
# so it follows `-e PORT=...` (host networking).
HEALTHCHECK --interval=10s --timeout=5s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/health',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/server/main.js"]
