import { tomcatProcess } from '../domain/liferay/tomcat-process.ts';
import type { CommandsConfig } from './commands-config.ts';

/** Default stop/forceStop/start for a Liferay Tomcat bundle: the domain's `tomcatProcess` (LIFERAY.md §4). */
export function tomcatCommands(liferayHome: string, tomcatDir: string): Pick<CommandsConfig, 'stop' | 'forceStop' | 'start'> {
  const { stop, forceStop, start } = tomcatProcess(liferayHome, tomcatDir);
  return { stop, forceStop, start };
}
