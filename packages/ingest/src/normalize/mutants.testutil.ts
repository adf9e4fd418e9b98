import fc from "fast-check";

/**
 * Test helper: values a fuzzed message field takes: undefined, small integers, any double, short strings, or a
 * near miss: a decimal text the venues' `decimal` schema accepts or rejects (`"0.5"`, `"12"`, `"1."`, `".5"`,
 * `"1e3"`), then the venue's own near misses (enum members, wrong types).
 * @param constants - the near misses worth trying for this venue.
 * @example
 * fc.sample(fieldValues(["buy"]), 3) // → e.g. [undefined, "0.5", -2]
 */
export function fieldValues(constants: readonly unknown[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constant(undefined),
    fc.integer({ min: -3, max: 3 }),
    fc.double(),
    fc.string({ maxLength: 6 }),
    fc.constantFrom("0.5", "12", "1.", ".5", "1e3", ...constants),
  );
}

/**
 * Test helper: a valid message with one field (or an extra key) replaced by a fuzzed value.
 * @param base - a valid message.
 * @param field - the values a field takes ({@link fieldValues}).
 * @example
 * fc.sample(mutants({ a: 1, b: "x" }, fieldValues([])), 1) // → e.g. [{ a: 1, b: -3 }]
 */
export function mutants(
  base: Record<string, unknown>,
  field: fc.Arbitrary<unknown>,
): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .tuple(fc.constantFrom(...Object.keys(base), "extra"), field)
    .map(([k, v]) => ({ ...base, [k]: v }) as Record<string, unknown>);
}
