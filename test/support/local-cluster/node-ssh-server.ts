/** Which SSH server a local node runs. */
export type SshServerKind = 'ssh2' | 'openssh';

/** An SSH server in front of one simulated node, on 127.0.0.1. */
export interface NodeSshServer {
  readonly kind: SshServerKind;
  readonly port: number;
  /** `SHA256:...` of the server's host key. */
  readonly hostKeySha256: string;
  /** Cuts every open connection at once (the TCP socket dies, no SSH goodbye). */
  dropConnections(): Promise<void>;
  /** Stops listening and drops all connections; `start()` listens again on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops for good. */
  close(): Promise<void>;
}

export interface NodeSshServerOptions {
  readonly name: string;
  /** LIFERAY_HOME: the working directory of commands (ssh2 server). */
  readonly home: string;
  /** The only user allowed to log in (the current OS user). */
  readonly user: string;
  /** The only client key accepted: an authorized_keys line. */
  readonly authorizedKey: string;
  /** A private folder for host keys, configuration and logs. */
  readonly workDir: string;
}
