import type { ProductId } from './cluster-facts.ts';

/** `dxp-7.1` -> `DXP 7.1`, for messages. */
export function productLabel(product: ProductId): string {
  return `DXP ${product.slice('dxp-'.length)}`;
}
