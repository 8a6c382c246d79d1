import type { HealthProbe } from '../../app/ports.ts';

/** Health checks from the bot's side with fetch: no redirects followed, time-out per request. */
export class FetchHealthProbe implements HealthProbe {
  async check(url: string, timeoutMs: number): Promise<{ status: number } | { error: string }> {
    try {
      const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
      await response.body?.cancel().catch(() => undefined);
      return { status: response.status };
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      return { error: cause ?? (error as Error).message };
    }
  }
}
