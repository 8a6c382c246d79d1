import { z } from 'zod';
import type { ChangeAction } from '../../domain/plan/change-action.ts';
import { Setting } from '../../domain/request/maintenance-request.ts';
import type { Assignable } from './assignable.ts';
import { orAbsent } from './or-absent.ts';

/** A plan step's change (`ChangeAction`) as stored in a plan. */
export const StoredChangeAction = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('patch-install'), patch: z.string(), zip: z.string(), removeZipsMatching: orAbsent(z.string()), clearWork: z.boolean() }),
  z.looseObject({
    type: z.literal('patch-revert'),
    patch: z.string(),
    zip: z.string(),
    restore: orAbsent(z.looseObject({ patch: z.string(), zip: z.string() })),
    removeZipsMatching: orAbsent(z.string()),
    clearWork: z.boolean(),
  }),
  z.looseObject({ type: z.literal('place-file'), file: z.string(), dir: z.string(), replacesGlob: orAbsent(z.string()) }),
  z.looseObject({ type: z.literal('set-properties'), settings: z.array(Setting) }),
  z.looseObject({ type: z.literal('unset-properties'), keys: z.array(z.string()) }),
  z.looseObject({ type: z.literal('set-osgi-config'), pid: z.string(), settings: z.array(Setting) }),
  z.looseObject({ type: z.literal('jvm-options'), action: z.enum(['set', 'unset']), options: z.array(z.string()), setenv: z.string() }),
  z.looseObject({ type: z.literal('java-home'), javaHome: z.string(), major: z.number(), setenv: z.string() }),
]);
export type StoredChangeAction = z.infer<typeof StoredChangeAction>;

type _ReadsChangeAction = Assignable<StoredChangeAction, ChangeAction>;
