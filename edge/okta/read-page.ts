/**
 * One page of a whole-directory read, as the read keeps it: already normalised to the
 * directory's own records (a page of 200 wire users is not kept, only what the directory
 * needs of it). Pages are what a checkpoint stores, so a read cut short can be rebuilt from
 * them; read back from storage they are outside data, hence the schema and the codec here.
 */
import * as v from "valibot";
import { DirectoryGroupSchema, DirectoryUserSchema } from "../../shared/directory/model.ts";
import { compress, decompress } from "../../shared/codecs/index.ts";
import { validate } from "../../shared/validate.ts";
import { fail, ok, type Result } from "../../shared/result.ts";

const Id = v.pipe(v.string(), v.minLength(1));

/** A group as listed, with the server timestamps the read's watermark is taken from. */
export const ListedGroupSchema = v.object({
  ...DirectoryGroupSchema.entries,
  lastUpdated: v.optional(v.string()),
  lastMembershipUpdated: v.optional(v.string()),
});
export type ListedGroup = v.InferOutput<typeof ListedGroupSchema>;

export const ReadPageSchema = v.variant("kind", [
  v.object({ kind: v.literal("users"), users: v.array(DirectoryUserSchema) }),
  v.object({ kind: v.literal("groups"), groups: v.array(ListedGroupSchema) }),
  /**
   * A page of a group's members: every member's id, and the record of only those members the
   * user lists did not give as they are now (created or changed since) — a big org's
   * memberships must not hold a second record per membership.
   */
  v.object({ kind: v.literal("members"), groupId: Id, ids: v.array(Id), users: v.array(DirectoryUserSchema) }),
  /** the group was deleted between the group list and its member list (404): it is dropped */
  v.object({ kind: v.literal("gone"), groupId: Id }),
  v.object({ kind: v.literal("app-users"), ids: v.array(Id) }),
  v.object({ kind: v.literal("app-groups"), ids: v.array(Id) }),
]);
export type ReadPage = v.InferOutput<typeof ReadPageSchema>;

/** Largest inflated page accepted back: Okta pages are capped at 16 MiB on the wire. */
const MAX_PAGE_BYTES = 32 * 1024 * 1024;

export const encodePage = (page: ReadPage): Uint8Array => compress(new TextEncoder().encode(JSON.stringify(page)), 3);

export function decodePage(bytes: Uint8Array, where: string): Result<ReadPage, "invalid"> {
  // our own pages, so inflating 16 KiB at a time may overshoot the cap by a few MiB at most
  const raw = decompress(bytes, MAX_PAGE_BYTES, 16_384);
  if (!raw.ok) return fail("invalid", `${where}: ${raw.code === "too-large" ? "larger than any Okta page" : "not a zlib stream"}`);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(raw.bytes));
  } catch {
    return fail("invalid", `${where}: not JSON`);
  }
  const page = validate(ReadPageSchema, json, where);
  return page.ok ? ok(page.value) : fail("invalid", page.error.message);
}
