# syntax=docker/dockerfile:1
# Event Loop Lab: the server, with the lab page's bundle and the one load-test entry the page's runs
# spawn (dist/load-tests/lab/run-route.js, on autocannon); the rest of the kit runs from a checkout.

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
# Exec form: node is PID 1 and receives SIGTERM itself, so shutdown is graceful.
CMD ["node", "dist/src/server.js"]
