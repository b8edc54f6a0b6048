/**
 * The fetch every Okta and Genea attempt goes through (the transport guards the fetch it is
 * given, so does the edge when it builds a client for one operation). It only talks to the one origin the connection
 * names and never follows redirects (a 3xx comes back as an answer, which the clients report
 * as final), so a compromised or spoofed upstream cannot bounce the edge and its
 * credentials somewhere else. Every answer is capped in bytes and in time: the body is
 * counted as it streams (never buffered first) and the read fails at the cap, so a hostile
 * upstream cannot fill the edge's memory or hold a request open for ever.
 */
export type Fetch = typeof fetch;

export interface UpstreamLimits {
  /** most bytes of one answer's body */
  maxBytes: number;
  /** most time for one answer, from sending the request to the body's last byte */
  timeoutMs: number;
}

/** Documented in docs/edge.md. One Okta page of 200 users or one Genea page is far below 1 MiB. */
export const UPSTREAM_LIMITS: UpstreamLimits = { maxBytes: 16 * 1024 * 1024, timeoutMs: 90_000 };

/** Guarded fetches and the origin each is bound to: guarding one again for that origin is a no-op. */
const guarded = new WeakMap<Fetch, string>();

const mib = (bytes: number) => (bytes >= 1024 * 1024 ? `${+(bytes / 1024 / 1024).toFixed(2)} MiB` : `${bytes} bytes`);

/**
 * Once an answer went over the byte cap, the same guarded fetch refuses further calls
 * without sending them: the clients retry failed reads, and a hostile upstream must not get
 * a cap's worth of the edge's bandwidth and memory per retry. (A guarded fetch lives for one
 * operation: one connection check, one directory read, one catalog read.)
 *
 * A fetch already guarded for the same origin comes back as it is: its caps and its refusal
 * after an oversized answer already hold, and a second layer would only count every byte twice.
 */
export function guardedFetch(base: Fetch, baseUrl: string, what: string, limits: UpstreamLimits = UPSTREAM_LIMITS): Fetch {
  const origin = new URL(baseUrl).origin;
  const host = new URL(baseUrl).host;
  if (guarded.get(base) === origin) return base;
  let oversized: string | null = null;

  const f = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.origin !== origin) {
      throw new Error(`${what} asked doorsync to call ${url.origin}, which is not the configured ${origin}; refused`);
    }
    if (oversized) throw new Error(`${oversized}; doorsync sends ${host} no further requests in this operation`);
    const tooLarge = (size: string) => {
      oversized = `${what} (${host}) answered ${url.pathname} with ${size}, over the limit of ${mib(limits.maxBytes)} per answer`;
      return new Error(oversized);
    };

    const deadline = new AbortController();
    const timer = setTimeout(
      () =>
        deadline.abort(
          new Error(`${what} (${host}) did not finish answering ${url.pathname} within ${limits.timeoutMs / 1000} s, the limit per answer`),
        ),
      limits.timeoutMs,
    );
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline.signal]) : deadline.signal;
    let res: Response;
    try {
      res = await base(input, { ...init, signal, redirect: "manual" });
    } catch (e) {
      clearTimeout(timer);
      throw e;
    }
    const declared = Number(res.headers.get("content-length") ?? "0");
    if (declared > limits.maxBytes) {
      clearTimeout(timer);
      await res.body?.cancel().catch(() => {});
      throw tooLarge(`${mib(declared)} (Content-Length)`);
    }
    if (!res.body) {
      clearTimeout(timer);
      return res;
    }
    return new Response(
      res.body.pipeThrough(byteCap(limits.maxBytes, () => tooLarge(`more than ${mib(limits.maxBytes)}`), () => clearTimeout(timer))),
      {
        status: res.status,
        statusText: res.statusText,
        headers: res.headers,
      },
    );
  };
  guarded.set(f, origin);
  return f;
}

/** Passes bytes through until more than `max` have gone by, then fails the stream (and cancels its source). */
function byteCap(max: number, tooLarge: () => Error, done: () => void): TransformStream<Uint8Array, Uint8Array> {
  let seen = 0;
  return new TransformStream({
    transform(chunk, controller) {
      seen += chunk.byteLength;
      if (seen > max) {
        done();
        controller.error(tooLarge());
        return;
      }
      controller.enqueue(chunk);
    },
    flush: done,
  });
}
