/**
 * Typed reads from Deno KV. Anything read back is outside data (an older build, a manual
 * edit, a bug) and is validated; a stored value that fails its schema is a bug, so it throws.
 */
import * as v from "valibot";
import { validate } from "../../shared/validate.ts";
import type { Key } from "./keys.ts";

export interface Stored<T> {
  value: T;
  versionstamp: string;
}

export async function readValid<S extends v.GenericSchema>(
  kv: Deno.Kv,
  key: Key,
  schema: S,
): Promise<{ value: v.InferOutput<S> | null; versionstamp: string | null }> {
  const entry = await kv.get(key);
  if (entry.versionstamp === null) return { value: null, versionstamp: null };
  const parsed = validate(schema, entry.value, `stored ${key.join("/")}`);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return { value: parsed.value, versionstamp: entry.versionstamp };
}

/** Values are limited to 64 KiB; large byte strings are stored in chunks below this size. */
export const CHUNK_BYTES = 60_000;

export function chunk(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += CHUNK_BYTES) out.push(bytes.slice(i, i + CHUNK_BYTES));
  return out.length === 0 ? [new Uint8Array(0)] : out;
}

/** Writes chunks one by one (they are not visible until a pointer names them). */
export async function writeChunks(kv: Deno.Kv, keyOf: (i: number) => Key, bytes: Uint8Array): Promise<number> {
  const parts = chunk(bytes);
  for (let i = 0; i < parts.length; i++) await kv.set(keyOf(i), parts[i]);
  return parts.length;
}

export async function readChunks(kv: Deno.Kv, keyOf: (i: number) => Key, count: number, size: number): Promise<Uint8Array> {
  const out = new Uint8Array(size);
  let offset = 0;
  for (let i = 0; i < count; i++) {
    const entry = await kv.get(keyOf(i));
    if (!(entry.value instanceof Uint8Array)) throw new Error(`stored chunk ${keyOf(i).join("/")} is missing`);
    out.set(entry.value, offset);
    offset += entry.value.length;
  }
  if (offset !== size) throw new Error(`stored chunks under ${keyOf(0).slice(0, -1).join("/")} hold ${offset} bytes, expected ${size}`);
  return out;
}

export async function deletePrefix(kv: Deno.Kv, prefix: Key): Promise<void> {
  for await (const entry of kv.list({ prefix })) await kv.delete(entry.key);
}
