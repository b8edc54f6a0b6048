/** Schema pieces the condition kinds and the rule set share. */
import * as v from "valibot";
import { LIMITS } from "../limits.ts";

export const Id = v.pipe(v.string(), v.minLength(1, "must not be empty"), v.maxLength(LIMITS.idLength));
export const IdList = v.pipe(
  v.array(Id),
  v.minLength(1, "needs at least one id"),
  v.maxLength(LIMITS.valuesPerCondition),
);

/** Id and value lists are sets: sorted and deduplicated in canonical keys. */
export const sortedSet = (items: readonly string[]): string[] => [...new Set(items)].sort();
