/**
 * Upload benchmark: streams a generated file of N MiB to one node of a local cluster (ssh2 server,
 * in-process) through NodeSshExecutor with a stdin stream factory, as the stage step does, and
 * prints the throughput and the process's peak RSS. The peak should not grow with N: the file is
 * never held in memory.
 *   npx tsx scripts/bench-upload.ts [MiB=256]
 * Note: the in-process ssh2 server shares this process, so the RSS covers client and server.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeSshExecutor } from '../src/adapters/ssh/node-ssh-executor.ts';
import { sh } from '../src/domain/shell/shell-command.ts';
import { startLocalCluster } from '../test/support/local-cluster/local-cluster.ts';

const mib = Number(process.argv[2] ?? 256);
if (!Number.isInteger(mib) || mib < 1) throw new Error(`MiB must be a positive integer, got ${process.argv[2]}`);

const mibOf = (bytes: number): string => (bytes / (1024 * 1024)).toFixed(1);
const rssAfterStartup = process.resourceUsage().maxRSS * 1024;

// The file is written 1 MiB at a time, so generating it does not raise the peak either.
const localDir = mkdtempSync(join(tmpdir(), 'bench-upload-'));
const local = join(localDir, 'fix-pack.zip');
const hash = createHash('sha256');
const fd = openSync(local, 'w');
try {
  const chunk = randomBytes(1024 * 1024);
  for (let i = 0; i < mib; i += 1) {
    chunk.writeUInt32LE(i, 0); // no two MiB alike
    hash.update(chunk);
    writeSync(fd, chunk);
  }
} finally {
  closeSync(fd);
}
const sha256 = hash.digest('hex');

const cluster = await startLocalCluster({ nodes: 1, name: 'bench-upload' });
try {
  const session = await new NodeSshExecutor().connect(cluster.target('node1'));
  try {
    const remote = join(cluster.root, 'upload.zip');
    const rssBefore = process.resourceUsage().maxRSS * 1024;
    const began = performance.now();
    const result = await session.run(sh`cat > ${remote} && sha256sum ${remote}`, {
      timeoutMs: 1_800_000,
      stdin: () => createReadStream(local),
      idempotent: true,
    });
    const seconds = (performance.now() - began) / 1000;
    const seen = result.stdout.split(' ')[0] ?? '';
    if (result.exitCode !== 0 || seen !== sha256) throw new Error(`upload failed: exit ${result.exitCode}, sha256 ${seen} (expected ${sha256}) ${result.stderr}`);
    const peak = process.resourceUsage().maxRSS * 1024;
    process.stdout.write(
      `uploaded ${mib} MiB (sha256 checked) in ${seconds.toFixed(2)} s: ${(mib / seconds).toFixed(1)} MiB/s | ` +
        `peak RSS ${mibOf(peak)} MiB (after startup ${mibOf(rssAfterStartup)} MiB, before the upload ${mibOf(rssBefore)} MiB)\n`,
    );
  } finally {
    await session.close();
  }
} finally {
  await cluster.stop();
  rmSync(localDir, { recursive: true, force: true });
}
