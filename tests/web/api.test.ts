/** The web client (web/state/api.ts) against the real edge, under Deno on an in-memory KV (api.deno.ts). */
import { describe, expect, it } from "vitest";
import { scenarios } from "../support/deno-scenarios.ts";

const result = scenarios("tests/web/api.deno.ts");
const snapshot = () => result("the snapshot") as { etag: string; size: number; head: number[] };

describe("createApi()", () => {
  it("validates responses with the shared schemas", () => {
    expect(result("setup")).toMatchObject({ ok: true, value: { state: "signed-in", username: "admin" } });
    expect(result("the draft")).toMatchObject({ ok: true, value: { baseVersion: 0, revision: 0, updatedBy: null } });
  });

  it.each([
    ["a body that fails its schema", /server response while reading the current Genea state at fetchedAt/],
    ["a body that is not JSON", /not JSON while listing published versions/],
  ])("turns %s into a bad-response error", (name, message) => {
    expect(result(name)).toMatchObject({ ok: false, error: { code: "bad-response" } });
    expect(result(name)).toMatchObject({ error: { message: expect.stringMatching(message) } });
  });

  it.each([
    ["before sign-in: the draft", { code: "unauthorized", message: "Sign in first (your session may have expired)", status: 401 }],
    ["the catalog, Genea not connected", { code: "not-connected", message: expect.stringMatching(/Genea is not connected/), status: 422 }],
  ])("passes the edge's own code and sentence through (%s)", (name, error) => {
    expect(result(name)).toMatchObject({ ok: false, error });
  });

  it("sends the session's CSRF token on state-changing requests and passes a 409's own code through", () => {
    expect(result("publish without the CSRF token")).toMatchObject({ ok: false, error: { code: "csrf", status: 403 } });
    expect(result("publish against a stale version")).toMatchObject({
      ok: false,
      error: { code: "conflict", message: expect.stringMatching(/published version 0/), status: 409 },
    });
  });

  it("turns a save of a stale revision into draft-conflict with who saved first", () => {
    expect(result("the first save of revision 0")).toMatchObject({ ok: true, value: { revision: 1, updatedBy: "admin" } });
    expect(result("a second save of revision 0")).toMatchObject({
      ok: false,
      error: { code: "draft-conflict", revision: 1, updatedBy: "admin", updatedAt: expect.any(String) },
    });
  });

  it("downloads a range of the directory with its ETag and the snapshot's size", () => {
    const { etag, size, head } = snapshot();
    expect(result("range 0-3")).toEqual({ ok: true, value: { kind: "range", bytes: head, etag, start: 0, size } });
  });

  it("takes the whole snapshot from an edge that ignored the range", () => {
    expect(result("a range the edge ignores")).toMatchObject({ ok: true, value: { kind: "whole", etag: snapshot().etag } });
  });

  it.each([
    ["not-modified for a current If-None-Match", "a current If-None-Match", () => ({ code: "not-modified" })],
    ["changed, with the new ETag, for a stale If-Match", "a stale If-Match", () => ({ code: "changed", etag: snapshot().etag })],
    ["the edge's range-not-satisfiable for a range past the snapshot's end", "a range past the snapshot's end", () => ({
      code: "range-not-satisfiable",
      status: 416,
    })],
    ["bad-response for another range than asked", "another range than asked", () => ({ code: "bad-response" })],
    ["bad-response without an ETag", "an answer without an ETag", () => ({ code: "bad-response" })],
  ])("answers %s", (_, name, error) => {
    expect(result(name)).toMatchObject({ ok: false, error: error() });
  });

  it("says the server is unreachable rather than throwing", () => {
    expect(result("an unreachable server")).toMatchObject({
      ok: false,
      error: { code: "offline", message: expect.stringMatching(/Could not reach the doorsync server/) },
    });
  });
});
