// Autosave of the draft: every change is first written to the local copy, then sent to the server
// once the clerk pauses. One save is in flight at a time; changes made meanwhile go in the next one.
// Kept free of React so that its order of events can be read (and tested) on its own.
import { isApiError } from '../../../api/client';
import type { SaveContentInput, SaveContentResult } from './editor.api';
import { saveInput, type DraftValue } from './editor-model';

export type SaveStatus =
  /** Nothing changed since the text was loaded. */
  | { kind: 'clean' }
  /** Changed; waiting for the clerk to pause. */
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  /** The server could not be reached; retried on its own. */
  | { kind: 'offline'; storedLocally: boolean }
  /** Someone else saved first (409 DOCUMENT_EDIT_CONFLICT); stopped until the clerk decides. */
  | { kind: 'conflict'; message: string; storedLocally: boolean }
  /** The server refused the text; `retryable` when the next change may well succeed. */
  | { kind: 'failed'; message: string; storedLocally: boolean; retryable: boolean };

export type AutosaveDeps = {
  save: (input: SaveContentInput, keepalive: boolean) => Promise<SaveContentResult>;
  /** Writes the local copy; returns false when the browser refused. Null: keep no local copy (绝密). */
  storeLocal: ((value: DraftValue, baseRev: number) => boolean) | null;
  clearLocal: () => void;
  onSaved: (result: SaveContentResult, sent: DraftValue) => void;
  /** The server will not take edits from this user any more (403, read-only state). */
  onRefused: (message: string) => void;
  debounceMs?: number;
};

const RETRY_MIN_MS = 3_000;
const RETRY_MAX_MS = 30_000;

/** Codes after which saving again is pointless until something changes on the server side. */
const REFUSED = new Set(['FORBIDDEN', 'DOCUMENT_READ_ONLY', 'NOT_FOUND', 'WORKFLOW_ACTION_NOT_ALLOWED']);

export class AutosaveEngine {
  private value: DraftValue;
  private rev: number;
  private changeSeq = 0;
  private savedSeq = 0;
  private inFlight: Promise<void> | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private retryDelay = 0;
  private blocked = false;
  private storedLocally = false;
  private status: SaveStatus = { kind: 'clean' };
  private readonly listeners = new Set<() => void>();
  private readonly deps: AutosaveDeps;

  constructor(value: DraftValue, rev: number, deps: AutosaveDeps) {
    this.value = value;
    this.rev = rev;
    this.deps = deps;
  }

  getStatus = (): SaveStatus => this.status;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get currentRev(): number {
    return this.rev;
  }

  hasUnsaved(): boolean {
    return this.changeSeq !== this.savedSeq;
  }

  isBusy(): boolean {
    return this.inFlight !== null;
  }

  /** Records a change: local copy now, server after the pause (or at once for a one-click fix). */
  change(value: DraftValue, immediate = false): void {
    this.value = value;
    this.changeSeq++;
    this.storedLocally = this.deps.storeLocal?.(value, this.rev) ?? false;
    if (this.blocked) {
      // Keep telling the clerk the text is safe on this machine while the conflict waits.
      if (this.status.kind === 'conflict' || this.status.kind === 'failed') this.setStatus({ ...this.status, storedLocally: this.storedLocally });
      return;
    }
    if (this.status.kind !== 'saving' && this.status.kind !== 'offline') this.setStatus({ kind: 'pending' });
    this.schedule(immediate ? 0 : (this.deps.debounceMs ?? 1500));
  }

  /** Saves now if anything is unsaved; resolves when that save has ended, however it ended. */
  saveNow(keepalive = false): Promise<void> {
    if (this.inFlight) return this.inFlight;
    if (this.blocked || !this.hasUnsaved()) return Promise.resolve();
    this.clearTimer();
    const seq = this.changeSeq;
    const value = this.value;
    this.setStatus({ kind: 'saving' });
    const run = (async () => {
      try {
        const result = await this.deps.save(saveInput(this.rev, value), keepalive);
        this.rev = result.rev;
        this.savedSeq = seq;
        this.retryDelay = 0;
        this.deps.onSaved(result, value);
        if (this.changeSeq === seq) {
          this.deps.clearLocal();
          this.setStatus({ kind: 'saved', at: new Date() });
        } else {
          // Typed on while the save was out: the copy now stands on the new revision.
          this.storedLocally = this.deps.storeLocal?.(this.value, this.rev) ?? false;
          this.setStatus({ kind: 'pending' });
          this.schedule(this.deps.debounceMs ?? 1500);
        }
      } catch (error) {
        this.handleError(error);
      } finally {
        this.inFlight = null;
      }
    })();
    this.inFlight = run;
    return run;
  }

  /**
   * Saves everything before a step that needs the server to have it (送核稿, 预览).
   * @throws Error with a Chinese message when the text could not be saved
   */
  async flush(): Promise<void> {
    this.clearTimer();
    for (let round = 0; round < 5 && (this.hasUnsaved() || this.inFlight); round++) {
      if (this.blocked) break;
      await (this.inFlight ?? this.saveNow());
      const kind = this.status.kind;
      if (kind === 'offline' || kind === 'failed' || kind === 'conflict') break;
    }
    if (this.hasUnsaved()) throw new Error(this.unsavedReason());
  }

  /** Tab hidden or closing: send what is pending with keepalive so that it survives the page. */
  flushOnExit(): void {
    if (this.hasUnsaved() && !this.inFlight && !this.blocked) void this.saveNow(true);
  }

  /** The connection is back: try again at once. */
  retryNow(): void {
    if (this.status.kind === 'offline' || (this.status.kind === 'failed' && this.status.retryable)) void this.saveNow();
  }

  /**
   * Moves onto another server revision: after a conflict (reload the server's text, or keep ours and
   * overwrite), or to follow the server while nothing is pending. With `value`, ours is discarded.
   */
  rebase(rev: number, value?: DraftValue): void {
    this.clearTimer();
    this.rev = rev;
    this.blocked = false;
    this.retryDelay = 0;
    if (value) {
      this.value = value;
      this.savedSeq = this.changeSeq;
      this.deps.clearLocal();
      this.setStatus({ kind: 'clean' });
    } else if (this.hasUnsaved()) {
      this.storedLocally = this.deps.storeLocal?.(this.value, this.rev) ?? false;
      this.setStatus({ kind: 'pending' });
    }
  }

  dispose(): void {
    this.clearTimer();
  }

  private unsavedReason(): string {
    const s = this.status;
    if (s.kind === 'offline') return '网络中断，文稿尚未保存到服务器，请恢复网络后再试';
    if (s.kind === 'conflict' || s.kind === 'failed') return s.message;
    return '文稿尚未保存，请稍后再试';
  }

  private handleError(error: unknown): void {
    const storedLocally = this.storedLocally;
    if (!isApiError(error)) {
      this.setStatus({ kind: 'failed', message: '保存失败，请稍后重试', storedLocally, retryable: true });
      this.scheduleRetry();
      return;
    }
    if (error.code === 'DOCUMENT_EDIT_CONFLICT') {
      this.blocked = true;
      this.setStatus({ kind: 'conflict', message: '文稿已被他人修改，您的修改未能保存', storedLocally });
      return;
    }
    if (error.status === 0) {
      this.setStatus({ kind: 'offline', storedLocally });
      this.scheduleRetry();
      return;
    }
    if (error.status >= 500 || error.status === 429) {
      this.setStatus({ kind: 'failed', message: error.message, storedLocally, retryable: true });
      this.scheduleRetry();
      return;
    }
    if (error.status === 403 || REFUSED.has(error.code)) {
      this.blocked = true;
      this.setStatus({ kind: 'failed', message: error.message, storedLocally, retryable: false });
      this.deps.onRefused(error.message);
      return;
    }
    // A validation message (or a lost session): the next change may fix it, so no timer.
    this.setStatus({ kind: 'failed', message: error.message, storedLocally, retryable: true });
  }

  private schedule(ms: number): void {
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.saveNow();
    }, ms);
  }

  private scheduleRetry(): void {
    this.retryDelay = Math.min(RETRY_MAX_MS, Math.max(RETRY_MIN_MS, this.retryDelay * 2));
    this.schedule(this.retryDelay);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private setStatus(status: SaveStatus): void {
    this.status = status;
    for (const listener of this.listeners) listener();
  }
}
