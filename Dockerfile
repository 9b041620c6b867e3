# syntax=docker/dockerfile:1
# Faturador: build once (TypeScript → dist/), then run as a non-root user with production dependencies only.

FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would build before the sources are copied; no runtime dependency needs a script.
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
# The build's steps: tsc, the SQL migrations, the CLI bundle (esbuild), the PGlite data template (see package.json).
COPY scripts/copy-assets.mjs scripts/build-bundle.mjs scripts/build-data-template.mjs ./scripts/
COPY src ./src
COPY assets ./assets
RUN npm run build && npm prune --omit=dev

FROM node:22-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# DATA_DIR holds the embedded PGlite database when DATABASE_URL is not set.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/src/bin/faturador.js", "serve"]
