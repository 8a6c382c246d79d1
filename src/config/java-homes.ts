import { z } from 'zod';
import { RemoteAbsolutePath } from './remote-absolute-path.ts';

/** Java major version (`"8"`, `"11"`, `"17"`, `"21"`) to the JAVA_HOME for it on the nodes. */
export const JavaHomes = z.record(
  z.string().regex(/^(?:[89]|[1-9][0-9])$/, 'expected a Java major version like 17'),
  RemoteAbsolutePath,
);
export type JavaHomes = z.infer<typeof JavaHomes>;
