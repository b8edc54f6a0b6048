/** A link inside the app: a real href (open in a new tab works), navigated without a reload. */
import type { JSX } from "solid-js";
import type { Href } from "../state/router.ts";

export function AppLink(props: { href: Href; navigate: (to: Href) => void; class?: string; "aria-label"?: string; children: JSX.Element }) {
  return (
    <a
      href={props.href}
      class={props.class}
      aria-label={props["aria-label"]}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        props.navigate(props.href);
      }}
    >
      {props.children}
    </a>
  );
}
