/**
 * Expected failures are values: `{ ok: false, error: { code, message, ...extra } }`. Throw only
 * for bugs. A failure's extra fields are typed: `fail(code, message, extra)` keeps the type of
 * `extra`, and `Result<T, C, X>` names it (by default an unknown record, read with care).
 */
export type Failure<C extends string = string> = {
  code: C;
  message: string;
};
export type Result<T, C extends string = string, X extends object = Record<string, unknown>> =
  | { ok: true; value: T }
  | { ok: false; error: Failure<C> & X };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export function fail<C extends string>(code: C, message: string): { ok: false; error: Failure<C> };
export function fail<C extends string, X extends object>(code: C, message: string, extra: X): { ok: false; error: Failure<C> & X };
export function fail(code: string, message: string, extra: object = {}) {
  return { ok: false as const, error: { ...extra, code, message } };
}
