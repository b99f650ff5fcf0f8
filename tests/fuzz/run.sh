#!/usr/bin/env bash
# Short fuzz run of the core's untrusted-input parsers (issue #7).
#   tests/fuzz/run.sh [seconds-per-target]   (default 60)
# Targets: snapshot (parser + recogniser + planner), snapshot_object (the port's path:
# a parsed object tree through the same serde reading, round trip), policy (read_policy), presets
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
mkdir -p "$CORPUS/snapshot" "$CORPUS/snapshot_object" "$CORPUS/policy" "$CORPUS/presets"
# Seeds in the wire form (protocol version 2: a flat node list); older fixtures hold the nested tree.
node -e '
  const fs = require("fs"), path = require("path");
  const [dir, ...outs] = process.argv.slice(1);
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith(".json"))) {
    const snap = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"));
    if (snap.roots) {
      const nodes = [];
      const stack = snap.roots.map((n) => [n, -1]).reverse();
      while (stack.length) {
        const [{ k, ...n }, p] = stack.pop();
        if (p >= 0) n.p = p;
        const at = nodes.push(n) - 1;
        for (const c of [...(k || [])].reverse()) stack.push([c, at]);
      }
      delete snap.roots;
      Object.assign(snap, { v: 2, nodes });
    }
    for (const out of outs) fs.writeFileSync(path.join(out, f), JSON.stringify(snap));
  }' "$ROOT/tests/fixtures/snapshots" "$CORPUS/snapshot" "$CORPUS/snapshot_object"
cp "$ROOT/src/core/data/presets.json" "$CORPUS/presets/"
printf '%s\n' '{}' 'null' '{"maxLifetimeDays":30,"blockFullAccess":true,"forbiddenScopes":["vso.code_manage"]}' \
  '{"maxLifetimeDays":0}' '{"criticalAction":"block","blockAllOrganizations":false,"maxlifetimedays":1}' >"$CORPUS/policy/seeds.txt"
(cd "$CORPUS/policy" && split -l 1 seeds.txt seed- && rm seeds.txt)
cd "$ROOT"
cargo fuzz build --fuzz-dir "$HERE" -s "$SAN" --release 2>"$CARGO_TARGET_DIR/build.log" || { tail -40 "$CARGO_TARGET_DIR/build.log"; exit 1; }
for t in snapshot snapshot_object policy presets; do
  start=$(date +%s)
  cargo fuzz run --fuzz-dir "$HERE" -s "$SAN" --release "$t" "$CORPUS/$t" -- -max_total_time="$SECS" -max_len=131072 \
    -print_final_stats=1 2>"$CARGO_TARGET_DIR/$t.log" || { tail -40 "$CARGO_TARGET_DIR/$t.log"; exit 1; }
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$CARGO_TARGET_DIR/$t.log" | grep -o '[0-9]*$' || echo '?')
  echo "fuzz $t: ok, $runs runs in $(( $(date +%s) - start )) s"
done
