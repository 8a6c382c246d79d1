import { canRequest } from '../../domain/approval/can-request.ts';
import type { ChangeKind } from '../../domain/request/maintenance-request.ts';
import type { ServiceDeps } from './service-deps.ts';

/** Where a request form was opened: in a channel (`/liferay` with no text), or from a global shortcut (no channel). */
export type FormOrigin = { readonly from: 'channel'; readonly channelId: string } | { readonly from: 'shortcut' };

/** A cluster the form offers, and the channel its request is posted in. */
export interface FormCluster {
  readonly name: string;
  readonly channelId: string;
}

/** What the form reads: the clusters (their request channels) and the artifact folder. */
export type FormDeps = Pick<ServiceDeps, 'clusters' | 'artifacts'>;

/**
 * The clusters a form may ask for. From a channel: those that take requests there (`canRequest`),
 * posted in that channel. From a shortcut: every cluster that takes requests somewhere, posted in
 * its first request channel (the one the inventory names first).
 */
export function formClusters(origin: FormOrigin, deps: Pick<FormDeps, 'clusters'>): FormCluster[] {
  const offered: FormCluster[] = [];
  for (const [name, cluster] of deps.clusters) {
    if (origin.from === 'channel') {
      if (canRequest(cluster.approval, origin.channelId).ok) offered.push({ name, channelId: origin.channelId });
    } else {
      const first = cluster.approval.channels[0];
      if (first !== undefined) offered.push({ name, channelId: first });
    }
  }
  return offered;
}

/** Which artifact folder files fit a change kind: fix packs and hotfixes are `.zip`, modules `.jar`/`.lpkg`, plugins `.war`. */
export function artifactFits(kind: ChangeKind, file: string): boolean {
  const name = file.toLowerCase();
  switch (kind) {
    case 'fixpack':
      return name.endsWith('.zip') && !name.includes('hotfix');
    case 'hotfix':
      return name.endsWith('.zip') && name.includes('hotfix');
    case 'module':
      return name.endsWith('.jar') || name.endsWith('.lpkg');
    case 'plugin':
      return name.endsWith('.war');
    case 'property':
    case 'config':
    case 'jvm':
    case 'java':
    case 'release':
    case 'commerce':
      return false;
  }
}

/** The kinds whose form picks a file from the artifact folder. */
export const KINDS_WITH_ARTIFACTS: readonly ChangeKind[] = ['fixpack', 'hotfix', 'module', 'plugin'];

/** The artifact folder's files that fit `kind`, sorted (empty for kinds that take no file). */
export async function formArtifacts(kind: ChangeKind, deps: Pick<FormDeps, 'artifacts'>): Promise<string[]> {
  if (!KINDS_WITH_ARTIFACTS.includes(kind)) return [];
  return (await deps.artifacts.list()).filter((file) => artifactFits(kind, file));
}
