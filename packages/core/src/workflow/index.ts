/** Workflow engine and the workflow definitions built on it. */
export { applyTransition, availableActions, validateDefinition } from "./engine.ts";
export type {
  ApplyTransitionParams,
  TransitionDef,
  TransitionErrorCode,
  TransitionResult,
  WorkflowDefinition,
  WorkflowState,
} from "./engine.ts";
export { assignmentWorkflow, ASSIGNMENT_STATE_KEEPING_ACTIONS } from "./assignment.workflow.ts";
export type { AssignmentState } from "./assignment.workflow.ts";
export { petitionWorkflow, PETITION_STATE_KEEPING_ACTIONS } from "./petition.workflow.ts";
export type { PetitionState } from "./petition.workflow.ts";
export { outgoingWorkflow, incomingWorkflow, STATE_KEEPING_ACTIONS, RETENTION_PERIODS, RETENTION_LABELS } from "./document.workflow.ts";
export type { OutgoingState, IncomingState, RetentionPeriod } from "./document.workflow.ts";
