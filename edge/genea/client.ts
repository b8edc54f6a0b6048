/**
 * createGeneaClient: doorsync's only door to Genea. Reads the catalog and the full user
 * state (every page, checked for consistency) and performs the mutations a sync plans.
 * Every response is validated; failures are values with literal codes (errors.ts).
 */
import type { Catalog, GeneaMobileKey, GeneaState, GeneaUser, GeneaUserLocation } from "../../shared/genea/model.ts";
import { createContext } from "./context.ts";
import { mutations, type NewGeneaUser, type ProfilePatch, type UserLocationInput } from "./mutations.ts";
import type { PageProgress } from "./paging.ts";
import { GENEA_DEFAULT_BASE_URL } from "./paths.ts";
import { readCatalog, readState, readUser } from "./reads.ts";
import { createGeneaTransport, type GeneaResult } from "./transport.ts";

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

/**
 * Everything doorsync can ask of Genea: the reads a sync plans from and every write it may
 * make (each write is exactly one Genea request). The sync and the routes depend on this
 * interface, never on the implementation.
 */
export interface GeneaClient {
  /** Checks the key; answers the customer uuid it belongs to. */
  verify(): Promise<GeneaResult<string>>;
  readCatalog(): Promise<GeneaResult<Catalog>>;
  /** Every user (soft-deleted ones as DEACTIVATED) with locations and mobile keys. */
  readState(): Promise<GeneaResult<GeneaState>>;
  /** One user with their mobile keys, by uuid or exact email; null when there is none. */
  readUser(ref: { uuid: string } | { email: string }): Promise<GeneaResult<GeneaUser | null>>;
  createUser(user: NewGeneaUser): Promise<GeneaResult<GeneaUser>>;
  updateProfile(userUuid: string, patch: ProfilePatch): Promise<GeneaResult<void>>;
  addUserLocations(userUuid: string, locations: readonly UserLocationInput[]): Promise<GeneaResult<GeneaUserLocation[]>>;
  /** Replaces the role and access groups of the user's row at `location.locationUuid`. */
  updateUserLocation(userUuid: string, location: UserLocationInput): Promise<GeneaResult<GeneaUserLocation>>;
  removeUserLocation(userLocationUuid: string): Promise<GeneaResult<void>>;
  issueMobileKey(userUuid: string): Promise<GeneaResult<GeneaMobileKey>>;
  revokeMobileKey(cardUuid: string): Promise<GeneaResult<void>>;
  setWallet(userUuid: string, enabled: boolean): Promise<GeneaResult<void>>;
  deactivateUser(userUuid: string): Promise<GeneaResult<void>>;
  reactivateUser(userUuid: string): Promise<GeneaResult<void>>;
  /** HTTP requests sent so far, retries included. */
  requestCount(): number;
}

const sleeper = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createGeneaClient(options: GeneaClientOptions): GeneaClient {
  const now = options.now ?? (() => new Date());
  const transport = createGeneaTransport({
    baseUrl: options.baseUrl ?? GENEA_DEFAULT_BASE_URL,
    apiKey: options.apiKey,
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    sleep: options.sleep ?? sleeper,
    random: options.random ?? Math.random,
    maxInFlight: options.maxInFlight ?? 4,
    maxAttempts: options.maxAttempts ?? 5,
    timeoutMs: options.timeoutMs ?? 30_000,
    now: () => now().getTime(),
  });
  const ctx = createContext(transport, options.apiKey, now, options.onProgress);
  return {
    verify: ctx.verify,
    readCatalog: () => readCatalog(ctx),
    readState: () => readState(ctx),
    readUser: (ref) => readUser(ctx, ref),
    ...mutations(ctx),
    requestCount: () => transport.requestCount(),
  };
}
