#!/usr/bin/env bash
# Installs, idempotently, what building Nabla needs: the wasm32 target, Trunk 0.21.14,
# wasm-bindgen-cli at the exact version in Cargo.lock, and a working wasm-opt (npm binaryen,
# never Debian's, which breaks wasm-bindgen output). Sourced by the other scripts: it also
# puts the tools on PATH. Facts behind each step: ../shared/toolchain.md.
set -euo pipefail

NABLA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NABLA_CACHE="${NABLA_CACHE:-$HOME/.cache/nabla}"
TRUNK_VERSION="0.21.14"
BINARYEN_VERSION="132.0.0"
export PATH="$HOME/.cargo/bin:$NABLA_CACHE/node_modules/.bin:$PATH"
mkdir -p "$NABLA_CACHE"

say() { printf '\033[1m[nabla]\033[0m %s\n' "$*" >&2; }

wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' \
    "$NABLA_ROOT/Cargo.lock"
}

ensure_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

# The build tools are compiled with a light profile: no LTO, 16 codegen units, opt-level 1.
# Trunk's own release profile (fat LTO, one codegen unit) spends most of its build in one
# serial optimisation pass; the tools' running time does not matter here (Trunk only copies,
# hashes and calls wasm-bindgen and wasm-opt; a build took the same 4.7 s either way).
# Measured on this 2-core machine: scripts/tools.sh's first run in ARCHITECTURE.md.
light_tool_build() {
  CARGO_PROFILE_RELEASE_LTO=false \
    CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    CARGO_PROFILE_RELEASE_OPT_LEVEL=1 \
    CARGO_PROFILE_RELEASE_DEBUG=0 \
    CARGO_PROFILE_RELEASE_STRIP=true \
    CARGO_PROFILE_RELEASE_INCREMENTAL=false \
    "$@"
}

ensure_trunk() {
  if trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION"; then return; fi
  say "installing trunk $TRUNK_VERSION (about 8 minutes on 2 cores, once)"
  # No default features: the update check and TLS are for downloading tools, and every
  # tool Trunk calls is installed here.
  light_tool_build cargo install trunk --version "$TRUNK_VERSION" --locked --no-default-features
}

ensure_wasm_bindgen() {
  local want
  want="$(wasm_bindgen_version)"
  if wasm-bindgen --version 2>/dev/null | grep -q " $want" &&
    command -v wasm-bindgen-test-runner >/dev/null; then return; fi
  say "installing wasm-bindgen-cli $want (about 4 minutes, once)"
  if light_tool_build cargo install wasm-bindgen-cli --version "$want" --locked; then return; fi
  # Its lockfile can pin a crate the registry lacks (seen: webpki-roots 1.0.11):
  # build from the downloaded source with that one crate moved back.
  local src
  src="$(ls -d "$HOME"/.cargo/registry/src/*/wasm-bindgen-cli-"$want" 2>/dev/null | head -n 1)"
  if [ -z "$src" ]; then
    say "could not find the wasm-bindgen-cli $want source to build from"
    return 1
  fi
  local work="$NABLA_CACHE/wasm-bindgen-cli-$want"
  rm -rf "$work"
  cp -r "$src" "$work"
  (cd "$work" && cargo update -p webpki-roots --precise 1.0.10 &&
    light_tool_build cargo install --path . --locked)
}

ensure_wasm_opt() {
  if wasm-opt --version 2>/dev/null | grep -q "version ${BINARYEN_VERSION%%.*}"; then return; fi
  say "installing wasm-opt from npm binaryen@$BINARYEN_VERSION"
  (cd "$NABLA_CACHE" && npm install --no-audit --no-fund --silent "binaryen@$BINARYEN_VERSION")
}

# The web release build compiles Leptos with `--cfg erase_components`: every component's
# view is erased to one type, so far less generic rendering code is generated (the wasm was
# 16 % smaller gzipped; ARCHITECTURE.md, "Size"). It also maps the builder's source paths,
# which panic locations carry into the wasm (/home/…/.cargo/registry/src/index…/crate-1.0/…),
# to a fixed name: the shipped files no longer name the builder's home folder or change with
# it, except for one hash (leptos' wasm_split marker hashes its own manifest's path). Debug builds are left
# as they are. Build the release site through these scripts (build-pages.sh, serve.sh,
# size.sh): with other flags cargo would rebuild every dependency of the release build.
use_release_rustflags() {
  local flags=("--cfg erase_components")
  # The crate's own files are named relative to it already. RUSTFLAGS splits at spaces, so
  # a registry path with one is left unmapped.
  local registry="${CARGO_HOME:-$HOME/.cargo}/registry/src"
  [[ "$registry" != *[[:space:]]* ]] && flags+=("--remap-path-prefix=$registry=crates")
  local flag
  for flag in "${flags[@]}"; do
    case " ${RUSTFLAGS:-} " in
      *" $flag "*) ;;
      *) export RUSTFLAGS="${RUSTFLAGS:+$RUSTFLAGS }$flag" ;;
    esac
  done
}

ensure_build_tools() {
  ensure_target
  ensure_wasm_opt
  # The two Rust tools build at once: each has long single-threaded stretches (build
  # scripts, proc macros, linking) that the other fills.
  ensure_wasm_bindgen &
  local wbg=$!
  ensure_trunk
  wait "$wbg"
  (cd "$NABLA_ROOT" && cargo fetch --quiet)
}
