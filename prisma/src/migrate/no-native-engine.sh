#!/bin/sh
echo "OpenIOM does not use Prisma's native schema engine (offline). Use 'pnpm db:migrate:*' (wasm engine)." >&2
exit 1
