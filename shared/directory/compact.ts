/**
 * The compact directory form the edge serves and the browser caches: a short header (magic +
 * format version) and a zlib body holding one string table (every distinct string once,
 * stored as a single UTF-8 run so decoding is one TextDecoder call) and varint indices into
 * it for users, profile keys/values and group memberships.
 *
 * Layout: "DSDIR", format version byte, varint inflated size, zlib stream, then a CRC-32 of
 * everything before it (big-endian): any changed byte or truncation is refused before
 * anything is allocated for the body.
 *
 * Decoding is the trust boundary (the bytes come back from the network and IndexedDB): every
 * length, index and code is checked, and the snapshot is built only from checked parts, so it
 * satisfies DirectorySchema by construction (strings come from the table, statuses and group
 * types from their lists; the one remaining constraint, non-empty ids, is checked here).
 * Running valibot over 100,000 expanded users would cost about a second; the tests check the
 * equivalence instead.
 */
import { fail, ok, type Result } from "../result.ts";
import { ByteReader, ByteWriter, compress, decompressExact, seal, unseal } from "../codecs/index.ts";
import { type Directory, type DirectoryGroup, type DirectoryUser, OKTA_STATUSES, type ProfileValue } from "./model.ts";
import { createColumnsBuilder } from "./columns.ts";
import { type DirectoryInput, type DirectoryTable, tableOf } from "./table.ts";

export { fnv1a64 as directoryEtag, sha256Hex } from "../codecs/index.ts";

export const DIRECTORY_FORMAT_VERSION = 1;
const MAGIC = [0x44, 0x53, 0x44, 0x49, 0x52]; // "DSDIR"
/** Largest inflated body accepted (a 100,000-user directory is ~20 MB). */
export const MAX_DIRECTORY_BYTES = 512 * 1024 * 1024;
/** Deflate cannot expand by more than ~1032:1, so a larger claimed size is a lie. */
const MAX_RATIO = 1032;
const GROUP_TYPES = ["OKTA_GROUP", "APP_GROUP", "BUILT_IN"] as const;

export type DirectoryDecodeError = "malformed" | "invalid" | "future-version";

export function encodeDirectory(directory: DirectoryInput): Uint8Array {
  const d = tableOf(directory);
  const strings = new Map<string, number>();
  const intern = (s: string): number => {
    let i = strings.get(s);
    if (i === undefined) strings.set(s, i = strings.size);
    return i;
  };
  const w = new ByteWriter();
  w.uint(intern(d.fetchedAt));
  w.uint(d.groups.length);
  for (const g of d.groups) {
    w.uint(intern(g.id));
    w.uint(intern(g.name));
    w.uint(GROUP_TYPES.indexOf(g.type));
  }
  w.uint(d.size);
  for (let row = 0; row < d.size; row++) {
    const u = d.user(row);
    w.uint(intern(u.id));
    w.uint(OKTA_STATUSES.indexOf(u.status));
    w.uint(u.email === null ? 0 : intern(u.email) + 1);
    w.uint(u.lastUpdated === undefined ? 0 : intern(u.lastUpdated) + 1);
    const entries = Object.entries(u.profile);
    w.uint(entries.length);
    for (const [key, value] of entries) {
      w.uint(intern(key));
      writeValue(w, value, intern);
    }
    w.uint(u.groupIds.length);
    for (const id of u.groupIds) w.uint(intern(id));
  }
  const table = [...strings.keys()];
  const head = new ByteWriter();
  head.uint(table.length);
  for (const s of table) head.uint(s.length); // UTF-16 lengths: the joined text is sliced by them
  head.bytes(new TextEncoder().encode(table.join("")));
  const raw = concat(head.finish(), w.finish());
  const header = new ByteWriter();
  for (const b of [...MAGIC, DIRECTORY_FORMAT_VERSION]) header.byte(b);
  header.uint(raw.length);
  return seal(concat(header.finish(), compress(raw, 3)));
}

/** Profile values: 0 = null, 1 = array (count, then strings), n ≥ 2 = string n - 2. */
function writeValue(w: ByteWriter, value: ProfileValue, intern: (s: string) => number): void {
  if (value === null) return w.uint(0);
  if (typeof value === "string") return w.uint(intern(value) + 2);
  w.uint(1);
  w.uint(value.length);
  for (const s of value) w.uint(intern(s));
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** The snapshot as records: for the browser and small directories. */
export function decodeDirectory(bytes: Uint8Array): Result<Directory, DirectoryDecodeError> {
  return decode(bytes, (size) => {
    const users: DirectoryUser[] = new Array(size);
    let row = 0;
    return { add: (user) => void (users[row++] = user), finish: (fetchedAt, groups) => ({ fetchedAt, users, groups }) };
  });
}

/** The snapshot as columns (columns.ts): the edge's form, one user record alive at a time. */
export function decodeDirectoryColumns(bytes: Uint8Array): Result<DirectoryTable, DirectoryDecodeError> {
  return decode(bytes, (size) => {
    const builder = createColumnsBuilder(size);
    return { add: (user) => void builder.add(user), finish: (fetchedAt, groups) => builder.finish(fetchedAt, groups) };
  });
}

/** Where decoded users go, one by one, once their count is known. */
type Sink<D> = (size: number) => { add(user: DirectoryUser): void; finish(fetchedAt: string, groups: DirectoryGroup[]): D };

function decode<D extends DirectoryInput>(bytes: Uint8Array, sink: Sink<D>): Result<D, DirectoryDecodeError> {
  if (bytes.length < MAGIC.length + 1 || MAGIC.some((m, i) => bytes[i] !== m)) {
    return fail("malformed", "This is not a doorsync directory snapshot");
  }
  const version = bytes[MAGIC.length];
  if (version > DIRECTORY_FORMAT_VERSION) {
    return fail("future-version", `The directory snapshot was written by a newer doorsync (format v${version})`);
  }
  if (version !== DIRECTORY_FORMAT_VERSION) return fail("malformed", `Unknown directory snapshot format v${version}`);
  const whole = unseal(bytes);
  if (!whole) return fail("malformed", "The directory snapshot is damaged: checksum mismatch (cut short or changed)");
  let directory: D;
  try {
    const header = new ByteReader(whole.subarray(MAGIC.length + 1));
    const size = header.uint();
    const zlib = whole.subarray(MAGIC.length + 1 + header.offset);
    if (size > MAX_DIRECTORY_BYTES || size > zlib.length * MAX_RATIO) {
      throw new RangeError(`inflated size ${size} is impossible or over the limit`);
    }
    const body = decompressExact(zlib, size);
    if (!body) throw new RangeError("compression error");
    directory = read(new ByteReader(body), sink);
  } catch (e) {
    if (e instanceof RangeError) return fail("malformed", `The directory snapshot is damaged: ${e.message}`);
    throw e;
  }
  const empty = emptyId(tableOf(directory));
  return empty ? fail("invalid", `Invalid directory snapshot at ${empty}: must not be empty`) : ok(directory);
}

/** DirectorySchema's one constraint a well-formed snapshot can still break. */
function emptyId(d: DirectoryTable): string | null {
  for (let i = 0; i < d.size; i++) if (d.id(i) === "") return `users[${i}].id`;
  for (let i = 0; i < d.groups.length; i++) if (d.groups[i].id === "") return `groups[${i}].id`;
  return null;
}

function readTable(r: ByteReader): string[] {
  const count = r.count();
  const lengths = new Array<number>(count);
  for (let i = 0; i < count; i++) lengths[i] = r.uint();
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(r.bytes());
  } catch {
    throw new RangeError("string table is not UTF-8");
  }
  const table = new Array<string>(count);
  let at = 0;
  for (let i = 0; i < count; i++) {
    table[i] = text.slice(at, at += lengths[i]);
  }
  if (at !== text.length) throw new RangeError("string table lengths do not add up");
  return table;
}

function read<D>(r: ByteReader, sink: Sink<D>): D {
  const table = readTable(r);
  const str = (): string => pick(table, r.uint(), "string");
  const optStr = (): string | null => {
    const i = r.uint();
    return i === 0 ? null : pick(table, i - 1, "string");
  };
  const fetchedAt = str();
  const groups: DirectoryGroup[] = new Array(r.count());
  for (let i = 0; i < groups.length; i++) {
    groups[i] = { id: str(), name: str(), type: pick(GROUP_TYPES, r.uint(), "group type") };
  }
  const size = r.count();
  const users = sink(size);
  for (let i = 0; i < size; i++) {
    const id = str();
    const status = pick(OKTA_STATUSES, r.uint(), "status");
    const email = optStr();
    const lastUpdated = optStr();
    const profile: Record<string, ProfileValue> = {};
    for (let n = r.count(); n > 0; n--) {
      const key = str();
      const value = readValue(r, table);
      // a "__proto__" attribute must stay data, not become the object's prototype
      if (key === "__proto__") Object.defineProperty(profile, key, { value, enumerable: true, writable: true, configurable: true });
      else profile[key] = value;
    }
    const groupIds: string[] = new Array(r.count());
    for (let g = 0; g < groupIds.length; g++) groupIds[g] = str();
    users.add(lastUpdated === null ? { id, status, email, profile, groupIds } : { id, status, email, profile, groupIds, lastUpdated });
  }
  if (!r.atEnd()) throw new RangeError("unexpected bytes after the last user");
  return users.finish(fetchedAt, groups);
}

function readValue(r: ByteReader, table: readonly string[]): ProfileValue {
  const tag = r.uint();
  if (tag === 0) return null;
  if (tag >= 2) return pick(table, tag - 2, "string");
  const values: string[] = new Array(r.count());
  for (let i = 0; i < values.length; i++) values[i] = pick(table, r.uint(), "string");
  return values;
}

function pick<T>(list: readonly T[], index: number, what: string): T {
  if (index >= list.length) throw new RangeError(`${what} index ${index} is out of range`);
  return list[index];
}
