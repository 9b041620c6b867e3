/** An answer in bill.pt's error envelope: `{"error": ["1.nome", "101.nome.30", "225"]}` with an HTTP status. */
export class BillptError extends Error {
  constructor(
    readonly status: number,
    readonly codes: string[],
    message?: string,
  ) {
    super(message ?? `bill.pt error ${codes.join(', ')}`);
    this.name = 'BillptError';
  }
}
