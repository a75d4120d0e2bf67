import { createContext, useContext, type ReactNode } from 'react';
import type { GongwenDocument, Severity } from '@zhongshu/core/gongwen/model.ts';
import type { DocumentComment } from './editor.api';
import type { EditorPickers } from './use-editor-pickers';

export type UpdateOptions = {
  /** Save at once instead of after the pause (a one-click fix, a paste). */
  immediate?: boolean;
};

export type Recipe = (content: GongwenDocument) => GongwenDocument;

export type EditorContextValue = {
  content: GongwenDocument;
  important: boolean;
  /** Every edit goes through here: renumbers the headings, keeps the local copy, schedules the save. */
  update: (recipe: Recipe, options?: UpdateOptions) => void;
  setImportant: (important: boolean) => void;
  severityByElement: ReadonlyMap<string, Severity>;
  /** Unresolved reviewer comments by element path. */
  commentsByElement: ReadonlyMap<string, DocumentComment[]>;
  resolveComment: (commentId: string) => void;
  resolvingCommentId: string | null;
  pickers: EditorPickers;
  /** Joint issue (联合行文) was chosen for this document. */
  hasCoIssuers: boolean;
};

const EditorContext = createContext<EditorContextValue | null>(null);

export function EditorProvider({ value, children }: { value: EditorContextValue; children: ReactNode }) {
  return <EditorContext.Provider value={value}>{children}</EditorContext.Provider>;
}

export function useEditor(): EditorContextValue {
  const value = useContext(EditorContext);
  if (!value) throw new Error('useEditor must be used inside <EditorProvider>');
  return value;
}

/** antd `status` of a field from the worst finding on its element. */
export function statusOf(severity: Severity | undefined): 'error' | 'warning' | undefined {
  if (severity === 'error') return 'error';
  if (severity === 'warning') return 'warning';
  return undefined;
}

export function useFieldStatus(path: string): 'error' | 'warning' | undefined {
  return statusOf(useEditor().severityByElement.get(path));
}
