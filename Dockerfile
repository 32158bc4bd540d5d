# syntax=docker/dockerfile:1
#
# Kuittaus: build with the dev dependencies, run with the production ones only.
#   docker build -t kuittaus .      (or: docker compose up --build)
#
# Debian slim rather than Alpine: glibc, like CI and most developer machines, so the optional
# native add-ons of the dependencies (msgpackr-extract under BullMQ) use their prebuilt binaries
# and behave as they do in the tests; the size difference is small next to node_modules.
#
# Node 24, the Active LTS line (supported until April 2028); Node 20 reached its end of life in
# April 2026. package.json's engines (>=20.19) still admits 20 only because CI runs the tests on
# it. Another image: docker build --build-arg NODE_IMAGE=node:22-trixie-slim .

ARG NODE_IMAGE=node:24-trixie-slim

# ── build: TypeScript → dist/ ────────────────────────────────────────────────────────────────
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# ── production: dist/ + production dependencies, as the unprivileged `node` user ──────────────
FROM ${NODE_IMAGE} AS production
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# The files stay owned by root: the app can read, not change, its own code.
USER node
# HTTP mode serves /slack/events here; both modes serve /healthz and /readyz (PORT, default 3000).
EXPOSE 3000
# /healthz: the process is up (docker-compose.yml checks /readyz instead: Redis and Slack too).
# No curl in slim: node's fetch.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node directly (not npm start): it receives SIGTERM and drains (see src/main.ts).
CMD ["node", "dist/main.js"]
