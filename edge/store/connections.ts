/**
 * Okta and Genea connections. The credentials are sealed (secrets.ts) with the KV key as
 * AAD and never leave the edge: the browser only sees `ConnectionStatus`.
 */
import * as v from "valibot";
import { type ConnectionStatus, OktaConnectionInputSchema } from "../../shared/api/schemas.ts";
import { keys } from "./keys.ts";
import { readValid } from "./kv.ts";
import { SealedSchema, type SecretBox } from "./secrets.ts";
import { validate } from "../../shared/validate.ts";

export type ConnectionKind = "okta" | "genea";

export const OktaSecretSchema = OktaConnectionInputSchema.entries.auth;
export type OktaSecret = v.InferOutput<typeof OktaSecretSchema>;
export const GeneaSecretSchema = v.strictObject({ apiKey: v.string() });
export type GeneaSecret = v.InferOutput<typeof GeneaSecretSchema>;
type SecretOf<K extends ConnectionKind> = K extends "okta" ? OktaSecret : GeneaSecret;
const secretSchemas = { okta: OktaSecretSchema, genea: GeneaSecretSchema } as const;

const ConnectionRecordSchema = v.strictObject({
  demo: v.boolean(),
  baseUrl: v.string(),
  /** what the admin recognises: "acme.okta.com" or the Genea customer */
  target: v.string(),
  secretHint: v.string(),
  sealed: SealedSchema,
  lastCheckedAt: v.string(),
  error: v.nullable(v.string()),
});
export type ConnectionRecord = v.InferOutput<typeof ConnectionRecordSchema>;

export interface Connection<K extends ConnectionKind> {
  record: ConnectionRecord;
  secret: SecretOf<K>;
}

export function secretHint(secret: OktaSecret | GeneaSecret): string {
  const text = "apiKey" in secret ? secret.apiKey : secret.kind === "ssws" ? secret.token : secret.clientId;
  return text.length > 8 ? text.slice(-4) : "";
}

export async function saveConnection<K extends ConnectionKind>(
  kv: Deno.Kv,
  box: SecretBox,
  kind: K,
  input: { demo: boolean; baseUrl: string; target: string; secret: SecretOf<K>; checkedAt: string },
): Promise<ConnectionRecord> {
  const key = keys.connection(kind);
  const record: ConnectionRecord = {
    demo: input.demo,
    baseUrl: input.baseUrl,
    target: input.target,
    secretHint: secretHint(input.secret),
    sealed: await box.seal(key, JSON.stringify(input.secret)),
    lastCheckedAt: input.checkedAt,
    error: null,
  };
  await kv.set(key, record);
  return record;
}

export async function deleteConnection(kv: Deno.Kv, kind: ConnectionKind): Promise<void> {
  await kv.delete(keys.connection(kind));
}

export async function readConnectionRecord(kv: Deno.Kv, kind: ConnectionKind): Promise<ConnectionRecord | null> {
  return (await readValid(kv, keys.connection(kind), ConnectionRecordSchema)).value;
}

export async function readConnection<K extends ConnectionKind>(kv: Deno.Kv, box: SecretBox, kind: K): Promise<Connection<K> | null> {
  const record = await readConnectionRecord(kv, kind);
  if (!record) return null;
  const plain = await box.open(keys.connection(kind), record.sealed);
  let data: unknown;
  try {
    data = JSON.parse(plain);
  } catch {
    // Not rethrown as is: the parser's message would quote the secret.
    throw new Error(`stored ${kind} credentials are not JSON`);
  }
  const secret = validate(secretSchemas[kind], data, `stored ${kind} credentials`);
  if (!secret.ok) throw new Error(secret.error.message);
  return { record, secret: secret.value as SecretOf<K> };
}

/** Records the outcome of a later live check (sync, refresh) without touching the secret. */
export async function markChecked(kv: Deno.Kv, kind: ConnectionKind, at: string, error: string | null): Promise<void> {
  const key = keys.connection(kind);
  const { value, versionstamp } = await readValid(kv, key, ConnectionRecordSchema);
  if (!value || !versionstamp) return;
  await kv.atomic().check({ key, versionstamp }).set(key, { ...value, lastCheckedAt: at, error }).commit();
}

export function connectionStatus(record: ConnectionRecord | null): ConnectionStatus {
  if (!record) return { connected: false, target: null, secretHint: null, lastCheckedAt: null, error: null };
  return {
    connected: record.error === null,
    target: record.target,
    secretHint: record.secretHint || null,
    lastCheckedAt: record.lastCheckedAt,
    error: record.error,
  };
}
