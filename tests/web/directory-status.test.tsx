// @vitest-environment jsdom
/**
 * The directory line while a snapshot download is under way: bytes and percent in words and
 * as a progress bar, gone when the snapshot is loaded. The store is the real one; the edge's
 * side is a stand-in serving ranges of real snapshot bytes, held back after two chunks.
 */
import "fake-indexeddb/auto";
import { cleanup, render, screen, waitFor } from "@solidjs/testing-library";
import { createHash } from "node:crypto";
import { createRoot } from "solid-js";
import { afterEach, describe, expect, it } from "vitest";
import { fail, ok } from "../../shared/result.ts";
import { bytesText, DirectoryStatus, downloadText } from "../../web/components/directory-status.tsx";
import type { DirectoryRangeRequest } from "../../web/state/api.ts";
import { createDirectory } from "../../web/state/directory.ts";
import { openCache } from "../../web/storage/cache.ts";
import { createSimulation } from "../../web/worker/simulation.ts";
import { directoryBytes, webDirectory } from "../support/web-factories.ts";

afterEach(cleanup);

describe("downloadText()", () => {
  it.each([
    [{ received: 0, total: 4_200_000 }, "Downloading the directory snapshot: 0 kB of 4.2 MB (0 %)…"],
    [{ received: 1_048_576, total: 4_194_304 }, "Downloading the directory snapshot: 1.0 MB of 4.2 MB (25 %)…"],
    [{ received: 1_500, total: 2_999 }, "Downloading the directory snapshot: 2 kB of 3 kB (50 %)…"],
    [{ received: 12_345_678, total: 12_345_679 }, "Downloading the directory snapshot: 12.3 MB of 12.3 MB (99 %)…"],
  ])("says %o as %s", (progress, text) => expect(downloadText(progress)).toBe(text));

  it("writes large sizes with separators", () => expect(bytesText(1_234_567_890)).toBe("1,234.6 MB"));
});

describe("DirectoryStatus", () => {
  it("shows the download's bytes and percent while it runs, then the loaded directory", async () => {
    const bytes = directoryBytes(webDirectory(400));
    const etag = `"${createHash("sha256").update(bytes).digest("hex")}"`;
    const chunk = Math.ceil(bytes.length / 4);
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    const directoryRange = async ({ start, end }: DirectoryRangeRequest) => {
      if (start >= 2 * chunk) await held;
      return ok({ kind: "range" as const, bytes: bytes.slice(start, end + 1), etag, start, size: bytes.length });
    };
    const cache = await openCache("directory-status-1");
    const core = createSimulation({ readCachedSnapshot: () => cache.readSnapshot(), writeCachedSnapshot: (x) => cache.writeSnapshot(x) });
    const store = createRoot(() =>
      createDirectory({
        api: {
          directoryRange,
          startRefresh: async () => fail("offline", "not used here"),
          refreshJob: async () => fail("offline", "not used here"),
        },
        cache,
        sim: { storeSnapshot: (b, e, at) => core.storeSnapshot(b, e, at), loadCachedSnapshot: () => core.loadCachedSnapshot() },
        sleep: async () => {},
        chunkBytes: chunk,
      })
    );
    render(() => <DirectoryStatus directory={store} onRefresh={() => {}} />);
    const done = store.checkForUpdate();
    const text = downloadText({ received: 2 * chunk, total: bytes.length });
    await waitFor(() => expect(screen.getByTestId("directory-download").textContent).toBe(text));
    expect(text).toMatch(/\(49 %\)|\(50 %\)/);
    const bar = screen.getByRole("progressbar");
    expect(bar.getAttribute("aria-valuenow")).toBe(String(2 * chunk));
    expect(bar.getAttribute("aria-valuemax")).toBe(String(bytes.length));
    release();
    expect(await done).toBe(true);
    await waitFor(() => expect(screen.queryByTestId("directory-download")).toBeNull());
    expect(screen.getByTestId("directory-info").textContent).toMatch(/^400 users, 3 groups/);
    cache.close();
  });

  it("shows the numbers of each newly loaded snapshot, not only the first", async () => {
    const core = createSimulation();
    let users = 6;
    const cache = await openCache("directory-status-2");
    const directory = createRoot(() =>
      createDirectory({
        api: {
          directoryRange: async ({ start }: DirectoryRangeRequest) => {
            const bytes = directoryBytes(webDirectory(users));
            const etag = `"${createHash("sha256").update(bytes).digest("hex")}"`;
            return ok({ kind: "range" as const, bytes: bytes.slice(start), etag, start, size: bytes.length });
          },
          startRefresh: async () =>
            ok({
              id: "j",
              state: "done",
              requests: 1,
              users,
              groups: 3,
              error: null,
              startedAt: "2026-11-28T10:00:00.000Z",
              finishedAt: null,
            }),
          refreshJob: async () =>
            ok({
              id: "j",
              state: "done",
              requests: 1,
              users,
              groups: 3,
              error: null,
              startedAt: "2026-11-28T10:00:00.000Z",
              finishedAt: null,
            }),
        },
        cache,
        sim: {
          storeSnapshot: (b: Uint8Array, e: string, at: string) => core.storeSnapshot(b, e, at),
          loadCachedSnapshot: async () => null,
        },
        sleep: async () => {},
      })
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
