import { readFileSync } from "node:fs";
import { QuantkitError } from "@quantkit/core";

/** A field of the data dictionary: tag number, name, FIX type (`STRING`, `INT`, `LENGTH`, `DATA`, …) and enums. */
export interface FixFieldDef {
  readonly tag: number;
  readonly name: string;
  readonly type: string;
  /** Allowed values (enum → description); empty when the field is free-form. */
  readonly values: ReadonlyMap<string, string>;
}

/** One member of a message, header, trailer or group: a field or a repeating group, with its required flag. */
export type FixMember =
  | { readonly kind: "field"; readonly tag: number; readonly name: string; readonly required: boolean }
  | { readonly kind: "group"; readonly group: FixGroupDef; readonly required: boolean };

/** A repeating group: the `NoXxx` count tag, its delimiter (first member) and its members in order. */
export interface FixGroupDef {
  readonly countTag: number;
  readonly name: string;
  readonly delimiter: number;
  readonly members: readonly FixMember[];
  /** Every tag that may appear inside one instance (including nested groups' tags). */
  readonly tags: ReadonlySet<number>;
}

/** A message type: MsgType (tag 35), name, category (admin/app) and members in order. */
export interface FixMessageDef {
  readonly msgType: string;
  readonly name: string;
  readonly category: string;
  readonly members: readonly FixMember[];
}

/**
 * A FIX data dictionary (the QuickFIX XML format): fields by tag and name, header, trailer and message layouts with
 * required tags and repeating groups, and the LENGTH → DATA pairing used to read raw data containing SOH.
 *
 * @example
 * const dict = loadFixDictionary("test-data/fix/FIX42.xml");
 * dict.fieldsByTag.get(35)?.name; // → "MsgType"
 * dict.messages.get("8")?.name; // → "ExecutionReport"
 * @see https://github.com/quickfix/quickfix/blob/master/spec/FIX42.xml
 */
export interface FixDictionary {
  readonly beginString: string;
  readonly fieldsByTag: ReadonlyMap<number, FixFieldDef>;
  readonly fieldsByName: ReadonlyMap<string, FixFieldDef>;
  readonly header: readonly FixMember[];
  readonly trailer: readonly FixMember[];
  readonly messages: ReadonlyMap<string, FixMessageDef>;
  /** DATA tag → the LENGTH tag that gives its byte length (e.g. 96 → 95, 89 → 93). */
  readonly dataLengthTag: ReadonlyMap<number, number>;
  /** LENGTH tag → the DATA tag it announces. */
  readonly lengthDataTag: ReadonlyMap<number, number>;
  /** Header tags (fast lookup). */
  readonly headerTags: ReadonlySet<number>;
  /** Trailer tags (fast lookup). */
  readonly trailerTags: ReadonlySet<number>;
}

/** The dictionary XML is malformed or refers to an unknown field. */
export class FixDictionaryError extends QuantkitError {
  override name = "FixDictionaryError";
}

interface XmlNode {
  tag: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}

/** A minimal XML reader for the QuickFIX dictionary format (elements and quoted attributes, no text content). */
function parseXml(xml: string): XmlNode {
  const root: XmlNode = { tag: "#root", attrs: {}, children: [] };
  const stack: XmlNode[] = [root];
  const re =
    /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[\w:.-]+\s*=\s*(?:'[^']*'|"[^"]*"))*)\s*(\/?)>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>/g;
  const attrRe = /([\w:.-]+)\s*=\s*(?:'([^']*)'|"([^"]*)")/g;
  for (let m = re.exec(xml); m !== null; m = re.exec(xml)) {
    const name = m[2];
    if (name === undefined) continue; // comment or processing instruction
    const parent = stack[stack.length - 1] as XmlNode;
    if (m[1] === "/") {
      if (parent.tag !== name)
        throw new FixDictionaryError(`dictionary XML: </${name}> closes <${parent.tag}>`);
      stack.pop();
      continue;
    }
    const attrs: Record<string, string> = {};
    for (let a = attrRe.exec(m[3] ?? ""); a !== null; a = attrRe.exec(m[3] ?? "")) {
      attrs[a[1] as string] = a[2] ?? a[3] ?? "";
    }
    attrRe.lastIndex = 0;
    const node: XmlNode = { tag: name, attrs, children: [] };
    parent.children.push(node);
    if (m[4] !== "/") stack.push(node);
  }
  if (stack.length !== 1) throw new FixDictionaryError("dictionary XML: unclosed elements");
  return root;
}

/**
 * Builds a {@link FixDictionary} from QuickFIX dictionary XML text.
 *
 * @param xml - the dictionary document (e.g. the contents of FIX42.xml).
 * @example
 * parseFixDictionary(readFileSync("FIX42.xml", "utf8")).beginString; // → "FIX.4.2"
 * @see https://github.com/quickfix/quickfix/blob/master/spec/FIX42.xml
 */
export function parseFixDictionary(xml: string): FixDictionary {
  const root = parseXml(xml);
  const fix = root.children.find((c) => c.tag === "fix");
  if (!fix) throw new FixDictionaryError("dictionary XML: no <fix> root element");
  const child = (tag: string): XmlNode => {
    const n = fix.children.find((c) => c.tag === tag);
    if (!n) throw new FixDictionaryError(`dictionary XML: no <${tag}> section`);
    return n;
  };
  const fieldsByTag = new Map<number, FixFieldDef>();
  const fieldsByName = new Map<string, FixFieldDef>();
  for (const f of child("fields").children) {
    if (f.tag !== "field") continue;
    const tag = Number(f.attrs.number);
    const name = f.attrs.name ?? "";
    if (!Number.isInteger(tag) || tag <= 0 || !name) {
      throw new FixDictionaryError(`dictionary XML: bad <field> number=${f.attrs.number} name=${name}`);
    }
    const values = new Map<string, string>();
    for (const v of f.children)
      if (v.tag === "value") values.set(v.attrs.enum ?? "", v.attrs.description ?? "");
    const def: FixFieldDef = { tag, name, type: f.attrs.type ?? "STRING", values };
    fieldsByTag.set(tag, def);
    fieldsByName.set(name, def);
  }
  const components = new Map<string, XmlNode>();
  const compNode = fix.children.find((c) => c.tag === "components");
  for (const c of compNode?.children ?? []) if (c.tag === "component") components.set(c.attrs.name ?? "", c);

  const fieldByName = (name: string): FixFieldDef => {
    const def = fieldsByName.get(name);
    if (!def) throw new FixDictionaryError(`dictionary XML: unknown field "${name}"`);
    return def;
  };
  const members = (nodes: readonly XmlNode[], depth: number): FixMember[] => {
    if (depth > 32) throw new FixDictionaryError("dictionary XML: components nested too deeply");
    const out: FixMember[] = [];
    for (const n of nodes) {
      const required = n.attrs.required === "Y";
      if (n.tag === "field") {
        const def = fieldByName(n.attrs.name ?? "");
        out.push({ kind: "field", tag: def.tag, name: def.name, required });
      } else if (n.tag === "group") {
        const def = fieldByName(n.attrs.name ?? "");
        const inner = members(n.children, depth + 1);
        const first = inner[0];
        if (!first) throw new FixDictionaryError(`dictionary XML: empty group ${def.name}`);
        const tags = new Set<number>();
        const collect = (ms: readonly FixMember[]) => {
          for (const m of ms) {
            if (m.kind === "field") tags.add(m.tag);
            else {
              tags.add(m.group.countTag);
              collect(m.group.members);
            }
          }
        };
        collect(inner);
        const delimiter = first.kind === "field" ? first.tag : first.group.countTag;
        out.push({
          kind: "group",
          required,
          group: { countTag: def.tag, name: def.name, delimiter, members: inner, tags },
        });
      } else if (n.tag === "component") {
        const comp = components.get(n.attrs.name ?? "");
        if (!comp) throw new FixDictionaryError(`dictionary XML: unknown component "${n.attrs.name}"`);
        out.push(...members(comp.children, depth + 1));
      }
    }
    return out;
  };
  const header = members(child("header").children, 0);
  const trailer = members(child("trailer").children, 0);
  const messages = new Map<string, FixMessageDef>();
  for (const m of child("messages").children) {
    if (m.tag !== "message") continue;
    const msgType = m.attrs.msgtype ?? "";
    messages.set(msgType, {
      msgType,
      name: m.attrs.name ?? "",
      category: m.attrs.msgcat ?? "app",
      members: members(m.children, 0),
    });
  }
  // Pair LENGTH fields with the DATA field they announce: the next tag number, or by name (SignatureLength →
  // Signature, whose number is lower).
  const dataLengthTag = new Map<number, number>();
  const lengthDataTag = new Map<number, number>();
  for (const def of fieldsByTag.values()) {
    if (def.type !== "LENGTH") continue;
    const next = fieldsByTag.get(def.tag + 1);
    let data: FixFieldDef | undefined = next?.type === "DATA" ? next : undefined;
    if (!data) {
      const base = def.name.replace(/(Length|Len)$/, "");
      const byName = fieldsByName.get(base);
      if (byName?.type === "DATA") data = byName;
    }
    if (data) {
      dataLengthTag.set(data.tag, def.tag);
      lengthDataTag.set(def.tag, data.tag);
    }
  }
  const flat = (ms: readonly FixMember[]) => {
    const s = new Set<number>();
    for (const m of ms) if (m.kind === "field") s.add(m.tag);
    return s;
  };
  return {
    beginString: `${fix.attrs.type ?? "FIX"}.${fix.attrs.major ?? "4"}.${fix.attrs.minor ?? "2"}`,
    fieldsByTag,
    fieldsByName,
    header,
    trailer,
    messages,
    dataLengthTag,
    lengthDataTag,
    headerTags: flat(header),
    trailerTags: flat(trailer),
  };
}

/**
 * Reads and parses a QuickFIX dictionary file.
 *
 * @param path - path to the XML file (e.g. `packages/live/test-data/fix/FIX42.xml`).
 * @example
 * loadFixDictionary("packages/live/test-data/fix/FIX42.xml").messages.size; // → 46
 * @see https://github.com/quickfix/quickfix/blob/master/spec/FIX42.xml
 */
export function loadFixDictionary(path: string): FixDictionary {
  return parseFixDictionary(readFileSync(path, "utf8"));
}
