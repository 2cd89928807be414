#!/bin/sh
# Installs the pnpm version pinned in package.json when it is missing (corepack cannot fetch it offline).
set -e
want=$(node -p "require('./package.json').packageManager.split('@')[1]")
have=$(pnpm --version 2>/dev/null || true)
if [ "$have" != "$want" ]; then
  echo "Installing pnpm $want with npm..."
  npm install -g "pnpm@$want" --silent --no-fund --no-audit
fi
