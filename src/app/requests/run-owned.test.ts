import { describe, expect, it } from 'vitest';
import { aServiceScene, FIRST_OWNER, SECOND_OWNER } from '../../../test/builders/a-service-scene.ts';
import { InMemoryRolloutStore } from '../../../test/fakes/in-memory-rollout-store.ts';
import { changesOn } from '../../../test/support/rollout-checks.ts';
import { recoverRollouts } from './recover-rollouts.ts';
import { neutralText } from '../../domain/text/rich-text.ts';

/** A store that stops answering lease renewals (a database out of reach for the renewals only). */
class RenewalsFailStore extends InMemoryRolloutStore {
  failing = false;

  override renewLease(id: string, owner: string, until: number): boolean {
    if (this.failing) throw new Error('connect ECONNREFUSED 10.0.0.5:5432');
    return super.renewLease(id, owner, until);
  }
}

/** A store whose renewals take a while on the wall clock (another connection holds the write lock for a moment). */
class SlowRenewalsStore extends InMemoryRolloutStore {
  renewals = 0;

  override renewLease(id: string, owner: string, until: number): boolean {
    this.renewals += 1;
    const end = Date.now() + 30;
    while (Date.now() < end) {
      // Blocks the process like a SQLite busy wait does.
    }
    return super.renewLease(id, owner, until);
  }
}

describe('runOwned: the lease', () => {
  it('a run that cannot renew its lease stops touching nodes once the lease ran out, and another process takes the rollout over', async () => {
    const scene = aServiceScene();
    const store = new RenewalsFailStore(scene.data);
    const first = scene.process({ owner: FIRST_OWNER, store });
    let mark = -1;
    first.onPublish = (event) => {
      if (event.type === 'StepSucceeded' && event.stepId === 'node2/stop') {
        store.failing = true;
        scene.clock.advance(first.deps.ownership.leaseMs + 1000);
        mark = scene.nodes.sent.length;
      }
    };

    const result = await scene.approveAndRun(first);

    expect(result?.outcome).toBe('lost');
    expect(scene.nodes.sent.slice(mark)).toEqual([]);
    const second = scene.process({ owner: SECOND_OWNER });
    const recovered = await recoverRollouts(second.deps)[0]?.run;
    expect(recovered?.outcome).toBe('succeeded');
    expect(changesOn(scene.nodes, 'node2', mark)).toEqual(['backup', 'patch-install', 'start']);
    expect(scene.nodes.down()).toEqual([]);
  });

  it('renewals that fail while the lease still runs: each failure logged, the run goes on touching nodes and succeeds', async () => {
    const scene = aServiceScene();
    const store = new RenewalsFailStore(scene.data);
    const warned: string[] = [];
    const log = { info: () => undefined, debug: () => undefined, error: () => undefined, warn: (_fields: object, msg?: string) => void warned.push(msg ?? '') };
    const first = scene.process({ owner: FIRST_OWNER, store, log });
    let mark = -1;
    first.onPublish = (event) => {
      if (event.type === 'StepSucceeded' && event.stepId === 'node2/stop') {
        store.failing = true;
        // Past the point where a renewal is due, well short of the lease's end.
        scene.clock.advance(first.deps.ownership.leaseMs / 2);
        mark = scene.nodes.sent.length;
      }
      if (event.type === 'NodeDone' && event.node === 'node2') store.failing = false;
    };

    const result = await scene.approveAndRun(first);

    expect(result?.outcome).toBe('succeeded');
    expect(warned).toContain('could not renew the rollout lease');
    expect(changesOn(scene.nodes, 'node2', mark)).toEqual(['backup', 'patch-install', 'start']);
    expect(scene.store.locks()).toEqual([]);
  });

  it('a run whose renewals work goes on however long its steps take on the clock', async () => {
    const scene = aServiceScene();
    const first = scene.process({ owner: FIRST_OWNER });
    first.onPublish = (event) => {
      if (event.type === 'StepSucceeded') scene.clock.advance(first.deps.ownership.leaseMs / 2);
    };

    expect((await scene.approveAndRun(first))?.outcome).toBe('succeeded');
    expect(scene.clock.now().getTime() - Date.parse('2025-03-04T09:20:00.000Z')).toBeGreaterThan(5 * first.deps.ownership.leaseMs);
    expect(scene.store.locks()).toEqual([]);
  });

  it('a run whose renewals are slow on the wall clock still renews at the end of its lease on its own clock (a loaded machine)', async () => {
    const scene = aServiceScene();
    const store = new SlowRenewalsStore(scene.data);
    const first = scene.process({ owner: FIRST_OWNER, store });
    first.onPublish = (event) => {
      if (event.type === 'StepSucceeded') scene.clock.advance(first.deps.ownership.leaseMs / 2);
    };

    expect((await scene.approveAndRun(first))?.outcome).toBe('succeeded');
    expect(store.renewals).toBeGreaterThan(0);
  });

  it('a store that fails altogether at node2\'s stop: the run brings node2 back up within its lease and ends failed; the next start puts the record right', async () => {
    const scene = aServiceScene();
    const store = new InMemoryRolloutStore(scene.data);
    const first = scene.process({ owner: FIRST_OWNER, store });
    first.onPublish = (event) => {
      if (event.type === 'StepSucceeded' && event.stepId === 'node2/stop') store.close();
    };

    const result = await scene.approveAndRun(first);

    expect(result?.outcome).toBe('failed');
    expect(neutralText(result?.summary ?? [])).toMatch(/^Stopped: the rollout store failed \(the in-memory rollout store is closed\)/);
    expect(first.published.at(-1)).toMatchObject({ type: 'RolloutDone', outcome: 'failed' });
    // The first write that fails is node2's backup starting: the backup is its last step, then node2 is put back.
    expect(changesOn(scene.nodes, 'node2')).toEqual(['stop', 'backup', 'restore', 'reinstall-patches', 'start']);
    expect(changesOn(scene.nodes, 'node3')).toEqual([]);
    expect(scene.nodes.down()).toEqual([]);
    expect(scene.store.get(scene.record.id)?.status).toBe('running');

    const second = scene.process({ owner: SECOND_OWNER, ownerIsGone: (owner) => owner === FIRST_OWNER });
    expect((await recoverRollouts(second.deps)[0]?.run)?.outcome).toBe('succeeded');
    expect(scene.store.get(scene.record.id)?.status).toBe('succeeded');
  });
});
