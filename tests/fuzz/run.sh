#!/usr/bin/env bash
# Short fuzz run of the core's untrusted-input parsers (issue #7).
#   tests/fuzz/run.sh [seconds-per-target]   (default 60)
# Targets: snapshot (parser + recogniser + planner), policy (read_policy), presets
# (Preset::from_json). Needs cargo-fuzz; the machine has only stable Rust, so the
# nightly-only flags cargo-fuzz passes (-Z…, sancov passes) are unlocked with
# RUSTC_BOOTSTRAP=1. Sanitizer: FUZZ_SANITIZER=none (default: the core is safe Rust, so a
# panic is what we look for, at ~4x the speed) or address (the stable sysroot ships the
# ASan runtime; also works). Seeds come from tests/fixtures and src/core/data; the corpus
# grows in $CARGO_TARGET_DIR/corpus across runs.
set -euo pipefail
SECS="${1:-60}"
SAN="${FUZZ_SANITIZER:-none}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
export PATH="$HOME/.cargo/bin:$PATH"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --version 0.13.2
export RUSTC_BOOTSTRAP=1
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target/fuzz}"
CORPUS="$CARGO_TARGET_DIR/corpus"
mkdir -p "$CORPUS/snapshot" "$CORPUS/policy" "$CORPUS/presets"
cp "$ROOT"/tests/fixtures/snapshots/*.json "$CORPUS/snapshot/"
cp "$ROOT/src/core/data/presets.json" "$CORPUS/presets/"
printf '%s\n' '{}' 'null' '{"maxLifetimeDays":30,"blockFullAccess":true,"forbiddenScopes":["vso.code_manage"]}' \
  '{"maxLifetimeDays":0}' '{"criticalAction":"block","blockAllOrganizations":false,"maxlifetimedays":1}' >"$CORPUS/policy/seeds.txt"
(cd "$CORPUS/policy" && split -l 1 seeds.txt seed- && rm seeds.txt)
cd "$ROOT"
cargo fuzz build --fuzz-dir "$HERE" -s "$SAN" --release 2>"$CARGO_TARGET_DIR/build.log" || { tail -40 "$CARGO_TARGET_DIR/build.log"; exit 1; }
for t in snapshot policy presets; do
  start=$(date +%s)
  cargo fuzz run --fuzz-dir "$HERE" -s "$SAN" --release "$t" "$CORPUS/$t" -- -max_total_time="$SECS" -max_len=131072 \
    -print_final_stats=1 2>"$CARGO_TARGET_DIR/$t.log" || { tail -40 "$CARGO_TARGET_DIR/$t.log"; exit 1; }
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$CARGO_TARGET_DIR/$t.log" | grep -o '[0-9]*$' || echo '?')
  echo "fuzz $t: ok, $runs runs in $(( $(date +%s) - start )) s"
done
