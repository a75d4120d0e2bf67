/**
 * 督查督办 warning rules: every threshold is configuration (REGULATIONS.md D.3), with the product's
 * defaults. Kept apart from the rules so the web's settings form can use it without the calendar data.
 */
export interface SupervisionConfig {
  /** 签收 within this many working days of 交办. */
  receiptWorkdays: number;
  /** Yellow when the deadline is within this many working days. */
  dueSoonWorkdays: number;
  /** Yellow from this many percentage points behind the straight-line schedule… */
  yellowBehindPoints: number;
  /** …red when more than this many points behind. */
  redBehindPoints: number;
  /** Yellow at this many feedbacks missed in a row. */
  yellowMissedFeedbacks: number;
  /** Red at this many feedbacks missed in a row. */
  redMissedFeedbacks: number;
  /** Issue the next escalation notice by itself when an item turns red. */
  autoEscalateOnRed: boolean;
  /** An escalation notice asks for a written reply within this many working days. */
  escalationReplyWorkdays: number;
  /** A unit with this many items turning red in one quarter is proposed for 约谈. */
  interviewRedThreshold: number;
}

export const DEFAULT_SUPERVISION_CONFIG: Readonly<SupervisionConfig> = Object.freeze({
  receiptWorkdays: 2,
  dueSoonWorkdays: 3,
  yellowBehindPoints: 10,
  redBehindPoints: 30,
  yellowMissedFeedbacks: 1,
  redMissedFeedbacks: 2,
  autoEscalateOnRed: true,
  escalationReplyWorkdays: 3,
  interviewRedThreshold: 3,
});

/** Bounds for each numeric setting, so a typing slip cannot switch warnings off. */
export const SUPERVISION_CONFIG_BOUNDS: Record<Exclude<keyof SupervisionConfig, 'autoEscalateOnRed'>, { min: number; max: number; label: string }> = {
  receiptWorkdays: { min: 1, max: 10, label: '签收时限（工作日）' },
  dueSoonWorkdays: { min: 0, max: 20, label: '临期黄灯（工作日）' },
  yellowBehindPoints: { min: 1, max: 100, label: '黄灯进度落后（百分点）' },
  redBehindPoints: { min: 1, max: 100, label: '红灯进度落后（百分点）' },
  yellowMissedFeedbacks: { min: 1, max: 10, label: '黄灯未按期反馈（次）' },
  redMissedFeedbacks: { min: 1, max: 10, label: '红灯未按期反馈（次）' },
  escalationReplyWorkdays: { min: 1, max: 20, label: '催办回复时限（工作日）' },
  interviewRedThreshold: { min: 1, max: 20, label: '约谈提议红灯数（每季度）' },
};

/** Checks a whole configuration; returns the first mistake as { field, message } or null. */
export function validateSupervisionConfig(c: SupervisionConfig): { field: string; message: string } | null {
  for (const [key, b] of Object.entries(SUPERVISION_CONFIG_BOUNDS) as [keyof typeof SUPERVISION_CONFIG_BOUNDS, (typeof SUPERVISION_CONFIG_BOUNDS)[keyof typeof SUPERVISION_CONFIG_BOUNDS]][]) {
    const v = c[key];
    if (!Number.isInteger(v) || v < b.min || v > b.max) return { field: key, message: `${b.label}：请填写${b.min}到${b.max}之间的整数` };
  }
  if (c.redBehindPoints < c.yellowBehindPoints) return { field: 'redBehindPoints', message: '红灯进度落后（百分点）：不能小于黄灯的百分点' };
  if (c.redMissedFeedbacks < c.yellowMissedFeedbacks) return { field: 'redMissedFeedbacks', message: '红灯未按期反馈（次）：不能小于黄灯的次数' };
  return null;
}
