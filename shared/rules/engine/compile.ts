/**
 * A directory compiled once into columns, so every rule set evaluated against it reuses the
 * work: user statuses as codes, skip flags as bitsets, group memberships as member lists
 * (sorted user indexes per group) and attribute columns (built on first use, then kept).
 *
 * A column's value index (value-index.ts) is left out at first: the first evaluation tests
 * every distinct value, and the index is built when a second evaluation could use it, or
 * when the caller has time to spare (`prepareIndexes`, e.g. once a first result is shown).
 */
import { OKTA_STATUSES, type OktaStatus } from "../../directory/model.ts";
import { type DirectoryInput, type DirectoryTable, tableOf } from "../../directory/table.ts";
import { type Bits, emptyBits, setBit } from "./bitset.ts";
import { type AttributeColumn, buildColumn, groupBy, indexColumn } from "./column.ts";
import type { ValueIndex } from "./value-index.ts";

export const STATUS_CODE: Readonly<Record<OktaStatus, number>> = Object.fromEntries(
  OKTA_STATUSES.map((s, i) => [s, i]),
) as Record<OktaStatus, number>;

export interface CompiledDirectory {
  /** what was compiled, as given */
  readonly directory: DirectoryInput;
  readonly table: DirectoryTable;
  readonly size: number;
  readonly userIds: readonly string[];
  /** A user's index by id (the first, if an id repeats); the map is built on first use (explain). */
  indexOf(userId: string): number | undefined;
  /** Per user, the index of its status in OKTA_STATUSES. */
  readonly status: Uint8Array;
  readonly noEmail: Bits;
  readonly deprovisioned: Bits;
  readonly suspended: Bits;
  /** Users in group `g` are `groupMembers[groupStart[g]] .. groupMembers[groupStart[g + 1] - 1]`. */
  readonly groupIndex: ReadonlyMap<string, number>;
  readonly groupStart: Int32Array;
  readonly groupMembers: Int32Array;
  /** Bitsets of the groups with more than DENSE_GROUP_SHARE of users: OR a word, not a bit per member. */
  readonly denseGroups: ReadonlyMap<number, Bits>;
  /** The column for a profile attribute, built on first use. */
  column(attribute: string): AttributeColumn;
  /**
   * The column's value index, for a condition that could use it. A missing one is built
   * when the second evaluation asks (INDEX_AFTER_EVALUATIONS); before that, null.
   */
  valueIndex(column: AttributeColumn): ValueIndex | null;
  /** Marks the start of an evaluation, for `valueIndex` to count the evaluations asking. */
  startEvaluation(): void;
  /** Builds the missing value indexes of the columns built so far. */
  prepareIndexes(): void;
}

/** The evaluation asking for a missing index that builds it: not the first, which would wait. */
const INDEX_AFTER_EVALUATIONS = 2;

export interface CompileOptions {
  /**
   * Which evaluation asking for a missing value index builds it (default 2). `Infinity` never
   * builds one on its own: for the browser's worker, where conditions stay cached between edits
   * and an edit must never wait for a column to be sorted; `prepareIndexes()` still can.
   */
  indexAfterEvaluations?: number;
}

/**
 * Above 1/64 of users a group's bitset pays for itself. There are at most 64 × (average
 * groups per user) such groups, so with 10 groups per user at most 640 bitsets of users/8 bytes.
 */
const DENSE_GROUP_SHARE = 1 / 64;

export const hasEmail = (email: string | null): boolean => email !== null && email.trim() !== "";

function compileGroups(table: DirectoryTable) {
  const groupIndex = new Map<string, number>();
  for (const group of table.groups) if (!groupIndex.has(group.id)) groupIndex.set(group.id, groupIndex.size);
  let pairs = 0;
  for (let u = 0; u < table.size; u++) pairs += table.groupIds(u).length;
  const pairGroup = new Int32Array(pairs);
  const pairUser = new Int32Array(pairs);
  let p = 0;
  // A repeated group id only repeats a member: harmless for any/all/none.
  for (let u = 0; u < table.size; u++) {
    for (const id of table.groupIds(u)) {
      let g = groupIndex.get(id);
      if (g === undefined) groupIndex.set(id, g = groupIndex.size); // member of a group not listed
      pairGroup[p] = g;
      pairUser[p++] = u;
    }
  }
  const { start, order } = groupBy(pairGroup.subarray(0, p), groupIndex.size);
  const groupMembers = new Int32Array(p);
  for (let i = 0; i < p; i++) groupMembers[i] = pairUser[order[i]];
  const denseGroups = new Map<number, Bits>();
  for (let g = 0; g < groupIndex.size; g++) {
    if (start[g + 1] - start[g] <= table.size * DENSE_GROUP_SHARE) continue;
    const bits = emptyBits(table.size);
    for (let i = start[g]; i < start[g + 1]; i++) setBit(bits, groupMembers[i]);
    denseGroups.set(g, bits);
  }
  return { groupIndex, groupStart: start, groupMembers, denseGroups };
}

export function compileDirectory(directory: DirectoryInput, options: CompileOptions = {}): CompiledDirectory {
  const indexAfter = options.indexAfterEvaluations ?? INDEX_AFTER_EVALUATIONS;
  const table = tableOf(directory);
  const size = table.size;
  const [status, noEmail, deprovisioned, suspended] = [new Uint8Array(size), emptyBits(size), emptyBits(size), emptyBits(size)];
  const userIds = new Array<string>(size);
  for (let u = 0; u < size; u++) {
    const [id, userStatus] = [table.id(u), table.status(u)];
    userIds[u] = id;
    status[u] = STATUS_CODE[userStatus];
    if (!hasEmail(table.email(u))) setBit(noEmail, u);
    if (userStatus === "DEPROVISIONED") setBit(deprovisioned, u);
    if (userStatus === "SUSPENDED") setBit(suspended, u);
  }
  const columns = new Map<string, AttributeColumn>();
  const column = (attribute: string): AttributeColumn => {
    let found = columns.get(attribute);
    if (!found) columns.set(attribute, found = buildColumn(table, attribute));
    return found;
  };
  let evaluation = 0;
  const valueIndex = (col: AttributeColumn): ValueIndex | null => {
    if (col.index) return col.index;
    if (col.wantedIn !== evaluation) [col.wanted, col.wantedIn] = [col.wanted + 1, evaluation];
    return col.wanted >= indexAfter ? indexColumn(col) : null;
  };
  const startEvaluation = () => void evaluation++;
  const prepareIndexes = () => columns.forEach((col) => indexColumn(col));
  // 500,000 ids in a Map cost tens of MB a sync never uses
  let byId: Map<string, number> | null = null;
  const indexOf = (userId: string): number | undefined => {
    if (!byId) {
      byId = new Map();
      for (let u = size - 1; u >= 0; u--) byId.set(userIds[u], u);
    }
    return byId.get(userId);
  };
  return {
    directory,
    table,
    size,
    userIds,
    indexOf,
    status,
    noEmail,
    deprovisioned,
    suspended,
    ...compileGroups(table),
    column,
    valueIndex,
    startEvaluation,
    prepareIndexes,
  };
}
