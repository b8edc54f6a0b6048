/** Expected failures are values: `{ ok: false, error: { code, message } }`. Throw only for bugs. */
export interface Failure<C extends string = string> {
  code: C;
  message: string;
}
export type Result<T, C extends string = string> =
  | { ok: true; value: T }
  | { ok: false; error: Failure<C> & Record<string, unknown> };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const fail = <C extends string>(
  code: C,
  message: string,
  extra: Record<string, unknown> = {},
): { ok: false; error: Failure<C> & Record<string, unknown> } => ({
  ok: false,
  error: { ...extra, code, message },
});
