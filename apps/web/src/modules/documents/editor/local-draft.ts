// The copy of unsaved edits kept in the browser, so that nothing typed is lost to a dropped
// connection or a closed tab. One entry per user and document; cleared once the server has it.
import type { GongwenDocument } from '@zhongshu/core/gongwen/model.ts';

export type LocalDraft = {
  /** The server revision the edits were made on. */
  baseRev: number;
  /** When the copy was written (ms since epoch). */
  savedAt: number;
  content: GongwenDocument;
  important: boolean;
};

const PREFIX = 'zhongshu.document-draft';
const keyOf = (userId: string, documentId: string) => `${PREFIX}.${userId}.${documentId}`;

export function readLocalDraft(userId: string, documentId: string): LocalDraft | null {
  try {
    const raw = window.localStorage.getItem(keyOf(userId, documentId));
    if (!raw) return null;
    const draft = JSON.parse(raw) as Partial<LocalDraft>;
    if (typeof draft.baseRev !== 'number' || !draft.content || !Array.isArray(draft.content.elements?.body)) return null;
    return { baseRev: draft.baseRev, savedAt: draft.savedAt ?? 0, content: draft.content, important: draft.important === true };
  } catch {
    return null;
  }
}

/** Writes the copy; false when the browser refused (storage full or disabled). */
export function writeLocalDraft(userId: string, documentId: string, draft: LocalDraft): boolean {
  try {
    window.localStorage.setItem(keyOf(userId, documentId), JSON.stringify(draft));
    return true;
  } catch {
    return false;
  }
}

export function clearLocalDraft(userId: string, documentId: string): void {
  try {
    window.localStorage.removeItem(keyOf(userId, documentId));
  } catch {
    // Storage disabled: there is nothing to clear.
  }
}
