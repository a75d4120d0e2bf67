import { Tag } from 'antd';
import type { Clearance, Urgency } from '../../api/types';
import { CLEARANCE_LABELS, labelOf } from '../../shared/labels';
import { CLASSIFICATION_COLORS, DOCUMENT_URGENCY_COLORS, DOCUMENT_URGENCY_LABELS, documentStateColor } from './document-labels';

export function DocumentStateTag({ state, label }: { state: string; label: string }) {
  return <Tag color={documentStateColor(state)}>{label}</Tag>;
}

/** 加急 / 特急; 普通 shows nothing unless asked, as it is not printed on the document either. */
export function DocumentUrgencyTag({ urgency, hideNormal = false }: { urgency: Urgency; hideNormal?: boolean }) {
  if (hideNormal && urgency === 'normal') return null;
  return (
    <Tag color={DOCUMENT_URGENCY_COLORS[urgency]} variant="outlined">
      {labelOf(DOCUMENT_URGENCY_LABELS, urgency)}
    </Tag>
  );
}

/** 秘密 / 机密 / 绝密; 非密 shows nothing unless asked. */
export function ClassificationTag({ classification, hideNone = false }: { classification: Clearance; hideNone?: boolean }) {
  if (hideNone && classification === 'none') return null;
  return <Tag color={CLASSIFICATION_COLORS[classification]}>{labelOf(CLEARANCE_LABELS, classification)}</Tag>;
}

export function ImportantTag({ important }: { important: boolean }) {
  return important ? <Tag color="magenta">重要</Tag> : null;
}
