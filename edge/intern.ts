/**
 * One copy of each repeated string: JSON.parse (and KV's decoder) gives every
 * "Engineering", every location uuid of 500,000 users, its own copy.
 */

/** Hands back the copy of a string seen before. */
export type Intern = (value: string) => string;
const same: Intern = (value) => value;

/**
 * Interners per profile attribute, so a 500,000-user read keeps each department, title or city
 * once. An attribute with more than `limit` distinct values (emails, phone numbers) is left
 * alone from then on, its table dropped: interning it would only add a copy of every value.
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

