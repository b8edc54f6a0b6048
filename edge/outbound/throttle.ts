/**
 * Admission of each attempt. A throttle is waited on before a request goes out and told when its
 * answer is in: the plain one caps requests in flight; a client may bring its own that paces
 * too (Okta's rate-limit buckets), as long as it also caps what is in flight.
 */
import type { Attempt, OutboundRequest } from "./attempt.ts";

export interface Throttle {
  acquire(request: OutboundRequest): Promise<void>;
  /** After the attempt, answered or not (a throttle may learn from the answer's headers). */
  release(request: OutboundRequest, attempt: Attempt): void;
}

export interface Semaphore {
  acquire(): Promise<void>;
  release(): void;
}

/** `size` slots, handed out in arrival order. */
export function createSemaphore(size: number): Semaphore {
  let free = Math.max(1, size);
  const queue: (() => void)[] = [];
  return {
    acquire() {
      if (free > 0) {
        free--;
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => queue.push(resolve));
    },
    release() {
      const next = queue.shift();
      if (next) next();
      else free++;
    },
  };
}

/** At most `max` attempts in flight at once, first come, first served. */
export function inFlightCap(max: number): Throttle {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`maxInFlight must be a positive integer, got ${max}`);
  const slots = createSemaphore(max);
  return {
    acquire: () => slots.acquire(),
    release: () => slots.release(),
  };
}
