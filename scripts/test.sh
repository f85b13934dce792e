#!/usr/bin/env bash
# The README's second command: installs what the tests need (once), then runs every test
# layer and exits non-zero if any fails:
#   format, clippy (native and wasm32), native tests, browser tests (wasm-bindgen-test in
#   headless Chromium), end-to-end tests (Playwright on the release build under a sub-path).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"

ensure_browser() {
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then return; fi
  say "installing Debian's chromium and chromium-driver"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    chromium chromium-driver
}

ensure_e2e_deps() {
  if [ -d "$NABLA_ROOT/e2e/node_modules/playwright-core" ] &&
    [ -d "$NABLA_ROOT/e2e/node_modules/@axe-core/playwright" ]; then return; fi
  say "installing playwright-core and axe-core (no browser download: Debian's chromium is used)"
  (cd "$NABLA_ROOT/e2e" && npm ci --no-audit --no-fund --silent)
}

ensure_build_tools
ensure_browser
ensure_e2e_deps
cd "$NABLA_ROOT"

step() { say "── $*"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "clippy, native"
cargo clippy --offline --all-targets -- -D warnings
step "clippy, wasm32"
cargo clippy --offline --target wasm32-unknown-unknown --lib --bins --tests -- -D warnings

step "native tests"
# Property tests draw from a fixed seed here, so that a run is reproducible and a
# submission does not pass or fail by the luck of the draw. Set PROPTEST_RNG_SEED (or
# PROPTEST_CASES) yourself to explore other cases; failures print a seed to replay.
PROPTEST_RNG_SEED="${PROPTEST_RNG_SEED:-20261126}" cargo test --offline

step "browser tests (wasm-bindgen-test, headless Chromium)"
CHROMEDRIVER=/usr/bin/chromedriver \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  WASM_BINDGEN_TEST_TIMEOUT=120 \
  cargo test --offline --target wasm32-unknown-unknown --tests

step "release build under a sub-path"
scripts/build-pages.sh /nabla/

step "end-to-end tests (Playwright, Debian's chromium)"
(cd e2e && NABLA_DIST="$NABLA_ROOT/dist" NABLA_BASE=/nabla/ node --test --test-concurrency=1 ./*.test.mjs)

say "all test layers passed"
