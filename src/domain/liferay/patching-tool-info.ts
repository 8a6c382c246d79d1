/** The part of `patching-tool.sh info` that matters (LIFERAY.md §2). */
export interface PatchingToolInfo {
  readonly installed: readonly string[];
  readonly available: readonly string[];
  readonly details: readonly { readonly id: string; readonly installed: boolean; readonly willInstall: boolean }[];
}

function idList(text: string | undefined): string[] {
  if (text === undefined) return [];
  return text
    .split(/[,\s]+/)
    .map((id) => id.trim().toLowerCase())
    .filter((id) => /^[a-z]+-\d+-\d{4}$/.test(id) || /^dxp-[0-9a-z.-]+-hotfix-\d+$/.test(id));
}

/** Parse `patching-tool.sh info`; undefined when the output has no "Currently installed patches" line. */
export function parsePatchingToolInfo(output: string): PatchingToolInfo | undefined {
  const lines = output.split(/\r?\n/);
  const installedLine = lines.find((l) => l.trimStart().startsWith('Currently installed patches:'));
  if (installedLine === undefined) return undefined;
  const availableLine = lines.find((l) => l.trimStart().startsWith('Available patches:'));
  const details = lines.flatMap((line) => {
    const m = /^\s*\[([* -])([I -])\]\s+(\S+)\s+::/.exec(line);
    if (m === null) return [];
    return [{ id: (m[3] ?? '').toLowerCase(), installed: m[1] === '*', willInstall: m[2] === 'I' }];
  });
  return {
    installed: idList(installedLine.split(':')[1]),
    available: idList(availableLine?.split(':')[1]),
    details,
  };
}
