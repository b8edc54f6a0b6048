/** First-run setup (create the first admin) and sign-in: one form, two wordings. */
import { Button } from "@kobalte/core/button";
import { TextField } from "@kobalte/core/text-field";
import { createSignal, Show } from "solid-js";
import type { Session } from "../state/session.ts";

export function AuthView(props: { session: Session; mode: "setup" | "sign-in"; onDone: () => void }) {
  const [username, setUsername] = createSignal(props.mode === "setup" ? "admin" : "");
  const [password, setPassword] = createSignal("");
  const [local, setLocal] = createSignal<string | null>(null);
  const setup = () => props.mode === "setup";

  async function submit(e: Event) {
    e.preventDefault();
    if (setup() && password().length < 12) return setLocal("Use a password of at least 12 characters.");
    setLocal(null);
    const ok = setup() ? await props.session.setup(username(), password()) : await props.session.signIn(username(), password());
    if (ok) props.onDone();
  }

  return (
    <main class="auth" aria-labelledby="auth-title">
      <form class="card auth-card" onSubmit={submit}>
        <h1 id="auth-title">{setup() ? "Welcome to doorsync: create the first admin" : "Sign in to doorsync"}</h1>
        <Show when={setup()}>
          <p class="hint">This account manages the Okta and Genea connections and publishes door-access rules.</p>
        </Show>
        <TextField class="field" value={username()} onChange={setUsername} required>
          <TextField.Label class="field-label">Username</TextField.Label>
          <TextField.Input class="input" autocomplete="username" />
        </TextField>
        <TextField class="field" value={password()} onChange={setPassword} required>
          <TextField.Label class="field-label">Password</TextField.Label>
          <TextField.Input class="input" type="password" autocomplete={setup() ? "new-password" : "current-password"} />
          <Show when={setup()}>
            <TextField.Description class="hint">At least 12 characters.</TextField.Description>
          </Show>
        </TextField>
        <Show when={local() ?? props.session.error()}>
          <p class="error" role="alert">{local() ?? props.session.error()}</p>
        </Show>
        <Button class="btn primary" type="submit" disabled={props.session.busy()}>
          {setup() ? "Create admin and sign in" : "Sign in"}
        </Button>
      </form>
    </main>
  );
}
