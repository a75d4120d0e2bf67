/**
 * 督查督办 / 领导交办 (one flow for both): an item is registered (立项) and dispatched (交办) to a lead
 * unit — a leader's own 交办 is dispatched at once; the unit signs for it, reports at every feedback
 * cycle (cooperating units contribute their part), may ask for more time before the deadline, and
 * reports completion with evidence; the office reviews it (accepts or returns it) and the responsible
 * leader confirms it with a rating (销号).
 *
 * Relationships the server computes for the acting user:
 * - `leader`: the responsible leader (责任领导, who assigned it);
 * - `office`: 党办 staff (督查室), who register, dispatch and review;
 * - `assignee`: users of the lead unit / the responsible person;
 * - `cooperator`: clerks of a cooperating unit (配合单位): they contribute, never close.
 */
import { isValidDate, toShanghaiDate } from "../calendar/calendar.ts";
import type { WorkflowDefinition } from "./engine.ts";

/** States of an assignment. */
export type AssignmentState =
  | "registered"
  | "pending_receipt"
  | "in_progress"
  | "extension_requested"
  | "completion_reported"
  | "office_accepted"
  | "completed"
  | "cancelled";

const LEADER_SIDE = ["leader", "office"] as const;
const ASSIGNEE = ["assignee"] as const;
const OFFICE = ["office"] as const;
const LEADER = ["leader"] as const;
const RATING_VALUES = ["excellent", "good", "fair", "poor"];

/** Actions that record something without moving the item: the service keeps the current state. */
export const ASSIGNMENT_STATE_KEEPING_ACTIONS: ReadonlySet<string> = new Set(["report_progress", "contribute"]);
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
  // 延期 must be asked for before the deadline passes (D.1 step 3); afterwards the unit explains the delay instead.
  if (current !== null && today > current) {
    return { field: "newDeadline", message: `${NEW_DEADLINE_LABEL}：已超过办理期限（${current}），不能再申请延期，请报告进展并说明逾期原因` };
  }
  if (value < today) {
    return { field: "newDeadline", message: `${NEW_DEADLINE_LABEL}：不能早于今天（${today}）` };
  }
  return null;
}

/** The 领导交办 workflow definition. */
export const assignmentWorkflow: WorkflowDefinition<AssignmentState> = {
  name: "assignment",
  label: "督查督办",
  // 立项 first; a leader's own 交办 (and the default create) is dispatched in the same step.
  initial: "registered",
  states: {
    registered: { label: "已立项待交办" },
    pending_receipt: { label: "待签收" },
    in_progress: { label: "办理中" },
    extension_requested: { label: "延期审批中" },
    completion_reported: { label: "待审核办结" },
    office_accepted: { label: "待领导确认" },
    completed: { label: "已办结", final: true },
    cancelled: { label: "已撤销", final: true },
  },
  transitions: [
    { action: "dispatch", label: "交办", from: ["registered"], to: "pending_receipt", allowed: LEADER_SIDE },
    { action: "sign", label: "签收", from: ["pending_receipt"], to: "in_progress", allowed: ASSIGNEE },
    {
      action: "report_progress",
      label: "反馈进展",
      from: ["in_progress", "extension_requested"],
      to: "in_progress",
      allowed: ASSIGNEE,
      requiresComment: true,
    },
    {
      action: "contribute",
      label: "报送配合情况",
      from: ["in_progress", "extension_requested"],
      to: "in_progress",
      allowed: ["cooperator"],
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
    { action: "accept", label: "审核通过", from: ["completion_reported"], to: "office_accepted", allowed: OFFICE },
    {
      action: "confirm",
      label: "确认销号",
      from: ["office_accepted"],
      to: "completed",
      allowed: LEADER,
      requiredFields: [{ name: "rating", label: "办理评价" }],
      validate: (input) =>
        typeof input.rating === "string" && RATING_VALUES.includes(input.rating)
          ? null
          : { field: "rating", message: "办理评价：请选择优、良、中或差" },
    },
    {
      action: "send_back",
      label: "退回重办",
      from: ["completion_reported", "office_accepted"],
      to: "in_progress",
      allowed: LEADER_SIDE,
      requiresComment: true,
    },
    {
      action: "cancel",
      label: "撤销",
      from: ["registered", "pending_receipt", "in_progress", "extension_requested"],
      to: "cancelled",
      allowed: LEADER_SIDE,
      requiresComment: true,
    },
  ],
};
