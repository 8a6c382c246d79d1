import type { NodeContext, StepDeps } from '../node-context.ts';
import { failed, succeeded, type StepOutcome } from '../step-outcome.ts';

/** Polls the health URL until it answers 200 or the time is up (HTTP cannot be followed as a stream). */
export async function waitHealthy(ctx: NodeContext, deps: StepDeps, url: string, timeoutSeconds: number): Promise<StepOutcome> {
  const deadline = deps.clock.now().getTime() + timeoutSeconds * 1000;
  let last = 'no answer yet';
  for (;;) {
    const answer = await deps.healthProbe.check(url, Math.min(10_000, timeoutSeconds * 1000));
    if (answer.ok && answer.status === 200) return succeeded(`${url} answered 200`);
    last = answer.ok ? `HTTP ${answer.status}` : answer.error;
    if (deps.clock.now().getTime() + deps.pollIntervalMs > deadline) break;
    await deps.clock.sleep(deps.pollIntervalMs);
  }
  return failed(`${ctx.spec.name} did not answer 200 on ${url} within ${timeoutSeconds} s (last: ${last})`, last);
}

/** Preflight: the node must be healthy right now. */
export async function checkHealthy(ctx: NodeContext, deps: StepDeps, url: string): Promise<StepOutcome> {
  const answer = await deps.healthProbe.check(url, 10_000);
  if (answer.ok && answer.status === 200) return succeeded(`${url} answered 200`);
  const what = answer.ok ? `HTTP ${answer.status}` : answer.error;
  return failed(`${ctx.spec.name} is not healthy before the rollout (${url}: ${what}): nothing was changed`, what);
}
