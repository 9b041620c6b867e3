import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { memoryPages, validateXML, type XMLFileInfo } from 'xmllint-wasm';
import type { XsdError } from './types.js';

/** The main schema of each root element, relative to its schema set's folder under assets/einvoice/xsd/. */
const MAIN = {
  invoice: { set: 'ubl-2.1', file: 'maindoc/UBL-Invoice-2.1.xsd' },
  'credit-note': { set: 'ubl-2.1', file: 'maindoc/UBL-CreditNote-2.1.xsd' },
  cii: { set: 'cii-d16b', file: 'uncefact/data/standard/CrossIndustryInvoice_100pD16B.xsd' },
} as const;
export type XsdKind = keyof typeof MAIN;

/** Documents validated by one xmllint run at most: each run starts a thread and compiles the schema (~150 ms). */
const BATCH_MAX = 16;

interface Waiting {
  xml: string;
  resolve(result: { valid: boolean; errors: XsdError[] }): void;
  reject(err: unknown): void;
}

/**
 * XSD validation with xmllint-wasm (libxml2 compiled to WebAssembly, run on a thread of its own by the package).
 * The schema files are read once and passed as its virtual file system, named as laid out on disk so that the
 * schemas' relative imports resolve. Documents that arrive together (same tick) share one run.
 */
export class XsdValidator {
  private readonly files = new Map<string, XMLFileInfo[]>();
  private readonly queues = new Map<XsdKind, Waiting[]>();

  constructor(private readonly assetsDir: string) {}

  validate(kind: XsdKind, xml: string): Promise<{ valid: boolean; errors: XsdError[] }> {
    return new Promise((resolve, reject) => {
      let queue = this.queues.get(kind);
      if (!queue) {
        queue = [];
        this.queues.set(kind, queue);
        setImmediate(() => {
          this.queues.delete(kind);
          for (let i = 0; i < queue!.length; i += BATCH_MAX) void this.run(kind, queue!.slice(i, i + BATCH_MAX));
        });
      }
      queue.push({ xml, resolve, reject });
    });
  }

  private schemaSet(set: string): XMLFileInfo[] {
    let files = this.files.get(set);
    if (!files) {
      const root = join(this.assetsDir, 'xsd', set);
      const walk = (dir: string): string[] =>
        readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
          e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.xsd') ? [join(dir, e.name)] : [],
        );
      files = walk(root).map((f) => ({ fileName: relative(root, f), contents: readFileSync(f, 'utf8') }));
      this.files.set(set, files);
    }
    return files;
  }

  private async run(kind: XsdKind, batch: Waiting[]): Promise<void> {
    try {
      const results = await this.lint(
        kind,
        batch.map((w) => w.xml),
      ).catch(async (err: unknown) => {
        // xmllint stops a whole run for a document it cannot read at all: then each on its own.
        if (batch.length === 1) throw err;
        return Promise.all(batch.map((w) => this.lint(kind, [w.xml]).then((r) => r[0])));
      });
      batch.forEach((w, i) => w.resolve(results[i]));
    } catch (err) {
      for (const w of batch) w.reject(err);
    }
  }

  private async lint(kind: XsdKind, xmls: string[]): Promise<{ valid: boolean; errors: XsdError[] }[]> {
    const { set, file } = MAIN[kind];
    const files = this.schemaSet(set);
    const names = xmls.map((_, i) => `document-${i + 1}.xml`);
    const out = await validateXML({
      xml: xmls.map((contents, i) => ({ fileName: names[i], contents })),
      schema: files.filter((f) => f.fileName === file),
      preload: files.filter((f) => f.fileName !== file),
      maxMemoryPages: memoryPages.GiB,
    });
    return names.map((name) => {
      const errors: XsdError[] = out.errors
        .filter((e) => e.loc?.fileName === name)
        .map((e) => ({
          line: e.loc?.lineNumber ?? null,
          message: e.message.replace(/^Schemas validity error : /, ''),
        }));
      if (!errors.length && out.rawOutput.includes(`${name} fails to validate`))
        errors.push({ line: null, message: 'The document fails to validate against the schema.' });
      return { valid: errors.length === 0, errors };
    });
  }
}
