import { z } from 'zod';

const expected = 'expected an http(s) URL, optionally with {host}, like http://{host}:8080/c/portal/layout';

function problem(s: string): string | undefined {
  if (/\s/.test(s)) return expected;
  const probe = s.replaceAll('{host}', 'host.invalid');
  if (/[{}]/.test(probe)) return 'only {host} is replaced in a health URL';
  if (!URL.canParse(probe)) return expected;
  const { protocol } = new URL(probe);
  return protocol === 'http:' || protocol === 'https:' ? undefined : expected;
}

/** A health-check URL; `{host}` stands for the node's host. */
export const HealthUrl = z.string().superRefine((s, ctx) => {
  const message = problem(s);
  if (message !== undefined) ctx.addIssue({ code: 'custom', message });
});
export type HealthUrl = z.infer<typeof HealthUrl>;
