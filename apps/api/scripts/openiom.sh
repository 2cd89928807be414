#!/bin/sh
# The two README commands. `npm start` → `openiom.sh start`; `npm test` → `openiom.sh test`.
# Needs only Node.js and npm: pnpm is installed here (corepack cannot fetch it offline).
set -e
cd "$(dirname "$0")/../../.."
export TURBO_TELEMETRY_DISABLED=1

want=$(node -p "require('./package.json').packageManager.split('@')[1]")
if [ "$(pnpm --version 2>/dev/null || true)" != "$want" ]; then
  echo "Installing pnpm $want with npm..."
  if npm install -g "pnpm@$want" --silent --no-fund --no-audit 2>/dev/null; then
    prefix=$(npm prefix -g)
  else
    # No permission for a global install: keep pnpm in the user's own prefix instead.
    prefix="${XDG_DATA_HOME:-$HOME/.local/share}/openiom-pnpm"
    npm install -g --prefix "$prefix" "pnpm@$want" --silent --no-fund --no-audit
  fi
  # npm's global bin folder is not always on PATH.
  PATH="$prefix/bin:$PATH"
  export PATH
fi

pnpm install --frozen-lockfile

case "${1:-start}" in
  start)
    pnpm run build
    exec pnpm --filter @openiom/api run serve
    ;;
  test)
    sh e2e/scripts/ensure-chromium.sh
    pnpm run build
    pnpm exec turbo run typecheck test --concurrency=1 --filter='!@openiom/e2e'
    pnpm exec turbo run typecheck --filter=@openiom/e2e
    exec pnpm --filter @openiom/e2e run test
    ;;
  *)
    echo "usage: openiom.sh start|test" >&2
    exit 2
    ;;
esac
