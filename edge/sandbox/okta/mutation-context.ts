/** What the user and group mutations share: the store, the log and the clock helpers. */
import type { OktaUserRecord } from "../demo/types.ts";
import { fail } from "../../../shared/result.ts";
import type { LogStore } from "./logs.ts";
import type { OktaStore } from "./store.ts";

export interface MutationContext {
  store: OktaStore;
  logs: LogStore;
  /** now as an Okta timestamp (whole seconds) */
  stamp(): string;
  now(): number;
  /** mark the directory changed (memoised lists recompute) */
  touch(): void;
  /** keep the search index's old view of a user for the configured lag */
  lagSearch(id: string, before: OktaUserRecord | null): void;
}

export const notFound = (what: string, id: string) => fail("E0000007" as const, `Not found: Resource not found: ${id} (${what})`);
