/**
 * The kernel's single event queue: a binary min-heap over integer slot indices, ordered by `(ts, seq)`. Keys live in
 * `Float64Array`s and the heap in an `Int32Array`, so pushing and popping allocate nothing once the queue has grown
 * to its working size (slots are recycled through a free list).
 *
 * `seq` is a monotonically increasing counter assigned at push time: two events with the same timestamp pop in the
 * order they were pushed (FIFO), which makes every run deterministic.
 *
 * @example
 * const q = new EventQueue<string>();
 * q.push(20, "b"); q.push(10, "a"); q.push(10, "c");
 * [q.pop(), q.pop(), q.pop()] // → ["a", "c", "b"]
 * @see https://en.wikipedia.org/wiki/Binary_heap
 */
export class EventQueue<T> {
  private tsKey: Float64Array;
  private seqKey: Float64Array;
  private heap: Int32Array;
  private free: Int32Array;
  private payload: (T | undefined)[];
  private n = 0;
  private nFree = 0;
  private nextSlot = 0;
  private counter = 0;
  private lastTs = Number.NaN;
  private lastSeq = Number.NaN;

  /** @param capacity - initial number of slots (grows by doubling; default 64). */
  constructor(capacity = 64) {
    const c = Math.max(4, capacity | 0);
    this.tsKey = new Float64Array(c);
    this.seqKey = new Float64Array(c);
    this.heap = new Int32Array(c);
    this.free = new Int32Array(c);
    this.payload = new Array<T | undefined>(c);
  }

  /** Number of queued events. */
  get size(): number {
    return this.n;
  }

  /** Sequence number that the next {@link push} will assign. */
  get nextSeq(): number {
    return this.counter;
  }

  /** Timestamp of the earliest event, or `Infinity` when empty. */
  peekTs(): number {
    return this.n === 0 ? Number.POSITIVE_INFINITY : this.tsKey[this.heap[0]!]!;
  }

  /** Timestamp of the event last returned by {@link pop}. */
  get poppedTs(): number {
    return this.lastTs;
  }

  /** Sequence number of the event last returned by {@link pop}. */
  get poppedSeq(): number {
    return this.lastSeq;
  }

  /**
   * Queues `item` at time `ts` (UTC epoch ms) and returns its sequence number.
   *
   * @example
   * new EventQueue<number>().push(5, 42) // → 0
   */
  push(ts: number, item: T): number {
    let slot: number;
    if (this.nFree > 0) slot = this.free[--this.nFree]!;
    else {
      if (this.nextSlot === this.tsKey.length) this.grow();
      slot = this.nextSlot++;
    }
    const seq = this.counter++;
    this.tsKey[slot] = ts;
    this.seqKey[slot] = seq;
    this.payload[slot] = item;
    // sift up
    const heap = this.heap;
    let i = this.n++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      if (!this.less(slot, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = slot;
    return seq;
  }

  /**
   * Removes and returns the earliest event (by `(ts, seq)`); `undefined` when empty. Its time and sequence are then
   * readable from {@link poppedTs} / {@link poppedSeq}.
   */
  pop(): T | undefined {
    if (this.n === 0) return undefined;
    const heap = this.heap;
    const top = heap[0]!;
    const last = heap[--this.n]!;
    if (this.n > 0) {
      // sift down
      let i = 0;
      const n = this.n;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        let c = l;
        let cs = heap[l]!;
        if (r < n) {
          const rs = heap[r]!;
          if (this.less(rs, cs)) {
            c = r;
            cs = rs;
          }
        }
        if (!this.less(cs, last)) break;
        heap[i] = cs;
        i = c;
      }
      heap[i] = last;
    }
    const item = this.payload[top];
    this.payload[top] = undefined;
    this.lastTs = this.tsKey[top]!;
    this.lastSeq = this.seqKey[top]!;
    this.free[this.nFree++] = top;
    return item;
  }

  /** Removes every event. Sequence numbers keep increasing. */
  clear(): void {
    while (this.n > 0) this.pop();
  }

  private less(a: number, b: number): boolean {
    const ta = this.tsKey[a]!;
    const tb = this.tsKey[b]!;
    return ta < tb || (ta === tb && this.seqKey[a]! < this.seqKey[b]!);
  }

  private grow(): void {
    const c = this.tsKey.length * 2;
    const ts = new Float64Array(c);
    ts.set(this.tsKey);
    const seq = new Float64Array(c);
    seq.set(this.seqKey);
    const heap = new Int32Array(c);
    heap.set(this.heap);
    const free = new Int32Array(c);
    free.set(this.free);
    this.tsKey = ts;
    this.seqKey = seq;
    this.heap = heap;
    this.free = free;
    this.payload.length = c;
  }
}
