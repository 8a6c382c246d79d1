import type { HealthAnswer, HealthProbe } from '../../app/ports.ts';
import { messageOf } from '../../domain/message-of.ts';
import { errnoOf } from '../../domain/errno-of.ts';

/** Health checks from the bot's side with fetch: no redirects followed, time-out per request. */
export class FetchHealthProbe implements HealthProbe {
  async check(url: string, timeoutMs: number): Promise<HealthAnswer> {
    try {
      const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
      await response.body?.cancel().catch(() => undefined);
      return { ok: true, status: response.status };
    } catch (error) {
      return { ok: false, error: errnoOf(error instanceof Error ? error.cause : undefined) ?? messageOf(error) };
    }
  }
}
