/**
 * The layout's one-way import rule (web → shared ← edge) and shared/'s purity, checked on
 * the source text so a violation fails before it ships.
 */
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const root = join(import.meta.dirname, "..");

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|tsx)$/.test(name)) out.push(path);
  }
  return out;
}

const importsOf = (file: string) =>
  [...readFileSync(join(root, file), "utf8").matchAll(/(?:import|export)[^"'`]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g)]
    .map(
      (m) => m[1] ?? m[2],
    );

describe("architecture", () => {
  const shared = sourceFiles("shared");

  it("has shared modules to check", () => {
    expect(shared.length).toBeGreaterThan(5);
  });

  it.each(shared)("%s imports neither web/ nor edge/ nor Node built-ins", (file) => {
    for (const spec of importsOf(file)) {
      expect(spec, `${file} imports ${spec}`).not.toMatch(/^node:|\/(web|edge)\//);
      expect(["fs", "path", "crypto", "os", "buffer", "http"]).not.toContain(spec);
    }
  });

  it.each(shared)("%s uses no DOM, Deno or Node globals", (file) => {
    const text = readFileSync(join(root, file), "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
    expect(text, relative(root, file)).not.toMatch(/\b(Deno\.|document\.|window\.|process\.|Buffer\.|require\()/);
  });

  it.each(sourceFiles("edge"))("%s does not import web/", (file) => {
    for (const spec of importsOf(file)) expect(spec).not.toMatch(/\/web\//);
  });

  it("keeps the sandboxes out of the production edge: edge/main.ts reaches them only by dynamic import", () => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(join(root, file), "utf8");
      for (const m of text.matchAll(/^(?:import|export)[^"'`]*?from\s*["']([^"']+)["']/gm)) {
        if (!m[1].startsWith(".")) continue;
        visit(relative(root, join(root, file, "..", m[1])));
      }
    };
    visit("edge/main.ts");
    expect([...seen].filter((f) => f.startsWith("edge/sandbox/"))).toEqual([]);
    expect(seen.size).toBeGreaterThan(20);
  });
});
