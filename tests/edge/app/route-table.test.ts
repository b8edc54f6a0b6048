/** shared/api/table.ts is the edge's API: every entry is registered, and nothing under /api is registered outside it. */
import { describe, expect, it } from "vitest";
import { API } from "../../../shared/api/table.ts";
import { runDenoScript } from "../../support/edge-process.ts";

describe("the route table", () => {
  const registered: { method: string; path: string }[] = JSON.parse(runDenoScript("edge/routes/print-inventory.ts"));
  const api = registered.filter((r) => r.path.startsWith("/api/")).map((r) => `${r.method} ${r.path}`);
  const table = Object.values(API).map((r) => `${r.method} ${r.path}`);

  it("lists each route once", () => expect(new Set(table).size).toBe(table.length));
  it("is what the edge registers under /api", () => expect([...api].sort()).toEqual([...table].sort()));
});
