import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DomainError, type FieldIssue } from '../../domain/errors.js';
import {
  EINVOICE_MAX_BYTES,
  EINVOICE_PROFILES,
  EinvoiceInputError,
  type EinvoiceProfile,
  validateEinvoice,
} from '../../exports/einvoice/validate/index.js';
import { documentEinvoice } from '../../exports/einvoice/document-einvoice.js';
import { principalOf } from '../kit/request-context.js';
import type { RouteDeps } from './deps.js';
import { op } from './operation.js';

const Finding = Type.Object(
  {
    id: Type.String({ description: 'The rule, e.g. BR-CO-16, PEPPOL-EN16931-R003' }),
    flag: Type.String({ description: 'fatal, warning or information; only fatal findings make the document invalid' }),
    location: Type.String({ description: 'XPath of the node the rule fired on' }),
    text: Type.String(),
    ruleset: Type.String({ description: 'e.g. EN16931-UBL 1.3.16, PEPPOL-BIS-3.0 2026.5, CIUS-PT 2.1.1' }),
  },
  { additionalProperties: false },
);

const EinvoiceValidation = Type.Object(
  {
    valid: Type.Boolean({ description: 'The schema accepts it and no rule reported a fatal finding' }),
    syntax: Type.Union([Type.Literal('ubl'), Type.Literal('cii')]),
    documentType: Type.Union([Type.Literal('invoice'), Type.Literal('credit-note')]),
    typeCode: Type.Union([Type.String({ description: 'UNTDID 1001, e.g. 380, 381' }), Type.Null()]),
    customizationId: Type.Union([Type.String({ description: 'BT-24' }), Type.Null()]),
    rulesets: Type.Array(Type.String(), { description: 'The rule sets run, in order' }),
    xsd: Type.Object(
      {
        valid: Type.Boolean(),
        errors: Type.Array(
          Type.Object(
            { line: Type.Union([Type.Integer(), Type.Null()]), message: Type.String() },
            { additionalProperties: false },
          ),
        ),
      },
      { additionalProperties: false, description: 'UBL 2.1 or CII D16B schema validation' },
    ),
    findings: Type.Array(Finding, { description: 'Every failed assert and successful report of the rule sets' }),
    fatal: Type.Integer({ description: 'How many findings are fatal' }),
  },
  { additionalProperties: false },
);

const XML_BODY = { schema: { type: 'string', contentMediaType: 'application/xml' } };

function bad(field: string, issue: string, message: string): DomainError {
  return new DomainError('validation', message, [{ field, issue, message }]);
}

function profilesOf(value: unknown): EinvoiceProfile[] | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !(EINVOICE_PROFILES as readonly string[]).includes(value))
    throw bad('profile', 'invalid', `profile is one of ${EINVOICE_PROFILES.join(', ')}.`);
  return [value as EinvoiceProfile];
}

/** A JSON body names a Faturador document instead of carrying the XML: what it asks for, checked. */
function documentReference(body: unknown): { documentId: number; syntax?: 'ubl' | 'cii'; profile?: EinvoiceProfile } {
  const b = body as Record<string, unknown> | null;
  const issues: FieldIssue[] = [];
  if (!b || typeof b !== 'object' || Array.isArray(b))
    throw bad('body', 'invalid', 'Send the XML (application/xml) or JSON {"documentId": …}.');
  for (const key of Object.keys(b))
    if (!['documentId', 'syntax', 'profile'].includes(key))
      issues.push({ field: key, issue: 'unknown', message: 'Not a field of this request.' });
  if (!Number.isInteger(b.documentId) || (b.documentId as number) < 1)
    issues.push({ field: 'documentId', issue: 'required', message: 'The id of a finalized document.' });
  if (b.syntax !== undefined && b.syntax !== 'ubl' && b.syntax !== 'cii')
    issues.push({ field: 'syntax', issue: 'invalid', message: 'ubl or cii.' });
  if (issues.length) throw new DomainError('validation', 'The request has invalid fields.', issues);
  return {
    documentId: b.documentId as number,
    syntax: b.syntax as 'ubl' | 'cii' | undefined,
    profile: profilesOf(b.profile)?.[0],
  };
}

export const einvoiceValidateRoutes: FastifyPluginAsync<RouteDeps> = async (root, { db }) => {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.addContentTypeParser(
    ['application/xml', 'text/xml'],
    { parseAs: 'string', bodyLimit: EINVOICE_MAX_BYTES },
    (_req, body, done) => done(null, body),
  );

  app.post(
    '/einvoices/validate',
    {
      bodyLimit: EINVOICE_MAX_BYTES,
      schema: {
        ...op({
          id: 'validateEinvoice',
          tags: ['einvoices'],
          summary: 'Validate a UBL or CII e-invoice: XSD, EN 16931 and Peppol (or CIUS-PT) rules',
          ok: { status: 200, schema: EinvoiceValidation, description: 'The result, valid or not' },
          errors: [404, 409, 422],
          openapi: {
            requestBody: {
              required: true,
              content: {
                'application/xml': XML_BODY,
                'text/xml': XML_BODY,
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['documentId'],
                    additionalProperties: false,
                    properties: {
                      documentId: { type: 'integer', minimum: 1 },
                      syntax: { type: 'string', enum: ['ubl', 'cii'] },
                      profile: { type: 'string', enum: [...EINVOICE_PROFILES] },
                    },
                  },
                },
              },
            },
          },
        }),
        description:
          `The XML itself (application/xml or text/xml, UTF-8, at most ${EINVOICE_MAX_BYTES} bytes, no DOCTYPE): the schema of ` +
          'its root element (UBL 2.1 Invoice or CreditNote, CII D16B CrossIndustryInvoice), then the Schematron rules: ' +
          'EN 16931 1.3.16 always, Peppol BIS Billing 3.0 (release 2026.5) and CIUS-PT 2.1.1 when the CustomizationID names ' +
          'them or `?profile=` asks for one (en16931: EN 16931 alone). Any document that can be read gets 200 with every ' +
          'finding; XML that is not well-formed, or not an e-invoice, gets 422 with the reason. ' +
          'Or JSON {"documentId", "syntax"?, "profile"?}: the e-invoice of a finalized Faturador document, as ' +
          'GET /v1/documents/{id}/einvoice writes it (same defaults), validated against its profile.',
        querystring: Type.Object({
          profile: Type.Optional(Type.Union(EINVOICE_PROFILES.map((p) => Type.Literal(p)))),
        }),
      },
    },
    async (request) => {
      let xml: string;
      let profiles: EinvoiceProfile[] | undefined;
      if (typeof request.body === 'string') {
        xml = request.body;
        profiles = profilesOf(request.query.profile);
      } else {
        // The document's e-invoice as GET /v1/documents/{id}/einvoice writes it (without the PDF: it changes
        // nothing the rules look at), checked against its own profile's rules.
        const ref = documentReference(request.body);
        const file = await db.transaction().execute((tx) =>
          documentEinvoice(tx, principalOf(request).accountId, ref.documentId, {
            syntax: ref.syntax,
            profile: ref.profile,
            attachPdf: false,
          }),
        );
        xml = file.xml;
        profiles = [file.profile];
      }
      try {
        return await validateEinvoice(xml, { profiles });
      } catch (err) {
        if (!(err instanceof EinvoiceInputError)) throw err;
        throw new DomainError('validation', err.message, [
          {
            field: 'body',
            issue: err.reason,
            message: err.message,
            ...(err.line ? { value: `line ${err.line}` } : {}),
          },
        ]);
      }
    },
  );
};
