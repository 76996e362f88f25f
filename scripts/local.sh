#!/usr/bin/env bash
# The README's first command: installs what is missing, then starts the Telegram sandbox, the stores
# (embedded MongoDB-compatible server, Redis), the bot and the worker, seeds a demo group and prints
# the page to open. Ctrl-C stops everything. Arguments go to scripts/local.ts (e.g. --port 8090).
set -euo pipefail
cd "$(dirname "$0")/.."
SETUP_BROWSER=0 bash scripts/setup.sh
exec npx tsx scripts/local.ts "$@"
