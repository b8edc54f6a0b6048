/** The rule-set diff is shared with the web app (a share link is diffed in the browser). */
export { diffRuleSets } from "../../shared/api/rule-set-diff.ts";
