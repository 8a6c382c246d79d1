import { z } from 'zod';
import { SingleLineText } from './single-line-text.ts';

/**
 * Shell command lines run on a node (operator-written text). In the inventory `stop`, `forceStop`
 * and `start` may be left out: the Tomcat bundle's defaults (`tomcatCommands`) are filled in.
 */
export const CommandsConfig = z
  .object({
    stop: SingleLineText,
    forceStop: SingleLineText,
    start: SingleLineText,
    /** Load-balancer hook run before `stop`. */
    drain: SingleLineText.optional(),
    /** Hook run once the node is healthy and back in the cluster. */
    enable: SingleLineText.optional(),
  })
  .strict();
export type CommandsConfig = z.infer<typeof CommandsConfig>;
