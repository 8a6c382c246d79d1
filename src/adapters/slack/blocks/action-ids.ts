/** Every `action_id` and `callback_id` the bot's messages and modals use: listeners match on these. */
export const ACTION_IDS = {
  approve: 'approve',
  approveFullShutdown: 'approve-full-shutdown',
  reject: 'reject',
  /** Opens the request's whole plan in a modal (value: the request's decision value). */
  showPlan: 'show-plan',
  answerSchemaNone: 'answer-schema-none',
  answerSchemaCompatible: 'answer-schema-compatible',
  answerSchemaBreaking: 'answer-schema-breaking',
  answerRevertibleYes: 'answer-revertible-yes',
  answerRevertibleNo: 'answer-revertible-no',
  answerJavaMajorYes: 'answer-java-major-yes',
  answerJavaMajorNo: 'answer-java-major-no',
  /** `callback_id` of the reject-reason modal (`view_submission`). */
  rejectReasonModal: 'reject-reason-modal',
  /** `action_id` of the modal's text input: `view.state.values[BLOCK_IDS.rejectReason][ACTION_IDS.rejectReasonInput].value`. */
  rejectReasonInput: 'reject-reason-input',
  /** `callback_id` of the request form (modal) and of the global shortcut that opens it; the form's change kind select (redraws the form). */
  requestForm: 'request-form',
  newRequestShortcut: 'new-maintenance-request',
  requestFormKind: 'request-form-kind',
  /** The controls of a running or stopped rollout, on its status board (value: the rollout id). */
  controlPause: 'rollout-pause',
  controlAbort: 'rollout-abort',
  controlResume: 'rollout-resume',
  controlRetry: 'rollout-retry',
  controlRollback: 'rollout-rollback',
  controlLeave: 'rollout-leave',
} as const;

/** action_id of each rollout control. */
export const CONTROL_ACTION_IDS = {
  pause: ACTION_IDS.controlPause,
  abort: ACTION_IDS.controlAbort,
  resume: ACTION_IDS.controlResume,
  retry: ACTION_IDS.controlRetry,
  rollback: ACTION_IDS.controlRollback,
  leave: ACTION_IDS.controlLeave,
} as const;

export type ActionId = (typeof ACTION_IDS)[keyof typeof ACTION_IDS];

/** All answer buttons' action_ids start with this: `app.action(ANSWER_ACTION_ID, …)`. */
export const ANSWER_ACTION_ID = /^answer-/;

/** `block_id`s a listener needs to read back (the rest are left to Slack). */
export const BLOCK_IDS = {
  decision: 'decision',
  fullShutdownDecision: 'decision-full-shutdown',
  /** `answer-0`, `answer-1`, …: one actions block per question, by its index in `verdict.questions`. */
  answerPrefix: 'answer-',
  rejectReason: 'reject-reason',
  controls: 'rollout-controls',
} as const;
