/** A booking entry of a Billit order: the company's bookkeeping of it, beside the legal document. */
export interface BookingEntry {
  glAccount: string | null;
  /** Exact decimals as text. */
  amount: string | null;
  vatPercentage: string | null;
  vatAmount: string | null;
  description: string | null;
  journal: string | null;
  /** The entry's other fields as the client sent them. */
  extra: Record<string, unknown>;
}
