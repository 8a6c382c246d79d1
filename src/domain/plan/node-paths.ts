import { tomcatProcess } from '../liferay/tomcat-process.ts';

/** Where things live on one node (LIFERAY.md §4), plus this tool's own staging and backup folders. */
export interface NodePaths {
  readonly home: string;
  readonly tomcat: string;
  readonly catalinaOut: string;
  readonly logs: string;
  readonly patchingTool: string;
  readonly staging: string;
  readonly backup: string;
  /** Matches the command line of this home's Tomcat JVM and never the pgrep/pkill running it. */
  readonly processPattern: string;
}

export function nodePaths(liferayHome: string, tomcatDir: string, rolloutId: string): NodePaths {
  const home = liferayHome.replace(/\/+$/, '');
  const { base: tomcat, pattern } = tomcatProcess(home, tomcatDir);
  return {
    home,
    tomcat,
    catalinaOut: `${tomcat}/logs/catalina.out`,
    logs: `${home}/logs`,
    patchingTool: `${home}/patching-tool`,
    staging: `${home}/.rollout/staging`,
    backup: `${home}/.rollout/backup/${rolloutId}`,
    processPattern: pattern,
  };
}
