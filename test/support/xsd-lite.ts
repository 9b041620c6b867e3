import { XMLParser } from 'fast-xml-parser';

/**
 * A small XML Schema 1.0 interpreter for the fake AT server: enough of XSD for the schemas inside AT's WSDLs
 * (global and local elements, refs, named and anonymous types, sequence / choice / complexContent extension,
 * occurrences, `fixed`, and simple-type facets: enumeration, pattern, length, min/maxLength, min/maxInclusive)
 * with qualified or unqualified local elements. In-process and fast, where libxml2 (xmllint-wasm) costs a
 * worker thread per document; test/at/fake-at-server.test.ts checks the two agree.
 */
type PNode = Record<string, any>;
const tagOf = (n: PNode) => Object.keys(n).find((k) => k !== ':@' && k !== '#text');
const localOf = (tag: string) => (tag.includes(':') ? tag.slice(tag.indexOf(':') + 1) : tag);
const prefixOf = (tag: string) => (tag.includes(':') ? tag.slice(0, tag.indexOf(':')) : '');
const kids = (n: PNode): PNode[] => {
  const t = tagOf(n);
  return t ? (n[t] as PNode[]).filter((k) => tagOf(k)) : [];
};
const attrs = (n: PNode): Record<string, string> => n[':@'] ?? {};
const textOf = (n: PNode): string => {
  const t = tagOf(n);
  return t
    ? (n[t] as PNode[])
        .filter((k) => '#text' in k)
        .map((k) => String(k['#text']))
        .join('')
    : '';
};

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  trimValues: true,
});

interface Facets {
  enumeration?: string[];
  patterns?: RegExp[];
  length?: number;
  minLength?: number;
  maxLength?: number;
  minInclusive?: string;
  maxInclusive?: string;
}
interface SimpleType {
  base: string;
  facets: Facets;
}
type Particle =
  | { kind: 'element'; min: number; max: number; decl: ElementDecl }
  | { kind: 'sequence' | 'choice'; min: number; max: number; items: Particle[] };
interface ElementDecl {
  name: string;
  ns: string;
  type?: string;
  simple?: SimpleType;
  complex?: Particle | null;
  fixed?: string;
}

const BUILTINS: Record<string, (v: string) => boolean> = {
  string: () => true,
  boolean: (v) => /^(true|false|1|0)$/.test(v),
  decimal: (v) => /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(v),
  integer: (v) => /^[+-]?\d+$/.test(v),
  int: (v) => /^[+-]?\d+$/.test(v) && Math.abs(Number(v)) <= 2147483648,
  long: (v) => /^[+-]?\d+$/.test(v),
  nonNegativeInteger: (v) => /^\+?\d+$/.test(v),
  positiveInteger: (v) => /^\+?\d*[1-9]\d*$/.test(v),
  date: (v) => /^\d{4}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?$/.test(v),
  dateTime: (v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/.test(v),
};

export class XsdLite {
  private readonly tns: string;
  private readonly qualified: boolean;
  private readonly elements = new Map<string, PNode>();
  private readonly complexTypes = new Map<string, PNode>();
  private readonly simpleTypes = new Map<string, PNode>();
  private readonly declCache = new Map<PNode, ElementDecl>();

  constructor(schemaXml: string) {
    const doc = parser.parse(schemaXml.replace(/^\uFEFF/, '')) as PNode[];
    const schema = doc.find((n) => tagOf(n) && localOf(tagOf(n)!) === 'schema');
    if (!schema) throw new Error('no xs:schema');
    this.tns = attrs(schema).targetNamespace ?? '';
    this.qualified = attrs(schema).elementFormDefault === 'qualified';
    for (const k of kids(schema)) {
      const name = attrs(k).name;
      const kind = localOf(tagOf(k)!);
      if (kind === 'element') this.elements.set(name, k);
      else if (kind === 'complexType') this.complexTypes.set(name, k);
      else if (kind === 'simpleType') this.simpleTypes.set(name, k);
    }
  }

  /** Validates a document whose root is a global element of the schema. Returns the problems found (none: valid). */
  validateXml(xml: string): string[] {
    let doc: PNode[];
    try {
      doc = parser.parse(xml) as PNode[];
    } catch (err) {
      return [`not well-formed: ${(err as Error).message}`];
    }
    const root = doc.find((n) => tagOf(n));
    return root ? this.validate(root) : ['no root element'];
  }

  private validate(root: PNode, scope: Record<string, string> = {}): string[] {
    const errors: string[] = [];
    const tag = tagOf(root)!;
    const bindings = this.bind(scope, root);
    const ns = bindings[prefixOf(tag)] ?? '';
    const decl = this.elements.get(localOf(tag));
    if (!decl || ns !== this.tns) return [`No matching global declaration for {${ns}}${localOf(tag)}`];
    this.checkElement(this.declOf(decl, true), root, bindings, errors, localOf(tag));
    return errors;
  }

  private bind(scope: Record<string, string>, n: PNode): Record<string, string> {
    const out = { ...scope };
    for (const [k, v] of Object.entries(attrs(n))) {
      if (k === 'xmlns') out[''] = v;
      else if (k.startsWith('xmlns:')) out[k.slice(6)] = v;
    }
    return out;
  }

  private declOf(node: PNode, global: boolean): ElementDecl {
    const cached = this.declCache.get(node);
    if (cached) return cached;
    const a = attrs(node);
    if (a.ref) return this.declOf(this.elements.get(localOf(a.ref))!, true);
    const decl: ElementDecl = { name: a.name, ns: global || this.qualified ? this.tns : '', fixed: a.fixed };
    this.declCache.set(node, decl);
    const inlineComplex = kids(node).find((k) => localOf(tagOf(k)!) === 'complexType');
    const inlineSimple = kids(node).find((k) => localOf(tagOf(k)!) === 'simpleType');
    if (inlineComplex) decl.complex = this.contentOf(inlineComplex);
    else if (inlineSimple) decl.simple = this.simpleOf(inlineSimple);
    else if (a.type) {
      const t = localOf(a.type);
      if (this.complexTypes.has(t)) decl.complex = this.contentOf(this.complexTypes.get(t)!);
      else decl.simple = this.simpleTypes.has(t) ? this.simpleOf(this.simpleTypes.get(t)!) : { base: t, facets: {} };
    } else decl.simple = { base: 'string', facets: {} };
    return decl;
  }

  private occurs(n: PNode) {
    const a = attrs(n);
    return {
      min: a.minOccurs === undefined ? 1 : Number(a.minOccurs),
      max: a.maxOccurs === 'unbounded' ? Infinity : a.maxOccurs === undefined ? 1 : Number(a.maxOccurs),
    };
  }

  private particle(n: PNode): Particle | null {
    const kind = localOf(tagOf(n)!);
    if (kind === 'element') return { kind: 'element', ...this.occurs(n), decl: this.declOf(n, false) };
    if (kind === 'sequence' || kind === 'choice')
      return {
        kind,
        ...this.occurs(n),
        items: kids(n)
          .map((k) => this.particle(k))
          .filter((p): p is Particle => !!p),
      };
    return null; // annotation, attributes
  }

  /** The content model of a complexType (null for empty content). */
  private contentOf(ct: PNode): Particle | null {
    for (const k of kids(ct)) {
      const kind = localOf(tagOf(k)!);
      if (kind === 'sequence' || kind === 'choice') return this.particle(k);
      if (kind === 'complexContent') {
        const ext = kids(k).find((x) => localOf(tagOf(x)!) === 'extension')!;
        const base = this.contentOf(this.complexTypes.get(localOf(attrs(ext).base))!);
        const own = kids(ext)
          .map((x) => this.particle(x))
          .filter((p): p is Particle => !!p);
        return { kind: 'sequence', min: 1, max: 1, items: [...(base ? [base] : []), ...own] };
      }
    }
    return null;
  }

  private simpleOf(st: PNode): SimpleType {
    const r = kids(st).find((k) => localOf(tagOf(k)!) === 'restriction');
    if (!r) return { base: 'string', facets: {} };
    const baseName = localOf(attrs(r).base);
    const inherited = this.simpleTypes.has(baseName)
      ? this.simpleOf(this.simpleTypes.get(baseName)!)
      : { base: baseName, facets: {} as Facets };
    const f: Facets = { ...inherited.facets };
    const enums: string[] = [];
    const patterns: string[] = [];
    for (const k of kids(r)) {
      const kind = localOf(tagOf(k)!);
      const v = attrs(k).value;
      if (kind === 'enumeration') enums.push(v);
      else if (kind === 'pattern') patterns.push(v);
      else if (kind === 'length' || kind === 'minLength' || kind === 'maxLength') f[kind] = Number(v);
      else if (kind === 'minInclusive' || kind === 'maxInclusive') f[kind] = v;
    }
    // A restriction narrows: its enumeration replaces the base's; its patterns (OR-ed) add to the base's (AND-ed).
    if (enums.length) f.enumeration = enums;
    if (patterns.length) f.patterns = [...(inherited.facets.patterns ?? []), new RegExp(`^(?:${patterns.join('|')})$`)];
    return { base: inherited.base, facets: f };
  }

  private checkSimple(t: SimpleType, value: string, where: string, errors: string[]): void {
    const ok = BUILTINS[t.base] ?? (() => true);
    const v = t.base === 'string' ? value : value.trim();
    if (!ok(v)) {
      errors.push(`${where}: '${value}' is not a valid ${t.base}`);
      return;
    }
    const f = t.facets;
    if (f.enumeration && !f.enumeration.includes(v))
      errors.push(`${where}: '${value}' is not one of ${f.enumeration.join(', ')}`);
    for (const p of f.patterns ?? []) if (!p.test(v)) errors.push(`${where}: '${value}' does not match ${p.source}`);
    const len = [...v].length;
    if (f.length !== undefined && len !== f.length) errors.push(`${where}: length ${len} ≠ ${f.length}`);
    if (f.minLength !== undefined && len < f.minLength) errors.push(`${where}: shorter than ${f.minLength}`);
    if (f.maxLength !== undefined && len > f.maxLength) errors.push(`${where}: longer than ${f.maxLength}`);
    if (f.minInclusive !== undefined && Number(v) < Number(f.minInclusive))
      errors.push(`${where}: below ${f.minInclusive}`);
    if (f.maxInclusive !== undefined && Number(v) > Number(f.maxInclusive))
      errors.push(`${where}: above ${f.maxInclusive}`);
  }

  private checkElement(
    decl: ElementDecl,
    node: PNode,
    scope: Record<string, string>,
    errors: string[],
    where: string,
  ): void {
    const children = kids(node);
    if (decl.complex !== undefined) {
      if (textOf(node).trim()) errors.push(`${where}: text not allowed`);
      const items = children.map((c) => ({ node: c, scope: this.bind(scope, c) }));
      if (!decl.complex) {
        if (items.length) errors.push(`${where}: no child elements allowed`);
        return;
      }
      const end = this.match(decl.complex, items, 0, errors, where);
      if (end !== null && end < items.length) {
        const c = items[end];
        errors.push(`${where}: element '${localOf(tagOf(c.node)!)}' is not expected here`);
      } else if (end === null && !errors.length) errors.push(`${where}: content does not match the schema`);
      return;
    }
    if (children.length) {
      errors.push(`${where}: child elements not allowed`);
      return;
    }
    const value = textOf(node);
    if (decl.fixed !== undefined && value !== decl.fixed) errors.push(`${where}: must be '${decl.fixed}'`);
    this.checkSimple(decl.simple!, value, where, errors);
  }

  private matches(decl: ElementDecl, item: { node: PNode; scope: Record<string, string> }): boolean {
    const tag = tagOf(item.node)!;
    return localOf(tag) === decl.name && (item.scope[prefixOf(tag)] ?? '') === decl.ns;
  }

  /** Greedy matching (AT's schemas are deterministic, as XSD's unique particle attribution requires). */
  private match(
    p: Particle,
    items: { node: PNode; scope: Record<string, string> }[],
    i: number,
    errors: string[],
    where: string,
  ): number | null {
    let count = 0;
    let pos = i;
    while (count < p.max) {
      let next: number | null;
      if (p.kind === 'element') {
        if (pos < items.length && this.matches(p.decl, items[pos])) {
          this.checkElement(p.decl, items[pos].node, items[pos].scope, errors, `${where}/${p.decl.name}`);
          next = pos + 1;
        } else next = null;
      } else if (p.kind === 'sequence') {
        next = pos;
        for (const sub of p.items) {
          const r = this.match(sub, items, next, errors, where);
          if (r === null) {
            next = null;
            break;
          }
          next = r;
        }
      } else {
        next = null;
        let empty = false;
        for (const alt of p.items) {
          const r = this.match(alt, items, pos, [], where);
          if (r !== null && r > pos) {
            next = this.match(alt, items, pos, errors, where);
            break;
          }
          if (r === pos) empty = true;
        }
        if (next === null && empty) next = pos;
      }
      if (next === null || (next === pos && count >= p.min)) break;
      count += 1;
      if (next === pos) break;
      pos = next;
    }
    if (count < p.min) {
      if (p.kind === 'element')
        errors.push(
          `${where}: missing element '${p.decl.name}'${pos < items.length ? ` before '${localOf(tagOf(items[pos].node)!)}'` : ''}`,
        );
      return null;
    }
    return pos;
  }
}
