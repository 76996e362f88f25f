# One image for both processes: `node dist/src/main.js bot` and `... worker`.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scenes ./scenes
COPY jobs ./jobs
RUN npm run build

FROM node:20-bookworm-slim
# A CJK font so chart images render Chinese names.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-wqy-microhei && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY src/locales ./dist/src/locales
USER node
CMD ["node", "dist/src/main.js", "bot"]
