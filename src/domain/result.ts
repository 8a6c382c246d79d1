/**
 * An expected outcome as a value: success or a typed failure.
 *
 * The one discriminant convention for outcome values (what a function answers, not what is stored):
 * - a fallible result, success or failure, is told apart by `ok: true | false` (this `Result`, or
 *   a union of the same shape: `StepOutcome`, `Decision`, `FollowResult`, the use cases' outcomes);
 * - a multi-way outcome is told apart by `kind` (`SubmitOutcome`, `ApproveOutcome`, `ChangeNeed`,
 *   `Revertibility`, `WayBack`).
 * Data that is stored or sent keeps its own field: events and change actions use `type`, records
 * `status`, a verdict `verdict`; thrown errors carry a `code` (`ErrorCode`).
 */
export type Result<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): { readonly ok: true; readonly value: T } => ({ ok: true, value });
export const err = <E>(error: E): { readonly ok: false; readonly error: E } => ({ ok: false, error });
