#!/usr/bin/env bash
# The README's first command: installs what is missing (once), then serves Nabla on
# http://127.0.0.1:8080 with live reload.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
ensure_build_tools
cd "$NABLA_ROOT"
say "serving on http://127.0.0.1:${PORT:-8080} (Ctrl-C stops)"
exec trunk serve --address 127.0.0.1 --port "${PORT:-8080}" "$@"
