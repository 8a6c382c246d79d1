import { ClusterFacts } from '../domain/liferay/cluster-facts.ts';
import type { Result } from '../domain/result.ts';
import { readJsonFile, type FileError } from './read-json-file.ts';

/** A facts file (`{"product": "dxp-7.1", "patches": [...], ...}`), validated. */
export function loadFacts(path: string): Result<ClusterFacts, FileError> {
  return readJsonFile(path, ClusterFacts, 'facts file');
}
