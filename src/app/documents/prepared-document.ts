import type { KeyObject } from 'node:crypto';
import type { Draft } from './build-draft.js';
import type { FinalizeHead } from './finalize-values.js';

/** A create request resolved, validated and computed: what is left to do needs the transaction. */
export interface PreparedDocument {
  draft: Draft;
  sendTo: string[] | null;
  finalize: boolean;
  /**
   * Create-and-finalize of a document that references no other document: what finalize reads before the
   * counter lock, so it can be issued with others (`issueDocuments`). Otherwise null (draft, then finalize).
   */
  issue: { head: FinalizeHead; key: { version: number; key: KeyObject } | null } | null;
}
