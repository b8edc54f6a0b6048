/** Build the SPA once into a temporary folder for the browser suites (never touches dist/). */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "vite";
import { repoRoot } from "../support/edge-process.ts";

let built: Promise<string> | null = null;

export function buildSpa(): Promise<string> {
  built ??= (async () => {
    const outDir = mkdtempSync(join(tmpdir(), "doorsync-spa-"));
    await build({ configFile: join(repoRoot, "vite.config.ts"), logLevel: "warn", build: { outDir, emptyOutDir: true } });
    return outDir;
  })();
  return built;
}
