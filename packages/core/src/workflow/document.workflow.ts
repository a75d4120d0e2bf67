/**
 * 办文: the outgoing (发文, 条例 第18–22条 and 第25条) and incoming (收文, 第24条) document flows.
 *
 * Steps taken by several people at once (会签, joint 签发, parallel or sequential 批示) are one
 * transition each: `to` is where the document goes once the last of them has acted; until then
 * the server keeps the document in its current state and records the individual opinion.
 *
 * Relationships the server computes for the acting user:
 * - `drafter`: who created the draft;
 * - `reviewer`: the 核稿人 the drafter chose;
 * - `countersigner`: a 会签 party still to act in the current round (a leader, or a clerk of a 会签 unit);
 * - `signer`: a 签发 leader still to sign in the current round;
 * - `issuer_clerk`: a document clerk of the issuing unit (its own clerks, or the 办公室 acting for a 党委);
 * - `recipient_clerk`: a document clerk of the receiving unit of an incoming document;
 * - `instructor`: a leader whose 批示 is due now;
 * - `handler`: a clerk of the 承办 lead unit (or of the receiving unit when it handles the document itself);
 * - `coop_unit`: a clerk of a 协办 unit; `reader`: a named 传阅 reader who has not read it yet;
 * - `chaser`: the named 催办 person.
 */
import { isValidDate, toShanghaiDate } from "../calendar/calendar.ts";
import type { WorkflowDefinition } from "./engine.ts";

export type OutgoingState =
  | "drafting"
  | "reviewing"
  | "countersigning"
  | "signing"
  | "numbering"
  | "sealing"
  | "distributing"
  | "issued"
  | "archived"
  | "rejected"
  | "cancelled";

export type IncomingState =
  | "pending_receipt"
  | "registered"
  | "proposing"
  | "instructing"
  | "handling"
  | "concluded"
  | "archived"
  | "returned";

/** 保管期限 (archive retention) of 文书档案. */
export const RETENTION_PERIODS = ["permanent", "30y", "10y"] as const;
export type RetentionPeriod = (typeof RETENTION_PERIODS)[number];
export const RETENTION_LABELS: Record<RetentionPeriod, string> = { permanent: "永久", "30y": "30年", "10y": "10年" };

function validateRetention(input: Record<string, unknown>): { field: string; message: string } | null {
  return RETENTION_PERIODS.includes(input.retention as RetentionPeriod)
    ? null
    : { field: "retention", message: "保管期限：请选择永久、30年或10年" };
}

function validateCopies(input: Record<string, unknown>): { field: string; message: string } | null {
  const n = input.copies;
  return typeof n === "number" && Number.isInteger(n) && n >= 1 && n <= 100000
    ? null
    : { field: "copies", message: "印发份数：请填写1至100000之间的整数" };
}

/** 拟办: either leaders to give 批示 or a lead unit; an urgent document must carry a deadline and a named 催办人. */
function validateProposal(
  input: Record<string, unknown>,
  ctx: { now: Date; data: Record<string, unknown> },
): { field: string; message: string } | null {
  const instructors = Array.isArray(input.instructorIds) ? input.instructorIds : [];
  // Only a document sent to no leader and no unit is a 阅知件; naming either makes it one to handle.
  const forInformation = input.forInformation === true && instructors.length === 0 && !input.leadUnitId;
  if (instructors.length === 0 && !input.leadUnitId && !forInformation) {
    return { field: "instructorIds", message: "批示领导：请选择呈批的领导，或直接指定承办单位，或标为阅知件" };
  }
  const urgent = ctx.data.urgency !== undefined && ctx.data.urgency !== "normal";
  const deadline = input.deadline;
  if (deadline !== undefined && deadline !== null && deadline !== "") {
    if (typeof deadline !== "string" || !isValidDate(deadline)) return { field: "deadline", message: "办理期限：请填写有效日期，格式为YYYY-MM-DD" };
    if (deadline < toShanghaiDate(ctx.now)) return { field: "deadline", message: "办理期限：不能早于今天" };
  } else if (urgent && !forInformation) {
    return { field: "deadline", message: "办理期限：紧急公文必须明确办理期限（条例 第24条）" };
  }
  if ((urgent || ctx.data.important === true) && !forInformation && !input.chaserId) {
    return { field: "chaserId", message: "催办人：紧急或重要公文必须指定专人催办（条例 第24条）" };
  }
  return null;
}

const CLERK = ["issuer_clerk"] as const;

export const outgoingWorkflow: WorkflowDefinition<OutgoingState> = {
  name: "outgoing",
  label: "发文",
  initial: "drafting",
  states: {
    drafting: { label: "拟稿" },
    reviewing: { label: "核稿" },
    countersigning: { label: "会签" },
    signing: { label: "签发" },
    numbering: { label: "编号登记" },
    sealing: { label: "用印" },
    distributing: { label: "印发" },
    issued: { label: "已印发" },
    archived: { label: "已归档", final: true },
    rejected: { label: "不予发文", final: true },
    cancelled: { label: "已撤销", final: true },
  },
  transitions: [
    { action: "submit", label: "送核稿", from: ["drafting"], to: "reviewing", allowed: ["drafter"], requiredFields: [{ name: "reviewerId", label: "核稿人" }, { name: "signerIds", label: "签发领导" }] },
    { action: "cancel", label: "撤销拟稿", from: ["drafting"], to: "cancelled", allowed: ["drafter"], requiresComment: true },
    // 会签 when the drafter named any; the server goes straight to signing otherwise.
    { action: "review_pass", label: "核稿通过", from: ["reviewing"], to: "countersigning", allowed: ["reviewer"] },
    { action: "review_return", label: "退回修改", from: ["reviewing"], to: "drafting", allowed: ["reviewer"], requiresComment: true },
    { action: "review_reject", label: "退回不予发文", from: ["reviewing"], to: "rejected", allowed: ["reviewer"], requiresComment: true },
    { action: "countersign_agree", label: "会签同意", from: ["countersigning"], to: "signing", allowed: ["countersigner"] },
    { action: "countersign_return", label: "会签退回", from: ["countersigning"], to: "drafting", allowed: ["countersigner"], requiresComment: true },
    { action: "sign", label: "签发", from: ["signing"], to: "numbering", allowed: ["signer"], requiresComment: true },
    { action: "sign_return", label: "退回", from: ["signing"], to: "drafting", allowed: ["signer"], requiresComment: true },
    { action: "register", label: "编号登记", from: ["numbering"], to: "sealing", allowed: CLERK, requiredFields: [{ name: "copies", label: "印发份数" }], validate: validateCopies },
    { action: "void_number", label: "作废文号", from: ["sealing", "distributing"], to: "numbering", allowed: CLERK, requiresComment: true },
    { action: "seal", label: "用印", from: ["sealing"], to: "distributing", allowed: CLERK },
    { action: "issue", label: "印发分送", from: ["distributing"], to: "issued", allowed: CLERK },
    { action: "archive", label: "归档", from: ["issued"], to: "archived", allowed: CLERK, requiredFields: [{ name: "retention", label: "保管期限" }], validate: validateRetention },
  ],
};

const RECIPIENT = ["recipient_clerk"] as const;

export const incomingWorkflow: WorkflowDefinition<IncomingState> = {
  name: "incoming",
  label: "收文",
  // Documents sent through Zhongshu start here; a paper document registered by hand starts at "registered".
  initial: "pending_receipt",
  states: {
    pending_receipt: { label: "待签收" },
    registered: { label: "待初审" },
    proposing: { label: "待拟办" },
    instructing: { label: "待批示" },
    handling: { label: "承办中" },
    concluded: { label: "已办结" },
    archived: { label: "已归档", final: true },
    returned: { label: "已退文", final: true },
  },
  transitions: [
    { action: "receive", label: "签收", from: ["pending_receipt"], to: "registered", allowed: RECIPIENT },
    { action: "return_to_sender", label: "退文", from: ["pending_receipt", "registered"], to: "returned", allowed: RECIPIENT, requiresComment: true },
    { action: "accept", label: "初审通过", from: ["registered"], to: "proposing", allowed: RECIPIENT },
    // Leaders named → 待批示; a lead unit only → 承办; 阅知件 → 办结. The server picks by the input.
    { action: "propose", label: "拟办", from: ["proposing"], to: "instructing", allowed: RECIPIENT, requiresComment: true, validate: validateProposal },
    { action: "instruct", label: "批示", from: ["instructing"], to: "handling", allowed: ["instructor"], requiresComment: true },
    { action: "read", label: "阅毕", from: ["instructing", "handling", "concluded"], to: "handling", allowed: ["reader"] },
    { action: "contribute", label: "协办意见", from: ["handling"], to: "handling", allowed: ["coop_unit"], requiresComment: true },
    { action: "remind", label: "催办", from: ["instructing", "handling"], to: "handling", allowed: ["chaser", "recipient_clerk"], requiresComment: true },
    { action: "conclude", label: "办结", from: ["handling"], to: "concluded", allowed: ["handler"], requiresComment: true },
    { action: "archive", label: "归档", from: ["concluded"], to: "archived", allowed: RECIPIENT, requiredFields: [{ name: "retention", label: "保管期限" }], validate: validateRetention },
  ],
};

/**
 * Steps that leave the state as it is whatever `to` says: a 传阅 reader's 阅毕, a 协办 opinion and
 * a 催办 do not move the document.
 */
export const STATE_KEEPING_ACTIONS: ReadonlySet<string> = new Set(["read", "contribute", "remind"]);
