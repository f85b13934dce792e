#!/usr/bin/env bash
# What makes the web build big, and what a first visit downloads.
#   scripts/size.sh               builds the release site (scripts/build-pages.sh /nabla/), then measures
#   scripts/size.sh --no-build    measures the dist/ and target/ already there
#   NABLA_DIST=dir scripts/size.sh --no-build   measures another build folder
#   scripts/size.sh --floor       also builds examples/floor_leptos.rs and floor_engine.rs the
#                                 same way and prints their sizes: what any Leptos page, and a
#                                 page with one live formula, download at the least
# Prints:
# 1. a per-crate table of the shipped wasm: every item's own size from twiggy, grouped by the
#    crate its name starts with (a generic function counts for the crate that defines it, so
#    `core::ptr::drop_in_place<nabla::…>` is core's);
# 2. the largest single items;
# 3. the bytes (raw and gzip -9) of every file the first lesson's page loads, and their total;
# 4. with --floor, the size floor: the same for two minimal apps built like the site.
# Names: Trunk's wasm-opt drops the name section, so the table is made from the same cargo
# output run through wasm-bindgen and `wasm-opt -Oz -g` (same optimisation, names kept).
# Both binaries get a table: the full app (nabla) and the small first-visit one (nabla-lite).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
cd "$NABLA_ROOT"

build=1
floor=0
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    --floor) floor=1 ;;
    *) say "unknown argument: $arg"; exit 2 ;;
  esac
done

TWIGGY_VERSION="0.8.0"
ensure_twiggy() {
  if twiggy --version 2>/dev/null | grep -q " $TWIGGY_VERSION"; then return; fi
  say "installing twiggy $TWIGGY_VERSION (about 2 minutes, once)"
  # A size profiler need not be fast itself: a light profile halves its build time.
  CARGO_PROFILE_RELEASE_OPT_LEVEL=1 CARGO_PROFILE_RELEASE_LTO=false \
    CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install twiggy --version "$TWIGGY_VERSION" --locked
}

dist="${NABLA_DIST:-$NABLA_ROOT/dist}"
if [ "$build" = 1 ]; then
  scripts/build-pages.sh /nabla/
  dist="$NABLA_ROOT/dist"
else
  ensure_wasm_opt
fi
ensure_twiggy

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# One table per binary: the full app, and the small first-visit one when it was built.
for bin in nabla nabla-lite; do
  raw="$NABLA_ROOT/target/wasm32-unknown-unknown/wasm-release/$bin.wasm"
  shipped="$(ls "$dist"/"$bin"-[0-9a-f]*_bg.wasm 2>/dev/null | head -n 1 || true)"
  if [ ! -f "$raw" ] || [ -z "$shipped" ]; then
    [ "$bin" = nabla ] && { say "no $raw or no $bin wasm in $dist: run without --no-build first"; exit 1; }
    continue
  fi
  echo
  echo "## $bin"
  wasm-bindgen --target web --no-typescript --out-dir "$work" --out-name "$bin" "$raw"
  wasm-opt -Oz -g "$work/${bin}_bg.wasm" -o "$work/$bin.named.wasm"
  twiggy top -n 1000000 -f json "$work/$bin.named.wasm" >"$work/$bin.top.json"
  node "$NABLA_ROOT/scripts/size-report.mjs" table "$work/$bin.top.json" "$shipped"
done
node "$NABLA_ROOT/scripts/size-report.mjs" visit "$dist"

# 4. The floor. The examples are built with the site's profile and flags, through the same
# wasm-bindgen and wasm-opt -Oz, so they compare with the shipped binaries above.
if [ "$floor" = 1 ]; then
  ensure_wasm_bindgen
  use_release_rustflags
  cargo build --quiet --profile wasm-release --target wasm32-unknown-unknown \
    --example floor_leptos --example floor_engine
  echo
  echo "The floor (wasm-release, wasm-bindgen, wasm-opt -Oz; bytes, gzip -9):"
  printf '%10s %10s %10s %10s  %s\n' "wasm" "wasm gz" "glue gz" "total gz" "app"
  for ex in floor_leptos floor_engine; do
    wasm-bindgen --target web --no-typescript --out-dir "$work" --out-name "$ex" \
      "$NABLA_ROOT/target/wasm32-unknown-unknown/wasm-release/examples/$ex.wasm"
    wasm-opt -Oz "$work/${ex}_bg.wasm" -o "$work/$ex.opt.wasm"
    w="$(wc -c <"$work/$ex.opt.wasm")"
    wg="$(gzip -9c "$work/$ex.opt.wasm" | wc -c)"
    jg="$(gzip -9c "$work/$ex.js" | wc -c)"
    printf '%10d %10d %10d %10d  %s\n' "$w" "$wg" "$jg" "$((wg + jg))" "examples/$ex.rs"
  done
fi
