/** sfc32, seeded from one 32-bit integer (deterministic across platforms). */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  public constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 15; i++) {
      this.next();
    }
  }

  /** A uniform 32-bit unsigned integer. */
  public next(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;

    return t;
  }

  /** Uniform in [0, 1). */
  public float(): number {
    return this.next() / 4294967296;
  }

  /** Uniform integer in [lo, hi] (inclusive). */
  public int(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }

  /** Uniform bigint in [lo, hi] (inclusive). */
  public big(lo: bigint, hi: bigint): bigint {
    if (hi <= lo) {
      return lo;
    }
    const span = hi - lo + 1n;
    let value = 0n;
    for (let i = 0; i < 3; i++) {
      value = (value << 32n) | BigInt(this.next());
    }

    return lo + (value % span);
  }

  public chance(p: number): boolean {
    return this.float() < p;
  }

  public pick<T>(items: readonly T[]): T {
    if (items.length === 0) {
      throw new Error('pick from an empty list');
    }

    return items[this.int(0, items.length - 1)];
  }

  public hex(bytes: number): string {
    let text = '';
    for (let i = 0; i < bytes; i++) {
      text += this.int(0, 255).toString(16).padStart(2, '0');
    }

    return text;
  }
}
