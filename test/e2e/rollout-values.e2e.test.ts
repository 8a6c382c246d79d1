import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/adapters/cli/run-cli.ts';
import { composeCli } from '../../src/compose-cli.ts';
import { readPortalProperties } from '../../src/domain/liferay/edit-portal-properties.ts';
import { startLocalRollout, type LocalRollout } from '../support/local-rollout.ts';
import { expectRollsNodeByNode, type ChangeKindRow } from '../support/rolls-node-by-node.ts';
import { ifSet } from '../support/if-set.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The words a POSIX shell makes of a command line, as a user types it. */
function shellWords(line: string): string[] {
  return execFileSync('sh', ['-c', `printf '%s\\0' ${line}`], { encoding: 'utf8' }).split('\0').slice(0, -1);
}

/**
 * The arguments the JVM would get on this node: catalina.sh sources setenv.sh, then runs
 * `eval exec "\"$_RUNJAVA\"" … "$JAVA_OPTS" "$CATALINA_OPTS" …` (Tomcat's bin/catalina.sh); here
 * `printf` stands in for java.
 */
function jvmArguments(tomcatDir: string): string[] {
  const script = `CATALINA_OPTS=; . ./setenv.sh; _RUNJAVA=printf; eval exec "\\"$_RUNJAVA\\"" "'%s\\\\0'" "$CATALINA_OPTS"`;
  return execFileSync('sh', ['-c', script], { cwd: join(tomcatDir, 'bin'), encoding: 'utf8' }).split('\0').slice(0, -1);
}

// Values with spaces, quotes, "&" and non-ASCII letters, from the request text to the bytes in each node's files.
describe('values are data: rollouts of quoted values on a 3-node local cluster over SSH', () => {
  let env: LocalRollout;

  beforeAll(async () => {
    env = await startLocalRollout({ nodes: 3, installedPatches: ['dxp-13-7110'], productBuild: '7110', sshServer: 'ssh2' });
  }, 180_000);

  afterAll(async () => {
    await ifSet(env)?.stop();
  });

  const kinds: readonly ChangeKindRow[] = [
    [
      'property set',
      'property set jdbc.default.url=jdbc:mysql://db/lportal?useUnicode=true&characterEncoding=UTF-8 "company.default.name=Smith & Co" company.default.web.id=“Café Zürich” on prod',
      (home) => {
        const text = readFileSync(join(home, 'portal-ext.properties'), 'utf8');
        const lines = text.split('\n');
        expect(lines).toContain('jdbc.default.url=jdbc:mysql://db/lportal?useUnicode=true&characterEncoding=UTF-8');
        expect(lines).toContain('company.default.name=Smith & Co');
        expect(lines).toContain('company.default.web.id=Caf\\u00e9 Z\\u00fcrich');
        expect(readPortalProperties(text).get('company.default.web.id')).toBe('Café Zürich');
      },
    ],
    [
      'config set',
      `config set com.acme.Greeting~default greeting='Say "hi" to Zoë' on prod`,
      (home) => {
        expect(readFileSync(join(home, 'osgi', 'configs', 'com.acme.Greeting~default.config'), 'utf8')).toBe('greeting="Say\\ \\"hi\\"\\ to\\ Zo\\u00eb"\n');
      },
    ],
    [
      'jvm set',
      'jvm set -Dfoo="a b" -Dq=‘it’s $HOME’ on prod',
      (home, state) => {
        const tomcat = env.local.nodes.find((n) => n.home === home)?.tomcatDir ?? '';
        expect(readFileSync(join(tomcat, 'bin', 'setenv.sh'), 'utf8')).toContain(`-Dfoo='a b' -Dq='it’s \\$HOME'"`);
        expect(state['catalinaOpts']).toContain(`-Dfoo='a b' -Dq='it’s $HOME'`);
        const args = jvmArguments(tomcat);
        expect(args).toContain('-Dfoo=a b');
        expect(args).toContain('-Dq=it’s $HOME');
      },
    ],
  ];

  it.each(kinds.map((row) => [row[0], row] as const))('%s rolls node by node and the exact value lands on every node', async (_kind, row) => {
    await expectRollsNodeByNode(env, row);
  });

  it('the CLI run takes the request as a user types it in a shell, and says it back in its canonical form', async () => {
    const argv = shellWords(`run --inventory ${env.inventoryPath} --yes -- property set "company.default.name=O'Brien & Co" 'portal.name=My Portal' on prod`);
    expect(argv.slice(-5)).toEqual(['set', "company.default.name=O'Brien & Co", 'portal.name=My Portal', 'on', 'prod']);
    let stdout = '';
    let stderr = '';
    const io = { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t), env: { INVENTORY: '', DATABASE: '' }, cwd: root };
    const code = await runCli(argv, io, composeCli({ terminal: { isTty: false, ask: () => Promise.reject(new Error('no terminal here')) } }));
    expect(code, stdout + stderr).toBe(0);
    expect(stdout).toContain(`property set company.default.name="O'Brien & Co" portal.name="My Portal" on prod`);
    expect(stdout).toContain('rollout SUCCEEDED');
    for (const node of env.local.nodes) {
      const lines = readFileSync(join(node.home, 'portal-ext.properties'), 'utf8').split('\n');
      expect(lines).toContain("company.default.name=O'Brien & Co");
      expect(lines).toContain('portal.name=My Portal');
    }
    process.stdout.write(`\n----- liferay-rollout run (quoted values) -----\n${stdout}\n`);
  }, 180_000);
});
