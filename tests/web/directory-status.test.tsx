// @vitest-environment jsdom
import "fake-indexeddb/auto";
import { cleanup, render, screen } from "@solidjs/testing-library";
import { createRoot } from "solid-js";
import { afterEach, describe, expect, it } from "vitest";
import { ok } from "../../shared/result.ts";
import { DirectoryStatus } from "../../web/components/directory-status.tsx";
import { createDirectory } from "../../web/state/directory.ts";
import { openCache } from "../../web/storage/cache.ts";
import { createSimulation } from "../../web/worker/simulation.ts";
import { directoryBytes, webDirectory } from "../support/web-factories.ts";

afterEach(cleanup);

describe("<DirectoryStatus>", () => {
  it("shows the numbers of each newly loaded snapshot, not only the first", async () => {
    const core = createSimulation();
    let users = 6;
    const cache = await openCache("directory-status-1");
    const directory = createRoot(() =>
      createDirectory({
        api: {
          directory: async () => ok({ bytes: directoryBytes(webDirectory(users)), etag: `"e${users}"` }),
          startRefresh: async () => ok({ id: "j", state: "done", requests: 1, users, groups: 3, error: null, startedAt: "2026-11-28T10:00:00.000Z", finishedAt: null }),
          refreshJob: async () => ok({ id: "j", state: "done", requests: 1, users, groups: 3, error: null, startedAt: "2026-11-28T10:00:00.000Z", finishedAt: null }),
        },
        cache,
        sim: { loadSnapshot: async (b: Uint8Array) => core.loadSnapshot(b), loadCachedSnapshot: async () => null },
        sleep: async () => {},
      }),
    );
    render(() => <DirectoryStatus directory={directory} onRefresh={() => {}} />);
    expect(screen.getByTestId("directory-info").textContent).toBe("No directory cached yet");
    await directory.checkForUpdate();
    expect(screen.getByTestId("directory-info").textContent).toMatch(/^6 users, 3 groups · last refresh /);
    users = 7;
    expect(await directory.refreshFromOkta()).toBe(true);
    expect(screen.getByTestId("directory-info").textContent).toMatch(/^7 users, 3 groups · last refresh /);
  });
});
