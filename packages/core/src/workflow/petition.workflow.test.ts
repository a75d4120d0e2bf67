import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { PETITION_STATE_KEEPING_ACTIONS, petitionWorkflow, type PetitionState } from "./petition.workflow.ts";
import { applyTransition, availableActions, validateDefinition, type TransitionResult } from "./engine.ts";

// 2026-03-10 10:00 in Shanghai.
const now = new Date("2026-03-10T02:00:00Z");
const clerk = new Set(["clerk"]);
const handler = new Set(["handler"]);
const leader = new Set(["leader"]);
const none = new Set<string>();
const RELATIONS: [string, ReadonlySet<string>][] = [
  ["clerk", clerk],
  ["handler", handler],
  ["leader", leader],
  ["none", none],
];

const STATE_LABELS: Record<PetitionState, string> = {
  registered: "已登记待受理",
  handling: "办理中",
  extension_requested: "延期审批中",
  replied: "已答复",
  review: "复查中",
  review_decided: "已复查",
  recheck: "复核中",
  closed: "已办结",
  routed_legal: "已导入法定程序",
  not_accepted: "不予受理",
};
const ALL_STATES = Object.keys(STATE_LABELS) as PetitionState[];
const FINAL_STATES: PetitionState[] = ["closed", "routed_legal", "not_accepted"];
const OPEN_STATES = ALL_STATES.filter((s) => !FINAL_STATES.includes(s));

function apply(state: string, action: string, relations: ReadonlySet<string>, input: Record<string, unknown> = {}): TransitionResult {
  return applyTransition(petitionWorkflow, { state, action, relations, input, now });
}

interface Case {
  label: string;
  from: readonly PetitionState[];
  to: PetitionState;
  who: "clerk" | "handler" | "leader";
  /** An input that satisfies every check. */
  input: Record<string, unknown>;
  needsComment: boolean;
  requiredFields: string[];
  checksOutcome?: boolean;
}

/** The expected flow, written out independently of the definition. */
const CASES: Record<string, Case> = {
  accept: { label: "受理", from: ["registered"], to: "handling", who: "clerk", input: { handlingMode: "transfer" }, needsComment: false, requiredFields: ["handlingMode"] },
  route_legal: { label: "导入法定程序", from: ["registered"], to: "routed_legal", who: "clerk", input: { comment: "属于劳动仲裁事项", legalRoute: "仲裁" }, needsComment: true, requiredFields: ["legalRoute"] },
  not_accept: { label: "不予受理", from: ["registered"], to: "not_accepted", who: "clerk", input: { comment: "已在受理期内向上级提出" }, needsComment: true, requiredFields: [] },
  object: { label: "提出异议", from: ["handling"], to: "registered", who: "handler", input: { comment: "不属于本单位职权范围" }, needsComment: true, requiredFields: [] },
  request_extension: { label: "申请延期", from: ["handling"], to: "extension_requested", who: "handler", input: { comment: "需多部门会商", days: 30 }, needsComment: true, requiredFields: ["days"] },
  approve_extension: { label: "同意延期", from: ["extension_requested"], to: "handling", who: "clerk", input: {}, needsComment: false, requiredFields: [] },
  refuse_extension: { label: "不同意延期", from: ["extension_requested"], to: "handling", who: "clerk", input: { comment: "请按期答复" }, needsComment: true, requiredFields: [] },
  reply: { label: "答复", from: ["handling"], to: "replied", who: "handler", input: { comment: "已出具处理意见书", outcome: "support" }, needsComment: true, requiredFields: ["outcome"], checksOutcome: true },
  evaluate: { label: "登记评价", from: ["replied", "review_decided"], to: "replied", who: "clerk", input: { evaluation: "satisfied" }, needsComment: false, requiredFields: ["evaluation"] },
  request_review: { label: "申请复查", from: ["replied"], to: "review", who: "clerk", input: { comment: "信访人不服处理意见" }, needsComment: true, requiredFields: [] },
  decide_review: { label: "复查答复", from: ["review"], to: "review_decided", who: "clerk", input: { comment: "维持原处理意见", outcome: "reject" }, needsComment: true, requiredFields: ["outcome"], checksOutcome: true },
  request_recheck: { label: "申请复核", from: ["review_decided"], to: "recheck", who: "clerk", input: { comment: "信访人不服复查意见" }, needsComment: true, requiredFields: [] },
  decide_recheck: { label: "复核答复", from: ["recheck"], to: "closed", who: "clerk", input: { comment: "维持复查意见", outcome: "explain" }, needsComment: true, requiredFields: ["outcome"], checksOutcome: true },
  close: { label: "办结", from: ["replied", "review_decided"], to: "closed", who: "clerk", input: {}, needsComment: false, requiredFields: [] },
  instruct: { label: "领导批示", from: OPEN_STATES, to: "handling", who: "leader", input: { comment: "请抓紧办理，按期答复" }, needsComment: true, requiredFields: [] },
};
const ACTIONS = Object.keys(CASES);

function expected(state: PetitionState, action: string, rel: string): TransitionResult {
  const c = CASES[action];
  if (!c.from.includes(state)) {
    return { ok: false, code: "WORKFLOW_ACTION_NOT_ALLOWED", message: `当前状态"${STATE_LABELS[state]}"下不能执行"${c.label}"` };
  }
  if (rel !== c.who) return { ok: false, code: "WORKFLOW_FORBIDDEN", message: `您无权执行"${c.label}"` };
  const comment = typeof c.input.comment === "string" ? c.input.comment : null;
  return { ok: true, from: state, to: c.to, action, label: c.label, comment };
}

describe("petitionWorkflow definition", () => {
  it("should be named 信访事项 and start at registered", () => {
    assert.equal(petitionWorkflow.name, "petition");
    assert.equal(petitionWorkflow.label, "信访事项");
    assert.equal(petitionWorkflow.initial, "registered");
  });

  it("should pass validateDefinition", () => {
    assert.deepEqual(validateDefinition(petitionWorkflow), []);
  });

  it("should declare exactly these states, labelled in Chinese, with three final ones", () => {
    assert.deepEqual(Object.keys(petitionWorkflow.states).sort(), [...ALL_STATES].sort());
    for (const s of ALL_STATES) {
      assert.equal(petitionWorkflow.states[s].label, STATE_LABELS[s], s);
      assert.equal(petitionWorkflow.states[s].final === true, FINAL_STATES.includes(s), s);
    }
  });

  it("should define exactly the transitions of the test table", () => {
    const defined = petitionWorkflow.transitions.flatMap((t) => t.from.map((f) => `${t.action} ${f}->${t.to} [${t.allowed.join(",")}] ${t.label}`)).sort();
    const table = Object.entries(CASES).flatMap(([a, c]) => c.from.map((f) => `${a} ${f}->${c.to} [${c.who}] ${c.label}`)).sort();
    assert.deepEqual(defined, table);
  });

  it("should mark 登记评价 and 领导批示 as keeping the current state", () => {
    assert.deepEqual([...PETITION_STATE_KEEPING_ACTIONS].sort(), ["evaluate", "instruct"]);
    for (const a of PETITION_STATE_KEEPING_ACTIONS) assert.ok(ACTIONS.includes(a), a);
  });
});

describe("petitionWorkflow every state × action × relation", () => {
  for (const state of ALL_STATES) {
    for (const action of ACTIONS) {
      const allowedHere = CASES[action].from.includes(state);
      it(`${action} in ${state}: ${allowedHere ? `only ${CASES[action].who}` : "nobody"}`, () => {
        for (const [rel, relations] of RELATIONS) {
          assert.deepEqual(apply(state, action, relations, CASES[action].input), expected(state, action, rel), `${rel}`);
        }
      });
    }
  }

  it("should let a user holding several relations take each side's actions (a clerk handling directly)", () => {
    const both = new Set(["clerk", "handler"]);
    assert.equal(apply("handling", "reply", both, CASES.reply.input).ok, true);
    assert.equal(apply("registered", "accept", both, CASES.accept.input).ok, true);
    assert.deepEqual(apply("handling", "instruct", both, CASES.instruct.input), { ok: false, code: "WORKFLOW_FORBIDDEN", message: '您无权执行"领导批示"' });
  });

  it("should refuse an unknown action", () => {
    assert.deepEqual(apply("handling", "approve", clerk), { ok: false, code: "WORKFLOW_UNKNOWN_ACTION", message: "未知的操作：approve" });
  });
});

describe("petitionWorkflow input checks", () => {
  for (const [action, c] of Object.entries(CASES)) {
    const rel = new Set([c.who]);
    const from = c.from[0];
    if (c.needsComment) {
      it(`should refuse ${action} without a comment`, () => {
        for (const comment of [undefined, "", "   "]) {
          assert.deepEqual(apply(from, action, rel, { ...c.input, comment }), { ok: false, code: "VALIDATION_FAILED", field: "comment", message: "意见：不能为空" });
        }
      });
    }
    for (const field of c.requiredFields) {
      it(`should refuse ${action} without ${field}`, () => {
        const label = petitionWorkflow.transitions.find((t) => t.action === action)!.requiredFields!.find((f) => f.name === field)!.label;
        for (const missing of [undefined, null, "", "  "]) {
          assert.deepEqual(apply(from, action, rel, { ...c.input, [field]: missing }), { ok: false, code: "VALIDATION_FAILED", field, message: `${label}：不能为空` });
        }
      });
    }
  }

  it("should name the required fields in Chinese", () => {
    const labels = Object.fromEntries(petitionWorkflow.transitions.flatMap((t) => (t.requiredFields ?? []).map((f) => [`${t.action}.${f.name}`, f.label])));
    assert.deepEqual(labels, {
      "accept.handlingMode": "办理方式",
      "route_legal.legalRoute": "法定途径",
      "request_extension.days": "延期天数",
      "reply.outcome": "处理意见",
      "evaluate.evaluation": "评价",
      "decide_review.outcome": "处理意见",
      "decide_recheck.outcome": "处理意见",
    });
  });

  it("should refuse a reply without an outcome with VALIDATION_FAILED on field outcome", () => {
    assert.deepEqual(apply("handling", "reply", handler, { comment: "已出具处理意见书" }), {
      ok: false,
      code: "VALIDATION_FAILED",
      field: "outcome",
      message: "处理意见：不能为空",
    });
  });

  it("should ask for the comment before the outcome", () => {
    assert.deepEqual(apply("handling", "reply", handler, {}), { ok: false, code: "VALIDATION_FAILED", field: "comment", message: "意见：不能为空" });
  });

  const INVALID_OUTCOME = {
    ok: false,
    code: "VALIDATION_FAILED",
    field: "outcome",
    message: "处理意见：请选择支持、解释说明或不予支持（建议类为采纳或未采纳）",
  };

  for (const action of ["reply", "decide_review", "decide_recheck"]) {
    const c = CASES[action];
    it(`should refuse ${action} with an invalid outcome, on field outcome`, () => {
      for (const outcome of ["approve", "Support", "支持", " support", 1, true, ["support"], { value: "support" }]) {
        assert.deepEqual(apply(c.from[0], action, new Set([c.who]), { ...c.input, outcome }), INVALID_OUTCOME, JSON.stringify(outcome));
      }
    });

    it(`should accept ${action} with each of the five outcomes`, () => {
      for (const outcome of ["support", "explain", "reject", "adopted", "not_adopted"]) {
        assert.deepEqual(apply(c.from[0], action, new Set([c.who]), { ...c.input, outcome }), expected(c.from[0], action, c.who), outcome);
      }
    });
  }

  it("should refuse a non-text comment", () => {
    assert.deepEqual(apply("handling", "reply", handler, { comment: 42, outcome: "support" }), { ok: false, code: "VALIDATION_FAILED", field: "comment", message: "意见：须为文字" });
  });

  it("should trim the comment it records", () => {
    assert.equal((apply("handling", "object", handler, { comment: "  不属于本单位职权范围 " }) as { comment: string }).comment, "不属于本单位职权范围");
  });
});

describe("petitionWorkflow availableActions", () => {
  it("should offer the clerk 受理, 导入法定程序 and 不予受理 on a registered case, the leader only 批示", () => {
    assert.deepEqual(availableActions(petitionWorkflow, "registered", clerk), [
      { action: "accept", label: "受理", requiresComment: false },
      { action: "route_legal", label: "导入法定程序", requiresComment: true },
      { action: "not_accept", label: "不予受理", requiresComment: true },
    ]);
    assert.deepEqual(availableActions(petitionWorkflow, "registered", leader), [{ action: "instruct", label: "领导批示", requiresComment: true }]);
    assert.deepEqual(availableActions(petitionWorkflow, "registered", handler), []);
  });

  it("should offer the handler 异议, 延期 and 答复 while handling", () => {
    assert.deepEqual(
      availableActions(petitionWorkflow, "handling", handler).map((a) => a.action),
      ["object", "request_extension", "reply"],
    );
    assert.deepEqual(availableActions(petitionWorkflow, "handling", clerk), []);
  });

  it("should offer the clerk 评价, 复查 and 办结 once replied", () => {
    assert.deepEqual(
      availableActions(petitionWorkflow, "replied", clerk).map((a) => a.action),
      ["evaluate", "request_review", "close"],
    );
  });

  it("should agree with the test table for every state and relation", () => {
    for (const state of ALL_STATES) {
      for (const [rel, relations] of RELATIONS) {
        const want = ACTIONS.filter((a) => CASES[a].from.includes(state) && CASES[a].who === rel).sort();
        assert.deepEqual(availableActions(petitionWorkflow, state, relations).map((a) => a.action).sort(), want, `${state} ${rel}`);
      }
    }
  });

  it("should offer nothing on a final state (a closed case is evaluated by its petitioner through the query code)", () => {
    const everyone = new Set(["clerk", "handler", "leader"]);
    assert.deepEqual(availableActions(petitionWorkflow, "closed", everyone), []);
    assert.deepEqual(availableActions(petitionWorkflow, "routed_legal", everyone), []);
    assert.deepEqual(availableActions(petitionWorkflow, "not_accepted", everyone), []);
  });
});

describe("petitionWorkflow a whole case through 复查 and 复核", () => {
  it("should run 受理 → 延期 → 答复 → 复查 → 复核 → 办结", () => {
    const steps: [string, ReadonlySet<string>, PetitionState][] = [
      ["accept", clerk, "handling"],
      ["request_extension", handler, "extension_requested"],
      ["approve_extension", clerk, "handling"],
      ["reply", handler, "replied"],
      ["request_review", clerk, "review"],
      ["decide_review", clerk, "review_decided"],
      ["request_recheck", clerk, "recheck"],
      ["decide_recheck", clerk, "closed"],
    ];
    let state: PetitionState = petitionWorkflow.initial;
    for (const [action, who, to] of steps) {
      const r = apply(state, action, who, CASES[action].input);
      assert.equal(r.ok, true, `${action}: ${JSON.stringify(r)}`);
      assert.equal((r as { to: string }).to, to, action);
      state = to;
    }
    assert.equal(petitionWorkflow.states[state].final, true);
  });

  it("should send an objected case back to registered for routing again", () => {
    assert.deepEqual(apply("handling", "object", handler, CASES.object.input), {
      ok: true,
      from: "handling",
      to: "registered",
      action: "object",
      label: "提出异议",
      comment: "不属于本单位职权范围",
    });
  });
});
