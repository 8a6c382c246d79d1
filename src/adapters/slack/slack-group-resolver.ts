import type { webApi } from '@slack/bolt';

/** Which of the given user groups a user belongs to, through `usergroups.users.list` (cached a few minutes). */
export class SlackGroupResolver {
  private readonly cache = new Map<string, { at: number; users: ReadonlySet<string> }>();

  constructor(
    private readonly client: webApi.WebClient,
    private readonly ttlMs = 5 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  async groupsOf(userId: string, candidates: readonly string[]): Promise<string[]> {
    const out: string[] = [];
    for (const group of candidates) {
      const members = await this.members(group);
      if (members.has(userId)) out.push(group);
    }
    return out;
  }

  private async members(group: string): Promise<ReadonlySet<string>> {
    const cached = this.cache.get(group);
    if (cached !== undefined && this.now() - cached.at < this.ttlMs) return cached.users;
    try {
      const response = await this.client.usergroups.users.list({ usergroup: group });
      const users = new Set(response.users ?? []);
      this.cache.set(group, { at: this.now(), users });
      return users;
    } catch {
      // A group that cannot be read grants nothing (never widen access on an API error).
      return new Set();
    }
  }
}
