/**
 * The edge's files on disk, checked with stat after a real start: the KV database and the
 * generated secret key are 0600, the folders the edge creates for them 0700, and files an
 * older version left readable by others are tightened on the next start.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chmodSync, existsSync, mkdtempSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROUTES } from "../../../shared/api/routes.ts";
import { type EdgeProcess, startEdge } from "../../support/edge-process.ts";

const root = mkdtempSync(join(tmpdir(), "doorsync-modes-"));
const dataDir = join(root, "state", "data");
const env = { DOORSYNC_DEMO: "0", DOORSYNC_KV_PATH: join(dataDir, "doorsync.kv"), DOORSYNC_SECRET_KEY: "" };
let edge: EdgeProcess;

const mode = (path: string) => statSync(path).mode & 0o777;
const kvFiles = () => readdirSync(dataDir).filter((f) => f.startsWith("doorsync.kv")).map((f) => join(dataDir, f));

beforeAll(async () => {
  edge = await startEdge({ dir: root, env });
  // Something written, so SQLite has its write-ahead log open.
  await edge.client().call("POST", ROUTES.setup, { username: "admin", password: "granite-willow-ember-2" });
});
afterAll(async () => {
  await edge?.stop();
});

describe.skipIf(process.platform === "win32")("file modes", () => {
  it("creates the KV database and its companion files 0600", () => {
    const files = kvFiles();
    expect(files).toContain(env.DOORSYNC_KV_PATH);
    for (const file of files) expect(mode(file).toString(8), file).toBe("600");
  });

  it("creates the generated secret key 0600", () => {
    const key = join(dataDir, "secret.key");
    expect(existsSync(key)).toBe(true);
    expect(mode(key).toString(8)).toBe("600");
  });

  it("creates the folders for them 0700", () => {
    expect(mode(join(root, "state")).toString(8)).toBe("700");
    expect(mode(dataDir).toString(8)).toBe("700");
  });

  it("tightens a KV database and key file left readable by others", async () => {
    await edge.stop({ keepDir: true });
    for (const file of [...kvFiles(), join(dataDir, "secret.key")]) chmodSync(file, 0o644);
    edge = await startEdge({ dir: root, env });
    expect((await edge.client().call("POST", ROUTES.signIn, { username: "admin", password: "granite-willow-ember-2" })).status).toBe(200);
    for (const file of [...kvFiles(), join(dataDir, "secret.key")]) expect(mode(file).toString(8), file).toBe("600");
  });
});
