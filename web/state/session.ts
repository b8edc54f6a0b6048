/** Who is signed in, and the first-run setup / sign-in / sign-out actions. */
import { createSignal } from "solid-js";
import type { SessionInfo } from "../../shared/api/schemas.ts";
import type { Api } from "./api.ts";

export function createSession(api: Pick<Api, "session" | "setup" | "signIn" | "signOut">) {
  const [info, setInfo] = createSignal<SessionInfo | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  /** the edge could not be reached at all (not: it said no) */
  const [offline, setOffline] = createSignal(false);

  async function run(action: () => ReturnType<Api["session"]>): Promise<boolean> {
    setBusy(true);
    setError(null);
    const r = await action();
    setBusy(false);
    setOffline(!r.ok && r.error.code === "offline");
    if (!r.ok) {
      setError(r.error.message);
      return false;
    }
    setInfo(r.value);
    return true;
  }

  return {
    info,
    error,
    busy,
    offline,
    load: () => run(api.session),
    setup: (username: string, password: string) => run(() => api.setup({ username, password })),
    signIn: (username: string, password: string) => run(() => api.signIn({ username, password })),
    async signOut() {
      await api.signOut();
      await run(api.session);
    },
  };
}
export type Session = ReturnType<typeof createSession>;
