import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { AutosaveEngine, type SaveStatus } from './autosave-engine';
import { getCsrfToken } from '../../../api/client';
import { saveContent, saveContentKeepalive, type SaveContentResult } from './editor.api';
import type { DraftValue } from './editor-model';
import { clearLocalDraft, writeLocalDraft } from './local-draft';

type Options = {
  documentId: string;
  userId: string;
  initialValue: DraftValue;
  initialRev: number;
  /** Classified text is never copied into the browser's storage. */
  keepLocalCopy: boolean;
  onSaved: (result: SaveContentResult, sent: DraftValue) => void;
  onRefused: (message: string) => void;
};

/**
 * Autosave for one document: the engine, its status for rendering, and the page events that must
 * not lose a change (tab hidden or closed, leaving the page, the connection coming back).
 */
export function useAutosave(options: Options): { engine: AutosaveEngine; status: SaveStatus } {
  const callbacks = useRef(options);
  callbacks.current = options;

  const [engine] = useState(() => {
    const { documentId, userId, keepLocalCopy } = options;
    return new AutosaveEngine(options.initialValue, options.initialRev, {
      save: (input, keepalive) =>
        keepalive && getCsrfToken() ? saveContentKeepalive(documentId, input, getCsrfToken()!) : saveContent(documentId, input),
      storeLocal: keepLocalCopy
        ? (value, baseRev) => writeLocalDraft(userId, documentId, { baseRev, savedAt: Date.now(), content: value.content, important: value.important })
        : null,
      clearLocal: () => clearLocalDraft(userId, documentId),
      onSaved: (result, sent) => callbacks.current.onSaved(result, sent),
      onRefused: (message) => callbacks.current.onRefused(message),
    });
  });

  const status = useSyncExternalStore(engine.subscribe, engine.getStatus);

  useEffect(() => {
    const onHidden = () => {
      if (document.visibilityState === 'hidden') engine.flushOnExit();
    };
    const onLeave = () => engine.flushOnExit();
    const onOnline = () => engine.retryNow();
    document.addEventListener('visibilitychange', onHidden);
    window.addEventListener('pagehide', onLeave);
    window.addEventListener('beforeunload', onLeave);
    window.addEventListener('online', onOnline);
    return () => {
      document.removeEventListener('visibilitychange', onHidden);
      window.removeEventListener('pagehide', onLeave);
      window.removeEventListener('beforeunload', onLeave);
      window.removeEventListener('online', onOnline);
      // Leaving the editor inside the app: whatever is pending goes now rather than being dropped.
      engine.flushOnExit();
      engine.dispose();
    };
  }, [engine]);

  return { engine, status };
}
