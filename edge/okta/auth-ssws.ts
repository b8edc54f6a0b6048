/** SSWS API token: a static header, nothing to renew. */
import { ok } from "../../shared/result.ts";
import type { Auth } from "./http.ts";

export function sswsAuth(token: string): Auth {
  const header = { Authorization: `SSWS ${token}` };
  return {
    headers: () => Promise.resolve(ok(header)),
    renew: () => false,
  };
}
