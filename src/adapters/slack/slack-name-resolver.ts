import type { webApi } from '@slack/bolt';

/**
 * Slack users' display names through `users.info` (cached a few minutes): for messages that name
 * people without mentioning them (a mention notifies).
 */
export class SlackNameResolver {
  private readonly cache = new Map<string, { at: number; name: string | undefined }>();

  constructor(
    private readonly client: webApi.WebClient,
    private readonly ttlMs = 5 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Names by user id; a user whose name cannot be read is left out (the caller shows the id). */
  async namesOf(userIds: readonly string[]): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const id of new Set(userIds)) {
      const name = await this.nameOf(id);
      if (name !== undefined) out[id] = name;
    }
    return out;
  }

  private async nameOf(userId: string): Promise<string | undefined> {
    const cached = this.cache.get(userId);
    if (cached !== undefined && this.now() - cached.at < this.ttlMs) return cached.name;
    let name: string | undefined;
    try {
      const { user } = await this.client.users.info({ user: userId });
      const candidates = [user?.profile?.display_name, user?.profile?.real_name, user?.real_name, user?.name];
      name = candidates.find((n): n is string => typeof n === 'string' && n.trim() !== '');
    } catch {
      // A name that cannot be read is shown as the id.
      name = undefined;
    }
    this.cache.set(userId, { at: this.now(), name });
    return name;
  }
}
