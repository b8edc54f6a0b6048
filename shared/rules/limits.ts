/** Size limits of a rule set, enforced by its schema (model.ts) and the pattern check (regex/). */
export const LIMITS = {
  propertiesPerSet: 200,
  rulesPerProperty: 500,
  conditionsPerRule: 50,
  valuesPerCondition: 1000,
  idLength: 128,
  nameLength: 200,
  valueLength: 500,
  regexLength: 200,
} as const;
