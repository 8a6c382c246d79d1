import type { ChangeNeed } from './change-need.ts';

/**
 * Reads `placedFileCommand`'s output: the node already has the change when the file in its folder
 * (or, for a WAR, the one Liferay deployed) has the artifact's sha256 and no other version of the
 * artifact is left. A deployed WAR that differs is not proof either way (Liferay may rewrite it).
 */
export function placedFileNeed(output: string, file: string, dir: string, sha256: string | undefined): ChangeNeed {
  const lines = output.split('\n').map((l) => l.trim());
  const shaAfter = (prefix: string): string | undefined => {
    const line = lines.find((l) => l.startsWith(`${prefix} `));
    return line === undefined ? undefined : line.slice(prefix.length + 1).split(/\s+/)[0];
  };
  const placed = shaAfter('placed');
  const deployed = shaAfter('deployed');
  const others = lines.filter((l) => l.startsWith('other ')).map((l) => l.slice('other '.length));
  if (sha256 === undefined) return { kind: 'unknown', detail: `${file} is not in the artifact folder to compare with` };
  const short = `${sha256.slice(0, 12)}…`;
  if (placed === undefined && deployed === undefined) return { kind: 'needed', detail: `has no ${dir}/${file}` };
  if (placed !== undefined && placed !== sha256) return { kind: 'needed', detail: `its ${dir}/${file} differs from the artifact (sha256 ${placed.slice(0, 12)}…, artifact ${short})` };
  if (others.length > 0) return { kind: 'needed', detail: `also has ${others.join(', ')}` };
  if (placed !== undefined) return { kind: 'done', detail: `already has ${dir}/${file} (sha256 ${short})` };
  if (deployed === sha256) return { kind: 'done', detail: `already has ${file} deployed in osgi/war (sha256 ${short})` };
  return { kind: 'unknown', detail: `osgi/war/${file} differs from the artifact, but Liferay may have rewritten it when deploying` };
}
