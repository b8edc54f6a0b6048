/**
 * `npm run sandbox` end to end: the CLI under Deno (the deno npm package's binary, which
 * is what `npx deno` runs), on free ports, answering with the credentials it prints.
 */
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseArgs } from "../../../../edge/sandbox/cli-args.ts";
import { childEnv } from "../../../support/child-env.ts";

const root = join(import.meta.dirname, "..", "..", "..", "..");
const deno = join(root, "node_modules", ".bin", "deno");

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

describe("parseArgs()", () => {
  it("defaults to 2,000 users, seed 1, ports 8101 and 8102", () => {
    expect(parseArgs([])).toEqual({ ok: true, value: { users: 2000, seed: 1, "okta-port": 8101, "genea-port": 8102 } });
  });

  it.each([
    [["--users", "500", "--seed", "9"], { users: 500, seed: 9 }],
    [["--users=10", "--genea-port=0"], { users: 10, "genea-port": 0 }],
  ])("reads %j", (args, expected) => {
    expect(parseArgs(args)).toMatchObject({ ok: true, value: expected });
  });

  it.each([
    [["--users"], "--users needs a whole number, got nothing"],
    [["--users", "1.5"], "--users needs a whole number, got 1.5"],
    [["--users", "500001"], "--users is at most 500000"],
    [["--okta-port", "70000"], "ports are at most 65535"],
    [["--colour", "1"], "Unknown argument --colour"],
  ])("refuses %j", (args, message) => {
    expect(parseArgs(args)).toEqual({ ok: false, message });
  });
});

describe("npm run sandbox (edge/sandbox/cli.ts)", () => {
  it("starts both sandboxes, prints URLs and credentials that work, and stops when killed", async () => {
    const [oktaPort, geneaPort] = [await freePort(), await freePort()];
    const child = spawn(deno, [
      "run",
      "-A",
      "edge/sandbox/cli.ts",
      "--users",
      "200",
      "--okta-port",
      String(oktaPort),
      "--genea-port",
      String(geneaPort),
    ], {
      cwd: root,
      env: childEnv(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout!.setEncoding("utf8").on("data", (t: string) => (out += t));
    child.stderr!.setEncoding("utf8").on("data", (t: string) => (out += t));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no "Ready." within 60 s:\n${out}`)), 60_000);
        child.stdout!.on("data", () => out.includes("Ready.") && (clearTimeout(timer), resolve()));
        child.once("exit", (code) => (clearTimeout(timer), reject(new Error(`exited with ${code}:\n${out}`))));
      });
      const oktaUrl = /Okta sandbox:\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1];
      const geneaUrl = /Genea sandbox:\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1];
      const token = /API token \(Authorization: SSWS …\): (\S+)/.exec(out)![1];
      const key = /API key \(Authorization: Bearer …\): (\S+)/.exec(out)![1];
      expect([oktaUrl, geneaUrl]).toEqual([`http://127.0.0.1:${oktaPort}`, `http://127.0.0.1:${geneaPort}`]);

      const users = await fetch(`${oktaUrl}/api/v1/users?limit=1`, {
        headers: { Authorization: `SSWS ${token}`, Accept: "application/json" },
      });
      expect(users.status).toBe(200);
      expect(await users.json()).toHaveLength(1);
      const verify = await fetch(`${geneaUrl}/v2/api_key/verify`, {
        method: "POST",
        headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
        body: JSON.stringify({ api_key: key }),
      });
      expect(verify.status).toBe(200);
      expect((await verify.json()).data.customer_uuid).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      process.kill(child.pid!, "SIGTERM");
    }
    await exited;
    expect(child.exitCode === 0 || child.signalCode === "SIGTERM").toBe(true);
  }, 90_000);

  it("refuses bad arguments with usage and exit code 2", async () => {
    const child = spawn(deno, ["run", "-A", "edge/sandbox/cli.ts", "--users", "lots"], { cwd: root, env: childEnv() });
    let err = "";
    child.stderr.setEncoding("utf8").on("data", (t: string) => (err += t));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(2);
    expect(err).toContain("--users needs a whole number, got lots");
    expect(err).toContain("usage: npm run sandbox");
  }, 60_000);
});
