import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ASSIGNMENT_STATE_KEEPING_ACTIONS, assignmentWorkflow, type AssignmentState } from "./assignment.workflow.ts";
import { applyTransition, availableActions, validateDefinition, type TransitionResult } from "./engine.ts";

// 2026-10-08 10:00 in Shanghai.
const now = new Date("2026-10-08T02:00:00Z");
const data = { deadline: "2026-10-23" };
const leader = new Set(["leader"]);
const office = new Set(["office"]);
const assignee = new Set(["assignee"]);
const cooperator = new Set(["cooperator"]);
const EVERY_RELATION = [leader, office, assignee, cooperator];

const ALL_STATES: AssignmentState[] = [
  "registered",
  "pending_receipt",
  "in_progress",
  "extension_requested",
  "completion_reported",
  "office_accepted",
  "completed",
  "cancelled",
];

function apply(state: string, action: string, relations: ReadonlySet<string>, input: Record<string, unknown> = {}): TransitionResult {
  return applyTransition(assignmentWorkflow, { state, action, relations, input, now, data });
}

const CANCEL = { action: "cancel", label: "撤销", to: "cancelled", who: [leader, office], input: { comment: "事项已由他处办理" }, needsComment: true } as const;
const REPORT_PROGRESS = { action: "report_progress", label: "反馈进展", to: "in_progress", who: [assignee], input: { comment: "已完成现场调查" }, needsComment: true } as const;
const CONTRIBUTE = { action: "contribute", label: "报送配合情况", to: "in_progress", who: [cooperator], input: { comment: "已提供相关数据" }, needsComment: true } as const;
const SEND_BACK = { action: "send_back", label: "退回重办", to: "in_progress", who: [leader, office], input: { comment: "整改不彻底" }, needsComment: true } as const;

/** Every transition with the relationships that may take it and an input that satisfies it. */
const cases: { action: string; label: string; from: AssignmentState; to: AssignmentState; who: readonly ReadonlySet<string>[]; input: Record<string, unknown>; needsComment: boolean }[] = [
  { action: "dispatch", label: "交办", from: "registered", to: "pending_receipt", who: [leader, office], input: {}, needsComment: false },
  { action: "sign", label: "签收", from: "pending_receipt", to: "in_progress", who: [assignee], input: {}, needsComment: false },
  { ...REPORT_PROGRESS, from: "in_progress" },
  { ...REPORT_PROGRESS, from: "extension_requested" },
  { ...CONTRIBUTE, from: "in_progress" },
  { ...CONTRIBUTE, from: "extension_requested" },
  { action: "request_extension", label: "申请延期", from: "in_progress", to: "extension_requested", who: [assignee], input: { comment: "需协调省厅", newDeadline: "2026-11-06" }, needsComment: true },
  { action: "approve_extension", label: "同意延期", from: "extension_requested", to: "in_progress", who: [leader, office], input: {}, needsComment: false },
  { action: "refuse_extension", label: "不同意延期", from: "extension_requested", to: "in_progress", who: [leader, office], input: { comment: "请按期办结" }, needsComment: true },
  { action: "report_completion", label: "报告办结", from: "in_progress", to: "completion_reported", who: [assignee], input: { comment: "已全部整改到位" }, needsComment: true },
  { action: "accept", label: "审核通过", from: "completion_reported", to: "office_accepted", who: [office], input: {}, needsComment: false },
  { action: "confirm", label: "确认销号", from: "office_accepted", to: "completed", who: [leader], input: { rating: "good" }, needsComment: false },
  { ...SEND_BACK, from: "completion_reported" },
  { ...SEND_BACK, from: "office_accepted" },
  { ...CANCEL, from: "registered" },
  { ...CANCEL, from: "pending_receipt" },
  { ...CANCEL, from: "in_progress" },
  { ...CANCEL, from: "extension_requested" },
];

const STATE_LABELS: Record<AssignmentState, string> = {
  registered: "已立项待交办",
  pending_receipt: "待签收",
  in_progress: "办理中",
  extension_requested: "延期审批中",
  completion_reported: "待审核办结",
  office_accepted: "待领导确认",
  completed: "已办结",
  cancelled: "已撤销",
};

describe("assignmentWorkflow definition", () => {
  it("should be named 督查督办", () => {
    assert.equal(assignmentWorkflow.name, "assignment");
    assert.equal(assignmentWorkflow.label, "督查督办");
  });

  it("should start at 立项 (registered), from which every state is reachable", () => {
    assert.equal(assignmentWorkflow.initial, "registered");
    assert.deepEqual(validateDefinition(assignmentWorkflow), []);
  });

  it("should declare exactly these states, labelled in Chinese", () => {
    assert.deepEqual(Object.keys(assignmentWorkflow.states).sort(), [...ALL_STATES].sort());
    for (const s of ALL_STATES) assert.equal(assignmentWorkflow.states[s].label, STATE_LABELS[s]);
    assert.equal(assignmentWorkflow.states.completed.final, true);
    assert.equal(assignmentWorkflow.states.cancelled.final, true);
    for (const s of ALL_STATES.filter((x) => x !== "completed" && x !== "cancelled")) assert.notEqual(assignmentWorkflow.states[s].final, true, s);
  });

  it("should cover every transition of the definition in the test table", () => {
    const defined = assignmentWorkflow.transitions.flatMap((t) => t.from.map((f) => `${t.action} ${f}->${t.to}`)).sort();
    assert.deepEqual(cases.map((c) => `${c.action} ${c.from}->${c.to}`).sort(), defined);
  });

  it("should mark progress reports and contributions as keeping the current state", () => {
    assert.deepEqual([...ASSIGNMENT_STATE_KEEPING_ACTIONS].sort(), ["contribute", "report_progress"]);
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
    const others = EVERY_RELATION.filter((r) => !c.who.includes(r));
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

describe("assignmentWorkflow roles", () => {
  it("should let only the office or the leader dispatch a registered item", () => {
    assert.equal(apply("registered", "dispatch", office).ok, true);
    assert.equal(apply("registered", "dispatch", leader).ok, true);
    for (const who of [assignee, cooperator, new Set<string>()]) {
      assert.deepEqual(apply("registered", "dispatch", who), { ok: false, code: "WORKFLOW_FORBIDDEN", message: '您无权执行"交办"' });
    }
    assert.deepEqual(apply("registered", "dispatch", office), { ok: true, from: "registered", to: "pending_receipt", action: "dispatch", label: "交办", comment: null });
  });

  it("should let only a cooperator contribute, while in progress or awaiting an extension decision", () => {
    for (const state of ["in_progress", "extension_requested"]) {
      assert.equal(apply(state, "contribute", cooperator, { comment: "已提供相关数据" }).ok, true, state);
      for (const who of [leader, office, assignee]) {
        assert.deepEqual(apply(state, "contribute", who, { comment: "已提供相关数据" }), { ok: false, code: "WORKFLOW_FORBIDDEN", message: '您无权执行"报送配合情况"' });
      }
    }
    for (const state of ["registered", "pending_receipt", "completion_reported", "office_accepted", "completed", "cancelled"]) {
      assert.equal(apply(state, "contribute", cooperator, { comment: "已提供相关数据" }).ok, false, state);
    }
  });

  it("should never let a cooperator report completion, request an extension, accept or confirm", () => {
    const attempts: [string, string, string, Record<string, unknown>][] = [
      ["in_progress", "report_completion", "报告办结", { comment: "已全部整改到位" }],
      ["in_progress", "request_extension", "申请延期", { comment: "需协调省厅", newDeadline: "2026-11-06" }],
      ["completion_reported", "accept", "审核通过", {}],
      ["office_accepted", "confirm", "确认销号", { rating: "excellent" }],
      ["in_progress", "report_progress", "反馈进展", { comment: "进展顺利" }],
      ["pending_receipt", "sign", "签收", {}],
    ];
    for (const [state, action, label, input] of attempts) {
      assert.deepEqual(apply(state, action, cooperator, input), { ok: false, code: "WORKFLOW_FORBIDDEN", message: `您无权执行"${label}"` }, action);
    }
  });

  it("should let only the office accept a reported completion", () => {
    assert.deepEqual(apply("completion_reported", "accept", office), { ok: true, from: "completion_reported", to: "office_accepted", action: "accept", label: "审核通过", comment: null });
    for (const who of [leader, assignee, cooperator]) {
      assert.deepEqual(apply("completion_reported", "accept", who), { ok: false, code: "WORKFLOW_FORBIDDEN", message: '您无权执行"审核通过"' });
    }
  });

  it("should let the leader or the office send back both a reported and an accepted completion", () => {
    for (const state of ["completion_reported", "office_accepted"]) {
      for (const who of [leader, office]) {
        assert.deepEqual(apply(state, "send_back", who, { comment: "整改不彻底" }), { ok: true, from: state, to: "in_progress", action: "send_back", label: "退回重办", comment: "整改不彻底" });
      }
    }
  });
});

describe("assignmentWorkflow confirm (确认销号) with a rating", () => {
  it("should refuse the office: only the responsible leader confirms", () => {
    assert.deepEqual(apply("office_accepted", "confirm", office, { rating: "good" }), { ok: false, code: "WORKFLOW_FORBIDDEN", message: '您无权执行"确认销号"' });
  });

  it("should refuse to confirm before the office has accepted", () => {
    assert.deepEqual(apply("completion_reported", "confirm", leader, { rating: "good" }), {
      ok: false,
      code: "WORKFLOW_ACTION_NOT_ALLOWED",
      message: '当前状态"待审核办结"下不能执行"确认销号"',
    });
  });

  it("should refuse a confirmation without a rating", () => {
    for (const missing of [{}, { rating: "" }, { rating: "  " }, { rating: null }]) {
      assert.deepEqual(apply("office_accepted", "confirm", leader, missing), { ok: false, code: "VALIDATION_FAILED", field: "rating", message: "办理评价：不能为空" });
    }
  });

  it("should refuse a rating that is not excellent, good, fair or poor", () => {
    for (const rating of ["perfect", "Good", "优", 1]) {
      assert.deepEqual(apply("office_accepted", "confirm", leader, { rating }), {
        ok: false,
        code: "VALIDATION_FAILED",
        field: "rating",
        message: "办理评价：请选择优、良、中或差",
      });
    }
  });

  it("should let the leader confirm with each rating", () => {
    assert.deepEqual(apply("office_accepted", "confirm", leader, { rating: "good" }), { ok: true, from: "office_accepted", to: "completed", action: "confirm", label: "确认销号", comment: null });
    for (const rating of ["excellent", "fair", "poor"]) {
      assert.equal(apply("office_accepted", "confirm", leader, { rating, comment: "同意销号" }).ok, true, rating);
    }
    assert.equal((apply("office_accepted", "confirm", leader, { rating: "good", comment: " 同意销号 " }) as { comment: string }).comment, "同意销号");
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

  it("should allow a request on the deadline day itself, to its last Shanghai minute", () => {
    // 2026-10-23T15:59:59.999Z is 23:59:59.999 on 2026-10-23 in Shanghai.
    for (const at of ["2026-10-23T00:00:00+08:00", "2026-10-23T15:59:59.999Z"]) {
      assert.deepEqual(request("2026-11-06", { now: new Date(at) }), {
        ok: true,
        from: "in_progress",
        to: "extension_requested",
        action: "request_extension",
        label: "申请延期",
        comment: "需协调省厅",
      });
    }
  });

  it("should refuse a request once the deadline has passed (the day after, in Shanghai)", () => {
    const overdue = {
      ok: false,
      code: "VALIDATION_FAILED",
      field: "newDeadline",
      message: "新的办理期限：已超过办理期限（2026-10-23），不能再申请延期，请报告进展并说明逾期原因",
    };
    // 2026-10-23T16:00Z is already 00:00 on 2026-10-24 in Shanghai.
    assert.deepEqual(request("2026-11-06", { now: new Date("2026-10-23T16:00:00Z") }), overdue);
    assert.deepEqual(request("2026-11-06", { now: new Date("2026-11-02T02:00:00Z") }), overdue);
    // Also for a deadline stored as an instant.
    assert.deepEqual(request("2026-11-06", { now: new Date("2026-10-23T16:00:00Z"), deadline: new Date("2026-10-23T15:59:59.999Z") }), overdue);
    assert.match((request("2026-11-06", { now: new Date("2026-10-24T02:00:00Z") }) as { message: string }).message, /已超过办理期限/);
  });

  it("should refuse a newDeadline before today when the current deadline is unknown", () => {
    for (const deadline of [undefined, null, "not a date", 42]) {
      assert.deepEqual(request("2026-10-07", { deadline }), {
        ok: false,
        code: "VALIDATION_FAILED",
        field: "newDeadline",
        message: "新的办理期限：不能早于今天（2026-10-08）",
      });
      assert.equal(request("2026-10-08", { deadline }).ok, true);
    }
  });

  it("should use the Shanghai date for today", () => {
    // 2026-10-08T16:30Z is already 2026-10-09 in Shanghai.
    assert.equal(request("2026-10-08", { deadline: null, now: new Date("2026-10-08T16:30:00Z") }).ok, false);
    assert.equal(request("2026-10-09", { deadline: null, now: new Date("2026-10-08T16:30:00Z") }).ok, true);
  });
});

describe("assignmentWorkflow availableActions", () => {
  it("should offer the office and the leader 交办 and 撤销 on a registered item, and nobody else anything", () => {
    for (const who of [office, leader]) {
      assert.deepEqual(availableActions(assignmentWorkflow, "registered", who), [
        { action: "dispatch", label: "交办", requiresComment: false },
        { action: "cancel", label: "撤销", requiresComment: true },
      ]);
    }
    assert.deepEqual(availableActions(assignmentWorkflow, "registered", assignee), []);
    assert.deepEqual(availableActions(assignmentWorkflow, "registered", cooperator), []);
  });

  it("should offer the assignee only 签收 while pending receipt", () => {
    assert.deepEqual(availableActions(assignmentWorkflow, "pending_receipt", assignee), [{ action: "sign", label: "签收", requiresComment: false }]);
    assert.deepEqual(availableActions(assignmentWorkflow, "pending_receipt", cooperator), []);
  });

  it("should offer the assignee progress, extension and completion while in progress", () => {
    assert.deepEqual(
      availableActions(assignmentWorkflow, "in_progress", assignee).map((a) => a.action),
      ["report_progress", "request_extension", "report_completion"],
    );
  });

  it("should offer the assignee only progress reports while an extension is being decided", () => {
    assert.deepEqual(availableActions(assignmentWorkflow, "extension_requested", assignee), [{ action: "report_progress", label: "反馈进展", requiresComment: true }]);
  });

  it("should offer a cooperator only 报送配合情况, while in progress or awaiting an extension decision", () => {
    for (const state of ["in_progress", "extension_requested"]) {
      assert.deepEqual(availableActions(assignmentWorkflow, state, cooperator), [{ action: "contribute", label: "报送配合情况", requiresComment: true }]);
    }
  });

  it("should offer the office 审核通过 and 退回重办 once completion is reported, the leader only 退回重办", () => {
    assert.deepEqual(availableActions(assignmentWorkflow, "completion_reported", office), [
      { action: "accept", label: "审核通过", requiresComment: false },
      { action: "send_back", label: "退回重办", requiresComment: true },
    ]);
    assert.deepEqual(availableActions(assignmentWorkflow, "completion_reported", leader), [{ action: "send_back", label: "退回重办", requiresComment: true }]);
  });

  it("should offer the leader 确认销号 and 退回重办 once the office has accepted, the office only 退回重办", () => {
    assert.deepEqual(availableActions(assignmentWorkflow, "office_accepted", leader), [
      { action: "confirm", label: "确认销号", requiresComment: false },
      { action: "send_back", label: "退回重办", requiresComment: true },
    ]);
    assert.deepEqual(availableActions(assignmentWorkflow, "office_accepted", office), [{ action: "send_back", label: "退回重办", requiresComment: true }]);
  });

  it("should offer a user who is both office and assignee the union of both sides", () => {
    assert.deepEqual(
      availableActions(assignmentWorkflow, "in_progress", new Set(["office", "assignee"])).map((a) => a.action),
      ["report_progress", "request_extension", "report_completion", "cancel"],
    );
  });

  it("should offer nothing once completed or cancelled", () => {
    const everyone = new Set(["leader", "office", "assignee", "cooperator"]);
    assert.deepEqual(availableActions(assignmentWorkflow, "completed", everyone), []);
    assert.deepEqual(availableActions(assignmentWorkflow, "cancelled", everyone), []);
  });
});

describe("assignmentWorkflow a whole 督查督办 item", () => {
  it("should go from 立项 through a return to 销号", () => {
    const steps: [string, ReadonlySet<string>, Record<string, unknown>, AssignmentState][] = [
      ["dispatch", office, {}, "pending_receipt"],
      ["sign", assignee, {}, "in_progress"],
      ["report_progress", assignee, { comment: "已完成方案" }, "in_progress"],
      ["contribute", cooperator, { comment: "已提供数据" }, "in_progress"],
      ["request_extension", assignee, { comment: "需协调省厅", newDeadline: "2026-11-06" }, "extension_requested"],
      ["report_progress", assignee, { comment: "正在协调" }, "extension_requested"],
      ["contribute", cooperator, { comment: "已完成配合事项" }, "extension_requested"],
      ["approve_extension", leader, {}, "in_progress"],
      ["report_completion", assignee, { comment: "已全部整改到位" }, "completion_reported"],
      ["accept", office, {}, "office_accepted"],
      ["send_back", leader, { comment: "请补充佐证材料" }, "in_progress"],
      ["report_completion", assignee, { comment: "已补充佐证材料" }, "completion_reported"],
      ["accept", office, {}, "office_accepted"],
      ["confirm", leader, { rating: "excellent" }, "completed"],
    ];
    let state: string = "registered";
    for (const [action, who, input, expected] of steps) {
      const result = apply(state, action, who, input);
      assert.equal(result.ok, true, `${action} from ${state}`);
      // Progress reports and contributions keep the state the item is in (the service does this).
      state = ASSIGNMENT_STATE_KEEPING_ACTIONS.has(action) ? state : (result as { to: string }).to;
      assert.equal(state, expected, `${action} should leave the item in ${expected}`);
    }
    assert.equal(state, "completed");
  });
});
