#!/usr/bin/env bash
# PAT Guard build and test driver.
#   ./build.sh          build the wasm modules and the Chrome, Edge and Firefox packages into dist/
#   ./build.sh package  the same: the three store zips and their SHA256SUMS (Rust and Node only, no root)
#   ./build.sh test     every test tier; exits non-zero on any failure
#   ./build.sh demo     the extension on the replica token page in Chromium (screenshots when headless)
#   ./build.sh store    the store screenshots and promotional tile (store/images/) from the replica
#   ./build.sh bench    size and speed figures with their budgets
# Missing tools are installed on first use, so a fresh Debian machine needs nothing else. Building
# needs only the pinned Rust (rust-toolchain.toml) and Node packages (tests/package-lock.json);
# the browsers and keepassxc are installed (as root) only for the tiers that run them.
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
# Browsers and keepassxc for the test, demo, store and bench commands; never needed to build.
# zip (and unzip, for the reproducible-build test's report) come along, so a fresh machine
# running the tests needs nothing else; building alone asks for zip by name.
ensure_test_packages() {
  local wanted=(chromium chromium-l10n chromium-driver keepassxc firefox-esr zip unzip)
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
  # rustup reads rust-toolchain.toml: this installs the pinned compiler with rust-src, clippy,
  # rustfmt and the wasm32 target when they are missing (and does nothing when they are there).
  rustup toolchain install >/dev/null 2>&1 || rustup toolchain install
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

ensure_build_tools() {
  command -v zip >/dev/null || { echo "zip is missing (Debian: apt-get install zip)" >&2; return 1; }
  ensure_rust_tools
  ensure_node_modules
}

# ---------------------------------------------------------------- build
gz_size() { gzip -9c "$1" | wc -c | tr -d ' '; }
raw_size() { wc -c <"$1" | tr -d ' '; }

build_wasm() {
  log "cargo build (release, wasm32, --locked)"
  local sysroot flags
  sysroot="$(rustc --print sysroot)"
  # The std is always rebuilt for size, with panics that abort at once instead of formatting
  # a message nobody sees (wasm32 has no stderr): -10 KB gzip on the panel module (issue #7).
  # build-std and these flags are unstable: RUSTC_BOOTSTRAP lets the pinned stable toolchain
  # use them, as the fuzz tier does.
  flags="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none"
  # LLVM alone decides what to inline: rustc's MIR inliner, run before it, copies small
  # generic bodies into each caller first (-3.4 KB gzip on the panel module, issue #16).
  flags+=" -Zinline-mir=no"
  # No machine path in the wasm: the checkout, the crate sources and the std sources are named
  # the same on every machine, so a rebuild elsewhere gives the same bytes.
  flags+=" --remap-path-prefix=$ROOT=/patguard"
  flags+=" --remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}=/cargo"
  flags+=" --remap-path-prefix=$sysroot=/rust"
  RUSTC_BOOTSTRAP=1 CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$flags" \
    cargo build --locked --release --target wasm32-unknown-unknown \
    -Z build-std=std,panic_abort -Z build-std-features=optimize_for_size \
    -p patguard-assistant -p patguard-options -p patguard-kdbx -p patguard-calculator
  # Which std the modules were built with, for the bench's size notes.
  mkdir -p "$DIST" && echo size-optimised >"$DIST/.wasm-std"
  rm -rf "$PKG" && mkdir -p "$PKG"
  for crate in patguard_assistant patguard_options patguard_kdbx patguard_calculator; do
    wasm-bindgen --target web --no-typescript --out-dir "$PKG" \
      "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/$crate.wasm"
    # npm binaryen: Debian's wasm-opt 108 silently breaks wasm-bindgen's externref table.
    # --converge repeats -Oz until it stops shrinking (-1.3 KB gzip on the panel module, issue #7).
    # Two assumptions true of Rust code, worth -2.3 KB gzip on the panel module (issue #16):
    # nothing lives in the first 1 KB of memory (rustc puts the stack there, growing down from
    # 1 MiB, so a pointer below 1 KB is never followed), and no load, store or division traps
    # (safe Rust checks bounds and divisors itself; its panics are explicit traps, kept).
    "$NODE_DIR/node_modules/.bin/wasm-opt" -Oz --converge --low-memory-unused --ignore-implicit-traps \
      --strip-producers --enable-bulk-memory --enable-reference-types \
      --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
      "$PKG/${crate}_bg.wasm" -o "$PKG/${crate}_bg.wasm"
    node extension/tools/initcheck.mjs "$PKG/$crate.js" "$PKG/${crate}_bg.wasm"
  done
}

assemble() {
  local browser="$1" out="$DIST/$1"
  rm -rf "$out" && mkdir -p "$out"
  (cd extension && tar --exclude=./tools --exclude=./agent -cf - .) | (cd "$out" && tar -xf -)
  cp -r "$PKG" "$out/pkg"
  node extension/tools/bundle-agent.mjs extension/agent "$out/agent.js"
  cp src/core/data/managed_schema.json "$out/managed_schema.json"
  cp LICENSE PRIVACY.md "$out/"
  cp "$DIST/THIRD-PARTY-NOTICES.txt" "$out/"
  node extension/tools/make-manifest.mjs manifest.json "$browser" "$out/manifest.json"
  deterministic_zip "$out" "$DIST/patguard-$browser-$VERSION.zip"
}

# The same files give the same zip on any machine: entries in byte order, no directory
# entries, no owner or extra attributes (-X), one fixed time and fixed modes, written in UTC.
deterministic_zip() {
  local dir="$1" zipfile="$2"
  rm -f "$zipfile"
  find "$dir" -type d -exec chmod 755 {} + && find "$dir" -type f -exec chmod 644 {} +
  find "$dir" -exec touch -h -d '2000-01-01T00:00:00Z' {} +
  (cd "$dir" && find . -type f | sed 's|^\./||' | LC_ALL=C sort | TZ=UTC zip -q -X -D -9 "$zipfile" -@)
}

agent_bundle_size() {
  echo "$(raw_size "$DIST/chrome/agent.js") $(gz_size "$DIST/chrome/agent.js")"
}

print_sizes() {
  local a k s
  a="$PKG/patguard_assistant_bg.wasm"
  k="$PKG/patguard_kdbx_bg.wasm"
  read -r agent_raw agent_gz <<<"$(agent_bundle_size)"
  printf '\n%-44s %10s %10s\n' "artifact" "raw B" "gzip B"
  printf '%-44s %10s %10s\n' "page agent (one content script, as shipped)" "$agent_raw" "$agent_gz"
  printf '%-44s %10s %10s\n' "core wasm, loaded on panel open" "$(raw_size "$a")" "$(gz_size "$a")"
  printf '%-44s %10s %10s\n' "core JS glue" "$(raw_size "$PKG/patguard_assistant.js")" "$(gz_size "$PKG/patguard_assistant.js")"
  printf '%-44s %10s %10s\n' "options-page wasm, loaded by options.html" "$(raw_size "$PKG/patguard_options_bg.wasm")" "$(gz_size "$PKG/patguard_options_bg.wasm")"
  printf '%-44s %10s %10s\n' "password-manager wasm, loaded on demand" "$(raw_size "$k")" "$(gz_size "$k")"
  printf '%-44s %10s %10s\n' "scope-calculator wasm, loaded on demand" "$(raw_size "$PKG/patguard_calculator_bg.wasm")" "$(gz_size "$PKG/patguard_calculator_bg.wasm")"
  for s in "$DIST"/patguard-*-"$VERSION".zip; do printf '%-44s %10s\n' "$(basename "$s")" "$(raw_size "$s")"; done
  echo
}

cmd_build() {
  ensure_build_tools
  build_wasm
  node extension/tools/third-party-notices.mjs "$DIST/THIRD-PARTY-NOTICES.txt"
  for b in chrome edge firefox; do assemble "$b"; done
  (cd "$DIST" && rm -f SHA256SUMS && sha256sum patguard-{chrome,edge,firefox}-"$VERSION".zip >SHA256SUMS)
  # For a reviewer who diffs the unpacked package: the SHA-256 of every file in each zip.
  for b in chrome edge firefox; do
    (cd "$DIST/$b" && find . -type f | sed 's|^\./||' | LC_ALL=C sort | xargs -d '\n' sha256sum) >"$DIST/patguard-$b-$VERSION.files.sha256"
  done
  print_sizes
  log "built: $DIST/chrome $DIST/edge $DIST/firefox"
}

# ---------------------------------------------------------------- test
cmd_test() {
  ensure_test_packages
  cmd_build
  log "tier 1: native (fmt, clippy, cargo test)"
  cargo fmt --all -- --check
  cargo clippy --workspace --all-targets -- -D warnings
  cargo test --workspace
  log "tier 2: wasm-bindgen-test in headless Chromium; the shipped kdbx module in node against keepassxc-cli"
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner CHROMEDRIVER=/usr/bin/chromedriver \
    cargo test --target wasm32-unknown-unknown -p patguard-assistant
  node tests/kdbx/wasm_roundtrip.mjs "$PKG"
  log "tier 3: end-to-end in Chromium (replica + extension)"
  node tests/replica/build.mjs
  node --test --test-concurrency=1 tests/replica/ tests/e2e/ tests/tools/
  log "tier 4: Firefox smoke test"
  node --test tests/firefox/
  log "tier 5: web-ext lint (Firefox package)"
  node tests/tools/lint-firefox.mjs "$DIST/firefox"
  log "tier 6: short fuzz run of the untrusted-input parsers (longer: tests/fuzz/run.sh 600)"
  tests/fuzz/run.sh "${PATGUARD_FUZZ_SECONDS:-30}"
  log "tier 7: shipping (versions, store limits, admin policy samples, a rebuild elsewhere gives the same zips)"
  node --test --test-concurrency=1 tests/shipping/
  log "all tiers passed"
}

cmd_demo() {
  ensure_test_packages
  cmd_build
  node tests/replica/build.mjs
  node tests/demo/demo.mjs "$DIST/chrome"
}

cmd_store() {
  ensure_test_packages
  cmd_build
  node tests/replica/build.mjs
  node store/tools/render-images.mjs "$DIST/chrome"
}

cmd_bench() {
  ensure_test_packages
  cmd_build
  node tests/bench/bench.mjs "$DIST/chrome"
}

case "${1:-build}" in
  build | package) cmd_build ;;
  test) cmd_test ;;
  demo) cmd_demo ;;
  store) cmd_store ;;
  bench) cmd_bench ;;
  *) echo "usage: ./build.sh [build|package|test|demo|store|bench]" >&2; exit 2 ;;
esac
