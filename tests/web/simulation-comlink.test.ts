import * as Comlink from "comlink";
import { afterEach, describe, expect, it } from "vitest";
import type { SimulationApi } from "../../web/worker/contract.ts";
import { createSimulation } from "../../web/worker/simulation.ts";
import { directoryBytes, grantRule, HQ, ruleSetOf, webCatalog, webDirectory } from "../support/web-factories.ts";

describe("simulation worker over comlink", () => {
  let channel: MessageChannel;
  afterEach(() => {
    channel.port1.close();
    channel.port2.close();
  });

  it("loads a snapshot and simulates a draft through a real message port", async () => {
    channel = new MessageChannel();
    Comlink.expose(createSimulation(), channel.port1);
    const remote = Comlink.wrap<SimulationApi>(channel.port2);
    const loaded = await remote.loadSnapshot(directoryBytes(webDirectory(8)));
    expect(loaded.ok).toBe(true);
    await remote.setCatalog(webCatalog());
    const summary = await remote.setDraft(ruleSetOf({ [HQ]: [grantRule("all", [])] }));
    expect(summary.properties.find((p) => p.locationUuid === HQ)?.synced).toBe(8);
    const found = await remote.searchUsers("person7", 5);
    expect(found.map((u) => u.id)).toEqual(["00u00007"]);
  });
});
