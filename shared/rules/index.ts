/** The rule engine's public surface: models, parsing, evaluation, explanation, lint. */
export * from "./model.ts";
export { MAX_RULESET_BYTES, parseRuleSet } from "./parse.ts";
export { grantOf, NO_MATCH, type Outcome, type RuleGrant, SKIPPED, type SkipReason } from "./outcome.ts";
export { evaluate } from "./engine/evaluate.ts";
export { createEngine, type Engine } from "./engine/engine.ts";
export { type CompiledDirectory, compileDirectory, type CompileOptions } from "./engine/compile.ts";
export type { CacheStats } from "./engine/match-cache.ts";
export type { PropertyCounts } from "./engine/counts.ts";
export { directoryGroupNamer, explain } from "./explain.ts";
export type { ConditionTrace, Decision, RuleTrace, RuleVerdict, Trace } from "./trace.ts";
export { lint } from "./lint.ts";
export { blocksSync, type Finding, FINDING_SEVERITY, type FindingCode, type Severity } from "./finding.ts";
export { describeValue, type GroupNamer } from "./describe.ts";
export {
  checkCondition,
  CONDITION_KINDS,
  type ConditionCheck,
  conditionImplies,
  conditionKey,
  type ConditionKind,
  describeCondition,
} from "./conditions/index.ts";
export { ATTRIBUTE_OPERATORS, type OperatorSpec } from "./conditions/operators.ts";
export { GROUP_OPERATORS } from "./conditions/group.ts";
export { attributeTest, testProfileValue } from "./conditions/attribute.ts";
export { checkRegex, MAX_UNBOUNDED, type RegexProblem } from "./regex/index.ts";
export { SKIP_MESSAGES, SKIP_PRECEDENCE, skipReasonOf } from "./skip.ts";
