import type { RolloutRecord } from '../../src/app/rollout-record.ts';
import { describeRequest } from '../../src/domain/request/describe-request.ts';
import { parseRequest } from '../../src/domain/request/parse-request.ts';
import { aRolloutRecord } from '../builders/a-rollout-record.ts';

/**
 * A request awaiting approval on `prod` whose request, verdict, plan and text are `requestText`
 * (`property set race.7.a=1 on prod`): each contender of a lock race asks for something of its own,
 * so a refusal that names the winner's request can be told apart.
 */
export function raceRecord(id: string, requestText: string): RolloutRecord {
  const parsed = parseRequest(requestText);
  if (!parsed.ok) throw new Error(`not a request: ${requestText}: ${parsed.error.reason}`);
  const request = parsed.value;
  const base = aRolloutRecord().withId(id).requestedAt(new Date().toISOString()).build();
  if (base.plan === undefined || base.verdict.type !== 'verdict') throw new Error('the builder gave no plan');
  return {
    ...base,
    request,
    requestText: describeRequest(request),
    verdict: { ...base.verdict, request },
    plan: { ...base.plan, request },
  };
}
