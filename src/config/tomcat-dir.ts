import { z } from 'zod';

const segment = /^[A-Za-z0-9._-]+$/;

/** The Tomcat folder inside `liferayHome` (`tomcat` in quarterly releases, `tomcat-9.0.xx` before). */
export const TomcatDir = z
  .string()
  .refine(
    (s) => s.split('/').every((part) => segment.test(part) && part !== '.' && part !== '..'),
    'expected a folder relative to liferayHome, like tomcat or tomcat-9.0.83',
  );
export type TomcatDir = z.infer<typeof TomcatDir>;
