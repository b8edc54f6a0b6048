/**
 * The edge runs on npm's node_modules alone: with an empty Deno cache and every way out to
 * the network closed (dead proxies, an unreachable npm registry), it starts and answers
 * /api/health, and Deno has downloaded nothing.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EdgeProcess, repoRoot, startEdge } from "../../support/edge-process.ts";

const DEAD = "http://127.0.0.1:9"; // the discard port: nothing listens, connections are refused

describe("the edge offline, from an empty Deno cache", () => {
  const denoDir = mkdtempSync(join(tmpdir(), "doorsync-empty-deno-"));
  let edge: EdgeProcess;

  beforeAll(async () => {
    edge = await startEdge({
      env: {
        DENO_DIR: denoDir,
        HTTP_PROXY: DEAD,
        HTTPS_PROXY: DEAD,
        ALL_PROXY: DEAD,
        NO_PROXY: "127.0.0.1,localhost",
        NPM_CONFIG_REGISTRY: `${DEAD}/`,
        DOORSYNC_DEMO: "0",
      },
    });
  });
  afterAll(async () => {
    await edge?.stop();
    rmSync(denoDir, { recursive: true, force: true });
  });

  it("answers /api/health", async () => {
    const res = await edge.client().request("/api/health");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, demo: false });
  });

  it("downloaded no npm package into the Deno cache", () => {
    const npmCache = join(denoDir, "npm");
    expect(existsSync(npmCache) ? readdirSync(npmCache) : []).toEqual([]);
  });
});

describe("one source of dependency truth", () => {
  const denoJson = JSON.parse(readFileSync(join(repoRoot, "deno.json"), "utf8"));
  const pkg = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8"));

  it("makes Deno use npm's node_modules and keep no second lock or import map", () => {
    expect(denoJson.nodeModulesDir).toBe("manual");
    expect(denoJson.lock).toBe(false);
    expect(denoJson.imports).toBeUndefined();
  });

  it("lists every bare import of edge/ and shared/ as a runtime dependency in package.json", () => {
    const bare = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of readdirSync(join(repoRoot, dir), { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (path.endsWith(".ts")) {
          for (const m of readFileSync(join(repoRoot, path), "utf8").matchAll(/from\s+"([^".][^"]*)"|import\("([^".][^"]*)"\)/g)) {
            const spec = m[1] ?? m[2];
            if (spec.startsWith("npm:") || spec.startsWith("jsr:") || spec.startsWith("http")) bare.add(spec);
            else bare.add(spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]);
          }
        }
      }
    };
    walk("edge");
    walk("shared");
    for (const name of bare) expect(Object.keys(pkg.dependencies), `${name} is imported by edge/ or shared/`).toContain(name);
  });
});
