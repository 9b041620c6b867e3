import type { TransmissionStatus } from '../../app/peppol/ports.js';

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : null);

/**
 * A status webhook from the access point: the service provider's (Billit's shape: `{UpdatedEntityID, EntityDetail:
 * {OrderID, CurrentDocumentDeliveryDetails: {DocumentDeliveryStatus: Pending|Delivered|Error, DeliveryMessage}}}`)
 * or a gateway's neutral `{transmissionId, status: sent|delivered|refused|failed, reason?}`. Null for anything else.
 */
export function readStatusCallback(body: unknown): TransmissionStatus | null {
  if (typeof body !== 'object' || body === null) return null;
  const b = body as Record<string, unknown>;
  const detail = (b.EntityDetail ?? null) as Record<string, unknown> | null;
  if (detail && typeof detail === 'object') {
    const id = text(detail.OrderID) ?? text(b.UpdatedEntityID);
    const d = (detail.CurrentDocumentDeliveryDetails ?? {}) as Record<string, unknown>;
    const s = String(d.DocumentDeliveryStatus ?? '').toLowerCase();
    if (!id) return null;
    const status =
      d.IsDocumentDelivered === true || s === 'delivered' ? 'delivered' : s === 'error' ? 'refused' : 'sent';
    const at = text(d.DeliveryDate);
    return {
      transmissionId: id,
      status,
      reason: text(d.DeliveryMessage) ?? undefined,
      at: at ? new Date(at) : undefined,
    };
  }
  const id = text(b.transmissionId);
  const status = text(b.status)?.toLowerCase();
  if (!id || !status || !['sent', 'delivered', 'refused', 'failed'].includes(status)) return null;
  return { transmissionId: id, status: status as TransmissionStatus['status'], reason: text(b.reason) ?? undefined };
}
