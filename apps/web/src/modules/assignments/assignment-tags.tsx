import { Progress, Tag, Tooltip } from 'antd';
import type { AssignmentState, Colour, ItemLevel } from './assignments.api';
import { COLOUR_LABELS, COLOUR_STROKES, COLOUR_TAG_COLORS, STATE_COLORS, STATE_LABELS } from './assignment-labels';
import './assignments.css';

/** The state in the server's words (stateLabel), coloured by state. */
export function ItemStateTag({ state, label }: { state: AssignmentState; label?: string }) {
  return <Tag color={STATE_COLORS[state] ?? 'default'}>{label || STATE_LABELS[state] || state}</Tag>;
}

/** 红灯/黄灯/绿灯 with the server's reasons on hover. Renders nothing for items that are not open. */
export function ColourTag({ colour, reasons }: { colour: Colour | null; reasons: string[] }) {
  if (!colour) return null;
  const tip = reasons.length ? (
    <ul className="zs-sv-reasons">
      {reasons.map((reason) => (
        <li key={reason}>{reason}</li>
      ))}
    </ul>
  ) : colour === 'green' ? (
    '进度和反馈正常'
  ) : null;
  return (
    <Tooltip title={tip}>
      <Tag
        color={COLOUR_TAG_COLORS[colour]}
        variant="solid"
        data-testid="sv-colour"
        data-colour={colour}
        aria-label={reasons.length ? `${COLOUR_LABELS[colour]}：${reasons.join('；')}` : COLOUR_LABELS[colour]}
        style={{ marginInlineEnd: 0 }}
      >
        <span className="zs-sv-dot" aria-hidden />
        {COLOUR_LABELS[colour]}
      </Tag>
    </Tooltip>
  );
}

/** 重点 as a tag; 一般 says nothing unless asked. */
export function LevelTag({ level, showGeneral = false }: { level: ItemLevel; showGeneral?: boolean }) {
  if (level === 'key') return <Tag color="volcano" data-testid="sv-level-key">重点</Tag>;
  return showGeneral ? <span className="zs-text-muted">一般</span> : null;
}

/**
 * Actual progress against where the schedule says it should be: the bar is the progress, the dark
 * tick the expected share of the time elapsed.
 */
export function ProgressVsExpected({
  progress,
  expected,
  colour,
  large = false,
}: {
  progress: number;
  expected: number;
  colour: Colour | null;
  large?: boolean;
}) {
  const clamp = (n: number) => Math.max(0, Math.min(100, n));
  return (
    <Tooltip title={`实际完成 ${progress.toFixed(1)}%，按时序应完成 ${expected.toFixed(1)}%`}>
      <div className={`zs-sv-progress${large ? ' zs-sv-progress-large' : ''}`} data-testid="sv-progress">
        <div className="zs-sv-progress-bar">
          <Progress
            percent={clamp(progress)}
            showInfo={false}
            size={large ? { height: 12 } : 'small'}
            strokeColor={colour ? COLOUR_STROKES[colour] : undefined}
            aria-label={`实际完成${progress.toFixed(1)}%`}
          />
          <span className="zs-sv-progress-marker" style={{ left: `${clamp(expected)}%` }} aria-hidden />
        </div>
        <div className="zs-sv-progress-text">
          <span>{progress.toFixed(1)}%</span>
          <span className="zs-text-muted">应 {expected.toFixed(1)}%</span>
        </div>
      </div>
    </Tooltip>
  );
}
