import type { BookingEntry } from '../../../app/billit/booking-entry.js';

const num = (v: string | null): number | null => (v === null ? null : Number(v));

/** A booking entry as Billit shows it on the order: its known fields, then the others as the client sent them. */
export function bookingEntryView(e: BookingEntry): Record<string, unknown> {
  return {
    ...e.extra,
    GLAccount: e.glAccount,
    Amount: num(e.amount),
    VATPercentage: num(e.vatPercentage),
    VATAmount: num(e.vatAmount),
    Description: e.description,
    Journal: e.journal,
  };
}
