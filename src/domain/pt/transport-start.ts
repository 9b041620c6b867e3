import { lisbonDateTime } from '../time.js';

/**
 * The latest start of transport AT takes when a transport document is communicated at `now`: three calendar months
 * ahead on Lisbon's clock (the day clamped to the month's last, so 30 November + 3 months is 28/29 February).
 * NOTE: Manual de Integração — Comunicação dos Documentos de Transporte (AT, 2025-07-31) §4.2, return code -21:
 * "A data de início de transporte só pode ter no máximo 3 meses de antecedência".
 */
export function latestTransportStart(now: Date): string {
  const local = lisbonDateTime(now);
  const [y, m, d] = local.slice(0, 10).split('-').map(Number) as [number, number, number];
  const month = m - 1 + 3;
  const year = y + Math.floor(month / 12);
  const lastDay = new Date(Date.UTC(year, (month % 12) + 1, 0)).getUTCDate();
  const day = String(Math.min(d, lastDay)).padStart(2, '0');
  return `${year}-${String((month % 12) + 1).padStart(2, '0')}-${day}${local.slice(10)}`;
}

/** Whether a start of transport (`YYYY-MM-DDThh:mm:ss`, Lisbon) is further ahead than AT takes at `now`. */
export function transportStartTooFar(loadAt: string, now: Date): boolean {
  return loadAt > latestTransportStart(now);
}
