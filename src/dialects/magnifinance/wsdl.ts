import { XMLBuilder } from 'fast-xml-parser';
import { type MfOperation, type MfXsdType, responseElement } from './operation.js';
import { AUTH_TYPES, ERROR_VALUE, RESPONSE_TYPE, VALIDATION_ERRORS, mfComplex, mfField } from './wsdl-types.js';

/** One SOAP service as its WSDL describes it. */
export interface MfWsdlService {
  /** `Invoicing`: also the port type and binding names (`InvoicingSoap`, `InvoicingSoap12`). */
  name: string;
  /** `http://MagniAPI/Invoicing/`: the target namespace, and the prefix of every soapAction. */
  namespace: string;
  operations: readonly MfOperation[];
}

const S = 'http://www.w3.org/2001/XMLSchema';
const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  format: true,
  suppressEmptyNode: true,
  processEntities: true,
});

type Node = Record<string, unknown>;
type Named = Exclude<MfXsdType, string>;

const PRIMITIVE: Record<string, string> = {
  string: 's:string',
  int: 's:int',
  long: 's:long',
  decimal: 's:decimal',
  boolean: 's:boolean',
  dateTime: 's:dateTime',
};

/** The answer's child type of an operation: the envelope every MagniFinance answer shares around its `Object`. */
const answerType = (op: MfOperation) =>
  mfComplex(`${op.name}APIResponse`, [
    mfField('RequestId'),
    mfField('Type', RESPONSE_TYPE),
    mfField('Object', op.wsdl.output),
    mfField('ErrorValue', ERROR_VALUE),
    mfField('ErrorHumanReadable'),
    mfField('ValidationErrors', VALIDATION_ERRORS),
  ]);

/** The schema's named types, each once, in the order first met; two shapes under one name are refused. */
class TypeSet {
  private readonly types = new Map<string, { type: Named; shape: string }>();

  ref(type: MfXsdType): string {
    if (typeof type === 'string') return PRIMITIVE[type]!;
    const shape = JSON.stringify(type);
    const known = this.types.get(type.name);
    if (known) {
      if (known.shape !== shape) throw new Error(`MagniFinance WSDL: two shapes for the type ${type.name}`);
      return `tns:${type.name}`;
    }
    this.types.set(type.name, { type, shape });
    if (type.kind === 'complex') for (const field of type.fields) this.ref(field.type);
    if (type.kind === 'array') this.ref(type.of);
    return `tns:${type.name}`;
  }

  nodes(): { complexTypes: Node[]; simpleTypes: Node[] } {
    const complexTypes: Node[] = [];
    const simpleTypes: Node[] = [];
    for (const { type } of this.types.values()) {
      if (type.kind === 'enum')
        simpleTypes.push({
          '@_name': type.name,
          's:restriction': { '@_base': 's:string', 's:enumeration': type.values.map((v) => ({ '@_value': v })) },
        });
      else if (type.kind === 'array')
        complexTypes.push(
          sequence(type.name, [
            { '@_minOccurs': '0', '@_maxOccurs': 'unbounded', '@_name': type.item, '@_type': this.ref(type.of) },
          ]),
        );
      else
        complexTypes.push(
          sequence(
            type.name,
            type.fields.map((f) => this.element(f.name, f.type)),
          ),
        );
    }
    return { complexTypes, simpleTypes };
  }

  element(name: string, type: MfXsdType): Node {
    // Every element optional: PHP's SoapClient refuses to send a request that lacks a required element.
    return { '@_minOccurs': '0', '@_maxOccurs': '1', '@_name': name, '@_type': this.ref(type) };
  }
}

function sequence(name: string | undefined, elements: Node[]): Node {
  const seq = { 's:sequence': elements.length ? { 's:element': elements } : '' };
  return name === undefined ? seq : { '@_name': name, ...seq };
}

function binding(service: MfWsdlService, soap: 'soap' | 'soap12'): Node {
  return {
    '@_name': `${service.name}${soap === 'soap' ? 'Soap' : 'Soap12'}`,
    '@_type': `tns:${service.name}Soap`,
    [`${soap}:binding`]: { '@_transport': 'http://schemas.xmlsoap.org/soap/http' },
    'wsdl:operation': service.operations.map((op) => ({
      '@_name': op.name,
      [`${soap}:operation`]: { '@_soapAction': `${service.namespace}${op.name}`, '@_style': 'document' },
      'wsdl:input': { [`${soap}:body`]: { '@_use': 'literal' } },
      'wsdl:output': { [`${soap}:body`]: { '@_use': 'literal' } },
    })),
  };
}

/**
 * The WSDL of a service, generated from its operations' descriptions (MagniFinance's own is not public): ASMX's
 * document/literal wrapped shape, as the WCF proxy `Invoicing_v2` in Magni.APIClient.V2 implies — service
 * `Invoicing`, ports `InvoicingSoap` and `InvoicingSoap12`, request element = the operation, answer `{Op}Response`
 * holding `Response` (or the operation's own child name), elementFormDefault qualified, soapAction
 * `{namespace}{Op}` on both bindings. The ports' addresses are set per request by the kit.
 */
export function buildWsdl(service: MfWsdlService): string {
  const types = new TypeSet();
  const elements: Node[] = [];
  for (const op of service.operations) {
    const input = [
      types.element(op.auth, AUTH_TYPES[op.auth]),
      ...op.wsdl.input.map((f) => types.element(f.name, f.type)),
    ];
    elements.push({ '@_name': op.name, 's:complexType': sequence(undefined, input) });
    elements.push({
      '@_name': `${op.name}Response`,
      's:complexType': sequence(undefined, [types.element(responseElement(op), answerType(op))]),
    });
  }
  const { complexTypes, simpleTypes } = types.nodes();
  const ns = service.namespace;
  const tree = {
    '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' },
    'wsdl:definitions': {
      '@_xmlns:soap': 'http://schemas.xmlsoap.org/wsdl/soap/',
      '@_xmlns:soap12': 'http://schemas.xmlsoap.org/wsdl/soap12/',
      '@_xmlns:s': S,
      '@_xmlns:tns': ns,
      '@_xmlns:wsdl': 'http://schemas.xmlsoap.org/wsdl/',
      '@_targetNamespace': ns,
      'wsdl:types': {
        's:schema': {
          '@_elementFormDefault': 'qualified',
          '@_targetNamespace': ns,
          's:element': elements,
          's:complexType': complexTypes,
          's:simpleType': simpleTypes,
        },
      },
      'wsdl:message': service.operations.flatMap((op) => [
        { '@_name': `${op.name}SoapIn`, 'wsdl:part': { '@_name': 'parameters', '@_element': `tns:${op.name}` } },
        {
          '@_name': `${op.name}SoapOut`,
          'wsdl:part': { '@_name': 'parameters', '@_element': `tns:${op.name}Response` },
        },
      ]),
      'wsdl:portType': {
        '@_name': `${service.name}Soap`,
        'wsdl:operation': service.operations.map((op) => ({
          '@_name': op.name,
          ...(op.wsdl.doc ? { 'wsdl:documentation': op.wsdl.doc } : {}),
          'wsdl:input': { '@_message': `tns:${op.name}SoapIn` },
          'wsdl:output': { '@_message': `tns:${op.name}SoapOut` },
        })),
      },
      'wsdl:binding': [binding(service, 'soap'), binding(service, 'soap12')],
      'wsdl:service': {
        '@_name': service.name,
        'wsdl:port': [
          {
            '@_name': `${service.name}Soap`,
            '@_binding': `tns:${service.name}Soap`,
            'soap:address': { '@_location': 'http://localhost/' },
          },
          {
            '@_name': `${service.name}Soap12`,
            '@_binding': `tns:${service.name}Soap12`,
            'soap12:address': { '@_location': 'http://localhost/' },
          },
        ],
      },
    },
  };
  return builder.build(tree) as string;
}
