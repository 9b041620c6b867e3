// The client's example: create and finalize an invoice, then read it back. Run by test/api/ts-client.test.ts.
import { faturador, type Document } from './index.js';

export async function example(baseUrl: string, apiKey: string): Promise<{ created: Document; read: Document }> {
  const api = faturador({ baseUrl, apiKey });
  const created = await api.POST('/v1/documents', {
    body: {
      type: 'FT',
      finalize: true,
      customer: { name: 'Cliente Exemplo', taxId: '123456789' },
      lines: [{ description: 'Consultoria', quantity: '2', unitPrice: '100.00', taxName: 'IVA23' }],
    },
  });
  if (!created.data) throw new Error(`create: ${JSON.stringify(created.error)}`);
  const read = await api.GET('/v1/documents/{id}', { params: { path: { id: created.data.id } } });
  if (!read.data) throw new Error(`read: ${JSON.stringify(read.error)}`);
  return { created: created.data, read: read.data };
}
