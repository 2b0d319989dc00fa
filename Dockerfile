# syntax=docker/dockerfile:1
# Event Loop Lab. Stages: `build` compiles; `load` is the load-test kit (`--target load`); `runtime`,
# the last and so the default target, is the server, with the lab page's bundle and the one load-test
# entry the page's runs spawn (dist/load-tests/lab/run-route.js, on autocannon).

# Build stage: the full toolchain, to compile TypeScript.
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY routes ./routes
COPY load-tests ./load-tests
RUN npm run build

# Load stage: the load-test kit, to load any server with no Node.js on the host:
#   docker build --target load -t event-loop-lab-load .
#   docker run --rm --network host event-loop-lab-load --url http://127.0.0.1:3000
# It keeps the build stage's dependencies: autocannon and the report's chart bundles are development
# dependencies of the server. Reports go to /app/load-tests/results (mount a volume there to keep them).
# Without --url it starts the compiled server inside the container and loads that.
FROM node:24-slim AS load
LABEL org.opencontainers.image.title="event-loop-lab-load" \
      org.opencontainers.image.description="The Event Loop Lab load-test kit: autocannon runs of the paired routes against their bounds, with a verdict." \
      org.opencontainers.image.version="0.1.0" \
      org.opencontainers.image.licenses="MIT" \
      org.opencontainers.image.base.name="docker.io/library/node:24-slim"
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
RUN mkdir -p load-tests/results && chown node:node load-tests/results
USER node
# `npm run load -- ARGS` is this, after a build: the arguments of `docker run … event-loop-lab-load ARGS`
# go straight to the CLI.
ENTRYPOINT ["node", "--max-semi-space-size=64", "dist/load-tests/cli.js"]

# Runtime stage: production dependencies and the compiled server, nothing else. It needs no writable
# file system: run it with `--read-only --tmpfs /tmp` (the container test does).
FROM node:24-slim AS runtime
LABEL org.opencontainers.image.title="event-loop-lab" \
      org.opencontainers.image.description="A Fastify server that shows, measures and explains what blocking the Node.js event loop does to a server." \
      org.opencontainers.image.version="0.1.0" \
      org.opencontainers.image.licenses="MIT" \
      org.opencontainers.image.base.name="docker.io/library/node:24-slim"
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist/src ./dist/src
COPY --from=build /app/dist/routes ./dist/routes
COPY --from=build /app/dist/load-tests ./dist/load-tests
USER node
EXPOSE 3000
# Slim images have no curl: node itself asks /health.
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Exec form: node is PID 1 and receives SIGTERM itself, so shutdown is graceful. The flag: src/node-flags.ts.
CMD ["node", "--max-semi-space-size=64", "dist/src/server.js"]
