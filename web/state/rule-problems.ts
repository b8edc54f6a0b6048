/**
 * Everything wrong with a rule the dialog is about to save, each as a sentence an admin can
 * act on ("Condition 2, groups: choose at least one"), all of them rather than the first;
 * and the regex check the engine applies, so an unsafe or invalid pattern is refused in the
 * dialog instead of only being flagged later.
 */
import { checkRegex } from "../../shared/rules/index.ts";
import type { ValidationIssue } from "../../shared/validate.ts";

/** Schema paths as field names. */
function fieldOf(path: string): string {
  const condition = /^conditions\[(\d+)\](?:\.(\w+))?/.exec(path);
  if (condition) {
    const what =
      { groupIds: "groups", values: "values", value: "value", attribute: "attribute", statuses: "statuses" }[condition[2] ?? ""] ?? "";
    return `Condition ${Number(condition[1]) + 1}${what ? `, ${what}` : ""}`;
  }
  if (path.startsWith("actions.accessGroupIds")) return "Access groups";
  if (path.startsWith("actions.roleId")) return "Role";
  if (path.startsWith("name")) return "Name";
  if (path.startsWith("id")) return "Rule id";
  return path;
}

/** valibot's default messages in plain words. */
function plain(message: string, field: string): string {
  const tooShort = /^Invalid length: Expected >=(\d+) but received 0$/.exec(message);
  if (tooShort) {
    return field.endsWith("groups") || field === "Access groups" || field.endsWith("statuses")
      ? "choose at least one"
      : "must not be empty";
  }
  if (message === "needs at least one id") return "choose at least one";
  const tooLong = /^Invalid length: Expected <=(\d+) but received (\d+)$/.exec(message);
  if (tooLong) return `is too long (${tooLong[2]}; at most ${tooLong[1]})`;
  if (/^Invalid type: Expected .* but received undefined$/.test(message)) return "is missing";
  return message;
}

export function issueSentences(issues: readonly ValidationIssue[]): string[] {
  const out = issues.map((i) => {
    const field = fieldOf(i.path);
    return `${field}: ${plain(i.message, field)}.`;
  });
  return [...new Set(out)];
}

/** Problems with the `matches` patterns of a rule candidate's conditions. */
export function patternProblems(conditions: readonly unknown[]): string[] {
  const out: string[] = [];
  conditions.forEach((c, i) => {
    if (typeof c !== "object" || c === null || !("op" in c) || c.op !== "matches" || !("value" in c) || typeof c.value !== "string") return;
    const cs = "caseSensitive" in c && c.caseSensitive === true;
    const r = checkRegex(c.value, cs);
    if (r.ok) return;
    const where = `Condition ${i + 1}, pattern`;
    if (r.error.code === "regex-invalid") {
      const why = r.error.message.replace(/^.*Invalid regular expression: \/.*\/[a-z]*: /s, "");
      out.push(`${where}: not a valid regular expression (${why}).`);
    } else if (r.error.code === "regex-unsafe") {
      out.push(
        `${where}: refused because it could take too long to match (${
          r.error.message.replace(/^.* is refused as unsafe: /s, "")
        }). Simplify it.`,
      );
    } else out.push(`${where}: ${r.error.message}.`);
  });
  return out;
}
