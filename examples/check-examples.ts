/** One example request per row of LIFERAY.md §1, with the facts file it is checked against. */
export interface CheckExample {
  readonly row: string;
  readonly facts: string;
  readonly request: string;
}

export const CHECK_EXAMPLES: readonly CheckExample[] = [
  { row: 'new module, declared without schema change', facts: 'facts-dxp71.json', request: 'module install com.acme.blog.web-1.0.0.jar on prod --schema none' },
  { row: 'new module, no declaration', facts: 'facts-dxp71.json', request: 'module install com.acme.blog.web-1.0.0.jar on prod' },
  { row: 'module update, backward-compatible', facts: 'facts-dxp71.json', request: 'module update com.acme.orders.service-2.1.0.jar --schema compatible on prod' },
  { row: 'module update, breaking', facts: 'facts-dxp71.json', request: 'module update com.acme.orders.service-3.0.0.jar on prod --schema breaking' },
  { row: 'plugin update (WAR)', facts: 'facts-dxp71.json', request: 'plugin update acme-theme.war on prod --schema none' },
  { row: 'fix pack install, revertible range', facts: 'facts-dxp70.json', request: 'fixpack install de-29-7010 on prod' },
  { row: 'fix pack install across non-revertible de-30 (KB example)', facts: 'facts-dxp70.json', request: 'fixpack install liferay-fix-pack-de-32-7010.zip on prod' },
  { row: 'fix pack install across non-revertible dxp-15', facts: 'facts-dxp71.json', request: 'fixpack install dxp-16-7110 on prod' },
  { row: 'fix pack install, target non-revertible', facts: 'facts-dxp71.json', request: 'fixpack install dxp-15-7110 on prod' },
  { row: 'fix pack install, unknown number ending in zero', facts: 'facts-dxp72.json', request: 'fixpack install dxp-10-7210 on prod' },
  { row: 'fix pack install, lower than installed', facts: 'facts-dxp71.json', request: 'fixpack install dxp-12-7110 on prod' },
  { row: 'fix pack for another product build', facts: 'facts-dxp71.json', request: 'fixpack install dxp-2-7210 on prod' },
  { row: 'fix pack revert, back to the declared level before', facts: 'facts-dxp71.json', request: 'fixpack revert dxp-14-7110 on prod' },
  { row: 'fix pack revert, level before unknown', facts: 'facts-dxp72.json', request: 'fixpack revert dxp-9-7210 on prod' },
  { row: 'fix pack revert to GA across non-revertible dxp-5/10/15/17', facts: 'facts-dxp71-dxp19.json', request: 'fixpack revert dxp-19-7110 on prod' },
  { row: 'fix pack revert, non-revertible', facts: 'facts-dxp73.json', request: 'fixpack revert dxp-1-7310 on prod' },
  { row: 'hotfix install', facts: 'facts-dxp72.json', request: 'hotfix install liferay-hotfix-4445-7210.zip on prod' },
  { row: 'hotfix install, marked breaking', facts: 'facts-dxp72.json', request: 'hotfix install hotfix-2001-7210 on prod' },
  { row: 'hotfix revert', facts: 'facts-dxp72.json', request: 'hotfix revert hotfix-1234-7210 on prod' },
  { row: 'portal-ext.properties change', facts: 'facts-dxp71.json', request: 'property set company.default.locale=en_US session.timeout=30 on prod' },
  { row: 'System Settings (OSGi config file)', facts: 'facts-dxp71.json', request: 'config set com.liferay.portal.search.elasticsearch7.configuration.ElasticsearchConfiguration operationMode=REMOTE on prod' },
  { row: 'JVM settings (setenv.sh)', facts: 'facts-dxp71.json', request: 'jvm set -Xmx8g -XX:MaxMetaspaceSize=1g on prod' },
  { row: 'Java update, same major', facts: 'facts-dxp71.json', request: 'java update 1.8.0_402 on prod' },
  { row: 'Java update, new major', facts: 'facts-dxp71.json', request: 'java update 11.0.22 on prod' },
  { row: 'Java not supported by the product', facts: 'facts-dxp71.json', request: 'java update 17.0.15 on prod' },
  { row: '7.4 quarterly release update', facts: 'facts-dxp74.json', request: 'release update 2024.q1.3 on prod' },
  { row: '7.4 release needing another Java', facts: 'facts-dxp74.json', request: 'release update 2024.q3.1 on prod' },
  { row: 'Commerce 2.x update (pairing)', facts: 'facts-dxp71.json', request: 'commerce update 2.0.6 on prod --schema compatible' },
];
