import { parseWith } from "@quantkit/core";
import { z } from "zod";
import type { FixDictionary, FixGroupDef, FixMember } from "./fixDictionary.js";
import { FixError } from "./fixError.js";
import { FixMessage } from "./fixMessage.js";
import { type FixEntry, fixStructure } from "./fixStructure.js";

/** A FIX message as JSON: field names (or `Tag<n>` for tags not in the dictionary) → string values or group arrays. */
export type FixJson = { [name: string]: string | FixJson[] };

type JsonValue = string | number | boolean | JsonObject[];
interface JsonObject {
  [k: string]: JsonValue;
}
const jsonObject: z.ZodType<JsonObject> = z.lazy(() =>
  z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(jsonObject)])),
);

function nameOf(tag: number, dict: FixDictionary): string {
  return dict.fieldsByTag.get(tag)?.name ?? `Tag${tag}`;
}

function entriesToJson(entries: readonly FixEntry[], dict: FixDictionary): FixJson {
  const out: FixJson = {};
  for (const e of entries) {
    const name = nameOf(e.tag, dict);
    if (e.kind === "field") out[name] = e.value;
    else out[name] = e.instances.map((inst) => entriesToJson(inst, dict));
  }
  return out;
}

/**
 * Converts a message to plain JSON keyed by dictionary field names, in wire order, with repeating groups as arrays of
 * objects (the `NoXxx` key holds the instances; its count is the array length). Values stay strings, so the
 * conversion is lossless: `fixFromJson(fixToJson(m))` serializes to the same bytes.
 *
 * @param msg - the parsed message.
 * @param dict - the data dictionary.
 * @example
 * fixToJson(parseFixPipe("8=FIX.4.2|9=12|35=A|108=30|10=026|"), dict);
 * // → { BeginString: "FIX.4.2", MsgType: "A", HeartBtInt: "30" }
 * @see https://github.com/quickfix/quickfix/blob/master/spec/FIX42.xml
 */
export function fixToJson(msg: FixMessage, dict: FixDictionary): FixJson {
  return { BeginString: msg.beginString, ...entriesToJson(fixStructure(msg, dict), dict) };
}

function tagOf(name: string, dict: FixDictionary, path: string): number {
  const def = dict.fieldsByName.get(name);
  if (def) return def.tag;
  const m = /^Tag([1-9]\d{0,8})$/.exec(name);
  if (m) return Number(m[1]);
  throw new FixError({
    reason: "BadJson",
    expected: `a ${dict.beginString} field name or Tag<n>`,
    actual: `"${name}" at ${path}`,
  });
}

function jsonToFields(
  obj: JsonObject,
  dict: FixDictionary,
  tags: number[],
  values: string[],
  path: string,
  scope: readonly FixMember[],
  group?: FixGroupDef,
): void {
  let first = true;
  for (const [name, v] of Object.entries(obj)) {
    if (name === "BodyLength" || name === "CheckSum") {
      throw new FixError({
        reason: "BadJson",
        expected: "no BodyLength/CheckSum (the serializer computes them)",
        actual: `${path}.${name}`,
      });
    }
    const tag = tagOf(name, dict, path);
    if (group && first && tag !== group.delimiter) {
      throw new FixError({
        reason: "GroupDelimiter",
        tag,
        expected: `${nameOf(group.delimiter, dict)} first in ${group.name}`,
        actual: name,
      });
    }
    first = false;
    if (Array.isArray(v)) {
      tags.push(tag);
      values.push(`${v.length}`);
      const sub = findGroup(tag, scope);
      if (!sub)
        throw new FixError({
          reason: "BadJson",
          tag,
          expected: `${name} to be a repeating group here`,
          actual: `an array at ${path}`,
        });
      v.forEach((inst, k) => {
        jsonToFields(inst, dict, tags, values, `${path}.${name}[${k}]`, sub.members, sub);
      });
    } else {
      tags.push(tag);
      values.push(typeof v === "boolean" ? (v ? "Y" : "N") : `${v}`);
    }
  }
}

function findGroup(countTag: number, scope: readonly FixMember[]): FixGroupDef | undefined {
  for (const m of scope) if (m.kind === "group" && m.group.countTag === countTag) return m.group;
  return undefined;
}

/**
 * Builds a message from plain JSON (the shape {@link fixToJson} returns): `BeginString` plus fields in order; numbers
 * become their decimal text, booleans `Y`/`N`, arrays repeating groups (count = length). Validated with zod.
 *
 * @param json - e.g. `{ BeginString: "FIX.4.2", MsgType: "A", HeartBtInt: 30 }`.
 * @param dict - the data dictionary used to map names to tags.
 * @example
 * fixFromJson({ BeginString: "FIX.4.2", MsgType: "A", HeartBtInt: 30 }, dict).toString(); // → "8=FIX.4.2|35=A|108=30|"
 * @see https://github.com/quickfix/quickfix/blob/master/spec/FIX42.xml
 */
export function fixFromJson(json: unknown, dict: FixDictionary): FixMessage {
  const obj = parseWith(jsonObject, json, "FIX JSON message");
  const begin = obj.BeginString;
  if (typeof begin !== "string")
    throw new FixError({
      reason: "BadJson",
      tag: 8,
      expected: "BeginString as a string",
      actual: `${begin}`,
    });
  const { BeginString: _, ...rest } = obj;
  const tags: number[] = [];
  const values: string[] = [];
  const def = dict.messages.get(typeof rest.MsgType === "string" ? rest.MsgType : "");
  jsonToFields(rest, dict, tags, values, "$", [...dict.header, ...(def?.members ?? []), ...dict.trailer]);
  if (tags[0] !== 35)
    throw new FixError({
      reason: "MsgType",
      tag: tags[0] ?? 35,
      expected: "MsgType as the first field after BeginString",
      actual: `${tags[0]}`,
    });
  return new FixMessage(begin, tags, values);
}
