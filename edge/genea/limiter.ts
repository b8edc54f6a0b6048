/** Caps how many requests are in flight at once; waiters are served first come, first served. */
export interface Limiter {
  run<T>(task: () => Promise<T>): Promise<T>;
}

export function createLimiter(max: number): Limiter {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`maxInFlight must be a positive integer, got ${max}`);
  let active = 0;
  const queue: (() => void)[] = [];
  const acquire = () =>
    active < max ? (active++, Promise.resolve()) : new Promise<void>((resolve) => queue.push(resolve));
  const release = () => {
    const next = queue.shift();
    if (next) next();
    else active--;
  };
  return {
    async run(task) {
      await acquire();
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}
