import { describe, expect, it } from 'vitest';
import { aRequest } from '../../../../test/builders/a-rollout-plan.ts';
import { changeTitle, requestHeadline } from './change-title.ts';

describe('changeTitle: what a request changes, at a glance', () => {
  it.each([
    ['fixpack install dxp-17-7110 on prod', 'Fix pack dxp-17-7110'],
    ['fixpack revert dxp-17-7110 on prod', 'Revert fix pack dxp-17-7110'],
    ['hotfix install hotfix-4445-7110 on prod', 'Hotfix hotfix-4445-7110'],
    ['hotfix revert hotfix-4445-7110 on prod', 'Revert hotfix hotfix-4445-7110'],
    ['module update com.acme.blog-1.0.0.jar on prod --schema none', 'Module update com.acme.blog-1.0.0.jar'],
    ['plugin install acme-theme.war on prod', 'Plugin install acme-theme.war'],
    ['property set session.timeout=30 on prod', 'Property session.timeout'],
    ['property set a.b=1 c.d=2 e.f=3 g.h=4 on prod', 'Properties a.b, c.d and 2 more'],
    ['property unset a.b on prod', 'Unset property a.b'],
    ['config set com.acme.Foo enabled=true on prod', 'OSGi config com.acme.Foo: enabled'],
    ['jvm set -Xmx4g on prod', 'JVM option -Xmx4g'],
    ['jvm unset -Xmx4g -Xms1g on prod', 'Remove JVM options -Xmx4g, -Xms1g'],
    ['java update 1.8.0_402 on prod', 'Java 1.8.0_402'],
    ['release update 2024.q1.3 on prod', 'Release 2024.q1.3'],
    ['commerce update 2.0.6 on prod', 'Commerce 2.0.6'],
  ])('%s → %s', (text, title) => {
    expect(changeTitle(aRequest(text))).toBe(title);
  });

  it.each([
    ['fixpack install dxp-17-7110 on prod', '🔧 Fix pack dxp-17-7110 → prod'],
    ['fixpack install dxp-17-7110 on prod --dry-run', '🔧 Fix pack dxp-17-7110 → prod (dry run)'],
  ])('headline of %s', (text, headline) => {
    expect(requestHeadline(aRequest(text), 150)).toBe(headline);
  });
});
