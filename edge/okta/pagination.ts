/**
 * RFC 8288 `Link` headers. Okta sends one `link` line per relation; fetch's Headers joins
 * repeated headers with ", ", so parse a comma-joined value too. URLs sit inside <…> and may
 * themselves contain commas or semicolons, so this is a small scanner, not a split(",").
 */
export interface LinkValue {
  url: string;
  rel: string[];
  params: Record<string, string>;
}

export function parseLinkHeader(header: string | null | undefined): LinkValue[] {
  const out: LinkValue[] = [];
  if (!header) return out;
  let i = 0;
  const n = header.length;
  while (i < n) {
    const open = header.indexOf("<", i);
    if (open < 0) break;
    const close = header.indexOf(">", open + 1);
    if (close < 0) break;
    const url = header.slice(open + 1, close).trim();
    const params: Record<string, string> = {};
    i = close + 1;
    // Parameters up to the next comma that is outside quotes.
    while (i < n) {
      while (i < n && (header[i] === " " || header[i] === "\t")) i++;
      if (header[i] === ",") {
        i++;
        break;
      }
      if (header[i] !== ";") {
        // Junk between links: skip to the next comma outside quotes.
        i = skipTo(header, i, ",");
        continue;
      }
      i++;
      while (i < n && (header[i] === " " || header[i] === "\t")) i++;
      const nameStart = i;
      while (i < n && /[^=;,\s]/.test(header[i])) i++;
      const name = header.slice(nameStart, i).toLowerCase();
      while (i < n && (header[i] === " " || header[i] === "\t")) i++;
      let value = "";
      if (header[i] === "=") {
        i++;
        while (i < n && (header[i] === " " || header[i] === "\t")) i++;
        if (header[i] === '"') {
          const end = header.indexOf('"', i + 1);
          value = header.slice(i + 1, end < 0 ? n : end);
          i = end < 0 ? n : end + 1;
        } else {
          const start = i;
          while (i < n && header[i] !== ";" && header[i] !== ",") i++;
          value = header.slice(start, i).trim();
        }
      }
      if (name && !(name in params)) params[name] = value;
    }
    const rel = (params.rel ?? "").split(/\s+/).filter(Boolean).map((r) => r.toLowerCase());
    out.push({ url, rel, params });
  }
  return out;
}

function skipTo(s: string, from: number, ch: string): number {
  let quoted = false;
  for (let i = from; i < s.length; i++) {
    if (s[i] === '"') quoted = !quoted;
    else if (s[i] === ch && !quoted) return i;
  }
  return s.length;
}

export type NextLink =
  | { kind: "none" }
  | { kind: "next"; url: string }
  | { kind: "cross-origin"; url: string }
  | { kind: "invalid"; url: string };

/**
 * The `rel="next"` target resolved against the page's own URL, refused unless it stays on
 * the configured org's origin: a hostile response must not lead the token elsewhere.
 */
export function nextLink(header: string | null | undefined, pageUrl: string, allowedOrigin: string): NextLink {
  const next = parseLinkHeader(header).find((l) => l.rel.includes("next"));
  if (!next) return { kind: "none" };
  let resolved: URL;
  try {
    resolved = new URL(next.url, pageUrl);
  } catch {
    return { kind: "invalid", url: next.url };
  }
  if (resolved.origin !== allowedOrigin) return { kind: "cross-origin", url: resolved.href };
  return { kind: "next", url: resolved.href };
}
