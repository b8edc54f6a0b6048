/**
 * The built SPA from dist/: files with their content type, index.html for client-side
 * routes, and a plain page when the web app has not been built. Paths with traversal
 * segments never reach the file reader (which also confines reads to dist/ itself).
 */
import { Hono } from "hono";
import { type AppEnv, errorResponse } from "./http.ts";
import type { Services } from "./services.ts";

const TYPES: Record<string, string> = {
  html: "text/html; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  mjs: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  json: "application/json",
  map: "application/json",
  svg: "image/svg+xml",
  png: "image/png",
  jpg: "image/jpeg",
  ico: "image/x-icon",
  webp: "image/webp",
  woff2: "font/woff2",
  woff: "font/woff",
  txt: "text/plain; charset=utf-8",
  webmanifest: "application/manifest+json",
  wasm: "application/wasm",
};

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>doorsync</title></head>
<body><h1>doorsync</h1><p>The edge is running, but the web app has not been built yet. Run <code>npm start</code>
(or <code>npm run build</code>) to build it into <code>dist/</code>.</p><p>API health: <a href="/api/health">/api/health</a></p></body></html>`;

/** Relative path inside dist/, or null for anything that is not a plain file path. */
export function safeAssetPath(urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (/[\0\\]/.test(decoded)) return null;
  const segments = decoded.replace(/^\/+/, "").split("/");
  if (segments.some((seg) => seg === ".." || seg === "." || seg === "" || seg.startsWith("."))) return null;
  return segments.join("/");
}

export function staticRoutes(s: Services) {
  const app = new Hono<AppEnv>();

  const html = (body: Uint8Array | string) =>
    new Response(body as BodyInit, { headers: { "Content-Type": TYPES.html, "Cache-Control": "no-cache" } });

  app.get("*", async (c) => {
    const path = c.req.path;
    if (path.startsWith("/api/") || path === "/api") return errorResponse(c, "not-found", `No API route ${path}`);
    if (path === "/" || path === "/index.html") {
      const index = await s.readAsset("index.html");
      return html(index ?? NOT_BUILT);
    }
    const rel = safeAssetPath(path);
    if (rel === null) return errorResponse(c, "not-found", "Not found");
    const last = rel.split("/").pop()!;
    const ext = last.includes(".") ? last.slice(last.lastIndexOf(".") + 1).toLowerCase() : null;
    if (ext === null) {
      // A client-side route such as /rules/hq: the SPA decides what to show.
      const index = await s.readAsset("index.html");
      return html(index ?? NOT_BUILT);
    }
    const bytes = await s.readAsset(rel);
    if (!bytes) return errorResponse(c, "not-found", `No file ${rel}`);
    const immutable = rel.startsWith("assets/");
    return new Response(bytes as BodyInit, {
      headers: {
        "Content-Type": TYPES[ext] ?? "application/octet-stream",
        "Cache-Control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
      },
    });
  });

  return app;
}
