/**
 * GET /api/directory in byte ranges against the real edge process connected to the Okta and
 * Genea sandboxes: 206 with Content-Range, 416 past the end, the preconditions (If-None-Match,
 * If-Range, If-Match) and a snapshot that changes between two chunks.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROUTES } from "../../../shared/api/routes.ts";
import { changeDirectory, startDirectoryWorld } from "../../support/directory-world.ts";
import type { SyncWorld } from "../../support/sync-world.ts";

let world: SyncWorld;
/** the snapshot as the edge serves it whole */
let whole: Buffer;
let etag: string;

interface Got {
  status: number;
  headers: Headers;
  bytes: Buffer;
}

async function get(headers: Record<string, string> = {}): Promise<Got> {
  const session = world.admin.cookies.get("doorsync_session")!;
  const res = await fetch(world.edge.url + ROUTES.directory, { headers: { cookie: `doorsync_session=${session}`, ...headers } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}
const sha = (b: Uint8Array) => `"${createHash("sha256").update(b).digest("hex")}"`;

beforeAll(async () => {
  world = await startDirectoryWorld({ users: 300, seed: 29 });
  const res = await get();
  whole = res.bytes;
  etag = res.headers.get("etag")!;
}, 120_000);
afterAll(async () => {
  await world?.close();
});

describe("GET /api/directory", () => {
  it("answers the whole snapshot with its length, its sha256 as ETag and byte ranges on offer", async () => {
    const res = await get();
    expect(res.status).toBe(200);
    expect(res.headers.get("accept-ranges")).toBe("bytes");
    expect(res.headers.get("content-length")).toBe(String(whole.length));
    expect(whole.length).toBeGreaterThan(4096);
    expect(etag).toBe(sha(whole));
  });

  it.each([
    ["bytes=0-99", 0, 99],
    ["bytes=100-2147", 100, 2147],
    ["bytes=4000-", 4000, -1],
    ["bytes=-77", -77, -1],
    ["bytes=10-999999999", 10, -1],
  ])("answers %s with 206, its Content-Range and exactly those bytes", async (range, from, to) => {
    const size = whole.length;
    const start = from < 0 ? size + from : from;
    const end = to < 0 ? size - 1 : to;
    const res = await get({ range });
    expect(res.status).toBe(206);
    expect(res.headers.get("content-range")).toBe(`bytes ${start}-${end}/${size}`);
    expect(res.headers.get("content-length")).toBe(String(end - start + 1));
    expect(res.headers.get("etag")).toBe(etag);
    expect(res.bytes.equals(whole.subarray(start, end + 1))).toBe(true);
  });

  it("serves chunks that put together are the whole, byte for byte", async () => {
    const parts: Buffer[] = [];
    for (let at = 0; at < whole.length; at += 1024) parts.push((await get({ range: `bytes=${at}-${at + 1023}`, "if-match": etag })).bytes);
    expect(Buffer.concat(parts).equals(whole)).toBe(true);
  });

  it.each([
    ["a range starting at the end", () => `bytes=${whole.length}-`],
    ["a range starting past the end", () => `bytes=${whole.length + 10}-${whole.length + 20}`],
    ["an empty suffix", () => "bytes=-0"],
  ])("answers %s with 416 and the size in Content-Range", async (_, range) => {
    const res = await get({ range: range() });
    expect(res.status).toBe(416);
    expect(res.headers.get("content-range")).toBe(`bytes */${whole.length}`);
    expect(JSON.parse(res.bytes.toString()).error.code).toBe("range-not-satisfiable");
  });

  it.each([
    ["several ranges", "bytes=0-9,20-29"],
    ["another unit", "items=0-9"],
    ["a backwards range", "bytes=9-5"],
  ])("answers a Range header with %s (which it may ignore) with the whole snapshot", async (_, range) => {
    const res = await get({ range });
    expect(res.status).toBe(200);
    expect(res.bytes.equals(whole)).toBe(true);
  });

  it("keeps 304 for a current If-None-Match, with or without a range", async () => {
    const asks: Record<string, string>[] = [{ "if-none-match": etag }, { "if-none-match": etag, range: "bytes=0-9" }];
    for (const headers of asks) {
      const res = await get(headers);
      expect(res.status).toBe(304);
      expect(res.bytes.length).toBe(0);
      expect(res.headers.get("etag")).toBe(etag);
    }
  });

  it.each([
    ["a weak tag", () => `W/${etag}`],
    ["a date (the snapshot has no Last-Modified)", () => "Sat, 28 Nov 2026 10:00:00 GMT"],
  ])("answers If-Range with %s with the whole snapshot", async (_, ifRange) => {
    const res = await get({ range: "bytes=0-9", "if-range": ifRange() });
    expect(res.status).toBe(200);
    expect(res.bytes.equals(whole)).toBe(true);
  });

  it("serves a range under If-Match: *", async () => {
    expect((await get({ range: "bytes=0-9", "if-match": "*" })).status).toBe(206);
  });
});

describe("a snapshot that changes between two chunks", () => {
  let first: Got;
  let newEtag: string;

  beforeAll(async () => {
    first = await get({ range: "bytes=0-1023" });
    await changeDirectory(world);
    newEtag = (await get({ range: "bytes=0-0" })).headers.get("etag")!;
  }, 60_000);

  it("is a new snapshot under a new ETag", () => {
    expect(first.status).toBe(206);
    expect(first.headers.get("etag")).toBe(etag);
    expect(newEtag).not.toBe(etag);
  });

  it("answers the next chunk under If-Range of the old ETag with the whole new snapshot (200)", async () => {
    const res = await get({ range: "bytes=1024-2047", "if-range": etag });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-range")).toBeNull();
    expect(res.headers.get("etag")).toBe(newEtag);
    expect(sha(res.bytes)).toBe(newEtag);
  });

  it("answers the next chunk under If-Match of the old ETag with 412 naming the new ETag", async () => {
    const res = await get({ range: "bytes=1024-2047", "if-match": etag });
    expect(res.status).toBe(412);
    expect(res.headers.get("etag")).toBe(newEtag);
    expect(JSON.parse(res.bytes.toString()).error.code).toBe("precondition-failed");
  });

  it("serves the new snapshot's chunk under its own ETag", async () => {
    const res = await get({ range: "bytes=1024-2047", "if-range": newEtag, "if-match": newEtag });
    expect(res.status).toBe(206);
    expect(res.headers.get("content-range")).toMatch(/^bytes 1024-2047\/\d+$/);
  });

  it("no longer answers 304 to the old ETag", async () => {
    expect((await get({ "if-none-match": etag })).status).toBe(200);
  });
});
