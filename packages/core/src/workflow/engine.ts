/**
 * Workflow engine: workflows are data (states, transitions, who may take each, what input each
 * needs) and this one engine decides every transition for every module. It only decides; the
 * server applies the result in one transaction with history, audit and inbox changes.
 */

/** A state name of some workflow, e.g. "pending_receipt". */
export type WorkflowState = string;

/** One action a user can take, from one or more states to one target state. */
export interface TransitionDef<S extends string = string> {
  /** Stable identifier, e.g. "sign"; also the key the API and history use. */
  action: string;
  /** Chinese name shown on the button and in history, e.g. "签收". */
  label: string;
  from: readonly S[];
  /** Target state; may equal the current state (e.g. report_progress). */
  to: S;
  /** Relationships to the record that may take it, e.g. ["assignee"] or ["leader", "office"]. */
  allowed: readonly string[];
  /** The comment (意见) must be present and not blank. */
  requiresComment?: boolean;
  /** Other input fields that must be present and non-empty; `label` names the field in messages. */
  requiredFields?: readonly { name: string; label: string }[];
  /** Checks beyond presence; runs only after comment and required fields are present. */
  validate?: (
    input: Record<string, unknown>,
    ctx: { now: Date; data: Record<string, unknown> },
  ) => { field: string; message: string } | null;
}

/** A complete workflow: its states (with Chinese labels) and transitions. */
export interface WorkflowDefinition<S extends string = string> {
  name: string;
  label: string;
  initial: S;
  states: Record<S, { label: string; final?: boolean }>;
  transitions: readonly TransitionDef<S>[];
}

/** Stable error codes of a refused transition, for the server's error catalogue. */
export type TransitionErrorCode =
  | "WORKFLOW_UNKNOWN_ACTION"
  | "WORKFLOW_ACTION_NOT_ALLOWED"
  | "WORKFLOW_FORBIDDEN"
  | "VALIDATION_FAILED";

/** The engine's decision: the transition to record, or why it is refused (Chinese message; `field` for input errors). */
export type TransitionResult =
  | { ok: true; from: string; to: string; action: string; label: string; comment: string | null }
  | { ok: false; code: TransitionErrorCode; message: string; field?: string };

/** Parameters of {@link applyTransition}. */
export interface ApplyTransitionParams {
  /** The record's current state. */
  state: string;
  action: string;
  /** Every relationship the acting user holds to this record (e.g. {"leader"}); computed by the server. */
  relations: ReadonlySet<string>;
  /** The user's input: `comment` plus any fields the transition requires. */
  input: Record<string, unknown>;
  /** Passed to `validate`, so rules such as "not before today" stay testable. */
  now: Date;
  /** The record's current data (e.g. its deadline), passed to `validate`. */
  data?: Record<string, unknown>;
}

const COMMENT_FIELD = "comment";
const COMMENT_LABEL = "意见";

function stateLabel(def: WorkflowDefinition<string>, state: string): string {
  return Object.hasOwn(def.states, state) ? def.states[state].label : state;
}

function isPresent(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === "string") return value.trim() !== "";
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

function holdsAny(relations: ReadonlySet<string>, allowed: readonly string[]): boolean {
  return allowed.some((r) => relations.has(r));
}

/**
 * Decides whether a user holding `relations` to a record may take `action` from `state`, and
 * validates the input. Checks run in a fixed order — unknown action, state, permission, input —
 * so a user who may not act is told that before being told how to fill in the form.
 */
export function applyTransition<S extends string>(
  def: WorkflowDefinition<S>,
  params: ApplyTransitionParams,
): TransitionResult {
  const { state, action, relations, input, now } = params;
  const generic = def as unknown as WorkflowDefinition<string>;
  const candidates = def.transitions.filter((t) => t.action === action);
  if (candidates.length === 0) {
    return { ok: false, code: "WORKFLOW_UNKNOWN_ACTION", message: `未知的操作：${action}` };
  }

  const transition = candidates.find((t) => (t.from as readonly string[]).includes(state));
  if (transition === undefined) {
    return {
      ok: false,
      code: "WORKFLOW_ACTION_NOT_ALLOWED",
      message: `当前状态"${stateLabel(generic, state)}"下不能执行"${candidates[0].label}"`,
    };
  }

  if (!holdsAny(relations, transition.allowed)) {
    return { ok: false, code: "WORKFLOW_FORBIDDEN", message: `您无权执行"${transition.label}"` };
  }

  const rawComment = input[COMMENT_FIELD];
  if (rawComment !== undefined && rawComment !== null && typeof rawComment !== "string") {
    return { ok: false, code: "VALIDATION_FAILED", field: COMMENT_FIELD, message: `${COMMENT_LABEL}：须为文字` };
  }
  const comment = typeof rawComment === "string" && rawComment.trim() !== "" ? rawComment.trim() : null;
  if (transition.requiresComment && comment === null) {
    return { ok: false, code: "VALIDATION_FAILED", field: COMMENT_FIELD, message: `${COMMENT_LABEL}：不能为空` };
  }

  for (const f of transition.requiredFields ?? []) {
    if (!isPresent(input[f.name])) {
      return { ok: false, code: "VALIDATION_FAILED", field: f.name, message: `${f.label}：不能为空` };
    }
  }

  if (transition.validate) {
    const problem = transition.validate(input, { now, data: params.data ?? {} });
    if (problem !== null) {
      return { ok: false, code: "VALIDATION_FAILED", field: problem.field, message: problem.message };
    }
  }

  return { ok: true, from: state, to: transition.to, action: transition.action, label: transition.label, comment };
}

/**
 * The actions a user holding `relations` can take on a record in `state`, in definition order,
 * for drawing buttons. Input is not checked here; {@link applyTransition} still decides.
 */
export function availableActions<S extends string>(
  def: WorkflowDefinition<S>,
  state: string,
  relations: ReadonlySet<string>,
): { action: string; label: string; requiresComment: boolean }[] {
  const seen = new Set<string>();
  const result: { action: string; label: string; requiresComment: boolean }[] = [];
  for (const t of def.transitions) {
    if (seen.has(t.action)) continue;
    if (!(t.from as readonly string[]).includes(state) || !holdsAny(relations, t.allowed)) continue;
    seen.add(t.action);
    result.push({ action: t.action, label: t.label, requiresComment: t.requiresComment === true });
  }
  return result;
}

/**
 * Lists the problems of a definition (empty when sound), for a unit test per workflow: unknown
 * states in `initial`/`from`/`to`, duplicate (action, from) pairs, one action with two labels,
 * transitions nobody may take or from no state, states unreachable from `initial`, final states
 * with outgoing transitions, and non-final states with no way out.
 */
export function validateDefinition<S extends string>(def: WorkflowDefinition<S>): string[] {
  const problems: string[] = [];
  const states = new Set(Object.keys(def.states));
  if (!states.has(def.initial)) problems.push(`initial state "${def.initial}" is not a declared state`);

  const pairs = new Set<string>();
  const labelByAction = new Map<string, string>();
  const outgoing = new Map<string, number>();
  for (const t of def.transitions) {
    const name = `transition "${t.action}"`;
    if (t.from.length === 0) problems.push(`${name} has no "from" states`);
    if (t.allowed.length === 0) problems.push(`${name} allows no relationship`);
    if (!states.has(t.to)) problems.push(`${name} goes to unknown state "${t.to}"`);
    const knownLabel = labelByAction.get(t.action);
    if (knownLabel === undefined) labelByAction.set(t.action, t.label);
    else if (knownLabel !== t.label) problems.push(`${name} has two labels: "${knownLabel}" and "${t.label}"`);
    for (const from of t.from) {
      if (!states.has(from)) problems.push(`${name} starts from unknown state "${from}"`);
      const pair = `${t.action}\u0000${from}`;
      if (pairs.has(pair)) problems.push(`${name} is defined twice from state "${from}"`);
      pairs.add(pair);
      outgoing.set(from, (outgoing.get(from) ?? 0) + 1);
    }
  }

  const reachable = new Set<string>();
  if (states.has(def.initial)) {
    const queue: string[] = [def.initial];
    reachable.add(def.initial);
    while (queue.length > 0) {
      const current = queue.shift() as string;
      for (const t of def.transitions) {
        if ((t.from as readonly string[]).includes(current) && states.has(t.to) && !reachable.has(t.to)) {
          reachable.add(t.to);
          queue.push(t.to);
        }
      }
    }
  }

  const generic = def as unknown as WorkflowDefinition<string>;
  for (const s of states) {
    if (states.has(def.initial) && !reachable.has(s)) problems.push(`state "${s}" is unreachable from "${def.initial}"`);
    const isFinal = generic.states[s].final === true;
    const out = outgoing.get(s) ?? 0;
    if (isFinal && out > 0) problems.push(`final state "${s}" has outgoing transitions`);
    if (!isFinal && out === 0) problems.push(`state "${s}" is not final but has no outgoing transitions`);
  }
  return problems;
}
