import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_EMAIL_TEMPLATES,
  emailLanguage,
  emailLanguages,
  formatAmount,
  formatDate,
  renderEmail,
  renderTemplate,
  templateIssues,
  type EmailValues,
} from './templates.js';

const values: EmailValues = {
  documentType: 'Fatura',
  documentNumber: 'FT A2026/7',
  documentDate: '10/01/2026',
  dueDate: '',
  total: '1234,50 €',
  currency: 'EUR',
  customerName: 'Cliente, Lda',
  accountName: 'Empresa, Lda',
  reference: '',
  downloadUrl: 'https://x/download/1/abc',
};

describe('e-mail templates', () => {
  test('placeholders are filled; sections keep their text only when the value is (not) empty', () => {
    assert.equal(renderTemplate('{{ documentNumber }} de {{accountName}}', values), 'FT A2026/7 de Empresa, Lda');
    assert.equal(
      renderTemplate('a{{#dueDate}} vence {{dueDate}}{{/dueDate}}{{^dueDate}} sem vencimento{{/dueDate}}.', values),
      'a sem vencimento.',
    );
    assert.equal(
      renderTemplate('a{{#dueDate}} vence {{dueDate}}{{/dueDate}}.', { ...values, dueDate: '31/01/2026' }),
      'a vence 31/01/2026.',
    );
    assert.equal(
      renderTemplate(
        '{{#customerName}}Olá {{#reference}}({{reference}}) {{/reference}}{{customerName}}{{/customerName}}',
        values,
      ),
      'Olá Cliente, Lda',
    );
  });

  test('values are not re-read as template text', () => {
    assert.equal(renderTemplate('{{customerName}}', { ...values, customerName: '{{accountName}}' }), '{{accountName}}');
  });

  test('unknown placeholders and unbalanced sections are reported', () => {
    assert.deepEqual(
      templateIssues('{{numero}} {{#dueDate}}x', 'body').map((i) => [i.issue, i.value]),
      [
        ['unknown', 'numero'],
        ['invalid', 'dueDate'],
      ],
    );
    assert.deepEqual(
      templateIssues('{{/total}}', 'subject').map((i) => i.issue),
      ['invalid'],
    );
    for (const t of Object.values(DEFAULT_EMAIL_TEMPLATES)) {
      assert.deepEqual([...templateIssues(t.subject, 's'), ...templateIssues(t.body, 'b')], []);
    }
  });

  test('the subject is one line; the body ends with one newline', () => {
    const r = renderEmail({ subject: '{{documentNumber}}\r\nBcc: x@y', body: 'a\n\n\n\nb\n\n' }, values);
    assert.equal(r.subject, 'FT A2026/7 Bcc: x@y');
    assert.equal(r.body, 'a\n\nb\n');
  });

  test('the default Portuguese body', () => {
    const r = renderEmail(DEFAULT_EMAIL_TEMPLATES.pt, { ...values, dueDate: '09/02/2026' });
    assert.equal(r.subject, 'Fatura FT A2026/7 · Empresa, Lda');
    assert.equal(
      r.body,
      'Caro(a) Cliente, Lda,\n\nEnviamos em anexo o documento Fatura FT A2026/7, de 10/01/2026, no valor de 1234,50 €.\nData de vencimento: 09/02/2026.\n\nCom os melhores cumprimentos,\nEmpresa, Lda\n',
    );
    assert.ok(
      renderEmail(DEFAULT_EMAIL_TEMPLATES.pt, { ...values, customerName: '' }).body.startsWith('Caro(a) cliente,\n'),
    );
  });

  test('amounts are formatted from the decimal string, without floats', () => {
    assert.equal(formatAmount('1234.50', 'EUR', 'en'), '€1,234.50');
    assert.match(formatAmount('1234.50', 'EUR', 'fr'), /^1\s234,50\s€$/);
    assert.match(formatAmount('0.10', 'EUR', 'pt'), /^0,10\s€$/);
    assert.match(formatAmount('90071992547409.93', 'USD', 'en'), /\$90,071,992,547,409\.93$/);
    assert.equal(formatAmount('1.00', 'XXX1', 'pt'), '1.00 XXX1');
    assert.deepEqual(
      [formatDate('2026-01-31', 'pt'), formatDate('2026-01-31', 'en'), formatDate(null, 'fr')],
      ['31/01/2026', '2026-01-31', ''],
    );
  });

  test('a Belgian seller’s e-mail is in the document’s language of the four (French for another); a Portuguese one’s as before', () => {
    assert.deepEqual(
      ['nl', 'fr', 'en', 'de', 'pt'].map((l) => emailLanguage('BE', l)),
      ['nl', 'fr', 'en', 'de', 'fr'],
    );
    assert.deepEqual(
      ['pt', 'en', 'fr', 'nl', 'de'].map((l) => emailLanguage('PT', l)),
      ['pt', 'en', 'fr', 'pt', 'pt'],
    );
    assert.deepEqual([...emailLanguages('PT')], ['pt', 'en', 'fr']);
    assert.deepEqual([...emailLanguages('BE')].sort(), ['de', 'en', 'fr', 'nl', 'pt']);
  });

  test('the default Dutch and German bodies, with Belgian amounts and dates', () => {
    const be = { ...values, documentNumber: 'FT A2026/7', customerName: 'Klant NV', accountName: 'Brouwerij BV' };
    const nl = renderEmail(DEFAULT_EMAIL_TEMPLATES.nl, {
      ...be,
      documentType: 'Factuur',
      documentDate: formatDate('2026-01-10', 'nl'),
      dueDate: formatDate('2026-02-09', 'nl'),
      total: formatAmount('1234.50', 'EUR', 'nl'),
      reference: 'PO-7',
    });
    assert.equal(nl.subject, 'Factuur FT A2026/7 · Brouwerij BV');
    assert.match(
      nl.body,
      /^Beste Klant NV,\n\nIn bijlage vindt u Factuur FT A2026\/7 van 10\/01\/2026, voor een bedrag van €\s1\.234,50\.\nVervaldatum: 09\/02\/2026\.\nUw referentie: PO-7\.\n\nMet vriendelijke groeten,\nBrouwerij BV\n$/,
    );
    const de = renderEmail(DEFAULT_EMAIL_TEMPLATES.de, {
      ...be,
      customerName: '',
      documentType: 'Rechnung',
      documentDate: formatDate('2026-01-10', 'de'),
      total: formatAmount('1234.50', 'EUR', 'de'),
    });
    assert.match(
      de.body,
      /^Sehr geehrte Damen und Herren,\n\nanbei erhalten Sie Rechnung FT A2026\/7 vom 10\.01\.2026 über 1\.234,50\s€\.\n\nMit freundlichen Grüßen\nBrouwerij BV\n$/,
    );
  });
});
