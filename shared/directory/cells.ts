/**
 * One column of a directory held as columns (columns.ts): per row, a value. While a column has
 * few distinct values (departments, titles, statuses, group lists) each row keeps a two-byte
 * code into a table holding every value once; past `CODED_LIMIT` distinct values (ids, emails,
 * phone numbers) the column turns into a plain array of the values themselves. `undefined`
 * is "no value" (an attribute the user's profile lacks) and costs nothing to store.
 */

/** Codes are Uint16; code 0 is "no value". */
const CODED_LIMIT = 0xffff;

export class Cells<T> {
  private codes: Uint16Array | null;
  private table: (T | undefined)[] = [undefined];
  /** value key → code, while coded; dropped by `seal()` */
  private index: Map<string, number> | null = new Map();
  private plain: (T | undefined)[] | null = null;

  /** `key` names a value for the table: equal values must get equal keys, different values different ones. */
  constructor(private readonly key: (value: T) => string, capacity = 16) {
    this.codes = new Uint16Array(Math.max(1, capacity));
  }

  get(row: number): T | undefined {
    return this.codes ? this.table[this.codes[row]] : this.plain![row];
  }

  set(row: number, value: T | undefined): void {
    if (this.plain) {
      this.plain[row] = value;
      return;
    }
    const code = value === undefined ? 0 : this.codeOf(value);
    if (code === -1) {
      this.uncode();
      this.plain![row] = value;
      return;
    }
    if (row >= this.codes!.length) this.grow(row + 1);
    this.codes![row] = code;
  }

  /** Done adding: lets the value → code index go (a sealed column is only read). */
  seal(): this {
    this.index = null;
    return this;
  }

  /** The column's rows in `order`, sealed: row k of the result is row order[k] of this one. */
  pick(order: ArrayLike<number>): Cells<T> {
    const out = new Cells<T>(this.key, 1);
    if (this.plain) {
      const plain: (T | undefined)[] = new Array(order.length);
      for (let k = 0; k < order.length; k++) plain[k] = this.plain[order[k]];
      [out.codes, out.plain, out.index] = [null, plain, null];
      return out;
    }
    const codes = new Uint16Array(order.length);
    for (let k = 0; k < order.length; k++) codes[k] = this.codes![order[k]];
    [out.codes, out.table, out.index] = [codes, this.table, null];
    return out;
  }

  /** The table's value for `value`: -1 when the table is full. */
  private codeOf(value: T): number {
    const key = this.key(value);
    let code = this.index!.get(key);
    if (code !== undefined) return code;
    if (this.table.length > CODED_LIMIT) return -1;
    code = this.table.length;
    this.table.push(value);
    this.index!.set(key, code);
    return code;
  }

  private grow(min: number): void {
    const codes = new Uint16Array(Math.max(min, this.codes!.length * 2));
    codes.set(this.codes!);
    this.codes = codes;
  }

  private uncode(): void {
    const codes = this.codes!;
    this.plain = Array.from(codes, (c) => this.table[c]);
    [this.codes, this.table, this.index] = [null, [undefined], null];
  }
}

/** Keys for strings: the string itself. */
export const stringKey = (s: string): string => s;
/** Keys for anything JSON can tell apart (profile values, lists). */
export const jsonKey = (v: unknown): string => JSON.stringify(v);
