/**
 * An edge whose admin comes from DOORSYNC_ADMIN_PASSWORD_HASH (made by the hash-password
 * script), with a 3-second session TTL and a 6-second absolute lifetime: sessions expire
 * when idle, slide while used, and end at their lifetime however much they are used;
 * sign-in attempts are throttled per IP and account.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { ROUTES } from "../../../shared/api/routes.ts";
import { childEnv } from "../../support/child-env.ts";
import { denoBin, type EdgeProcess, repoRoot, startEdge } from "../../support/edge-process.ts";
import { leaks } from "../../support/edge-rules.ts";

const PASSWORD = "quartz-lantern-meadow-7";
let edge: EdgeProcess;
let hash: string;

function hashPassword(password: string): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(denoBin, ["run", "edge/auth/hash-password.ts"], {
    cwd: repoRoot,
    input: password + "\n",
    encoding: "utf8",
    env: childEnv(),
  });
}

beforeAll(async () => {
  hash = hashPassword(PASSWORD).stdout.trim();
  edge = await startEdge({
    env: {
      DOORSYNC_DEMO: "0",
      DOORSYNC_ADMIN_USERNAME: "ops",
      DOORSYNC_ADMIN_PASSWORD_HASH: hash,
      DOORSYNC_SESSION_TTL_SECONDS: "3",
      DOORSYNC_SESSION_MAX_AGE_SECONDS: "6",
    },
  });
});
afterAll(async () => {
  await edge?.stop();
});

describe("hash-password script", () => {
  it("prints a PBKDF2-SHA256 hash with at least 210,000 iterations and a random salt", () => {
    const m = /^pbkdf2-sha256\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/.exec(hash);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThanOrEqual(210_000);
    const again = hashPassword(PASSWORD).stdout.trim();
    expect(again.split("$")[2]).not.toBe(m![2]);
  });

  it("refuses a password under 12 characters", () => {
    const res = hashPassword("short");
    expect(res.status).not.toBe(0);
    expect(res.stdout).toBe("");
  });
});

describe("admin from DOORSYNC_ADMIN_PASSWORD_HASH", () => {
  it("has no setup step", async () => {
    const c = edge.client();
    expect((await c.call("GET", ROUTES.session)).body.state).toBe("signed-out");
    const setup = await c.call("POST", ROUTES.setup, { username: "mallory", password: "a-long-enough-password" });
    expect(setup.status).toBe(409);
  });

  it("signs in with the hashed password", async () => {
    const res = await edge.client().call("POST", ROUTES.signIn, { username: "ops", password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.username).toBe("ops");
  });
});

describe("session expiry (TTL 3 s)", () => {
  it("keeps a session alive while it is used", async () => {
    const c = edge.client();
    await c.call("POST", ROUTES.signIn, { username: "ops", password: PASSWORD });
    // 4 s of use in total, longer than the TTL, with a wide margin per step
    for (let i = 0; i < 5; i++) {
      await sleep(800);
      expect((await c.call("GET", ROUTES.connections)).status).toBe(200);
    }
  });

  it("ends a session left idle past the TTL", async () => {
    const c = edge.client();
    await c.call("POST", ROUTES.signIn, { username: "ops", password: PASSWORD });
    expect((await c.call("GET", ROUTES.connections)).status).toBe(200);
    await sleep(3600);
    const res = await c.call("GET", ROUTES.connections);
    expect(res.status).toBe(401);
    expect((await c.call("GET", ROUTES.session)).body.state).toBe("signed-out");
  });
});

describe("absolute session lifetime (6 s)", () => {
  it("ends a session at its lifetime however much it is used", async () => {
    const c = edge.client();
    const start = Date.now();
    await c.call("POST", ROUTES.signIn, { username: "ops", password: PASSWORD });
    const seen: { at: number; status: number }[] = [];
    // Used every 0.8 s, so the 3 s idle TTL alone would keep it alive for ever.
    while (Date.now() - start < 7500) {
      await sleep(800);
      seen.push({ at: Date.now() - start, status: (await c.call("GET", ROUTES.connections)).status });
    }
    expect(seen.filter((s) => s.at < 5500).every((s) => s.status === 200)).toBe(true);
    expect(seen.filter((s) => s.at > 6300).map((s) => s.status)).toContain(401);
    expect(seen.filter((s) => s.at > 6300).every((s) => s.status === 401)).toBe(true);
  }, 15_000);
});

describe("sign-in rate limit (5 failures per 15 minutes)", () => {
  it("answers 429 with Retry-After after five failures, even for the right password", async () => {
    const c = edge.client();
    for (let i = 0; i < 5; i++) {
      expect((await c.call("POST", ROUTES.signIn, { username: "ops", password: `wrong-password-${i}` })).status).toBe(401);
    }
    const blocked = await c.call("POST", ROUTES.signIn, { username: "ops", password: PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe("rate-limited");
    const retry = Number(blocked.headers.get("retry-after"));
    expect(retry).toBeGreaterThan(800);
    expect(retry).toBeLessThanOrEqual(900);
  });

  it("blocks other accounts from the same IP too", async () => {
    const res = await edge.client().call("POST", ROUTES.signIn, { username: "someone-else", password: "whatever-password" });
    expect(res.status).toBe(429);
  });
});

describe("secrets", () => {
  it("never appear in a response body or log line", () => {
    expect(leaks([...edge.bodies, edge.logs()], [PASSWORD, hash, edge.env.DOORSYNC_SECRET_KEY])).toEqual([]);
  });
});
