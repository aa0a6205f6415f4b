# The service as an OCI image: Node 20 on Debian, built from this repository, run as the unprivileged
# `node` user with the database on a volume. docs/deploy.md explains how to build, run and update it.
FROM node:20-bookworm-slim

# better-sqlite3 compiles from source where its prebuilt binary cannot be downloaded.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# The web app is built into the image: at start the build is found fresh and nothing is written here.
RUN npx vite build --logLevel warn && chown -R root:root /app && chmod -R a+rX /app

ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATABASE_PATH=/data/hebergement.sqlite \
    npm_config_update_notifier=false
# The database, its WAL and the nightly backups live on this volume, owned by `node` (uid 1000).
RUN mkdir -p /data && chown node:node /data && chmod 0700 /data
VOLUME ["/data"]
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/v1/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["npm", "start"]
