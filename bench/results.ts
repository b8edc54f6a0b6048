/**
 * Where a benchmark's figures go: printed always, written to bench/results/<name>.json only
 * when asked (`npm run bench -- <name> --save`), so a run to look never leaves the tree dirty.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const saving = (): boolean => process.argv.includes("--save");

export function saveResults(name: string, figures: unknown): void {
  if (!saving()) {
    console.log(`(figures not written: add --save to write bench/results/${name}.json)`);
    return;
  }
  const dir = join(import.meta.dirname, "results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`figures written to bench/results/${name}.json`);
}
