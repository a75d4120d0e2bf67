/**
 * 领导交办 (assignment): a leader — or the office acting for the leader — assigns a task to a unit;
 * the unit signs for it, reports progress, may ask for more time, and reports completion, which
 * the leader confirms or sends back.
 *
 * Relationships the server computes for the acting user:
 * - `leader`: the assigning leader;
 * - `office`: 党办 staff acting for the leader;
 * - `assignee`: users of the assignee unit / the responsible person.
 */
import { isValidDate, toShanghaiDate } from "../calendar/calendar.ts";
import type { WorkflowDefinition } from "./engine.ts";

/** States of an assignment. */
export type AssignmentState =
  | "pending_receipt"
  | "in_progress"
  | "extension_requested"
  | "completion_reported"
  | "completed"
  | "cancelled";

const LEADER_SIDE = ["leader", "office"] as const;
const ASSIGNEE = ["assignee"] as const;
const NEW_DEADLINE_LABEL = "新的办理期限";

/**
 * Reads the record's current deadline as a Shanghai date. The server may hand over the stored
 * "YYYY-MM-DD" date or an instant (Date or ISO string); anything else means "unknown".
 */
function deadlineDate(value: unknown): string | null {
  if (typeof value === "string") {
    if (isValidDate(value)) return value;
    const instant = new Date(value);
    return Number.isNaN(instant.getTime()) ? null : toShanghaiDate(instant);
  }
  if (value instanceof Date && !Number.isNaN(value.getTime())) return toShanghaiDate(value);
  return null;
}

/**
 * An extension must name a real date later than the current deadline, and not in the past
 * (an extension to a day already gone would leave the item overdue the moment it is approved).
 */
function validateNewDeadline(
  input: Record<string, unknown>,
  ctx: { now: Date; data: Record<string, unknown> },
): { field: string; message: string } | null {
  const value = input.newDeadline;
  if (typeof value !== "string" || !isValidDate(value)) {
    return { field: "newDeadline", message: `${NEW_DEADLINE_LABEL}：请填写有效日期，格式为YYYY-MM-DD` };
  }
  const current = deadlineDate(ctx.data.deadline);
  // "YYYY-MM-DD" strings compare correctly as text.
  if (current !== null && value <= current) {
    return { field: "newDeadline", message: `${NEW_DEADLINE_LABEL}：须晚于原办理期限（${current}）` };
  }
  const today = toShanghaiDate(ctx.now);
  if (value < today) {
    return { field: "newDeadline", message: `${NEW_DEADLINE_LABEL}：不能早于今天（${today}）` };
  }
  return null;
}

/** The 领导交办 workflow definition. */
export const assignmentWorkflow: WorkflowDefinition<AssignmentState> = {
  name: "assignment",
  label: "领导交办",
  initial: "pending_receipt",
  states: {
    pending_receipt: { label: "待签收" },
    in_progress: { label: "办理中" },
    extension_requested: { label: "延期审批中" },
    completion_reported: { label: "待确认办结" },
    completed: { label: "已办结", final: true },
    cancelled: { label: "已撤销", final: true },
  },
  transitions: [
    { action: "sign", label: "签收", from: ["pending_receipt"], to: "in_progress", allowed: ASSIGNEE },
    {
      action: "report_progress",
      label: "报告进展",
      from: ["in_progress"],
      to: "in_progress",
      allowed: ASSIGNEE,
      requiresComment: true,
    },
    {
      action: "request_extension",
      label: "申请延期",
      from: ["in_progress"],
      to: "extension_requested",
      allowed: ASSIGNEE,
      requiresComment: true,
      requiredFields: [{ name: "newDeadline", label: NEW_DEADLINE_LABEL }],
      validate: validateNewDeadline,
    },
    {
      action: "approve_extension",
      label: "同意延期",
      from: ["extension_requested"],
      to: "in_progress",
      allowed: LEADER_SIDE,
    },
    {
      action: "refuse_extension",
      label: "不同意延期",
      from: ["extension_requested"],
      to: "in_progress",
      allowed: LEADER_SIDE,
      requiresComment: true,
    },
    {
      action: "report_completion",
      label: "报告办结",
      from: ["in_progress"],
      to: "completion_reported",
      allowed: ASSIGNEE,
      requiresComment: true,
    },
    { action: "confirm", label: "确认办结", from: ["completion_reported"], to: "completed", allowed: LEADER_SIDE },
    {
      action: "send_back",
      label: "退回重办",
      from: ["completion_reported"],
      to: "in_progress",
      allowed: LEADER_SIDE,
      requiresComment: true,
    },
    {
      action: "cancel",
      label: "撤销",
      from: ["pending_receipt", "in_progress", "extension_requested"],
      to: "cancelled",
      allowed: LEADER_SIDE,
      requiresComment: true,
    },
  ],
};
