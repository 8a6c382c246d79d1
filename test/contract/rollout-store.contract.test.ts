import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteRolloutStore } from '../../src/adapters/store/sqlite-rollout-store.ts';
import { emptyRolloutData, InMemoryRolloutStore } from '../fakes/in-memory-rollout-store.ts';
import { rolloutStoreContract } from './rollout-store-contract.ts';

rolloutStoreContract('in-memory fake', () => {
  const data = emptyRolloutData();
  return { store: new InMemoryRolloutStore(data), reopen: () => new InMemoryRolloutStore(data), cleanup: () => undefined };
});

rolloutStoreContract('SQLite file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rollout-store-'));
  const file = path.join(dir, 'rollouts.sqlite');
  return {
    store: openSqliteRolloutStore(file),
    reopen: () => openSqliteRolloutStore(file),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
});
