/**
 * One copy of each repeated string or list: JSON.parse (and KV's decoder) gives every
 * "Engineering", every location uuid of 500,000 users, its own copy.
 */

/** Hands back the copy of a string seen before. */
export type Intern = (value: string) => string;
const same: Intern = (value) => value;

/**
 * Interners per field, so a Genea read of 500,000 users keeps each department, cost center or
 * location uuid once. A field with more than `limit` distinct values (emails, phone numbers) is
 * left alone from then on, its table dropped: interning it would only add a copy of every value.
 */
export function createInterners(limit = 4096): (attribute: string) => Intern {
  const tables = new Map<string, Intern>();
  const forAttribute = (attribute: string): Intern => {
    const seen = new Map<string, string>();
    return (value) => {
      const had = seen.get(value);
      if (had !== undefined) return had;
      if (seen.size >= limit) {
        tables.set(attribute, same);
        seen.clear();
      } else seen.set(value, value);
      return value;
    };
  };
  return (attribute) => {
    let intern = tables.get(attribute);
    if (!intern) tables.set(attribute, intern = forAttribute(attribute));
    return intern;
  };
}

/**
 * One shared, frozen copy of each repeated string list (the access groups a user holds at a
 * location), its strings interned too. Readers never edit a list in place (applyPlan and the
 * cache copy before they change one); a stray edit throws rather than changing every holder.
 */
export function createListInterner(limit = 4096): (list: string[]) => string[] {
  const strings = createInterners(limit)("item");
  const seen = new Map<string, string[]>();
  return (list) => {
    const key = JSON.stringify(list);
    const had = seen.get(key);
    if (had) return had;
    // frozen, still typed as the model's string[]: the model's readers only read it
    const shared = Object.freeze(list.map(strings)) as string[];
    if (seen.size < limit) seen.set(key, shared);
    return shared;
  };
}
