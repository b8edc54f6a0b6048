/**
 * `npm run bench`: runs every benchmark in bench/.
 *
 * Convention: a benchmark is a file named `bench/<name>.bench.ts`. It runs on its own under
 * `npx tsx --expose-gc` (so it may call `globalThis.gc` to measure heap), prints its figures
 * with their targets and PASS/FAIL, writes `bench/results/<name>.json` only with `--save`, and
 * sets a non-zero exit code when a target is missed. Other files in bench/ are helpers.
 *
 * Usage: npm run bench [-- <name> ...] [--save]   (names filter, e.g. `npm run bench -- engine --save`)
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

const SUFFIX = ".bench.ts";
const args = process.argv.slice(2);
const only = args.filter((a) => !a.startsWith("--"));
const flags = args.filter((a) => a.startsWith("--"));
const files = readdirSync("bench")
  .filter((f) => f.endsWith(SUFFIX))
  .filter((f) => only.length === 0 || only.includes(f.slice(0, -SUFFIX.length)))
  .sort();

if (files.length === 0) {
  console.error(`No benchmarks matching bench/*${SUFFIX}${only.length ? ` named ${only.join(", ")}` : ""}`);
  process.exit(1);
}

const failed = [];
for (const file of files) {
  console.log(`\n== ${file} ==`);
  const run = spawnSync("npx", ["tsx", "--expose-gc", join("bench", file), ...flags], { stdio: "inherit" });
  if (run.status !== 0) failed.push(file);
}
console.log(failed.length ? `\nbenchmarks missing targets or failing: ${failed.join(", ")}` : "\nall benchmarks met their targets");
process.exit(failed.length ? 1 : 0);
