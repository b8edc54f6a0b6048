/**
 * createGeneaClient: doorsync's only door to Genea. Reads the catalog and the full user
 * state (every page, checked for consistency) and performs the mutations a sync plans.
 * Every response is validated; failures are values with literal codes (errors.ts).
 */
import { createContext } from "./context.ts";
import { mutations } from "./mutations.ts";
import type { PageProgress } from "./paging.ts";
import { GENEA_DEFAULT_BASE_URL } from "./paths.ts";
import { readCatalog, readState } from "./reads.ts";
import { createTransport } from "./transport.ts";

export interface GeneaClientOptions {
  /** default https://api.sequr.io */
  baseUrl?: string;
  apiKey: string;
  fetch?: typeof fetch;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** jitter source, [0, 1) */
  random?: () => number;
  /** concurrent requests at most (default 4) */
  maxInFlight?: number;
  /** tries per request for 5xx/429/network failures, the first included (default 5) */
  maxAttempts?: number;
  /** per request (default 30 s) */
  timeoutMs?: number;
  /** called after every page of every list read */
  onProgress?: (p: PageProgress) => void;
}

const sleeper = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createGeneaClient(options: GeneaClientOptions) {
  const now = options.now ?? (() => new Date());
  const transport = createTransport({
    baseUrl: options.baseUrl ?? GENEA_DEFAULT_BASE_URL,
    apiKey: options.apiKey,
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    sleep: options.sleep ?? sleeper,
    random: options.random ?? Math.random,
    maxInFlight: options.maxInFlight ?? 4,
    maxAttempts: options.maxAttempts ?? 5,
    timeoutMs: options.timeoutMs ?? 30_000,
    now,
  });
  const ctx = createContext(transport, options.apiKey, now, options.onProgress);
  return {
    /** Checks the key; answers the customer uuid it belongs to. */
    verify: ctx.verify,
    readCatalog: () => readCatalog(ctx),
    readState: () => readState(ctx),
    ...mutations(ctx),
    /** HTTP requests sent so far, retries included. */
    requestCount: () => transport.requestCount(),
  };
}

export type GeneaClient = ReturnType<typeof createGeneaClient>;
