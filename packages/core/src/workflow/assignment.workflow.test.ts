import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { assignmentWorkflow, type AssignmentState } from "./assignment.workflow.ts";
import { applyTransition, availableActions, validateDefinition, type TransitionResult } from "./engine.ts";

// 2026-10-08 10:00 in Shanghai.
const now = new Date("2026-10-08T02:00:00Z");
const data = { deadline: "2026-10-23" };
const leader = new Set(["leader"]);
const office = new Set(["office"]);
const assignee = new Set(["assignee"]);

const ALL_STATES: AssignmentState[] = ["pending_receipt", "in_progress", "extension_requested", "completion_reported", "completed", "cancelled"];

function apply(state: string, action: string, relations: ReadonlySet<string>, input: Record<string, unknown> = {}): TransitionResult {
  return applyTransition(assignmentWorkflow, { state, action, relations, input, now, data });
}

/** Every transition with the relationships that may take it and an input that satisfies it. */
const cases: { action: string; label: string; from: AssignmentState; to: AssignmentState; who: ReadonlySet<string>[]; input: Record<string, unknown>; needsComment: boolean }[] = [
  { action: "sign", label: "签收", from: "pending_receipt", to: "in_progress", who: [assignee], input: {}, needsComment: false },
  { action: "report_progress", label: "报告进展", from: "in_progress", to: "in_progress", who: [assignee], input: { comment: "已完成现场调查" }, needsComment: true },
  { action: "request_extension", label: "申请延期", from: "in_progress", to: "extension_requested", who: [assignee], input: { comment: "需协调省厅", newDeadline: "2026-11-06" }, needsComment: true },
  { action: "approve_extension", label: "同意延期", from: "extension_requested", to: "in_progress", who: [leader, office], input: {}, needsComment: false },
  { action: "refuse_extension", label: "不同意延期", from: "extension_requested", to: "in_progress", who: [leader, office], input: { comment: "请按期办结" }, needsComment: true },
  { action: "report_completion", label: "报告办结", from: "in_progress", to: "completion_reported", who: [assignee], input: { comment: "已全部整改到位" }, needsComment: true },
  { action: "confirm", label: "确认办结", from: "completion_reported", to: "completed", who: [leader, office], input: {}, needsComment: false },
  { action: "send_back", label: "退回重办", from: "completion_reported", to: "in_progress", who: [leader, office], input: { comment: "整改不彻底" }, needsComment: true },
  { action: "cancel", label: "撤销", from: "pending_receipt", to: "cancelled", who: [leader, office], input: { comment: "事项已由他处办理" }, needsComment: true },
  { action: "cancel", label: "撤销", from: "in_progress", to: "cancelled", who: [leader, office], input: { comment: "事项已由他处办理" }, needsComment: true },
  { action: "cancel", label: "撤销", from: "extension_requested", to: "cancelled", who: [leader, office], input: { comment: "事项已由他处办理" }, needsComment: true },
];

const STATE_LABELS: Record<AssignmentState, string> = {
  pending_receipt: "待签收",
  in_progress: "办理中",
  extension_requested: "延期审批中",
  completion_reported: "待确认办结",
  completed: "已办结",
  cancelled: "已撤销",
};

describe("assignmentWorkflow definition", () => {
  it("should have no definition problems", () => {
    assert.deepEqual(validateDefinition(assignmentWorkflow), []);
  });

  it("should label its states in Chinese", () => {
    for (const s of ALL_STATES) assert.equal(assignmentWorkflow.states[s].label, STATE_LABELS[s]);
    assert.equal(assignmentWorkflow.states.completed.final, true);
    assert.equal(assignmentWorkflow.states.cancelled.final, true);
  });
});

describe("assignmentWorkflow allowed transitions", () => {
  for (const c of cases) {
    for (const who of c.who) {
      const rel = [...who][0];
      it(`should let ${rel} ${c.action} (${c.label}) from ${c.from} to ${c.to}`, () => {
        const comment = typeof c.input.comment === "string" ? c.input.comment : null;
        assert.deepEqual(apply(c.from, c.action, who, c.input), { ok: true, from: c.from, to: c.to, action: c.action, label: c.label, comment });
      });
    }
  }
});

describe("assignmentWorkflow refused transitions", () => {
  for (const c of cases.filter((x, i, all) => all.findIndex((y) => y.action === x.action) === i)) {
    const validFrom = new Set(cases.filter((x) => x.action === c.action).map((x) => x.from));
    for (const state of ALL_STATES.filter((s) => !validFrom.has(s))) {
      it(`should refuse ${c.action} in state ${state}`, () => {
        assert.deepEqual(apply(state, c.action, c.who[0], c.input), {
          ok: false,
          code: "WORKFLOW_ACTION_NOT_ALLOWED",
          message: `当前状态"${STATE_LABELS[state]}"下不能执行"${c.label}"`,
        });
      });
    }
  }

  for (const c of cases) {
    const others = [leader, office, assignee].filter((r) => !c.who.includes(r));
    for (const who of [...others, new Set<string>()]) {
      const rel = [...who][0] ?? "a user with no relationship";
      it(`should forbid ${rel} to ${c.action} from ${c.from}`, () => {
        assert.deepEqual(apply(c.from, c.action, who, c.input), { ok: false, code: "WORKFLOW_FORBIDDEN", message: `您无权执行"${c.label}"` });
      });
    }
  }

  for (const c of cases.filter((x) => x.needsComment)) {
    it(`should refuse ${c.action} from ${c.from} without a comment`, () => {
      assert.deepEqual(apply(c.from, c.action, c.who[0], { ...c.input, comment: "  " }), {
        ok: false,
        code: "VALIDATION_FAILED",
        field: "comment",
        message: "意见：不能为空",
      });
    });
  }

  it("should refuse an unknown action", () => {
    assert.deepEqual(apply("in_progress", "approve", leader), { ok: false, code: "WORKFLOW_UNKNOWN_ACTION", message: "未知的操作：approve" });
  });
});

describe("assignmentWorkflow request_extension newDeadline", () => {
  const request = (newDeadline: unknown, extra: { deadline?: unknown; now?: Date } = {}) =>
    applyTransition(assignmentWorkflow, {
      state: "in_progress",
      action: "request_extension",
      relations: assignee,
      input: { comment: "需协调省厅", newDeadline },
      now: extra.now ?? now,
      data: { deadline: "deadline" in extra ? extra.deadline : "2026-10-23" },
    });

  it("should require newDeadline", () => {
    for (const missing of [undefined, null, "", "  "]) {
      assert.deepEqual(request(missing), { ok: false, code: "VALIDATION_FAILED", field: "newDeadline", message: "新的办理期限：不能为空" });
    }
  });

  it("should refuse a newDeadline that is not a real YYYY-MM-DD date", () => {
    for (const bad of ["2026-11-31", "2026/11/06", "2026-11-6", "2026-11-06T00:00:00+08:00", 20261106]) {
      assert.deepEqual(request(bad), {
        ok: false,
        code: "VALIDATION_FAILED",
        field: "newDeadline",
        message: "新的办理期限：请填写有效日期，格式为YYYY-MM-DD",
      });
    }
  });

  it("should refuse a newDeadline on or before the current deadline", () => {
    for (const notLater of ["2026-10-23", "2026-10-22"]) {
      assert.deepEqual(request(notLater), {
        ok: false,
        code: "VALIDATION_FAILED",
        field: "newDeadline",
        message: "新的办理期限：须晚于原办理期限（2026-10-23）",
      });
    }
    assert.equal(request("2026-10-24").ok, true);
  });

  it("should read a deadline stored as an instant in Shanghai time", () => {
    // 2026-10-23T15:59:59.999Z is the end of 2026-10-23 in Shanghai.
    for (const deadline of [new Date("2026-10-23T15:59:59.999Z"), "2026-10-23T15:59:59.999Z"]) {
      assert.equal(request("2026-10-23", { deadline }).ok, false);
      assert.equal(request("2026-10-24", { deadline }).ok, true);
    }
  });

  it("should refuse a newDeadline before today even when the old deadline has long passed", () => {
    assert.deepEqual(request("2026-10-07", { deadline: "2026-09-01" }), {
      ok: false,
      code: "VALIDATION_FAILED",
      field: "newDeadline",
      message: "新的办理期限：不能早于今天（2026-10-08）",
    });
    assert.equal(request("2026-10-08", { deadline: "2026-09-01" }).ok, true);
  });

  it("should use the Shanghai date for today", () => {
    // 2026-10-08T16:30Z is already 2026-10-09 in Shanghai.
    assert.equal(request("2026-10-08", { deadline: "2026-09-01", now: new Date("2026-10-08T16:30:00Z") }).ok, false);
  });
});

describe("assignmentWorkflow availableActions", () => {
  it("should offer the assignee only 签收 while pending receipt", () => {
    assert.deepEqual(availableActions(assignmentWorkflow, "pending_receipt", assignee), [{ action: "sign", label: "签收", requiresComment: false }]);
  });

  it("should offer the assignee progress, extension and completion while in progress", () => {
    assert.deepEqual(
      availableActions(assignmentWorkflow, "in_progress", assignee).map((a) => a.action),
      ["report_progress", "request_extension", "report_completion"],
    );
  });

  it("should offer the leader side 确认办结, 退回重办 once completion is reported", () => {
    assert.deepEqual(availableActions(assignmentWorkflow, "completion_reported", office), [
      { action: "confirm", label: "确认办结", requiresComment: false },
      { action: "send_back", label: "退回重办", requiresComment: true },
    ]);
  });

  it("should offer a user who is both office and assignee the union of both sides", () => {
    assert.deepEqual(
      availableActions(assignmentWorkflow, "in_progress", new Set(["office", "assignee"])).map((a) => a.action),
      ["report_progress", "request_extension", "report_completion", "cancel"],
    );
  });

  it("should offer nothing once completed or cancelled", () => {
    const everyone = new Set(["leader", "office", "assignee"]);
    assert.deepEqual(availableActions(assignmentWorkflow, "completed", everyone), []);
    assert.deepEqual(availableActions(assignmentWorkflow, "cancelled", everyone), []);
  });
});
