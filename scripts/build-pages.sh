#!/usr/bin/env bash
# Builds the static site into dist/ for a host that serves it under a sub-path, as GitHub
# Pages serves a project at https://USER.github.io/REPO/.
#   scripts/build-pages.sh /REPO/     (default: /)
# 404.html is a copy of index.html: Pages answers a missing path (a reloaded deep link such
# as /REPO/lesson/gradient-vector) with it, and the app then routes by the address bar.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
ensure_build_tools
cd "$NABLA_ROOT"
public_url="${1:-/}"
case "$public_url" in */) ;; *) public_url="$public_url/" ;; esac
case "$public_url" in /*) ;; *) public_url="/$public_url" ;; esac
say "building the release site for $public_url"
use_release_rustflags
trunk build --release --public-url "$public_url"
cp dist/index.html dist/404.html
touch dist/.nojekyll
for f in dist/*.wasm dist/*.js dist/*.css; do
  say "$(basename "$f"): $(stat -c %s "$f") bytes ($(gzip -9c "$f" | wc -c) gzipped)"
done
say "the whole site: $(cat dist/*.wasm dist/*.js dist/*.css dist/index.html | wc -c) bytes, $(for f in dist/*.wasm dist/*.js dist/*.css dist/index.html; do gzip -9c "$f"; done | wc -c) gzipped (what one page downloads: scripts/size.sh --no-build)"
