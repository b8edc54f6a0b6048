/**
 * One way to check outside data: parse with a valibot schema and turn the first issues
 * into an error value whose message names the path, e.g.
 * `properties.hq.rules[2].conditions[0].groupIds[1]: must not be empty`.
 */
import * as v from "valibot";
import { fail, ok, type Result } from "./result.ts";

type PathItem = { key: unknown };

/** `a.b[2].c` from a valibot issue path. */
export function formatPath(path: readonly PathItem[] | undefined): string {
  if (!path || path.length === 0) return "(root)";
  let out = "";
  for (const item of path) {
    const key = item.key;
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

export interface ValidationIssue {
  path: string;
  message: string;
}

/**
 * The deepest, most specific issues: for unions valibot nests them, and a nested issue
 * without a path of its own sits at its parent's path.
 */
function flatten(issues: readonly v.BaseIssue<unknown>[], parent?: readonly PathItem[]): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const issue of issues) {
    const path = (issue.path as PathItem[] | undefined) ?? parent;
    if (issue.issues && issue.issues.length > 0 && issue.type !== "variant") {
      out.push(...flatten(issue.issues, path));
    } else {
      out.push({ path: formatPath(path), message: issue.message });
    }
  }
  return out;
}

export function validate<S extends v.GenericSchema>(
  schema: S,
  input: unknown,
  what: string,
): Result<v.InferOutput<S>, "invalid"> {
  const result = v.safeParse(schema, input);
  if (result.success) return ok(result.output);
  const issues = flatten(result.issues);
  const first = issues[0];
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
  return fail("invalid", `Invalid ${what} at ${first.path}: ${first.message}${more}`, { issues });
}
