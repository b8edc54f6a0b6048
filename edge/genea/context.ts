/**
 * What the client's reads and mutations share: the transport, the clock, and the customer
 * uuid, learnt once from the key (POST /v2/api_key/verify) and reused.
 */
import type * as v from "valibot";
import { ok } from "../../shared/result.ts";
import { validate } from "../../shared/validate.ts";
import { geneaError } from "./errors.ts";
import type { PageProgress } from "./paging.ts";
import { PATHS } from "./paths.ts";
import { VerifySchema } from "./schemas.ts";
import type { GeneaResult, GeneaTransport } from "./transport.ts";

export interface GeneaContext {
  transport: GeneaTransport;
  now: () => Date;
  onProgress?: (p: PageProgress) => void;
  /** one request whose `data` must match `schema` */
  send<S extends v.GenericSchema>(
    method: string,
    path: string,
    schema: S,
    what: string,
    body?: unknown,
    options?: { idempotent?: boolean },
  ): Promise<GeneaResult<v.InferOutput<S>>>;
  verify(): Promise<GeneaResult<string>>;
  /** runs `task` with the customer uuid, verifying the key first if needed */
  withCustomer<T>(task: (customerUuid: string) => Promise<GeneaResult<T>>): Promise<GeneaResult<T>>;
}

export function createContext(
  transport: GeneaTransport,
  apiKey: string,
  now: () => Date,
  onProgress?: (p: PageProgress) => void,
): GeneaContext {
  let customerUuid: string | null = null;
  const ctx: GeneaContext = {
    transport,
    now,
    onProgress,
    async send(method, path, schema, what, body, options = {}) {
      const res = await transport.request(method, path, { body, idempotent: options.idempotent });
      if (!res.ok) return res;
      const parsed = validate(schema, res.value.data, `Genea's ${what}`);
      return parsed.ok ? parsed : geneaError("invalid-response", parsed.error.message);
    },
    async verify() {
      const res = await ctx.send("POST", PATHS.verify(), VerifySchema, "key verification", { api_key: apiKey });
      if (!res.ok) return res;
      customerUuid = res.value.customer_uuid;
      return ok(customerUuid);
    },
    async withCustomer(task) {
      if (customerUuid === null) {
        const verified = await ctx.verify();
        if (!verified.ok) return verified;
        return task(verified.value);
      }
      return task(customerUuid);
    },
  };
  return ctx;
}
