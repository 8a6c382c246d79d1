/** `['clusters', 'prod', 'nodes', 1, 'hostKey']` → `clusters.prod.nodes[1].hostKey`; odd keys are quoted. */
export function formatProblemPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, segment) => {
    if (typeof segment === 'number') return `${text}[${segment}]`;
    const key = String(segment);
    if (/^[A-Za-z0-9_-]+$/.test(key)) return text === '' ? key : `${text}.${key}`;
    return `${text}[${JSON.stringify(key)}]`;
  }, '');
}
