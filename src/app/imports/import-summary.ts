import { sql } from 'kysely';

/** An import as a list shows it. */
export interface ImportSummary {
  id: number;
  status: 'issuing' | 'done';
  fileName: string;
  rows: number;
  documents: number;
  issued: number;
  failed: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** Its documents, those issued and those refused, counted beside an `imports as i` row. */
export const importCounts = [
  sql<string>`(SELECT count(*) FROM import_groups g WHERE g.import_id = i.id)`.as('documents'),
  sql<string>`(SELECT count(*) FROM import_groups g WHERE g.import_id = i.id AND g.document_id IS NOT NULL)`.as(
    'issued',
  ),
  sql<string>`(SELECT count(*) FROM import_groups g WHERE g.import_id = i.id AND g.error IS NOT NULL)`.as('failed'),
];

export interface ImportSummaryRow {
  id: number;
  status: 'issuing' | 'done';
  file_name: string;
  row_count: number;
  documents: string;
  issued: string;
  failed: string;
  created_at: string | Date;
  started_at: string | Date | null;
  finished_at: string | Date | null;
}

export function importSummaryOf(r: ImportSummaryRow): ImportSummary {
  return {
    id: r.id,
    status: r.status,
    fileName: r.file_name,
    rows: r.row_count,
    documents: Number(r.documents),
    issued: Number(r.issued),
    failed: Number(r.failed),
    createdAt: instant(r.created_at),
    startedAt: r.started_at && instant(r.started_at),
    finishedAt: r.finished_at && instant(r.finished_at),
  };
}

const instant = (v: string | Date) => (v instanceof Date ? v : new Date(v)).toISOString();
