import { readFileSync } from 'node:fs';
import { validateXML, memoryPages } from 'xmllint-wasm';
import { hasShared, sharedPath, skipUnlessShared } from './shared.js';

/** The XSD 1.0 copy of the SAF-T (PT) 1.04_01 schema (asserts removed; see src/exports/saft/check-asserts.ts). */
export const SAFT_XSD = ['specs', 'pt', 'SAFTPT1.04_01.xsd10.xsd'] as const;
export const saftXsdPath = () => sharedPath(...SAFT_XSD);
export const hasSaftXsd = () => hasShared(...SAFT_XSD);
export const skipUnlessSaftXsd = () => skipUnlessShared(...SAFT_XSD);

export interface XmlValidation {
  valid: boolean;
  errors: string[];
}

const schemas = new Map<string, string>();

/** Reads a schema as text, honouring its declared encoding (AT ships the SAF-T XSD in Windows-1252; the wasm libxml2 knows only UTF-8). */
function schemaText(xsdPath: string): string {
  let s = schemas.get(xsdPath);
  if (!s) {
    const bytes = readFileSync(xsdPath);
    const enc =
      /^<\?xml[^>]*encoding=["']([A-Za-z0-9._-]+)["']/.exec(bytes.subarray(0, 200).toString('latin1'))?.[1] ?? 'utf-8';
    s = new TextDecoder(enc).decode(bytes).replace(/^(<\?xml[^>]*encoding=["'])[A-Za-z0-9._-]+(["'])/, '$1UTF-8$2');
    schemas.set(xsdPath, s);
  }
  return s;
}

/** Validates an XML document (UTF-8) against an XSD with libxml2 compiled to wasm (xmllint-wasm): XSD 1.0 only. */
export async function validateXml(xml: string | Uint8Array, xsdPath: string): Promise<XmlValidation> {
  const size = typeof xml === 'string' ? xml.length * 3 : xml.byteLength;
  const pages = Math.min(
    memoryPages.max,
    Math.max(memoryPages.defaultMaxMemoryPages, Math.ceil((64 * 1024 * 1024 + size * 12) / (64 * 1024))),
  );
  const r = await validateXML({
    xml: [{ fileName: 'document.xml', contents: xml }],
    schema: [{ fileName: 'schema.xsd', contents: schemaText(xsdPath) }],
    maxMemoryPages: pages,
  });
  return { valid: r.valid, errors: r.errors.map((e) => e.rawMessage) };
}
