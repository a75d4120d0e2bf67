import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { checkDocument, type CheckOptions } from '@zhongshu/core/gongwen/checker.ts';
import { applyFix, getElementText } from '@zhongshu/core/gongwen/element-text.ts';
import type { Finding, GongwenDocument, Severity } from '@zhongshu/core/gongwen/model.ts';
import { baseElement } from './element-paths';

export type LiveFinding = Finding & {
  /** Stable enough for a React key within one run. */
  key: string;
  /** Found by the server's check only (its sensitive-term and wording lists, its org tree). */
  fromServer: boolean;
};

export type FindingCounts = Record<Severity, number>;

/** The server's findings and the text they were made on (the last text it saved). */
export type ServerCheck = { findings: Finding[]; basis: GongwenDocument };

const CHECK_DELAY_MS = 300;
const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const ELEMENT_ORDER = [
  'documentType', 'copyNumber', 'classification', 'urgency', 'issuerMark', 'documentNumber', 'signers', 'title',
  'primaryRecipients', 'body', 'attachmentNotes', 'issuerSignatures', 'signatureStamps', 'issueDate', 'note',
  'attendees', 'absentees', 'nonVotingAttendees', 'attachments', 'copyRecipients', 'printingOrgan', 'printingDate',
];

function identity(f: Finding): string {
  return `${f.code}|${f.element}|${f.range?.start ?? ''}-${f.range?.end ?? ''}|${f.message}`;
}

function position(path: string): [number, number] {
  const at = ELEMENT_ORDER.indexOf(baseElement(path));
  const index = /\[(\d+)\]/.exec(path);
  return [at === -1 ? ELEMENT_ORDER.length : at, index ? Number(index[1]) : -1];
}

/** Errors first, then in the order the elements stand in the document. */
function byImportanceThenPlace(a: Finding, b: Finding): number {
  const rank = SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];
  if (rank !== 0) return rank;
  const [pa, ia] = position(a.element);
  const [pb, ib] = position(b.element);
  return pa - pb || ia - ib;
}

/** What an element reads like, for telling whether the clerk changed it since the server checked it. */
function snapshot(doc: GongwenDocument, path: string): string {
  const text = getElementText(doc, path);
  if (text !== undefined) return text;
  const base = baseElement(path);
  if (base === 'documentType') return String(doc.documentType);
  return JSON.stringify((doc.elements as unknown as Record<string, unknown>)[base] ?? null);
}

/**
 * The server's findings the browser's check does not make on the same text: they need lists only the
 * server has (sensitive terms, the unit's wording list) or a stricter check.
 */
function serverOnlyFindings(server: ServerCheck | null, options: CheckOptions): { basis: GongwenDocument; findings: Finding[] } | null {
  if (!server || server.findings.length === 0) return null;
  const seen = new Set(checkDocument(server.basis, options).map(identity));
  const findings = server.findings.filter((f) => !seen.has(identity(f)));
  return findings.length ? { basis: server.basis, findings } : null;
}

function runCheck(content: GongwenDocument, server: ReturnType<typeof serverOnlyFindings>, options: CheckOptions): LiveFinding[] {
  const local = checkDocument(content, options);
  let serverOnly: Finding[] = [];
  if (server) {
    // A server finding still holds while the elements it points at are as the server saw them.
    const localKeys = new Set(local.map(identity));
    serverOnly = server.findings.filter((f) => {
      if (localKeys.has(identity(f))) return false;
      const paths = f.fix && f.fix.element !== f.element ? [f.element, f.fix.element] : [f.element];
      return paths.every((p) => snapshot(server.basis, p) === snapshot(content, p));
    });
  }
  const counts = new Map<string, number>();
  return [...local.map((f) => ({ f, fromServer: false })), ...serverOnly.map((f) => ({ f, fromServer: true }))]
    .sort((a, b) => byImportanceThenPlace(a.f, b.f))
    .map(({ f, fromServer }) => {
      const id = identity(f);
      const n = counts.get(id) ?? 0;
      counts.set(id, n + 1);
      return { ...f, key: n ? `${id}#${n}` : id, fromServer };
    });
}

/**
 * Runs the engine's checker in the browser a moment after each change, adding what only the server's
 * check found. `fix` applies a finding to the current text, re-checking first if the text moved on
 * since the findings were made, so a range never lands on the wrong characters.
 */
export function useLiveFindings(content: GongwenDocument, serverCheck: ServerCheck | null, options: CheckOptions) {
  const server = useMemo(() => serverOnlyFindings(serverCheck, options), [serverCheck, options]);
  const [result, setResult] = useState(() => ({ on: content, server, options, findings: runCheck(content, server, options) }));
  const latest = useRef({ content, server, options });
  latest.current = { content, server, options };

  useEffect(() => {
    if (result.on === content && result.server === server && result.options === options) return;
    const timer = setTimeout(() => setResult({ on: content, server, options, findings: runCheck(content, server, options) }), CHECK_DELAY_MS);
    return () => clearTimeout(timer);
    // `result` is read but not a dependency: a new result must not schedule another run.
  }, [content, server, options]);

  const counts = useMemo<FindingCounts>(() => {
    const c: FindingCounts = { error: 0, warning: 0, info: 0 };
    for (const f of result.findings) c[f.severity]++;
    return c;
  }, [result.findings]);

  /** Worst severity per element path, for colouring the fields. */
  const severityByElement = useMemo(() => {
    const map = new Map<string, Severity>();
    for (const f of result.findings) {
      const had = map.get(f.element);
      if (!had || SEVERITY_RANK[f.severity] < SEVERITY_RANK[had]) map.set(f.element, f.severity);
    }
    return map;
  }, [result.findings]);

  const fix = useCallback(
    (finding: LiveFinding): GongwenDocument | null => {
      const { content: now, server: srv, options: opts } = latest.current;
      if (!finding.fix) return null;
      if (result.on === now) return applyFix(now, finding);
      // The range may have moved with the typing; the same problem on the same element is still this one.
      const fresh = runCheck(now, srv, opts).find((f) => f.code === finding.code && f.element === finding.element && f.message === finding.message);
      return fresh?.fix ? applyFix(now, fresh) : null;
    },
    [result.on],
  );

  return { findings: result.findings, counts, severityByElement, fix };
}
