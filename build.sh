#!/usr/bin/env bash
# PAT Guard build and test driver.
#   ./build.sh         build the wasm modules and the Chrome, Edge and Firefox packages into dist/
#   ./build.sh test    every test tier; exits non-zero on any failure
#   ./build.sh demo    the extension on the replica token page in Chromium (screenshots when headless)
#   ./build.sh bench   size and speed figures with their budgets
# Missing tools are installed on first use, so a fresh Debian machine needs nothing else.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

WASM_BINDGEN_VERSION="0.2.130"
VERSION="$(node -p "require('./manifest.json').version" 2>/dev/null || echo 0.0.0)"
DIST="${PATGUARD_DIST:-$ROOT/dist}"  # overridable so parallel builds do not share one dist/
PKG="$DIST/pkg"
NODE_DIR="$ROOT/tests"
export PATH="$HOME/.cargo/bin:$PATH"

log() { printf '\033[1m== %s\033[0m\n' "$*"; }

# ---------------------------------------------------------------- tools
ensure_debian_packages() {
  local wanted=(chromium chromium-l10n chromium-driver keepassxc firefox-esr zip)
  local missing=()
  for p in "${wanted[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing Debian packages: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})" >&2
    return 1
  fi
  log "apt-get install ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

ensure_rust_tools() {
  rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown ||
    { log "rustup target add wasm32-unknown-unknown"; rustup target add wasm32-unknown-unknown; }
  rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy rustfmt
  # For the size-optimised std (build_wasm); a machine that cannot fetch it builds without.
  rustup component list --installed 2>/dev/null | grep -q '^rust-src' || rustup component add rust-src ||
    log "rust-src unavailable: the wasm modules are built with the prebuilt std (10–30 KB gzip larger)"
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
    # No --locked: the CLI's lockfile pins a crate version the registry mirror does not serve.
    log "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION"
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
  fi
}

ensure_node_modules() {
  local stamp="$NODE_DIR/node_modules/.patguard-lock"
  if [ ! -f "$stamp" ] || ! cmp -s "$NODE_DIR/package-lock.json" "$stamp"; then
    log "npm ci (tests/package-lock.json)"
    (cd "$NODE_DIR" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$NODE_DIR/package-lock.json" "$stamp"
  fi
}

ensure_tools() {
  ensure_debian_packages
  ensure_rust_tools
  ensure_node_modules
}

# ---------------------------------------------------------------- build
gz_size() { gzip -9c "$1" | wc -c | tr -d ' '; }
raw_size() { wc -c <"$1" | tr -d ' '; }

build_wasm() {
  log "cargo build (release, wasm32)"
  local std_for_size=()
  if rustup component list --installed 2>/dev/null | grep -q '^rust-src'; then
    # std rebuilt for size, and panics that abort at once instead of formatting a message
    # nobody sees (wasm32 has no stderr): -10 KB gzip on the panel module (issue #7).
    # build-std and these flags are unstable: RUSTC_BOOTSTRAP lets the stable toolchain
    # use them, as the fuzz tier does.
    std_for_size=(-Z build-std=std,panic_abort -Z build-std-features=optimize_for_size)
    export RUSTC_BOOTSTRAP=1
    export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none"
  fi
  cargo build --release --target wasm32-unknown-unknown "${std_for_size[@]}" \
    -p patguard-assistant -p patguard-options -p patguard-kdbx
  unset RUSTC_BOOTSTRAP CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS
  # Which std the modules were built with, for the bench's size notes.
  mkdir -p "$DIST" && if [ ${#std_for_size[@]} -gt 0 ]; then echo size-optimised; else echo prebuilt; fi >"$DIST/.wasm-std"
  rm -rf "$PKG" && mkdir -p "$PKG"
  for crate in patguard_assistant patguard_options patguard_kdbx; do
    wasm-bindgen --target web --no-typescript --out-dir "$PKG" \
      "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/$crate.wasm"
    # npm binaryen: Debian's wasm-opt 108 silently breaks wasm-bindgen's externref table.
    # --converge repeats -Oz until it stops shrinking (-1.3 KB gzip on the panel module, issue #7).
    "$NODE_DIR/node_modules/.bin/wasm-opt" -Oz --converge --strip-producers --enable-bulk-memory --enable-reference-types \
      --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
      "$PKG/${crate}_bg.wasm" -o "$PKG/${crate}_bg.wasm"
    node extension/tools/initcheck.mjs "$PKG/$crate.js" "$PKG/${crate}_bg.wasm"
  done
}

assemble() {
  local browser="$1" out="$DIST/$1"
  rm -rf "$out" && mkdir -p "$out"
  (cd extension && tar --exclude=./tools -cf - .) | (cd "$out" && tar -xf -)
  cp -r "$PKG" "$out/pkg"
  node extension/tools/strip-comments.mjs "$out"/agent/*.js
  cp src/core/data/managed_schema.json "$out/managed_schema.json" 2>/dev/null ||
    echo '{"type":"object","properties":{}}' >"$out/managed_schema.json"
  node extension/tools/make-manifest.mjs manifest.json "$browser" "$out/manifest.json"
  rm -f "$DIST/patguard-$browser-$VERSION.zip"
  (cd "$out" && zip -qr -X "$DIST/patguard-$browser-$VERSION.zip" .)
}

agent_bundle_size() {
  local a="$DIST/chrome/agent"
  cat "$a/snapshot.js" "$a/actions.js" "$a/frames.js" "$a/main.js" >"$DIST/.agent.js"
  echo "$(raw_size "$DIST/.agent.js") $(gz_size "$DIST/.agent.js")"
}

print_sizes() {
  local a k s
  a="$PKG/patguard_assistant_bg.wasm"
  k="$PKG/patguard_kdbx_bg.wasm"
  read -r agent_raw agent_gz <<<"$(agent_bundle_size)"
  printf '\n%-44s %10s %10s\n' "artifact" "raw B" "gzip B"
  printf '%-44s %10s %10s\n' "page agent (4 content scripts, as shipped)" "$agent_raw" "$agent_gz"
  printf '%-44s %10s %10s\n' "core wasm, loaded on panel open" "$(raw_size "$a")" "$(gz_size "$a")"
  printf '%-44s %10s %10s\n' "core JS glue" "$(raw_size "$PKG/patguard_assistant.js")" "$(gz_size "$PKG/patguard_assistant.js")"
  printf '%-44s %10s %10s\n' "options-page wasm, loaded by options.html" "$(raw_size "$PKG/patguard_options_bg.wasm")" "$(gz_size "$PKG/patguard_options_bg.wasm")"
  printf '%-44s %10s %10s\n' "password-manager wasm, loaded on demand" "$(raw_size "$k")" "$(gz_size "$k")"
  for s in "$DIST"/patguard-*-"$VERSION".zip; do printf '%-44s %10s\n' "$(basename "$s")" "$(raw_size "$s")"; done
  echo
}

cmd_build() {
  ensure_tools
  build_wasm
  for b in chrome edge firefox; do assemble "$b"; done
  print_sizes
  log "built: $DIST/chrome $DIST/edge $DIST/firefox"
}

# ---------------------------------------------------------------- test
cmd_test() {
  cmd_build
  log "tier 1: native (fmt, clippy, cargo test)"
  cargo fmt --all -- --check
  cargo clippy --workspace --all-targets -- -D warnings
  cargo test --workspace
  log "tier 2: wasm-bindgen-test in headless Chromium"
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner CHROMEDRIVER=/usr/bin/chromedriver \
    cargo test --target wasm32-unknown-unknown -p patguard-assistant
  log "tier 3: end-to-end in Chromium (replica + extension)"
  node tests/replica/build.mjs
  node --test --test-concurrency=1 tests/replica/ tests/e2e/ tests/tools/
  log "tier 4: Firefox smoke test"
  node --test tests/firefox/
  log "tier 5: web-ext lint (Firefox package)"
  node tests/tools/lint-firefox.mjs "$DIST/firefox"
  log "tier 6: short fuzz run of the untrusted-input parsers (longer: tests/fuzz/run.sh 600)"
  tests/fuzz/run.sh "${PATGUARD_FUZZ_SECONDS:-30}"
  log "all tiers passed"
}

cmd_demo() {
  cmd_build
  node tests/replica/build.mjs
  node tests/demo/demo.mjs "$DIST/chrome"
}

cmd_bench() {
  cmd_build
  node tests/bench/bench.mjs "$DIST/chrome"
}

case "${1:-build}" in
  build) cmd_build ;;
  test) cmd_test ;;
  demo) cmd_demo ;;
  bench) cmd_bench ;;
  *) echo "usage: ./build.sh [build|test|demo|bench]" >&2; exit 2 ;;
esac
