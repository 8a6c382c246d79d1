import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { tomcatProcess } from '../domain/liferay/tomcat-process.ts';
import type { InventoryError, InventoryProblem } from './format-inventory-error.ts';
import type { ClusterConfig, Inventory, NodeConfig } from './inventory-schema.ts';
import { loadInventory, parseInventory } from './load-inventory.ts';
import { typedExpect } from '../../test/support/typed-expect.ts';

/** The Tomcat bundle's default commands, as the loaded inventory fills them in. */
const tomcatCommands = (home: string, dir: string): Pick<NodeConfig['commands'], 'stop' | 'forceStop' | 'start'> => {
  const { stop, forceStop, start } = tomcatProcess(home, dir);
  return { stop, forceStop, start };
};

/** A syntactically valid pin: the unpadded base64 SHA-256 of `seed`. */
const pin = (seed: string): string => `SHA256:${createHash('sha256').update(seed).digest('base64').replace(/=+$/, '')}`;
const K1 = pin('node1');
const K2 = pin('node2');

// Line numbers matter: the invalid cases below assert them.
const base = [
  'artifactDir: ./artifacts', //                                          1
  'clusters:', //                                                          2
  '  prod:', //                                                            3
  '    product: dxp-7.1', //                                               4
  '    channels: [C0123PROD]', //                                          5
  '    approvers: { users: [U0AAA] }', //                                  6
  '    liferayHome: /opt/liferay', //                                      7
  '    ssh: { user: liferay, keyFile: ~/.ssh/id_ed25519 }', //             8
  '    nodes:', //                                                         9
  `      - { name: node1, host: 10.0.0.11, hostKey: "${K1}" }`, //       10
  `      - { name: node2, host: 10.0.0.12, hostKey: "${K2}" }`, //       11
  '',
].join('\n');

/** `base` with one exact piece of text replaced (the piece must be there). */
function variant(from: string, to: string): string {
  if (!base.includes(from)) throw new Error(`test bug: ${JSON.stringify(from)} is not in the base inventory`);
  return base.replace(from, to);
}
/** `base` with `text` inserted as line `line`. */
function insert(line: number, text: string): string {
  const lines = base.split('\n');
  lines.splice(line - 1, 0, text);
  return lines.join('\n');
}

const FILE = '/etc/liferay-rollout/inventory.yml';
const parse = (text: string): ReturnType<typeof parseInventory> => parseInventory(text, FILE, { homeDir: '/home/bot' });

function problemsOf(text: string): InventoryProblem[] {
  const result = parse(text);
  if (result.ok) throw new Error('expected the inventory to be invalid');
  expect(result.error.code).toBe('inventory_invalid');
  return result.error.problems;
}

function loaded(text: string): Inventory {
  const result = parse(text);
  if (!result.ok) throw new Error(`expected a valid inventory, got ${JSON.stringify(result.error.problems)}`);
  return result.value;
}

function prod(text: string): ClusterConfig {
  const cluster = loaded(text).clusters['prod'];
  if (cluster === undefined) throw new Error('no prod cluster');
  return cluster;
}

describe('parseInventory: one problem, with its path and line', () => {
  it.each<{ name: string; text: string; path: string; line: number | undefined; message: RegExp }>([
    { name: 'hostKey not a fingerprint', text: variant(`hostKey: "${K2}"`, 'hostKey: "abc"'), path: 'clusters.prod.nodes[1].hostKey', line: 11, message: /expected "SHA256:<43 base64 chars>"/ },
    { name: 'hostKey with base64 padding', text: variant(`hostKey: "${K2}"`, `hostKey: "${K2}="`), path: 'clusters.prod.nodes[1].hostKey', line: 11, message: /without the trailing "="/ },
    { name: 'hostKey as MD5', text: variant(`hostKey: "${K1}"`, 'hostKey: "MD5:16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48"'), path: 'clusters.prod.nodes[0].hostKey', line: 10, message: /MD5 fingerprints are not accepted/ },
    { name: 'hostKey missing (no trust on first use)', text: variant(`, hostKey: "${K1}"`, ''), path: 'clusters.prod.nodes[0].hostKey', line: 10, message: /^required/ },
    { name: 'relative liferayHome', text: variant('liferayHome: /opt/liferay', 'liferayHome: opt/liferay'), path: 'clusters.prod.liferayHome', line: 7, message: /absolute path/ },
    { name: 'keyFile and agent', text: variant('keyFile: ~/.ssh/id_ed25519 }', 'keyFile: ~/.ssh/id_ed25519, agent: true }'), path: 'clusters.prod.ssh.agent', line: 8, message: /not both/ },
    { name: 'neither keyFile nor agent', text: variant(', keyFile: ~/.ssh/id_ed25519 }', ' }'), path: 'clusters.prod.ssh', line: 8, message: /keyFile .* or agent: true/ },
    { name: 'agent: false and no keyFile', text: variant('keyFile: ~/.ssh/id_ed25519 }', 'agent: false }'), path: 'clusters.prod.ssh', line: 8, message: /keyFile .* or agent: true/ },
    { name: 'keyFile of another user', text: variant('~/.ssh/id_ed25519', '~bob/.ssh/id_ed25519'), path: 'clusters.prod.ssh.keyFile', line: 8, message: /not "~user"/ },
    { name: 'node port 0', text: variant('host: 10.0.0.11,', 'host: 10.0.0.11, port: 0,'), path: 'clusters.prod.nodes[0].port', line: 10, message: /1 to 65535/ },
    { name: 'ssh port 70000', text: variant('user: liferay,', 'user: liferay, port: 70000,'), path: 'clusters.prod.ssh.port', line: 8, message: /1 to 65535/ },
    { name: 'time-out as a string', text: variant('user: liferay,', 'user: liferay, connectTimeoutSeconds: "20",'), path: 'clusters.prod.ssh.connectTimeoutSeconds', line: 8, message: /got string "20"/ },
    { name: 'channel as a #name', text: variant('[C0123PROD]', '["#prod"]'), path: 'clusters.prod.channels[0]', line: 5, message: /Slack channel id/ },
    { name: 'no channel', text: variant('[C0123PROD]', '[]'), path: 'clusters.prod.channels', line: 5, message: /at least one Slack channel/ },
    { name: 'approver as a name', text: variant('users: [U0AAA]', 'users: [alice]'), path: 'clusters.prod.approvers.users[0]', line: 6, message: /Slack user id/ },
    { name: 'group id that is a channel', text: variant('users: [U0AAA]', 'groups: [G0AAA]'), path: 'clusters.prod.approvers.groups[0]', line: 6, message: /user group id/ },
    { name: 'no approver at all', text: variant('users: [U0AAA]', 'users: [], groups: []'), path: 'clusters.prod.approvers', line: 6, message: /at least one approver/ },
    { name: 'duplicate node name', text: variant('name: node2', 'name: node1'), path: 'clusters.prod.nodes[1].name', line: 11, message: /duplicate node name "node1" \(also nodes\[0\]\)/ },
    { name: 'duplicate host:port (default port)', text: variant('host: 10.0.0.12', 'host: 10.0.0.11, port: 22'), path: 'clusters.prod.nodes[1].host', line: 11, message: /duplicate host:port 10\.0\.0\.11:22/ },
    { name: 'cluster settle window of 0', text: insert(9, '    health: { clusterSettleSeconds: 0 }'), path: 'clusters.prod.health.clusterSettleSeconds', line: 9, message: /^expected a number of seconds greater than 0, like 1 or 0\.5/ },
    { name: 'negative cluster settle window', text: insert(9, '    health: { clusterSettleSeconds: -0.5 }'), path: 'clusters.prod.health.clusterSettleSeconds', line: 9, message: /^expected a number of seconds greater than 0/ },
    { name: 'cluster settle window with a unit', text: insert(9, '    health: { clusterSettleSeconds: 1s }'), path: 'clusters.prod.health.clusterSettleSeconds', line: 9, message: /got string "1s"/ },
    { name: 'cluster settle window as long as the cluster time-out', text: insert(9, '    health: { clusterTimeoutSeconds: 5, clusterSettleSeconds: 5 }'), path: 'clusters.prod.health.clusterSettleSeconds', line: 9, message: /^expected less than clusterTimeoutSeconds \(5\): the view must have held within that time$/ },
    { name: 'cluster settle window longer than the default cluster time-out', text: insert(9, '    health: { clusterSettleSeconds: 301 }'), path: 'clusters.prod.health.clusterSettleSeconds', line: 9, message: /^expected less than clusterTimeoutSeconds \(300\)/ },
    { name: 'more cluster members than nodes', text: insert(9, '    health: { expectClusterMembers: 3 }'), path: 'clusters.prod.health.expectClusterMembers', line: 9, message: /at most 2/ },
    { name: 'unknown key in a node', text: variant('host: 10.0.0.11,', 'host: 10.0.0.11, hots: x,'), path: 'clusters.prod.nodes[0].hots', line: 10, message: /unknown key "hots"/ },
    { name: 'unknown key in a cluster', text: insert(8, '    tomcat: tomcat-9.0.83'), path: 'clusters.prod.tomcat', line: 8, message: /unknown key "tomcat"/ },
    { name: 'unknown top-level key', text: `${base}catalogue: ./c.json\n`, path: 'catalogue', line: 12, message: /unknown key "catalogue"/ },
    { name: 'product among the facts', text: insert(5, '    facts: { product: dxp-7.1, patches: [dxp-14-7110] }'), path: 'clusters.prod.facts.product', line: 5, message: /cluster's "product" key/ },
    { name: 'unknown fact', text: insert(5, '    facts: { patch: [dxp-14-7110] }'), path: 'clusters.prod.facts.patch', line: 5, message: /unknown key "patch"/ },
    { name: 'unknown product', text: variant('dxp-7.1', 'dxp-6.2'), path: 'clusters.prod.product', line: 4, message: /^expected one of dxp-7\.0, .*dxp-7\.4, got string "dxp-6\.2"$/ },
    { name: 'product missing', text: variant('    product: dxp-7.1\n', ''), path: 'clusters.prod.product', line: 3, message: /^required \(one of dxp-7\.0, / },
    { name: 'cluster name with a space', text: variant('  prod:', '  prod cluster:'), path: 'clusters["prod cluster"]', line: 3, message: /expected a name of letters/ },
    { name: 'node name with a slash', text: variant('name: node1', 'name: node/1'), path: 'clusters.prod.nodes[0].name', line: 10, message: /expected a name of letters/ },
    { name: 'bad host', text: variant('host: 10.0.0.11', 'host: "bad host!"'), path: 'clusters.prod.nodes[0].host', line: 10, message: /host name or an IP address/ },
    { name: 'no node', text: base.split('\n').slice(0, 8).concat('    nodes: []', '').join('\n'), path: 'clusters.prod.nodes', line: 9, message: /at least one node/ },
    { name: 'no cluster', text: 'artifactDir: ./artifacts\nclusters: {}\n', path: 'clusters', line: 2, message: /at least one cluster/ },
    { name: 'multi-line command', text: insert(9, '    commands:\n      stop: |\n        systemctl stop liferay\n        echo done'), path: 'clusters.prod.commands.stop', line: 10, message: /single line/ },
    { name: 'empty command', text: insert(9, '    commands: { start: "  " }'), path: 'clusters.prod.commands.start', line: 9, message: /must not be empty/ },
    { name: 'tomcatDir outside liferayHome', text: insert(8, '    tomcatDir: ../tomcat'), path: 'clusters.prod.tomcatDir', line: 8, message: /relative to liferayHome/ },
    { name: 'javaHomes key not a major version', text: insert(9, '    javaHomes: { eleven: /usr/lib/jvm/java-11 }'), path: 'clusters.prod.javaHomes.eleven', line: 9, message: /Java major version/ },
    { name: 'javaHomes relative path', text: insert(9, '    javaHomes: { 11: jvm/java-11 }'), path: 'clusters.prod.javaHomes.11', line: 9, message: /absolute path/ },
    { name: 'health URL not http', text: insert(9, '    health: { url: "ftp://{host}/" }'), path: 'clusters.prod.health.url', line: 9, message: /http\(s\) URL/ },
    { name: 'node healthUrl with another placeholder', text: variant('host: 10.0.0.12,', 'host: 10.0.0.12, healthUrl: "http://{host}:{port}/",'), path: 'clusters.prod.nodes[1].healthUrl', line: 11, message: /only \{host\}/ },
    { name: 'rolling patch releases on 7.1', text: insert(5, '    allowRollingPatchRelease: true'), path: 'clusters.prod.allowRollingPatchRelease', line: 5, message: /dxp-7\.4 clusters only/ },
    { name: 'approval TTL of 0', text: insert(7, '    approvalTtlMinutes: 0'), path: 'clusters.prod.approvalTtlMinutes', line: 7, message: /1 to 10080/ },
    { name: 'boolean as "yes"', text: insert(7, '    allowSelfApproval: "yes"'), path: 'clusters.prod.allowSelfApproval', line: 7, message: /expected boolean, got string "yes"/ },
    { name: 'an unknown way to notify approvers', text: insert(7, '    notify: email'), path: 'clusters.prod.notify', line: 7, message: /mention.*dm.*none/ },
    { name: 'production as "yes"', text: insert(7, '    production: "yes"'), path: 'clusters.prod.production', line: 7, message: /expected boolean, got string "yes"/ },
    { name: 'artifactDir missing', text: base.replace('artifactDir: ./artifacts\n', ''), path: 'artifactDir', line: undefined, message: /^required/ },
    { name: 'empty file', text: '', path: '', line: undefined, message: /expected a map, got nothing/ },
    { name: 'empty value', text: variant('liferayHome: /opt/liferay', 'liferayHome:'), path: 'clusters.prod.liferayHome', line: 7, message: /expected string, got nothing/ },
    { name: 'same host key on two hosts', text: variant(`hostKey: "${K2}"`, `hostKey: "${K1}"`), path: 'clusters.prod.nodes[1].hostKey', line: 11, message: /^same host key as nodes\[0\] on another host \(a copy-paste mistake\?/ },
    { name: 'health URL without {host} in a two-node cluster', text: insert(9, '    health: { url: "http://lb.example.com/c/portal/layout" }'), path: 'clusters.prod.health.url', line: 9, message: /^has no \{host\}: 2 nodes would probe the same URL/ },
    { name: 'two nodes with the same health URL without {host}', text: variant(`hostKey: "${K1}" }`, `hostKey: "${K1}", healthUrl: "http://lb/ping" }`).replace(`hostKey: "${K2}" }`, `hostKey: "${K2}", healthUrl: "http://lb/ping" }`), path: 'clusters.prod.nodes[1].healthUrl', line: 11, message: /^same health URL as nodes\[0\] and no \{host\}/ },
    { name: 'fractional port', text: variant('host: 10.0.0.11,', 'host: 10.0.0.11, port: 22.5,'), path: 'clusters.prod.nodes[0].port', line: 10, message: /expected a whole number, got number 22.5/ },
  ])('$name → $path (line $line)', ({ text, path, line, message }) => {
    const problems = problemsOf(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toEqual({ path, ...(line === undefined ? {} : { line }), message: typedExpect.stringMatching(message) });
  });
});

describe('parseInventory: valid variants', () => {
  it.each<{ name: string; text: string; check: (c: ClusterConfig) => void }>([
    { name: 'IPv6 host, bracketed in the health URL', text: variant('host: 10.0.0.11', 'host: "fd00::11"'), check: (c) => expect(c.nodes[0]?.healthUrl).toBe('http://[fd00::11]:8080/c/portal/layout') },
    { name: 'DNS host', text: variant('host: 10.0.0.11', 'host: liferay-1.prod.example.com'), check: (c) => expect(c.nodes[0]?.host).toBe('liferay-1.prod.example.com') },
    { name: 'SSH agent', text: variant('keyFile: ~/.ssh/id_ed25519 }', 'agent: true }'), check: (c) => expect(c.ssh.auth).toEqual({ kind: 'agent' }) },
    { name: 'same host on another port', text: variant('host: 10.0.0.12', 'host: 10.0.0.11, port: 2222'), check: (c) => expect(c.nodes.map((n) => n.port)).toEqual([22, 2222]) },
    { name: 'node port from ssh.port', text: variant('user: liferay,', 'user: liferay, port: 2200,'), check: (c) => expect(c.nodes.map((n) => n.port)).toEqual([2200, 2200]) },
    { name: 'node healthUrl override', text: variant('host: 10.0.0.12,', 'host: 10.0.0.12, healthUrl: "https://{host}/ping",'), check: (c) => expect(c.nodes.map((n) => n.healthUrl)).toEqual(['http://10.0.0.11:8080/c/portal/layout', 'https://10.0.0.12/ping']) },
    { name: 'trailing slash on liferayHome', text: variant('/opt/liferay', '/opt/liferay/'), check: (c) => expect(c.commands.stop).toBe('/opt/liferay/tomcat/bin/shutdown.sh') },
    { name: 'a fractional cluster settle window', text: insert(9, '    health: { clusterSettleSeconds: 0.25 }'), check: (c) => expect(c.health.clusterSettleSeconds).toBe(0.25) },
    { name: 'a long cluster settle window for a flapping network', text: insert(9, '    health: { clusterSettleSeconds: 30, clusterTimeoutSeconds: 600 }'), check: (c) => expect([c.health.clusterSettleSeconds, c.health.clusterTimeoutSeconds]).toEqual([30, 600]) },
    { name: 'fewer expected members than nodes', text: insert(9, '    health: { expectClusterMembers: 1 }'), check: (c) => expect(c.health.expectClusterMembers).toBe(1) },
    { name: 'declared facts', text: insert(5, '    facts: { patches: [dxp-14-7110], java: 1.8.0_292 }'), check: (c) => expect(c.facts).toEqual({ patches: ['dxp-14-7110'], java: '1.8.0_292' }) },
    { name: 'channels and approvers left out (a cluster driven only from the CLI)', text: variant('    channels: [C0123PROD]\n    approvers: { users: [U0AAA] }\n', ''), check: (c) => expect([c.channels, c.approvers]).toEqual([[], { users: [], groups: [] }]) },
    { name: 'same host key on one host (another port)', text: variant(`host: 10.0.0.12, hostKey: "${K2}"`, `host: 10.0.0.11, port: 2222, hostKey: "${K1}"`), check: (c) => expect(c.nodes.map((n) => n.hostKey)).toEqual([K1, K1]) },
    { name: 'health URL without {host} in a one-node cluster', text: base.replace(/ {6}- \{ name: node2.*\n/, '').replace('    nodes:', '    health: { url: "https://lb.example.com/ping" }\n    nodes:'), check: (c) => expect(c.nodes.map((n) => n.healthUrl)).toEqual(['https://lb.example.com/ping']) },
    { name: 'health URL without {host}, overridden by every node but one', text: insert(9, '    health: { url: "https://node1.example.com/ping" }').replace(`hostKey: "${K2}" }`, `hostKey: "${K2}", healthUrl: "https://node2.example.com/ping" }`), check: (c) => expect(c.nodes.map((n) => n.healthUrl)).toEqual(['https://node1.example.com/ping', 'https://node2.example.com/ping']) },
    { name: 'Enterprise Grid user and private channel', text: variant('[C0123PROD]', '[G0123PROD]').replace('[U0AAA]', '[W0AAA]'), check: (c) => expect([c.channels, c.approvers.users]).toEqual([['G0123PROD'], ['W0AAA']]) },
  ])('$name', ({ text, check }) => {
    check(prod(text));
  });
});

describe('parseInventory: defaults', () => {
  it('fills in every default of a minimal inventory', () => {
    expect(loaded(base)).toEqual({
      artifactDir: '/etc/liferay-rollout/artifacts',
      clusters: {
        prod: {
          product: 'dxp-7.1',
          channels: ['C0123PROD'],
          approvers: { users: ['U0AAA'], groups: [] },
          allowSelfApproval: false,
          notify: 'mention',
          production: false,
          approvalTtlMinutes: 60,
          allowRollingPatchRelease: false,
          liferayHome: '/opt/liferay',
          tomcatDir: 'tomcat',
          ssh: { user: 'liferay', port: 22, connectTimeoutSeconds: 20, auth: { kind: 'keyFile', keyFile: '/home/bot/.ssh/id_ed25519' } },
          commands: {
            stop: '/opt/liferay/tomcat/bin/shutdown.sh',
            forceStop: typedExpect.stringContaining("pkill -9 -f -- '-Dcatalina\\.base=/opt/liferay/tomcat( |$)'"),
            start: '/opt/liferay/tomcat/bin/startup.sh',
          },
          health: {
            startupLogLine: 'Server startup in',
            url: 'http://{host}:8080/c/portal/layout',
            expectClusterMembers: 2,
            stopTimeoutSeconds: 120,
            startTimeoutSeconds: 900,
            healthTimeoutSeconds: 300,
            clusterTimeoutSeconds: 300,
            clusterSettleSeconds: 1,
          },
          javaHomes: {},
          restoreOnFailure: true,
          afterRestart: 'resume',
          nodes: [
            { name: 'node1', host: '10.0.0.11', port: 22, hostKey: K1, healthUrl: 'http://10.0.0.11:8080/c/portal/layout', liferayHome: '/opt/liferay', memberName: 'node1', commands: tomcatCommands('/opt/liferay', 'tomcat') },
            { name: 'node2', host: '10.0.0.12', port: 22, hostKey: K2, healthUrl: 'http://10.0.0.12:8080/c/portal/layout', liferayHome: '/opt/liferay', memberName: 'node2', commands: tomcatCommands('/opt/liferay', 'tomcat') },
          ],
        },
      },
    });
  });

  it.each<{ name: string; text: string; artifactDir: string; catalog: string | undefined; keyFile: string }>([
    { name: 'relative to the inventory folder, ~ to the home dir', text: `${base}catalog: ../catalog.json\n`, artifactDir: '/etc/liferay-rollout/artifacts', catalog: '/etc/catalog.json', keyFile: '/home/bot/.ssh/id_ed25519' },
    { name: 'absolute paths kept', text: variant('./artifacts', '/srv/artifacts').replace('~/.ssh/id_ed25519', '/keys/id'), artifactDir: '/srv/artifacts', catalog: undefined, keyFile: '/keys/id' },
    { name: 'relative keyFile, ~ alone', text: variant('./artifacts', '"~"').replace('~/.ssh/id_ed25519', 'keys/id'), artifactDir: '/home/bot', catalog: undefined, keyFile: '/etc/liferay-rollout/keys/id' },
  ])('resolves local paths: $name', ({ text, artifactDir, catalog, keyFile }) => {
    const inventory = loaded(text);
    expect(inventory.artifactDir).toBe(artifactDir);
    expect(inventory.catalog).toBe(catalog);
    expect(inventory.clusters['prod']?.ssh.auth).toEqual({ kind: 'keyFile', keyFile });
  });

  it('lets a cluster take shared settings from a YAML merge key', () => {
    const text = `${base}  staging:\n    <<: *prod\n    channels: [C0STAGE]\n`.replace('  prod:', '  prod: &prod');
    const inventory = loaded(text);
    expect(inventory.clusters['staging']?.channels).toEqual(['C0STAGE']);
    expect(inventory.clusters['staging']?.nodes).toEqual(inventory.clusters['prod']?.nodes);
  });

  it('has no optional field where a default exists', () => {
    expectTypeOf<ClusterConfig['nodes'][number]>().toEqualTypeOf<NodeConfig>();
    expectTypeOf<Omit<NodeConfig, 'commands'>>().toEqualTypeOf<{ name: string; host: string; port: number; hostKey: string; healthUrl: string; memberName: string; liferayHome: string }>();
    expectTypeOf<NodeConfig['commands']['stop']>().toEqualTypeOf<string>();
    expectTypeOf<ClusterConfig['health']['expectClusterMembers']>().toEqualTypeOf<number>();
    expectTypeOf<ClusterConfig['commands']['forceStop']>().toEqualTypeOf<string>();
    expectTypeOf<ClusterConfig['ssh']['auth']>().toEqualTypeOf<{ kind: 'agent' } | { kind: 'keyFile'; keyFile: string }>();
    expectTypeOf<ClusterConfig['javaHomes']>().toEqualTypeOf<Record<string, string>>();
    expectTypeOf<Inventory['clusters']>().toEqualTypeOf<Record<string, ClusterConfig>>();
  });
});

describe('parseInventory: several problems', () => {
  it('reports all of them at once, in line order', () => {
    const text = base
      .replace(`hostKey: "${K2}"`, 'hostKey: "SHA256:short"')
      .replace('[C0123PROD]', '[general]')
      .replace('liferayHome: /opt/liferay', 'liferayHome: liferay')
      .replace('name: node2', 'name: node1')
      .concat('extra: 1\n');
    expect(problemsOf(text).map((p) => [p.line, p.path])).toEqual([
      [5, 'clusters.prod.channels[0]'],
      [7, 'clusters.prod.liferayHome'],
      [11, 'clusters.prod.nodes[1].hostKey'],
      [11, 'clusters.prod.nodes[1].name'],
      [12, 'extra'],
    ]);
  });

  it('runs the checks across nodes even when a node is incomplete', () => {
    const text = variant(`name: node2, host: 10.0.0.12, hostKey: "${K2}"`, 'name: node1, host: 10.0.0.11').replace('[C0123PROD]', '[1]');
    expect(problemsOf(text).map((p) => [p.line, p.path, p.message])).toEqual([
      [5, 'clusters.prod.channels[0]', 'expected string, got number 1'],
      [11, 'clusters.prod.nodes[1].hostKey', 'required (string)'],
      [11, 'clusters.prod.nodes[1].name', 'duplicate node name "node1" (also nodes[0])'],
      [11, 'clusters.prod.nodes[1].host', 'duplicate host:port 10.0.0.11:22 (also nodes[0])'],
    ]);
  });

  it('reports every unknown key separately', () => {
    const text = variant('host: 10.0.0.11,', 'host: 10.0.0.11, user: x, pass: y,');
    expect(problemsOf(text).map((p) => p.path)).toEqual(['clusters.prod.nodes[0].user', 'clusters.prod.nodes[0].pass']);
  });
});

describe('parseInventory: YAML syntax', () => {
  it.each<{ name: string; text: string; line: number; message: RegExp }>([
    { name: 'unclosed flow mapping', text: variant(`hostKey: "${K2}" }`, `hostKey: "${K2}"`), line: 12, message: /flow|\}/i },
    { name: 'duplicate key', text: insert(5, '    product: dxp-7.2'), line: 5, message: /unique/ },
    { name: 'tab indentation', text: variant('    liferayHome', '\tliferayHome'), line: 7, message: /tab/i },
  ])('$name is a problem with its line', ({ text, line, message }) => {
    const problems = problemsOf(text);
    expect(problems[0]).toEqual({ path: '', line, message: typedExpect.stringMatching(message) });
  });
});

/** A folder with an inventory file in it, and a home folder holding `~/.ssh/id_ed25519`. */
function inventoryDir(text: string): { readonly path: string; readonly home: string } {
  const dir = mkdtempSync(join(tmpdir(), 'inventory-'));
  const home = join(dir, 'home');
  mkdirSync(join(home, '.ssh'), { recursive: true });
  writeFileSync(join(home, '.ssh', 'id_ed25519'), 'not a real key\n');
  mkdirSync(join(dir, 'keys'));
  const path = join(dir, 'inventory.yml');
  writeFileSync(path, text);
  return { path, home };
}

describe('loadInventory', () => {
  it('loads the example inventory', () => {
    const { home } = inventoryDir('');
    const result = loadInventory(fileURLToPath(new URL('../../inventory.example.yml', import.meta.url)), { homeDir: home });
    if (!result.ok) throw new Error(JSON.stringify(result.error.problems));
    const { prod: p, staging: s } = result.value.clusters;
    expect(Object.keys(result.value.clusters)).toEqual(['prod', 'staging', 'batch']);
    expect([p?.product, p?.nodes.length, p?.health.expectClusterMembers, p?.commands.stop]).toEqual(['dxp-7.1', 3, 3, '/opt/liferay/tomcat-9.0.83/bin/shutdown.sh']);
    expect(p?.nodes[2]).toMatchObject({ name: 'node3', port: 2222, healthUrl: 'http://10.0.0.13:8080/c/portal/layout' });
    expect(p?.ssh.auth).toEqual({ kind: 'keyFile', keyFile: join(home, '.ssh', 'id_ed25519') });
    expect([s?.product, s?.nodes.length, s?.ssh.auth.kind, s?.commands.stop, s?.commands.drain]).toEqual([
      'dxp-7.4', 2, 'agent', 'sudo systemctl stop liferay', expect.stringContaining('/drain'),
    ]);
    const batch = result.value.clusters['batch'];
    expect([batch?.channels, batch?.approvers]).toEqual([[], { users: [], groups: [] }]);
    expect(result.value.catalog).toBe(fileURLToPath(new URL('../../catalog/non-revertible.json', import.meta.url)));
  });

  it.each<{ name: string; path: string; message: RegExp }>([
    { name: 'missing file', path: '/nonexistent/inventory.yml', message: /ENOENT/ },
    { name: 'a folder', path: fileURLToPath(new URL('.', import.meta.url)), message: /EISDIR/ },
  ])('reports an unreadable inventory ($name) as a value', ({ path, message }) => {
    const result = loadInventory(path);
    expect(result).toEqual({
      ok: false,
      error: { code: 'inventory_unreadable', file: path, problems: [{ path: '', message: typedExpect.stringMatching(message) }] } satisfies InventoryError,
    });
  });

  it.each<{ name: string; keyFile: string; message: (dir: string) => string }>([
    { name: 'a key file that does not exist', keyFile: 'keys/id_missing', message: (dir) => `key file ${join(dir, 'keys', 'id_missing')} does not exist` },
    { name: 'a key file under a missing folder of the home', keyFile: '~/.ssh/nope/id', message: (dir) => `key file ${join(dir, 'home', '.ssh', 'nope', 'id')} does not exist` },
    { name: 'a folder instead of a key file', keyFile: 'keys', message: (dir) => `key file ${join(dir, 'keys')} is not a file` },
  ])('reports $name with its path and line', ({ keyFile, message }) => {
    const { path, home } = inventoryDir(variant('~/.ssh/id_ed25519', keyFile));
    const result = loadInventory(path, { homeDir: home });
    const dir = join(path, '..');
    expect(result).toEqual({ ok: false, error: { code: 'inventory_invalid', file: path, problems: [{ path: 'clusters.prod.ssh.keyFile', line: 8, message: message(dir) }] } });
  });

  it.skipIf(process.getuid?.() === 0)('reports a key file this user may not read', async () => {
    const { chmodSync } = await import('node:fs');
    const { path, home } = inventoryDir(base);
    chmodSync(join(home, '.ssh', 'id_ed25519'), 0o000);
    const result = loadInventory(path, { homeDir: home });
    expect(!result.ok && result.error.problems).toEqual([{ path: 'clusters.prod.ssh.keyFile', line: 8, message: typedExpect.stringMatching(/cannot be read \(EACCES\)$/) }]);
  });

  it('loads an inventory whose key file is there, and one that uses the SSH agent', () => {
    const withKey = inventoryDir(base);
    expect(loadInventory(withKey.path, { homeDir: withKey.home }).ok).toBe(true);
    const withAgent = inventoryDir(variant('keyFile: ~/.ssh/id_ed25519 }', 'agent: true }'));
    expect(loadInventory(withAgent.path, { homeDir: join(withAgent.home, 'elsewhere') }).ok).toBe(true);
  });

  it('lists a missing key file with the other problems, in line order, and leaves it out with keyFiles: ignore', () => {
    const { path, home } = inventoryDir(variant('[C0123PROD]', '["#prod"]').replace(`hostKey: "${K2}"`, `hostKey: "${K1}"`));
    const elsewhere = join(home, 'elsewhere');
    const result = loadInventory(path, { homeDir: elsewhere });
    expect(!result.ok && result.error.problems.map((p) => [p.line, p.path])).toEqual([
      [5, 'clusters.prod.channels[0]'],
      [8, 'clusters.prod.ssh.keyFile'],
      [11, 'clusters.prod.nodes[1].hostKey'],
    ]);
    const ignored = loadInventory(path, { homeDir: elsewhere, keyFiles: 'ignore' });
    expect(!ignored.ok && ignored.error.problems.map((p) => p.path)).toEqual(['clusters.prod.channels[0]', 'clusters.prod.nodes[1].hostKey']);
  });

  it('does not look at key files when it only parses text', () => {
    expect(parseInventory(base, '/nonexistent/inventory.yml', { homeDir: '/nonexistent' }).ok).toBe(true);
  });
});

describe('parseInventory: per-node LIFERAY_HOME', () => {
  it('gives a node its own home and Tomcat commands built from it', () => {
    const text = `artifactDir: /srv/a
clusters:
  prod:
    product: dxp-7.1
    channels: [C0PROD]
    approvers: { users: [U0AAA] }
    liferayHome: /opt/liferay
    ssh: { user: liferay, agent: true }
    nodes:
      - { name: node1, host: 10.0.0.11, hostKey: "SHA256:yhLzG4y/XyniaOpkwgo389ULU52JHbDD68fA9msfuYo" }
      - { name: node2, host: 10.0.0.12, hostKey: "${K2}", liferayHome: /srv/lr2, memberName: lr-prod-2 }
`;
    const result = parseInventory(text, '/etc/inventory.yml');
    expect(result.ok).toBe(true);
    const nodes = result.ok ? (result.value.clusters['prod']?.nodes ?? []) : [];
    expect(nodes.map((n) => n.liferayHome)).toEqual(['/opt/liferay', '/srv/lr2']);
    expect(nodes.map((n) => n.memberName)).toEqual(['node1', 'lr-prod-2']);
    expect(nodes[1]?.commands.start).toBe('/srv/lr2/tomcat/bin/startup.sh');
    expect(nodes[0]?.commands.start).toBe('/opt/liferay/tomcat/bin/startup.sh');
  });
});
