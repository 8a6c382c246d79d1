import type { ProductId } from './cluster-facts.ts';
import { parseReleaseName, type ReleaseName } from './release-name.ts';

export interface JavaSupport {
  readonly majors: readonly number[];
  /** What the answer rests on, for the reason text. */
  readonly basis: string;
  /** False when the release is unknown and the answer is the union over all 7.4 releases. */
  readonly certain: boolean;
}

function quarterlyIndex(r: ReleaseName): number {
  return r.kind === 'quarterly' ? r.year * 4 + (r.quarter - 1) : -1;
}

const Q2_2024 = 2024 * 4 + 1;
const Q3_2024 = 2024 * 4 + 2;

/** Java majors a product (and, for 7.4, a release) supports, per LIFERAY.md §3. */
export function supportedJavaMajors(product: ProductId, release?: string): JavaSupport {
  switch (product) {
    case 'dxp-7.0':
      return { majors: [8], basis: 'DXP 7.0', certain: true };
    case 'dxp-7.1':
    case 'dxp-7.2':
    case 'dxp-7.3':
      return { majors: [8, 11], basis: `DXP ${product.slice(4)}`, certain: true };
    case 'dxp-7.4': {
      const parsed = release === undefined ? undefined : parseReleaseName(release);
      if (parsed === undefined) return { majors: [8, 11, 17, 21], basis: 'DXP 7.4 (release unknown)', certain: false };
      return javaForRelease(parsed);
    }
  }
}

export function javaForRelease(release: ReleaseName): JavaSupport {
  const index = quarterlyIndex(release);
  if (index >= Q3_2024) return { majors: [17, 21], basis: `${release.id} (2024.Q3 and later)`, certain: true };
  if (index === Q2_2024) return { majors: [11, 17, 21], basis: `${release.id} (2024.Q2)`, certain: true };
  return { majors: [8, 11], basis: `${release.id} (up to 2024.Q1)`, certain: true };
}
