/** What every route module of the Okta sandbox is handed. */
import type { Context } from "hono";
import type { DpopState } from "./dpop.ts";
import type { HookDispatcher } from "./hooks.ts";
import type { LogStore } from "./logs.ts";
import type { Mutations } from "./mutations.ts";
import type { OktaStore } from "./store.ts";
import type { TokenStore } from "./tokens.ts";
import type { OktaSeed } from "../demo/types.ts";

export interface Sandbox {
  seed: OktaSeed;
  store: OktaStore;
  tokens: TokenStore;
  dpop: DpopState;
  logs: LogStore;
  hooks: HookDispatcher;
  mutations: Mutations;
  now: () => number;
}

/** The origin this request reached, and the org's real-looking one: both are accepted in `aud`/`htu`. */
export function origins(c: Context, orgName: string): string[] {
  const own = new URL(c.req.url).origin;
  const org = `https://${orgName}`;
  return own === org ? [own] : [own, org];
}

export const originOf = (c: Context) => new URL(c.req.url).origin;
