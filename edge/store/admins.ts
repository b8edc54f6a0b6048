/** Admin accounts. The first is created by setup, which closes as soon as one exists. */
import * as v from "valibot";
import { keys } from "./keys.ts";
import { readValid } from "./kv.ts";

export const AdminSchema = v.object({
  username: v.string(),
  passwordHash: v.string(),
  createdAt: v.string(),
});
export type Admin = v.InferOutput<typeof AdminSchema>;

export async function hasAdmin(kv: Deno.Kv): Promise<boolean> {
  return (await kv.get(keys.adminExists())).versionstamp !== null;
}

export async function readAdmin(kv: Deno.Kv, username: string): Promise<Admin | null> {
  return (await readValid(kv, keys.admin(username), AdminSchema)).value;
}

/** false when an admin already exists (two browsers racing through setup: one wins) */
export async function createFirstAdmin(kv: Deno.Kv, admin: Admin): Promise<boolean> {
  const res = await kv.atomic()
    .check({ key: keys.adminExists(), versionstamp: null })
    .set(keys.adminExists(), true)
    .set(keys.admin(admin.username), admin)
    .commit();
  return res.ok;
}
