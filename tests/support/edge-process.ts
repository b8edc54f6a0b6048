/**
 * Runs the real edge (edge/main.ts) in Deno from Node tests: a free port, a temporary KV
 * file and secret key, captured stdout/stderr, and a cookie-aware client. Stop it with
 * `stop()` (kills its own PID only).
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { childEnv } from "./child-env.ts";
import { fetchFrom } from "./fetch-from.ts";
import { createCookieJar } from "./cookie-jar.ts";

export const repoRoot = join(import.meta.dirname, "..", "..");
/** The deno npm package's native binary (what `npx deno` runs). */
export const denoBin = join(repoRoot, "node_modules", ".bin", "deno");

export interface EdgeProcess {
  url: string;
  pid: number;
  dir: string;
  env: Record<string, string>;
  /** stdout + stderr so far */
  logs(): string;
  /** every response body any client of this edge has read, for leak scans */
  bodies: string[];
  /** a cookie-aware client; `from` picks its source address (e.g. "127.0.0.2": another client IP) */
  client(options?: { from?: string }): EdgeClient;
  stop(options?: { keepDir?: boolean }): Promise<void>;
}

export interface EdgeOptions {
  env?: Record<string, string>;
  /** reuse a directory (and its KV file) from an earlier run */
  dir?: string;
  timeoutMs?: number;
}

export async function startEdge(options: EdgeOptions = {}): Promise<EdgeProcess> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "doorsync-edge-"));
  const env: Record<string, string> = childEnv({
    PORT: "0",
    DOORSYNC_KV_PATH: join(dir, "doorsync.kv"),
    DOORSYNC_SECRET_KEY: randomBytes(32).toString("base64"),
    DOORSYNC_DIST_DIR: join(dir, "dist"),
    ...options.env,
  });
  const child = spawn(denoBin, ["run", "-A", "--unstable-kv", "--unstable-cron", "edge/main.ts"], {
    cwd: repoRoot,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.setEncoding("utf8").on("data", (t: string) => (output += t));
  child.stderr!.setEncoding("utf8").on("data", (t: string) => (output += t));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => fail(`did not start within ${options.timeoutMs ?? 90_000} ms`), options.timeoutMs ?? 90_000);
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(`edge ${why}:\n${output}`));
    };
    const early = (code: number | null) => fail(`exited with ${code}`);
    child.once("exit", early);
    const check = () => {
      const m = / listening url=(http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        child.off("exit", early);
        resolve(m[1]);
      }
    };
    child.stdout!.on("data", check);
  });

  const bodies: string[] = [];
  const edge: EdgeProcess = {
    url,
    pid: child.pid!,
    dir,
    env,
    logs: () => output,
    bodies,
    client: (opts) => createClient(url, bodies, opts?.from),
    stop: (opts) => stop(child, dir, opts?.keepDir ?? false),
  };
  return edge;
}

async function stop(child: ChildProcess, dir: string, keepDir: boolean): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((r) => child.once("exit", () => r()));
    process.kill(child.pid!, "SIGTERM");
    const timer = setTimeout(() => child.exitCode === null && process.kill(child.pid!, "SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
  }
  if (!keepDir) rmSync(dir, { recursive: true, force: true });
}

export interface Answer<T = unknown> {
  status: number;
  headers: Headers;
  text: string;
  /** parsed JSON, or undefined */
  body: T;
}

export interface EdgeClient {
  /** raw fetch with this client's cookies; the body is read and recorded */
  // deno-lint-ignore no-explicit-any -- a test client: specs read answers' bodies directly
  request(path: string, init?: RequestInit): Promise<Answer<any>>;
  /** JSON call; sends the CSRF token from the last SessionInfo unless `csrf: false` */
  call(
    method: string,
    path: string,
    body?: unknown,
    opts?: { csrf?: boolean | string; headers?: Record<string, string> },
    // deno-lint-ignore no-explicit-any -- as above
  ): Promise<Answer<any>>;
  csrf: string | null;
  cookies: Map<string, string>;
}

function createClient(base: string, bodies: string[], from?: string): EdgeClient {
  const client: EdgeClient = {
    csrf: null,
    cookies: new Map(),
    async request(path, init = {}) {
      const jar = createCookieJar(client.cookies);
      const headers = new Headers(init.headers);
      const cookie = jar.header();
      if (cookie) headers.set("cookie", cookie);
      const res = from
        ? await fetchFrom(from, base + path, { ...init, headers })
        : await fetch(base + path, { ...init, headers, redirect: "manual" });
      jar.take(res);
      const text = await res.text();
      bodies.push(text);
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      if (body && typeof body === "object" && "csrfToken" in body && typeof body.csrfToken === "string") client.csrf = body.csrfToken;
      // deno-lint-ignore no-explicit-any -- as above
      return { status: res.status, headers: res.headers, text, body: body as any };
    },
    call(method, path, body, opts = {}) {
      const headers: Record<string, string> = { ...opts.headers };
      if (body !== undefined) headers["content-type"] = "application/json";
      const csrf = typeof opts.csrf === "string" ? opts.csrf : opts.csrf === false ? null : client.csrf;
      if (csrf && method !== "GET") headers["x-csrf-token"] = csrf;
      return client.request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    },
  };
  return client;
}

/** Runs a Deno script from the repo root and returns its stdout (throws with stderr on failure). */
export function runDenoScript(script: string, env: Record<string, string> = {}): string {
  const res = spawnSync(denoBin, ["run", "-A", "--unstable-kv", script], {
    cwd: repoRoot,
    env: childEnv(env),
    encoding: "utf8",
    timeout: 120_000,
  });
  if (res.status !== 0) throw new Error(`${script} failed (${res.status}):\n${res.stderr}`);
  return res.stdout;
}

export const hasDeno = () => existsSync(denoBin);

/** Runs a snippet under Deno with KV enabled (e.g. to plant bad data in an edge's KV file). */
export function runDenoEval(code: string): string {
  const res = spawnSync(denoBin, ["eval", "--unstable-kv", code], {
    cwd: repoRoot,
    env: childEnv(),
    encoding: "utf8",
    timeout: 60_000,
  });
  if (res.status !== 0) throw new Error(`deno eval failed (${res.status}):\n${res.stderr}`);
  return res.stdout;
}
