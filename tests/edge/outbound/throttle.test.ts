import { describe, expect, it } from "vitest";
import { inFlightCap } from "../../../edge/outbound/index.ts";

describe("inFlightCap()", () => {
  it.each([0, -1, 1.5, Number.NaN])("refuses a cap of %d", (max) => {
    expect(() => inFlightCap(max)).toThrow(RangeError);
  });

  it("admits up to the cap, then one per release in arrival order", async () => {
    const throttle = inFlightCap(2);
    const req = { method: "GET", url: "http://127.0.0.1/x" };
    const done = { kind: "network" as const, error: null, timedOut: false, answered: false };
    const order: number[] = [];
    await throttle.acquire(req);
    await throttle.acquire(req);
    const third = throttle.acquire(req).then(() => order.push(3));
    const fourth = throttle.acquire(req).then(() => order.push(4));
    await Promise.resolve();
    expect(order).toEqual([]);
    throttle.release(req, done);
    await third;
    expect(order).toEqual([3]);
    throttle.release(req, done);
    await fourth;
    expect(order).toEqual([3, 4]);
  });
});
