import type { FixDictionary, FixMember } from "./fixDictionary.js";
import { FixError } from "./fixError.js";
import type { FixMessage } from "./fixMessage.js";
import { type FixEntry, fixStructure } from "./fixStructure.js";

/** Options of {@link validateFix}. */
export interface FixValidateOptions {
  /** Check the header's required fields (SenderCompID, TargetCompID, MsgSeqNum, SendingTime); default true. */
  readonly requireHeader?: boolean;
  /** Tags at or above this number are user-defined and allowed anywhere (default 5000, the FIX user range). */
  readonly userTagsFrom?: number;
}

function checkRequired(members: readonly FixMember[], present: ReadonlySet<number>, where: string): void {
  for (const m of members) {
    const tag = m.kind === "field" ? m.tag : m.group.countTag;
    if (m.required && !present.has(tag)) {
      throw new FixError({
        reason: "RequiredTagMissing",
        tag,
        expected: `${m.kind === "field" ? m.name : m.group.name} (${tag}) in ${where}`,
        actual: "absent",
      });
    }
  }
}

function checkInstances(entries: readonly FixEntry[]): void {
  for (const e of entries) {
    if (e.kind !== "group") continue;
    e.instances.forEach((inst, k) => {
      checkRequired(e.group.members, new Set(inst.map((x) => x.tag)), `${e.group.name}[${k}]`);
      checkInstances(inst);
    });
  }
}

/**
 * Validates a parsed message against the data dictionary: known MsgType, every tag defined (user-defined tags ≥ 5000
 * allowed), no empty value, each tag once outside groups, repeating groups well formed (count = instances, delimiter first), and
 * every required field of the header, the message and each group instance present. Throws {@link FixError}.
 *
 * @param msg - the parsed message.
 * @param dict - the data dictionary (e.g. FIX42.xml).
 * @param options - header check and user-defined tag range.
 * @example
 * validateFix(parseFixPipe("8=FIX.4.2|9=12|35=A|108=30|10=026|"), dict, { requireHeader: false }); // → passes
 * validateFix(parseFixPipe("8=FIX.4.2|9=12|35=A|108=30|10=026|"), dict);
 * // throws FixError: FIX RequiredTagMissing: tag 49: expected SenderCompID (49) in header, got absent
 * @see https://github.com/quickfix/quickfix/blob/master/src/C%2B%2B/DataDictionary.cpp
 */
export function validateFix(msg: FixMessage, dict: FixDictionary, options?: FixValidateOptions): void {
  const msgType = msg.msgType;
  const def = dict.messages.get(msgType);
  if (!def)
    throw new FixError({
      reason: "UnknownMsgType",
      tag: 35,
      expected: `a ${dict.beginString} MsgType`,
      actual: msgType,
    });
  const userFrom = options?.userTagsFrom ?? 5000;
  for (let i = 0; i < msg.tags.length; i++) {
    const tag = msg.tags[i] as number;
    if (msg.values[i] === "")
      throw new FixError({ reason: "EmptyValue", tag, expected: "a non-empty value", actual: "" });
    if (tag < userFrom && !dict.fieldsByTag.has(tag)) {
      throw new FixError({
        reason: "TagNotDefined",
        tag,
        expected: `a tag defined in ${dict.beginString}`,
        actual: `${tag}`,
      });
    }
  }
  const entries = fixStructure(msg, dict);
  const present = new Set(entries.map((e) => e.tag));
  if (options?.requireHeader ?? true) {
    // BeginString, BodyLength and CheckSum are checked by the parser and not stored in the message.
    checkRequired(
      dict.header.filter((m) => m.kind !== "field" || (m.tag !== 8 && m.tag !== 9)),
      present,
      "header",
    );
  }
  checkRequired(def.members, present, def.name);
  checkInstances(entries);
}
