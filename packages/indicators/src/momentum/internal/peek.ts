/**
 * Private helper of the momentum, volume and statistics families: a generic, allocation-free (after the first
 * call) implementation of `peek`. The indicator's state is copied into a lazily created shadow instance (numbers
 * assigned, typed arrays `set`, nested cores copied recursively) and the shadow is updated, so `peek` runs exactly
 * the same arithmetic as `update` and can never drift from it. Cost: O(state size) per peek (the window length).
 */
const shadows = new WeakMap<object, object>();

type AnyRecord = Record<string, unknown>;

function copyInto(dst: AnyRecord, src: AnyRecord): void {
  for (const key of Object.keys(src)) {
    const v = src[key];
    if (ArrayBuffer.isView(v)) {
      const d = dst[key] as Float64Array | undefined;
      const s = v as Float64Array;
      if (d !== undefined && d !== s && d.length === s.length) d.set(s);
      else dst[key] = s.slice();
    } else if (v !== null && typeof v === "object") {
      let d = dst[key] as AnyRecord | undefined;
      if (d === undefined || d === v) {
        d = Object.create(Object.getPrototypeOf(v)) as AnyRecord;
        dst[key] = d;
      }
      copyInto(d, v as AnyRecord);
    } else {
      dst[key] = v;
    }
  }
}

/**
 * Returns a shadow copy of `self` holding the same state (reused between calls), to run a hypothetical update on.
 *
 * @example
 * peek(x: number): number { return shadowOf(this).update(x); }
 */
export function shadowOf<T extends object>(self: T): T {
  let s = shadows.get(self);
  if (s === undefined) {
    s = Object.create(Object.getPrototypeOf(self)) as object;
    shadows.set(self, s);
  }
  copyInto(s as AnyRecord, self as unknown as AnyRecord);
  return s as T;
}
