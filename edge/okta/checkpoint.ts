/**
 * Where a whole-directory read keeps its pages as it goes, so a read cut short (a crash, a
 * deploy, an instance recycled mid-read) picks up at the page it stopped at instead of
 * reading 500,000 users again. Each list (users, DEPROVISIONED users, groups, each group's
 * members, the app's assignments) has its own cursor: the `next` link Okta gave, verbatim.
 * The client knows only this interface; the sync keeps it in KV (edge/store/okta-read.ts).
 */
import type { ReadPage } from "./read-page.ts";

export interface ListCursor {
  /** the page to read next; null once the list was read to its end */
  next: string | null;
  /** pages of this list saved so far */
  pages: number;
}

export interface SavedPage {
  list: string;
  /** the page's place in its list: 0, 1, … */
  index: number;
  /** the link after this page, null after the last one */
  next: string | null;
  page: ReadPage;
}

export interface ReadCheckpoint {
  /**
   * An earlier attempt at this same read: its start time and cursors, with every saved page
   * handed to `onPage` in list order. Null when there is none to go on from (or what was saved
   * is unusable); the read then starts afresh.
   */
  resume(onPage: (list: string, page: ReadPage) => void): Promise<{ fetchedAt: string; lists: Map<string, ListCursor> } | null>;
  /** A fresh read starts: false when it may not write (the caller lost its right to). */
  begin(fetchedAt: string): Promise<boolean>;
  /** Keeps a page and moves its list's cursor past it; false when it may not write. */
  save(page: SavedPage): Promise<boolean>;
}

/** Keeps nothing: a read that stops starts again from the first page. */
export const NO_CHECKPOINT: ReadCheckpoint = {
  resume: () => Promise.resolve(null),
  begin: () => Promise.resolve(true),
  save: () => Promise.resolve(true),
};
