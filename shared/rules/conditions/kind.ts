/**
 * What every condition kind provides. `CONDITION_KINDS` (index.ts) holds one per kind, typed
 * so that a kind, or any of these parts of it, cannot be left out.
 */
import type { DirectoryUser } from "../../directory/model.ts";
import type { Bits } from "../engine/bitset.ts";
import type { CompiledDirectory } from "../engine/compile.ts";
import type { GroupNamer } from "../describe.ts";

/** One condition checked against one user, with the values an admin needs to see. */
export interface ConditionCheck {
  expected: string;
  actual: string;
  passed: boolean;
  note?: string;
}

export interface ConditionKind<C> {
  /** Canonical key: two conditions with the same key pass for exactly the same users. */
  key(condition: C): string;
  /** The users of a compiled directory the condition passes for. */
  bits(dir: CompiledDirectory, condition: C): Bits;
  /** One user, the slow and literal way: explain's second opinion on `bits`. */
  check(user: DirectoryUser, condition: C, groupName?: GroupNamer): ConditionCheck;
  /** In plain words, e.g. 'department equals "Engineering"'. */
  describe(condition: C, groupName?: GroupNamer): string;
  /** Every user passing `b` passes `a`. Sound, not complete: false when it cannot tell. */
  implies(b: C, a: C): boolean;
}
