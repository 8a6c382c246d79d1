import type { CurrentSettings } from '../liferay/setting-diff.ts';

/**
 * Whether one node still needs a request's change, found on the node (never assumed).
 * `kind` `done`: the node is already in the state the request leads to (for a revert: without the patch);
 * `needed`: it is not; `unknown`: it could not be told, so the node is changed like the others.
 * `detail` says why, to be read after the node's name: `node1: already has dxp-14-7110`.
 */
export interface ChangeNeed {
  readonly kind: 'done' | 'needed' | 'unknown';
  readonly detail: string;
  /** Property and config requests: the request's keys as the node's file has them now (for the verdict's diff); absent when not read. */
  readonly current?: CurrentSettings;
}
