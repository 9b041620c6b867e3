import type { ImportView } from '../../app/imports/get-import.js';

/** What the progress page shows of an import, and what each server-sent event carries. */
export interface ImportProgress {
  id: number;
  status: ImportView['status'];
  done: boolean;
  documents: number;
  issued: number;
  failed: number;
  pending: number;
  /** Documents handled (issued or refused), the progress bar's value; `documents` is its max. */
  handled: number;
  /** 0–100, whole: 100 only once nothing is pending. */
  percent: number;
  rate: number | null;
  etaSeconds: number | null;
}

export function importProgress(v: ImportView): ImportProgress {
  const handled = v.issued + v.failed;
  const done = v.status === 'done';
  const percent = v.documents === 0 ? (done ? 100 : 0) : Math.floor((handled / v.documents) * 100);
  return {
    id: v.id,
    status: v.status,
    done,
    documents: v.documents,
    issued: v.issued,
    failed: v.failed,
    pending: v.pending,
    handled,
    percent: v.pending > 0 ? Math.min(percent, 99) : done ? 100 : percent,
    rate: v.rate,
    etaSeconds: v.etaSeconds,
  };
}

/** Seconds as `1 h 02 min`, `3 min 05 s` or `12 s`. */
export function durationText(seconds: number | null): string {
  if (seconds === null) return '—';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  if (h) return `${h} h ${pad(m)} min`;
  if (m) return `${m} min ${pad(s % 60)} s`;
  return `${s} s`;
}
