/**
 * A whole-directory read's checkpoint in KV (the ReadCheckpoint of edge/okta/checkpoint.ts):
 * each page as it was kept (compressed, split below the value limit) and, per list, the
 * cursor past it, written page and cursor in that order so a cursor never names a page that
 * is not there. One read at a time: the head names it, and a read for another id clears the
 * old one's pages first. Every write carries the caller's fence (the sync run's lease), so an
 * instance that lost its run cannot add pages to the read another instance took over.
 * Everything expires after a week in case a read is abandoned and never cleared.
 */
import * as v from "valibot";
import type { ListCursor, ReadCheckpoint } from "../okta/checkpoint.ts";
import { decodePage, encodePage, type ReadPage } from "../okta/read-page.ts";
import { createBatch, type Fence } from "./batch.ts";
import { chunk, readValid } from "./kv.ts";
import { keys } from "./keys.ts";
import type { Log } from "../log.ts";

const TTL_MS = 7 * 24 * 3600_000;

const HeadSchema = v.object({ readId: v.string(), fetchedAt: v.string() });
const CursorSchema = v.object({ next: v.nullable(v.string()), pages: v.pipe(v.number(), v.integer(), v.minValue(0)) });

export interface StoredReadCheckpoint extends ReadCheckpoint {
  /** The read is over (its directory is stored): its pages go. */
  clear(): Promise<void>;
}

export function createReadCheckpoint(kv: Deno.Kv, readId: string, fence: Fence, log: Log): StoredReadCheckpoint {
  const write = (fill: (batch: ReturnType<typeof createBatch>) => void) => {
    const batch = createBatch(kv, fence);
    fill(batch);
    return batch.flush();
  };
  return {
    async resume(onPage) {
      const head = await readValid(kv, keys.oktaReadHead(), HeadSchema).catch(() => ({ value: null }));
      if (head.value?.readId !== readId) {
        if (head.value) await clearAll(kv); // another run's read: it cannot be finished now
        return null;
      }
      const lists = new Map<string, ListCursor>();
      for await (const e of kv.list({ prefix: keys.oktaReadCursors(readId) })) {
        const cursor = v.safeParse(CursorSchema, e.value);
        if (!cursor.success) return restart(`cursor ${e.key.join("/")} is unreadable`);
        lists.set(String(e.key[e.key.length - 1]), cursor.output);
      }
      const pages = await replay(kv, readId, lists, onPage);
      if (pages !== null) return restart(pages);
      return { fetchedAt: head.value.fetchedAt, lists };
    },
    begin: (fetchedAt) => clearAll(kv).then(() => write((b) => b.set(keys.oktaReadHead(), { readId, fetchedAt }, { expireIn: TTL_MS }))),
    save: ({ list, index, next, page }) =>
      write((b) => {
        const parts = chunk(encodePage(page));
        parts.forEach((bytes, part) => b.set(keys.oktaReadPage(readId, list, index, part), bytes, { expireIn: TTL_MS }));
        b.set(keys.oktaReadCursor(readId, list), { next, pages: index + 1 }, { expireIn: TTL_MS });
      }),
    async clear() {
      const head = await readValid(kv, keys.oktaReadHead(), HeadSchema).catch(() => ({ value: null }));
      if (head.value?.readId === readId) await clearAll(kv);
    },
  };

  /** What was saved cannot be used: forget it, and the read starts afresh. */
  async function restart(why: string): Promise<null> {
    log.warn("okta-read.checkpoint-dropped", { read: readId, why });
    await clearAll(kv);
    return null;
  }
}

/** Deletes every saved read, many keys a commit (a 500,000-user read saves thousands of pages). */
async function clearAll(kv: Deno.Kv): Promise<void> {
  const batch = createBatch(kv);
  for await (const e of kv.list({ prefix: keys.oktaReadAll() })) {
    batch.delete(e.key.filter((part): part is Exclude<Deno.KvKeyPart, symbol> => typeof part !== "symbol")); // ours have none
  }
  await batch.flush();
}

/**
 * Hands every page a cursor counts to `onPage`, in key order (list, then page, then part);
 * a page past its cursor (written, then the instance stopped before the cursor moved) is
 * skipped. Null when all went well, else what was wrong.
 */
async function replay(
  kv: Deno.Kv,
  readId: string,
  lists: ReadonlyMap<string, ListCursor>,
  onPage: (list: string, page: ReadPage) => void,
): Promise<string | null> {
  let open: { list: string; index: number; parts: Uint8Array[] } | null = null;
  const seen = new Map<string, number>();
  const close = (): string | null => {
    if (!open) return null;
    const where = `page ${open.index} of ${open.list}`;
    const page = decodePage(joinParts(open.parts), `saved ${where}`);
    if (!page.ok) return page.error.message;
    onPage(open.list, page.value);
    seen.set(open.list, (seen.get(open.list) ?? 0) + 1);
    open = null;
    return null;
  };
  for await (const e of kv.list({ prefix: keys.oktaReadPages(readId) })) {
    const [list, index, part] = e.key.slice(-3);
    if (typeof list !== "string" || typeof index !== "number" || !(e.value instanceof Uint8Array)) {
      return `${e.key.join("/")} is unreadable`;
    }
    if (index >= (lists.get(list)?.pages ?? 0)) continue;
    if (open && (open.list !== list || open.index !== index)) {
      const wrong = close();
      if (wrong) return wrong;
    }
    if (!open) open = { list, index, parts: [] };
    if (part !== open.parts.length) return `${e.key.join("/")} is out of order`;
    open.parts.push(e.value);
  }
  const wrong = close();
  if (wrong) return wrong;
  for (const [list, cursor] of lists) {
    if ((seen.get(list) ?? 0) !== cursor.pages) return `${list} has ${seen.get(list) ?? 0} of its ${cursor.pages} pages`;
  }
  return null;
}

function joinParts(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) (out.set(p, at), at += p.length);
  return out;
}
