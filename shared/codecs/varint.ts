/**
 * Unsigned LEB128 varints over a growable byte buffer (used by the compact directory form).
 * The reader throws RangeError on anything it cannot read; the decoder turns that into
 * a "malformed" result.
 */
export class ByteWriter {
  private buf = new Uint8Array(1 << 16);
  private at = 0;

  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.at + n));
    next.set(this.buf.subarray(0, this.at));
    this.buf = next;
  }

  uint(n: number): void {
    if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new Error(`varint out of range: ${n}`);
    this.room(5);
    while (n > 0x7f) {
      this.buf[this.at++] = (n & 0x7f) | 0x80;
      n = Math.floor(n / 128);
    }
    this.buf[this.at++] = n;
  }

  byte(b: number): void {
    this.room(1);
    this.buf[this.at++] = b & 0xff;
  }

  /** Length-prefixed bytes. */
  bytes(b: Uint8Array): void {
    this.uint(b.length);
    this.room(b.length);
    this.buf.set(b, this.at);
    this.at += b.length;
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.at);
  }
}

export class ByteReader {
  private at = 0;
  constructor(private readonly buf: Uint8Array) {}

  uint(): number {
    let n = 0;
    let scale = 1;
    for (let i = 0; i < 5; i++) {
      if (this.at >= this.buf.length) throw new RangeError("cut short");
      const b = this.buf[this.at++];
      n += (b & 0x7f) * scale;
      if (b < 0x80) {
        if (n > 0xffffffff) break;
        return n;
      }
      scale *= 128;
    }
    throw new RangeError("bad varint");
  }

  /** A count of items still to read: each takes at least one byte, so it cannot exceed what is left. */
  count(): number {
    const n = this.uint();
    if (n > this.buf.length - this.at) throw new RangeError(`count ${n} exceeds the remaining bytes`);
    return n;
  }

  bytes(): Uint8Array {
    const n = this.count();
    const out = this.buf.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }

  get offset(): number {
    return this.at;
  }

  atEnd(): boolean {
    return this.at === this.buf.length;
  }
}
