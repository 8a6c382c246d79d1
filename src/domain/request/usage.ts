/**
 * The request grammar with one example per form: shown with every parse error and by `help`.
 * Each form line is `<form>  e.g. <example>`; the examples are tested to parse. The channel supplies
 * `program`, what comes before a request's words there (Slack `/liferay`, the CLI its command line).
 */
export const requestUsage = (program: string): string => [
  `Usage: ${program} <change> on <cluster> [--schema none|compatible|breaking] [--dry-run]`,
  '  fixpack install|revert <patch>          e.g. fixpack install dxp-14-7110 on prod',
  '  hotfix install|revert <hotfix>          e.g. hotfix install liferay-hotfix-4445-7110.zip on prod',
  '  module install|update <file.jar|.lpkg>  e.g. module update com.acme.web-1.2.0.jar --schema none on prod',
  '  plugin install|update <file.war>        e.g. plugin install acme-theme.war on prod',
  '  property set <key>=<value> ...          e.g. property set session.timeout=30 on prod',
  '  property unset <key> ...                e.g. property unset session.timeout on prod',
  '  config set <pid> <key>=<value> ...      e.g. config set com.acme.Foo~default enabled=true on prod',
  '  jvm set|unset <option> ...              e.g. jvm set -Xmx8g -XX:MaxMetaspaceSize=1g on prod',
  '  java update <version>                   e.g. java update 11.0.22 on prod --dry-run',
  '  release update <release>                e.g. release update 2024.q1.3 on prod',
  '  commerce update <version>               e.g. commerce update 2.0.7 on prod',
  'Also: help | status [cluster] | history [cluster]',
  'Quote values with spaces: name="My Portal" or \'name=My Portal\' (\\" inside "…"). File names: no "/" or "..".',
].join('\n');
