/** Connections: Okta (API token or OAuth service app) and Genea (API key), with their status. */
import { Button } from "@kobalte/core/button";
import { Tabs } from "@kobalte/core/tabs";
import { TextField } from "@kobalte/core/text-field";
import { createSignal, onMount, Show } from "solid-js";
import type { ConnectionStatus } from "../../shared/api/schemas.ts";
import type { Connections } from "../state/connections.ts";
import { plainMessage } from "../state/wording.ts";

export function statusSentence(name: string, s: ConnectionStatus | undefined, when: (iso: string) => string): string {
  if (!s) return `Checking the ${name} connection…`;
  if (s.error) return `${name} is not connected: ${plainMessage(s.error)}`;
  if (!s.connected) return `${name} is not connected yet.`;
  const parts = [`connected${s.target ? ` to ${s.target}` : ""}`];
  if (s.secretHint) parts.push(`token ending …${s.secretHint}`);
  if (s.lastCheckedAt) parts.push(`last checked ${when(s.lastCheckedAt)}`);
  return `${name}: ${parts.join(", ")}`;
}

const when = (iso: string) => new Date(iso).toLocaleString();

function Field(props: { label: string; value: string; onChange: (v: string) => void; type?: string; multiline?: boolean; hint?: string }) {
  return (
    <TextField class="field" value={props.value} onChange={props.onChange}>
      <TextField.Label class="field-label">{props.label}</TextField.Label>
      {props.multiline
        ? <TextField.TextArea class="input mono" rows={5} />
        : <TextField.Input class="input" type={props.type ?? "text"} autocomplete="off" />}
      <Show when={props.hint}>
        <TextField.Description class="hint">{props.hint}</TextField.Description>
      </Show>
    </TextField>
  );
}

export function ConnectionsView(props: { connections: Connections }) {
  const c = props.connections;
  const [domain, setDomain] = createSignal("");
  const [token, setToken] = createSignal("");
  const [clientId, setClientId] = createSignal("");
  const [privateKey, setPrivateKey] = createSignal("");
  const [keyId, setKeyId] = createSignal("");
  const [authKind, setAuthKind] = createSignal("ssws");
  const [apiKey, setApiKey] = createSignal("");
  onMount(() => void c.load());

  const saveOkta = (e: Event) => {
    e.preventDefault();
    const auth = authKind() === "ssws"
      ? { kind: "ssws" as const, token: token() }
      : { kind: "oauth" as const, clientId: clientId(), privateKey: privateKey(), ...(keyId() ? { keyId: keyId() } : {}) };
    void c.connectOkta({ domain: domain().trim(), auth }).then((ok) => ok && (setToken(""), setPrivateKey("")));
  };
  const saveGenea = (e: Event) => {
    e.preventDefault();
    void c.connectGenea({ apiKey: apiKey() }).then((ok) => ok && setApiKey(""));
  };

  return (
    <div class="connections">
      <h1>Connections</h1>
      <Show when={c.info()?.demo}>
        <p class="notice">Demo mode: doorsync is connected to built-in Okta and Genea sandboxes with a generated organisation.</p>
      </Show>
      <Show when={c.error()}>
        <p class="error" role="alert">{c.error()}</p>
      </Show>
      <section class="card" aria-labelledby="okta-title">
        <h2 id="okta-title">Okta</h2>
        <p class="status" data-testid="okta-status">{statusSentence("Okta", c.info()?.okta, when)}</p>
        <form onSubmit={saveOkta}>
          <Field label="Okta domain" value={domain()} onChange={setDomain} hint="For example acme.okta.com" />
          <Tabs value={authKind()} onChange={setAuthKind} class="tabs">
            <Tabs.List class="tabs-list" aria-label="How doorsync signs in to Okta">
              <Tabs.Trigger class="tabs-trigger" value="ssws">API token</Tabs.Trigger>
              <Tabs.Trigger class="tabs-trigger" value="oauth">OAuth service app</Tabs.Trigger>
              <Tabs.Indicator class="tabs-indicator" />
            </Tabs.List>
            <Tabs.Content value="ssws">
              <Field label="API token" type="password" value={token()} onChange={setToken} />
            </Tabs.Content>
            <Tabs.Content value="oauth">
              <Field label="Client id" value={clientId()} onChange={setClientId} />
              <Field label="Private key (PKCS#8 PEM or JWK)" multiline value={privateKey()} onChange={setPrivateKey} />
              <Field label="Key id (optional)" value={keyId()} onChange={setKeyId} />
            </Tabs.Content>
          </Tabs>
          <Button class="btn primary" type="submit" disabled={c.busy()}>Connect Okta</Button>
        </form>
      </section>
      <section class="card" aria-labelledby="genea-title">
        <h2 id="genea-title">Genea</h2>
        <p class="status" data-testid="genea-status">{statusSentence("Genea", c.info()?.genea, when)}</p>
        <form onSubmit={saveGenea}>
          <Field label="Genea API key" type="password" value={apiKey()} onChange={setApiKey} />
          <Button class="btn primary" type="submit" disabled={c.busy()}>Connect Genea</Button>
        </form>
      </section>
    </div>
  );
}
