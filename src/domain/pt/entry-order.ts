/** A numbered document's id (`FT A/12`) and its system entry time (`YYYY-MM-DDThh:mm:ss`). */
export interface EntryDoc {
  docId: string;
  systemEntryDate: string;
}

export interface EntryInversion {
  docId: string;
  reason: 'entry_time_inversion';
}

const DOC_ID = /^(.+)\/(\d+)$/;

/**
 * The documents whose system entry time is earlier than that of the document numbered before them in their series
 * and type (any order in, malformed ids skipped: the chain check reports them).
 * NOTE: D8632 §1.6, §3.2.1 — a series is issued chronologically: numbering follows the date and time of issue.
 */
export function entryTimeInversions(docs: readonly EntryDoc[]): EntryInversion[] {
  const series = new Map<string, { seq: number; doc: EntryDoc }[]>();
  for (const doc of docs) {
    const m = DOC_ID.exec(doc.docId);
    if (!m) continue;
    const list = series.get(m[1]) ?? [];
    list.push({ seq: Number(m[2]), doc });
    series.set(m[1], list);
  }
  const out: EntryInversion[] = [];
  for (const list of series.values()) {
    list.sort((a, b) => a.seq - b.seq);
    for (let i = 1; i < list.length; i++) {
      // `YYYY-MM-DDThh:mm:ss` texts compare as the times they name.
      if (list[i].doc.systemEntryDate < list[i - 1].doc.systemEntryDate)
        out.push({ docId: list[i].doc.docId, reason: 'entry_time_inversion' });
    }
  }
  return out;
}
