#!/usr/bin/env node
/**
 * `npm start`: build the web app (when web/index.html exists), then run the edge in Deno.
 * With no connections configured the edge starts in demo mode (sandboxes + demo org).
 * Environment variables are passed through; see docs/edge.md.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const npx = process.platform === "win32" ? "npx.cmd" : "npx";

if (existsSync(join(root, "web", "index.html"))) {
  const build = spawnSync(npx, ["vite", "build"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) {
    console.error("doorsync: the web build failed (see above); fix it or run the edge alone with `npx deno task start`");
    process.exit(build.status ?? 1);
  }
} else {
  console.log("doorsync: web/index.html not found, skipping the web build (the edge serves dist/ if present, else a plain page)");
}

// The deno npm package ships the native binary: run it directly so signals reach it.
const localDeno = join(root, "node_modules", ".bin", process.platform === "win32" ? "deno.exe" : "deno");
const [cmd, ...pre] = existsSync(localDeno) ? [localDeno] : [npx, "deno"];
const edge = spawn(
  cmd,
  [...pre, "run", "-A", "--unstable-kv", "--unstable-cron", "edge/main.ts"],
  { cwd: root, stdio: ["inherit", "pipe", "inherit"], env: process.env },
);

edge.stdout.setEncoding("utf8");
edge.stdout.on("data", (text) => {
  process.stdout.write(text);
  const m = / listening url=(http:\/\/\S+)/.exec(text);
  if (m) console.log(`\n  doorsync is running: open ${m[1]}\n`);
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => edge.kill(signal));
}
edge.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
