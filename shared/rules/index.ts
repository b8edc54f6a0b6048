/** The rule engine's public surface: models, parsing, evaluation, explanation, lint. */
export * from "./model.ts";
export { parseRuleSet, MAX_RULESET_BYTES } from "./parse.ts";
export { NO_MATCH, SKIPPED, assignmentOf, type Assignment, type Outcome, type SkipReason } from "./outcome.ts";
export { evaluate } from "./engine/evaluate.ts";
export { createEngine, type Engine } from "./engine/engine.ts";
export { compileDirectory, type CompiledDirectory, type CompileOptions } from "./engine/compile.ts";
export type { CacheStats } from "./engine/match-cache.ts";
export type { PropertyCounts } from "./engine/counts.ts";
export { explain, directoryGroupNamer } from "./explain.ts";
export type { ConditionTrace, Decision, RuleTrace, RuleVerdict, Trace } from "./trace.ts";
export { lint } from "./lint.ts";
export { blocksSync, FINDING_SEVERITY, type Finding, type FindingCode, type Severity } from "./finding.ts";
export { describeCondition, describeValue, type GroupNamer } from "./describe.ts";
export { checkRegex, MAX_UNBOUNDED, type RegexProblem } from "./regex/index.ts";
export { OPERATORS } from "./operators.ts";
export { SKIP_PRECEDENCE, SKIP_MESSAGES, skipReasonOf } from "./skip.ts";
export { conditionKey } from "./condition-key.ts";
