/**
 * System Log polling: one page of `GET /api/v1/logs` in polling form (ASCENDING, no `until`),
 * where Okta always answers a `next` link, even on an empty page. The caller persists that
 * link and passes it back verbatim next time; only the first URL is built here.
 */
import * as v from "valibot";
import { type LogEvent, LogEventSchema } from "../../shared/directory/events.ts";
import { ok, type Result } from "../../shared/result.ts";
import { validate } from "../../shared/validate.ts";
import { type OktaErrorCode, oktaFail } from "./errors.ts";
import { type Auth, getJson, type OktaTransport } from "./http.ts";
import { nextLink } from "./pagination.ts";

export interface LogPage {
  events: LogEvent[];
  /** where to continue: Okta's next link (same origin), or the URL just read when it gave none */
  next: string;
}

export function firstLogUrl(origin: string, since: string, eventTypes: readonly string[]): string {
  const filter = eventTypes.map((t) => `eventType eq "${t}"`).join(" or ");
  const q = new URLSearchParams({ since, sortOrder: "ASCENDING", limit: "1000", filter });
  return `${origin}/api/v1/logs?${q}`;
}

export async function readLogPage(t: OktaTransport, auth: Auth, url: string): Promise<Result<LogPage, OktaErrorCode>> {
  if (new URL(url).origin !== t.origin) {
    return oktaFail("cross-origin-link", `Refused to poll ${new URL(url).origin}: the token is only sent to ${t.origin}`);
  }
  const got = await getJson(t, url, auth);
  if (!got.ok) return got;
  const page = validate(v.array(LogEventSchema), got.value.body, "System Log page");
  if (!page.ok) return oktaFail("malformed-response", `${t.host}: ${page.error.message}`);
  const next = nextLink(got.value.answer.headers.get("link"), url, t.origin);
  if (next.kind === "cross-origin") {
    return oktaFail("cross-origin-link", `Refused to follow a System Log next link to ${new URL(next.url).origin}`);
  }
  return ok({ events: page.value, next: next.kind === "next" ? next.url : url });
}
