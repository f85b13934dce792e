#!/usr/bin/env bash
# The README's first command: installs what is missing (once), then serves Nabla on
# http://127.0.0.1:8080.
#   scripts/serve.sh          the small, fast release build a learner should use (offline too:
#                             it has the service worker and the Content-Security-Policy)
#   scripts/serve.sh --dev    a debug build with live reload, for developers (Trunk's reload
#                             script is inline, so this mode has no policy and no worker)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
ensure_build_tools
cd "$NABLA_ROOT"
port="${PORT:-8080}"
if [ "${1:-}" = "--dev" ]; then
  shift
  say "serving a debug build with live reload on http://127.0.0.1:$port (Ctrl-C stops)"
  NABLA_DEV_SERVE=1 exec trunk serve --address 127.0.0.1 --port "$port" "$@"
fi
use_release_rustflags
say "serving the release build on http://127.0.0.1:$port (Ctrl-C stops; --dev for live reload)"
exec trunk serve --release --no-autoreload --address 127.0.0.1 --port "$port" "$@"
