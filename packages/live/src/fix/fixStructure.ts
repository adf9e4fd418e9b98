import type { FixDictionary, FixGroupDef, FixMember } from "./fixDictionary.js";
import { FixError } from "./fixError.js";
import type { FixMessage } from "./fixMessage.js";

/** A field or a repeating group (count field plus its instances) in wire order. */
export type FixEntry =
  | { readonly kind: "field"; readonly tag: number; readonly value: string }
  | {
      readonly kind: "group";
      readonly tag: number;
      readonly group: FixGroupDef;
      readonly instances: FixEntry[][];
    };

function groupsOf(members: readonly FixMember[], into: Map<number, FixGroupDef>): Map<number, FixGroupDef> {
  for (const m of members) if (m.kind === "group") into.set(m.group.countTag, m.group);
  return into;
}

function parseCount(tag: number, value: string): number {
  if (!/^\d{1,6}$/.test(value))
    throw new FixError({
      reason: "GroupCount",
      tag,
      expected: "a non-negative integer count",
      actual: value,
    });
  return Number(value);
}

/**
 * Splits a flat message into fields and repeating groups using the dictionary: a `NoXxx` count tag opens a group,
 * each instance starts with the group's delimiter (its first field) and holds only the group's tags; the number of
 * instances must equal the count. Duplicate tags outside groups are rejected.
 *
 * @param msg - the parsed message.
 * @param dict - the data dictionary (header groups and the message type's groups are used).
 * @example
 * fixStructure(parseFixPipe("8=FIX.4.2|9=24|35=V|262=1|267=1|269=0|10=..."), dict)[3]; // → { kind: "group", tag: 267, … }
 * @see https://www.onixs.biz/fix-dictionary/4.2/msgs_by_msg_type.html
 */
export function fixStructure(msg: FixMessage, dict: FixDictionary): FixEntry[] {
  const def = dict.messages.get(msg.msgType);
  const groups = groupsOf(dict.header, new Map());
  groupsOf(dict.trailer, groups);
  if (def) groupsOf(def.members, groups);
  const { tags, values } = msg;
  let i = 0;
  const readGroup = (group: FixGroupDef, count: number): FixEntry[][] => {
    const instances: FixEntry[][] = [];
    const nested = groupsOf(group.members, new Map());
    while (i < tags.length && tags[i] === group.delimiter && instances.length < count) {
      const inst: FixEntry[] = [];
      const seen = new Set<number>();
      while (i < tags.length) {
        const tag = tags[i] as number;
        if (!group.tags.has(tag) || (tag === group.delimiter && inst.length > 0) || seen.has(tag)) break;
        seen.add(tag);
        const value = values[i] as string;
        i++;
        const sub = nested.get(tag);
        if (sub) inst.push({ kind: "group", tag, group: sub, instances: readGroupChecked(sub, tag, value) });
        else inst.push({ kind: "field", tag, value });
      }
      instances.push(inst);
    }
    return instances;
  };
  const readGroupChecked = (group: FixGroupDef, tag: number, value: string): FixEntry[][] => {
    const count = parseCount(tag, value);
    if (count > 0 && i < tags.length && tags[i] !== group.delimiter) {
      throw new FixError({
        reason: "GroupDelimiter",
        tag: tags[i] as number,
        expected: `delimiter ${group.delimiter} after ${group.name}`,
        actual: `${tags[i]}`,
      });
    }
    const instances = readGroup(group, count);
    if (instances.length !== count) {
      throw new FixError({
        reason: "GroupCount",
        tag,
        expected: `${count} instances of ${group.name}`,
        actual: `${instances.length}`,
      });
    }
    return instances;
  };
  const out: FixEntry[] = [];
  const seen = new Set<number>();
  while (i < tags.length) {
    const tag = tags[i] as number;
    const value = values[i] as string;
    if (seen.has(tag))
      throw new FixError({
        reason: "DuplicateTag",
        tag,
        expected: "each tag once outside repeating groups",
        actual: `tag ${tag} repeated`,
      });
    seen.add(tag);
    i++;
    const group = groups.get(tag);
    if (group) out.push({ kind: "group", tag, group, instances: readGroupChecked(group, tag, value) });
    else out.push({ kind: "field", tag, value });
  }
  return out;
}
