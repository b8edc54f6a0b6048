/**
 * The condition kinds, one module each (group, attribute, status), and the functions that
 * dispatch on a condition's `kind`: its schema, canonical key, bitset, one-user check,
 * description and implication all come from its kind's module.
 */
import * as v from "valibot";
import type { DirectoryUser } from "../../directory/model.ts";
import type { Bits } from "../engine/bitset.ts";
import type { CompiledDirectory } from "../engine/compile.ts";
import type { GroupNamer } from "../describe.ts";
import { AttributeConditionSchema, attributeKind } from "./attribute.ts";
import { GroupConditionSchema, groupKind } from "./group.ts";
import { StatusConditionSchema, statusKind } from "./status.ts";
import type { ConditionCheck, ConditionKind } from "./kind.ts";

export const ConditionSchema = v.variant("kind", [GroupConditionSchema, AttributeConditionSchema, StatusConditionSchema]);
export type Condition = v.InferOutput<typeof ConditionSchema>;

type KindOf<K extends Condition["kind"]> = ConditionKind<Extract<Condition, { kind: K }>>;
export const CONDITION_KINDS: { readonly [K in Condition["kind"]]: KindOf<K> } = {
  group: groupKind,
  attribute: attributeKind,
  status: statusKind,
};

/** The kind of `c`, typed for any condition (each kind only ever sees its own conditions). */
const kindOf = (c: Condition): ConditionKind<Condition> => CONDITION_KINDS[c.kind] as ConditionKind<Condition>;

/**
 * Canonical key: two conditions with the same key pass for exactly the same users, so the
 * engine computes each distinct condition once and lint can compare them. Id and value lists
 * are sets (sorted, deduplicated); `caseSensitive` absent means false.
 */
export const conditionKey = (c: Condition): string => kindOf(c).key(c);

/** The users of a compiled directory `c` passes for. */
export const conditionBits = (dir: CompiledDirectory, c: Condition): Bits => kindOf(c).bits(dir, c);

/** One condition against one user, the slow and readable way (explain). */
export const checkCondition = (user: DirectoryUser, c: Condition, groupName?: GroupNamer): ConditionCheck =>
  kindOf(c).check(user, c, groupName);

/** 'member of any of Employees, Contractors', 'department equals "Engineering"', … */
export const describeCondition = (c: Condition, groupName?: GroupNamer): string => kindOf(c).describe(c, groupName);

/** Every user passing `b` passes `a` (sound, not complete). */
export function conditionImplies(b: Condition, a: Condition): boolean {
  if (conditionKey(b) === conditionKey(a)) return true;
  return a.kind === b.kind && kindOf(b).implies(b, a);
}

export type { ConditionCheck, ConditionKind } from "./kind.ts";
