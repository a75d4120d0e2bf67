import { useEffect, useMemo, useRef, useState } from 'react';
import type { GongwenDocument } from '../../api/types';
import { renderHtml } from '@zhongshu/core/gongwen/render-html.ts';

/** Width of the rendered A4 sheet (210 mm at 96 dpi) plus a little room for its shadow. */
const SHEET_WIDTH_PX = Math.ceil((210 * 96) / 25.4) + 16;

/**
 * 绝密: nothing can be selected, copied, dragged out or printed from the page. This only keeps honest
 * people honest; the server is what refuses downloads and print views.
 */
const READ_ONLY_CSS =
  '<style>html, body, * { -webkit-user-select: none !important; user-select: none !important; -webkit-touch-callout: none !important; }' +
  ' @media print { html { display: none !important; } }</style>';

const BLOCKED_EVENTS = ['copy', 'cut', 'contextmenu', 'selectstart', 'dragstart'] as const;

export type PickedPassage = { element: string; quote: string };

/** Highlights on elements, keyed by element path ("body[3]"). */
export type ElementMarks = Record<string, 'comment' | 'error' | 'warning'>;

const MARK_COLORS: Record<ElementMarks[string], string> = {
  comment: 'rgba(250, 173, 20, 0.18)',
  error: 'rgba(255, 77, 79, 0.14)',
  warning: 'rgba(250, 140, 22, 0.12)',
};

function marksCss(marks: ElementMarks | undefined): string {
  if (!marks) return '';
  const rules = Object.entries(marks).map(
    ([element, kind]) => `[data-element="${element.replace(/["\\]/g, '')}"] { background: ${MARK_COLORS[kind]}; border-radius: 2px; }`,
  );
  return rules.length ? `<style>@media screen { ${rules.join(' ')} }</style>` : '';
}

/**
 * The document as it prints (GB/T 9704), rendered in the browser by the engine's own HTML renderer
 * in an isolated frame, scaled down to the width available and as tall as its content.
 */
export function DocumentPaper({
  content,
  topSecret,
  marks,
  onPick,
  title = '公文正文',
}: {
  content: GongwenDocument;
  topSecret: boolean;
  marks?: ElementMarks;
  /** Called when the reader selects text inside one element (used to quote it in a 批注). */
  onPick?: (picked: PickedPassage | null) => void;
  title?: string;
}) {
  const wrapperRef = useRef<HTMLDivElement>(null);
  const frameRef = useRef<HTMLIFrameElement>(null);
  const [contentHeight, setContentHeight] = useState(1123);
  const [available, setAvailable] = useState(SHEET_WIDTH_PX);
  const onPickRef = useRef(onPick);
  useEffect(() => {
    onPickRef.current = onPick;
  }, [onPick]);

  const html = useMemo(() => {
    const page = renderHtml(content);
    const extra = (topSecret ? READ_ONLY_CSS : '') + marksCss(marks);
    return extra ? page.replace('</head>', `${extra}</head>`) : page;
  }, [content, topSecret, marks]);

  useEffect(() => {
    const wrapper = wrapperRef.current;
    if (!wrapper) return;
    // A hidden or collapsing container reports 0 for a moment (a tab switch, a full-page capture): keep the last width.
    const observer = new ResizeObserver(([entry]) => {
      if (entry && entry.contentRect.width > 0) setAvailable(entry.contentRect.width);
    });
    observer.observe(wrapper);
    return () => observer.disconnect();
  }, []);

  // The pagination script inside the frame moves the 版记 once fonts load, so the height is followed, not read once.
  useEffect(() => {
    const frame = frameRef.current;
    if (!frame) return;
    let observer: ResizeObserver | null = null;
    const cleanups: (() => void)[] = [];
    const attach = () => {
      const doc = frame.contentDocument;
      const win = frame.contentWindow as (Window & typeof globalThis) | null;
      if (!doc || !win) return;
      const measure = () => setContentHeight(Math.max(doc.documentElement.scrollHeight, doc.body?.scrollHeight ?? 0));
      measure();
      observer?.disconnect();
      observer = new win.ResizeObserver(measure);
      observer.observe(doc.documentElement);
      if (topSecret) {
        const block = (event: Event) => event.preventDefault();
        for (const name of BLOCKED_EVENTS) doc.addEventListener(name, block);
        const keys = (event: KeyboardEvent) => {
          if ((event.ctrlKey || event.metaKey) && ['c', 'x', 'p', 's', 'a'].includes(event.key.toLowerCase())) event.preventDefault();
        };
        doc.addEventListener('keydown', keys);
        cleanups.push(() => {
          for (const name of BLOCKED_EVENTS) doc.removeEventListener(name, block);
          doc.removeEventListener('keydown', keys);
        });
      } else {
        const pick = () => {
          const selection = doc.getSelection();
          const text = selection?.toString().trim() ?? '';
          const anchor = selection?.anchorNode ?? null;
          const element = (anchor instanceof win.Element ? anchor : anchor?.parentElement)?.closest('[data-element]')?.getAttribute('data-element');
          onPickRef.current?.(text && element ? { element, quote: text } : null);
        };
        doc.addEventListener('mouseup', pick);
        doc.addEventListener('keyup', pick);
        cleanups.push(() => {
          doc.removeEventListener('mouseup', pick);
          doc.removeEventListener('keyup', pick);
        });
      }
    };
    frame.addEventListener('load', attach);
    if (frame.contentDocument?.readyState === 'complete') attach();
    return () => {
      frame.removeEventListener('load', attach);
      observer?.disconnect();
      for (const cleanup of cleanups) cleanup();
    };
  }, [html, topSecret]);

  const scale = Math.min(1, available / SHEET_WIDTH_PX);
  return (
    <div ref={wrapperRef} style={{ width: '100%', overflow: 'hidden', height: Math.ceil(contentHeight * scale), background: '#e6e6e6', borderRadius: 4 }}>
      <iframe
        ref={frameRef}
        title={title}
        srcDoc={html}
        data-testid="document-paper"
        // Not sandboxed: the page is the engine's own output (all text escaped) and must share our origin,
        // so that this component can size the frame and guard 绝密 text; allow-scripts with allow-same-origin would add nothing.
        style={{
          width: SHEET_WIDTH_PX,
          height: contentHeight,
          border: 0,
          display: 'block',
          transform: scale < 1 ? `scale(${scale})` : undefined,
          transformOrigin: 'top left',
          margin: scale < 1 ? 0 : '0 auto',
        }}
      />
    </div>
  );
}
