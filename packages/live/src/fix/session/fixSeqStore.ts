/**
 * Where a FIX session keeps its sequence numbers and the messages it sent (for resends). Pluggable: the in-memory
 * store below is the default; a durable store implements the same four members.
 */
export interface FixSeqStore {
  /** MsgSeqNum (34) of the next message we send; starts at 1. */
  nextSenderSeq: number;
  /** MsgSeqNum we expect on the next message we receive; starts at 1. */
  nextTargetSeq: number;
  /** Records an application message we sent (its body fields without 8/9/10), for ResendRequest replies. */
  saveSent(seq: number, tags: readonly number[], values: readonly string[]): void;
  /** The application messages sent with seq in [from, to] (to = Infinity for "to the end"), in order. */
  sentBetween(
    from: number,
    to: number,
  ): { seq: number; tags: readonly number[]; values: readonly string[] }[];
  /** Back to 1/1 with no history (a new FIX session day). */
  reset(): void;
}

/**
 * The default {@link FixSeqStore}: sequence numbers and sent application messages kept in memory.
 *
 * @example
 * const store = new MemoryFixSeqStore();
 * store.nextSenderSeq; // → 1
 * @see https://www.fixtrading.org/standards/fix-session-layer/ (sequence numbers and message recovery)
 */
export class MemoryFixSeqStore implements FixSeqStore {
  nextSenderSeq = 1;
  nextTargetSeq = 1;
  private readonly sent = new Map<number, { tags: readonly number[]; values: readonly string[] }>();

  saveSent(seq: number, tags: readonly number[], values: readonly string[]): void {
    this.sent.set(seq, { tags: [...tags], values: [...values] });
  }

  sentBetween(
    from: number,
    to: number,
  ): { seq: number; tags: readonly number[]; values: readonly string[] }[] {
    const out: { seq: number; tags: readonly number[]; values: readonly string[] }[] = [];
    for (const [seq, m] of this.sent) if (seq >= from && seq <= to) out.push({ seq, ...m });
    return out.sort((a, b) => a.seq - b.seq);
  }

  reset(): void {
    this.nextSenderSeq = 1;
    this.nextTargetSeq = 1;
    this.sent.clear();
  }
}
