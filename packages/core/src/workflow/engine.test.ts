import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { applyTransition, availableActions, validateDefinition, type WorkflowDefinition } from "./engine.ts";

type DocState = "draft" | "review" | "done";

/** A small definition that exercises each engine feature once. */
const doc: WorkflowDefinition<DocState> = {
  name: "doc",
  label: "测试流程",
  initial: "draft",
  states: { draft: { label: "拟稿" }, review: { label: "核稿" }, done: { label: "已完成", final: true } },
  transitions: [
    { action: "submit", label: "送审", from: ["draft"], to: "review", allowed: ["author"] },
    {
      action: "approve",
      label: "通过",
      from: ["review"],
      to: "done",
      allowed: ["reviewer", "director"],
      requiredFields: [{ name: "pages", label: "页数" }],
      validate: (input, ctx) =>
        Number(input.pages) > Number(ctx.data.maxPages) ? { field: "pages", message: `页数：不能超过${String(ctx.data.maxPages)}` } : null,
    },
    { action: "return", label: "退回", from: ["review"], to: "draft", allowed: ["reviewer"], requiresComment: true },
    { action: "note", label: "备注", from: ["draft", "review"], to: "draft", allowed: ["author", "reviewer"] },
  ],
};

const now = new Date("2026-10-08T02:00:00Z");
const author = new Set(["author"]);
const reviewer = new Set(["reviewer"]);

describe("applyTransition", () => {
  it("should return the transition with from, to, label and a trimmed comment", () => {
    assert.deepEqual(applyTransition(doc, { state: "draft", action: "submit", relations: author, input: { comment: "  请审核 " }, now }), {
      ok: true,
      from: "draft",
      to: "review",
      action: "submit",
      label: "送审",
      comment: "请审核",
    });
  });

  it("should give a null comment when none or only blanks were entered", () => {
    const r = applyTransition(doc, { state: "draft", action: "submit", relations: author, input: { comment: "   " }, now });
    assert.equal(r.ok && r.comment, null);
  });

  it("should refuse an unknown action before anything else", () => {
    assert.deepEqual(applyTransition(doc, { state: "nowhere", action: "fly", relations: new Set(), input: {}, now }), {
      ok: false,
      code: "WORKFLOW_UNKNOWN_ACTION",
      message: "未知的操作：fly",
    });
  });

  it("should refuse an action that is not possible in the current state, before checking permission", () => {
    assert.deepEqual(applyTransition(doc, { state: "draft", action: "approve", relations: new Set(), input: {}, now }), {
      ok: false,
      code: "WORKFLOW_ACTION_NOT_ALLOWED",
      message: '当前状态"拟稿"下不能执行"通过"',
    });
  });

  it("should name an undeclared state by its key rather than crash", () => {
    const r = applyTransition(doc, { state: "archived", action: "submit", relations: author, input: {}, now });
    assert.equal(!r.ok && r.message, '当前状态"archived"下不能执行"送审"');
  });

  it("should refuse a user without an allowed relationship, before checking input", () => {
    assert.deepEqual(applyTransition(doc, { state: "review", action: "return", relations: author, input: {}, now }), {
      ok: false,
      code: "WORKFLOW_FORBIDDEN",
      message: '您无权执行"退回"',
    });
  });

  it("should accept any one of several allowed relationships", () => {
    const r = applyTransition(doc, { state: "review", action: "approve", relations: new Set(["office", "director"]), input: { pages: 3 }, now, data: { maxPages: 5 } });
    assert.equal(r.ok, true);
  });

  it("should refuse a missing comment with field comment", () => {
    for (const input of [{}, { comment: "" }, { comment: " \n\t" }, { comment: null }]) {
      assert.deepEqual(applyTransition(doc, { state: "review", action: "return", relations: reviewer, input, now }), {
        ok: false,
        code: "VALIDATION_FAILED",
        field: "comment",
        message: "意见：不能为空",
      });
    }
  });

  it("should refuse a comment that is not text", () => {
    assert.deepEqual(applyTransition(doc, { state: "draft", action: "submit", relations: author, input: { comment: 42 }, now }), {
      ok: false,
      code: "VALIDATION_FAILED",
      field: "comment",
      message: "意见：须为文字",
    });
  });

  it("should refuse a missing required field, naming it", () => {
    for (const input of [{}, { pages: "" }, { pages: null }, { pages: [] }]) {
      assert.deepEqual(applyTransition(doc, { state: "review", action: "approve", relations: reviewer, input, now, data: { maxPages: 5 } }), {
        ok: false,
        code: "VALIDATION_FAILED",
        field: "pages",
        message: "页数：不能为空",
      });
    }
  });

  it("should run validate with the record data and report its field and message", () => {
    assert.deepEqual(
      applyTransition(doc, { state: "review", action: "approve", relations: reviewer, input: { pages: 9 }, now, data: { maxPages: 5 } }),
      { ok: false, code: "VALIDATION_FAILED", field: "pages", message: "页数：不能超过5" },
    );
  });

  it("should pick the transition whose from contains the state when an action has several", () => {
    const r = applyTransition(doc, { state: "review", action: "note", relations: reviewer, input: {}, now });
    assert.deepEqual(r, { ok: true, from: "review", to: "draft", action: "note", label: "备注", comment: null });
  });
});

describe("availableActions", () => {
  it("should list the actions the relationships allow in the state, in definition order", () => {
    assert.deepEqual(availableActions(doc, "review", reviewer), [
      { action: "approve", label: "通过", requiresComment: false },
      { action: "return", label: "退回", requiresComment: true },
      { action: "note", label: "备注", requiresComment: false },
    ]);
    assert.deepEqual(availableActions(doc, "review", author), [{ action: "note", label: "备注", requiresComment: false }]);
  });

  it("should list nothing in a final state or for a user with no relationship", () => {
    assert.deepEqual(availableActions(doc, "done", new Set(["author", "reviewer", "director"])), []);
    assert.deepEqual(availableActions(doc, "draft", new Set()), []);
  });
});

describe("validateDefinition", () => {
  it("should find no problem in a sound definition", () => {
    assert.deepEqual(validateDefinition(doc), []);
  });

  it("should report unknown states, duplicates, unreachable and dead-end states, and final states with exits", () => {
    const broken = {
      name: "broken",
      label: "坏流程",
      initial: "a",
      states: { a: { label: "A" }, b: { label: "B" }, c: { label: "C", final: true }, orphan: { label: "孤立" }, stuck: { label: "卡住" } },
      transitions: [
        { action: "go", label: "前进", from: ["a"], to: "b", allowed: ["x"] },
        { action: "go", label: "向前", from: ["a", "ghost"], to: "c", allowed: ["x"] },
        { action: "jump", label: "跳", from: ["b"], to: "nowhere", allowed: [] },
        { action: "reopen", label: "重开", from: ["c"], to: "stuck", allowed: ["x"] },
        { action: "leave", label: "离开", from: ["orphan"], to: "a", allowed: ["x"] },
        { action: "void", label: "空", from: [], to: "a", allowed: ["x"] },
      ],
    } as unknown as WorkflowDefinition;
    assert.deepEqual(validateDefinition(broken), [
      'transition "go" has two labels: "前进" and "向前"',
      'transition "go" is defined twice from state "a"',
      'transition "go" starts from unknown state "ghost"',
      'transition "jump" allows no relationship',
      'transition "jump" goes to unknown state "nowhere"',
      'transition "void" has no "from" states',
      'final state "c" has outgoing transitions',
      'state "orphan" is unreachable from "a"',
      'state "stuck" is not final but has no outgoing transitions',
    ]);
  });

  it("should report an undeclared initial state", () => {
    const def = { name: "x", label: "X", initial: "start", states: { end: { label: "完", final: true } }, transitions: [] } as unknown as WorkflowDefinition;
    assert.deepEqual(validateDefinition(def), ['initial state "start" is not a declared state']);
  });
});
