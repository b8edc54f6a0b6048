// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from "@solidjs/testing-library";
import { createRoot } from "solid-js";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fail, ok } from "../../shared/result.ts";
import type { SessionInfo } from "../../shared/api/schemas.ts";
import { UserSearch } from "../../web/components/user-search.tsx";
import { createRouter, PATHS, routeOf } from "../../web/state/router.ts";
import { createSession } from "../../web/state/session.ts";
import { createTheme } from "../../web/state/theme.ts";
import { AuthView } from "../../web/views/auth-view.tsx";
import { statusSentence } from "../../web/views/connections-view.tsx";

afterEach(cleanup);

const signedIn: SessionInfo = { state: "signed-in", username: "admin", csrfToken: "t", demo: true };

describe("routeOf()", () => {
  it.each([
    ["/rules", PATHS.rules],
    ["/connections/", PATHS.connections],
    ["/publish", PATHS.publish],
    ["/", PATHS.rules],
    ["/no-such-page", PATHS.rules],
  ])("maps %s to %s", (path, route) => expect(routeOf(path)).toBe(route));

  it("navigates with the History API and follows the back button", () => {
    createRoot((dispose) => {
      const router = createRouter(window);
      router.navigate(PATHS.connections);
      expect(window.location.pathname).toBe("/connections");
      expect(router.path()).toBe(PATHS.connections);
      window.history.pushState(null, "", "/publish");
      window.dispatchEvent(new PopStateEvent("popstate"));
      expect(router.path()).toBe(PATHS.publish);
      dispose();
    });
  });
});

describe("createTheme()", () => {
  it("follows the system until a theme is chosen, then remembers the choice", () => {
    const save = vi.fn();
    const { theme, dispose } = createRoot((dispose) => ({ theme: createTheme({ win: window, save }), dispose }));
    expect(document.documentElement.dataset.theme).toBe(theme.effective());
    theme.toggle();
    const chosen = theme.effective();
    expect(chosen).toBe(theme.choice());
    expect(document.documentElement.dataset.theme).toBe(chosen);
    expect(save).toHaveBeenCalledWith(chosen);
    dispose();
  });
});

describe("statusSentence()", () => {
  const at = () => "28 Nov, 12:00";
  it.each([
    [undefined, "Checking the Okta connection…"],
    [{ connected: false, target: null, secretHint: null, lastCheckedAt: null, error: null }, "Okta is not connected yet."],
    [{
      connected: false,
      target: "acme.okta.com",
      secretHint: "1a2b",
      lastCheckedAt: null,
      error: "Okta rejected the API token (E0000011).",
    }, "Okta is not connected: Okta rejected the API token (E0000011)."],
    [
      { connected: true, target: "acme.okta.com", secretHint: "1a2b", lastCheckedAt: "2026-11-28T12:00:00Z", error: null },
      "Okta: connected to acme.okta.com, token ending …1a2b, last checked 28 Nov, 12:00",
    ],
  ])("describes %j", (status, sentence) => expect(statusSentence("Okta", status ?? undefined, at)).toBe(sentence));
});

describe("<AuthView>", () => {
  function mount(mode: "setup" | "sign-in", answer: Awaited<ReturnType<Parameters<typeof createSession>[0]["signIn"]>>) {
    const api = {
      session: vi.fn(async () => ok(signedIn)),
      setup: vi.fn(async () => answer),
      signIn: vi.fn(async () => answer),
      signOut: vi.fn(async () => ok(undefined)),
    };
    const onDone = vi.fn();
    const session = createRoot(() => createSession(api));
    render(() => <AuthView session={session} mode={mode} onDone={onDone} />);
    return { api, onDone };
  }

  it("creates the first admin and moves on", async () => {
    const { api, onDone } = mount("setup", ok(signedIn));
    fireEvent.input(screen.getByLabelText("Password"), { target: { value: "correct horse battery" } });
    fireEvent.click(screen.getByRole("button", { name: "Create admin and sign in" }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(api.setup).toHaveBeenCalledWith({ username: "admin", password: "correct horse battery" });
  });

  it("refuses a short password before asking the server", () => {
    const { api } = mount("setup", ok(signedIn));
    fireEvent.input(screen.getByLabelText("Password"), { target: { value: "short" } });
    fireEvent.click(screen.getByRole("button", { name: "Create admin and sign in" }));
    expect(screen.getByRole("alert").textContent).toBe("Use a password of at least 12 characters.");
    expect(api.setup).not.toHaveBeenCalled();
  });

  it("shows the server's sentence when sign-in fails", async () => {
    const { api } = mount("sign-in", fail("unauthorized", "That username and password do not match."));
    fireEvent.input(screen.getByLabelText("Username"), { target: { value: "admin" } });
    fireEvent.input(screen.getByLabelText("Password"), { target: { value: "wrong password!" } });
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect(api.signIn).toHaveBeenCalledWith({ username: "admin", password: "wrong password!" });
    expect((await screen.findByRole("alert")).textContent).toBe("That username and password do not match.");
  });
});

describe("<UserSearch>", () => {
  it("searches from two characters, moves with the arrows and picks with Enter", async () => {
    const people = [
      { id: "1", name: "Ada Lovelace", email: "ada@example.com", login: null },
      { id: "2", name: "Adam Smith", email: null, login: "adam" },
    ];
    const search = vi.fn(async (q: string) => people.filter((p) => p.name.toLowerCase().includes(q.toLowerCase())));
    const onPick = vi.fn();
    render(() => <UserSearch search={search} onPick={onPick} />);
    const input = screen.getByRole("combobox", { name: /find a person/ });
    fireEvent.input(input, { target: { value: "a" } });
    expect(search).not.toHaveBeenCalled();
    fireEvent.input(input, { target: { value: "ad" } });
    await screen.findAllByRole("option");
    fireEvent.keyDown(input, { key: "ArrowDown" });
    expect(input.getAttribute("aria-activedescendant")).toBe("user-result-1");
    fireEvent.keyDown(input, { key: "Enter" });
    expect(onPick).toHaveBeenCalledWith(people[1]);
  });
});
