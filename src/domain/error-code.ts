/**
 * Every code a CodedError carries, in one place (as bolt-js keeps its `ErrorCode` in one
 * `errors.ts`). A caller branches on `error.code`; a misspelt code does not typecheck. Expected
 * outcomes are values (`Result`, `kind` unions), not coded errors: these are bugs and broken
 * infrastructure.
 */
export type ErrorCode =
  // Anything thrown that was not a CodedError, wrapped by asCodedError.
  /** A thrown value that carried no code of ours (a library's Error, a string, ...). */
  | 'unexpected'
  // Rollout runner (src/app).
  /** Another process owns the rollout now (its lease is gone): not one command more may run. */
  | 'lease_lost'
  // SSH connect (src/adapters/ssh/ssh-connect-error.ts, ssh-connection.ts).
  /** The node's host key does not match its pin: refused before anything is sent. */
  | 'host_key_mismatch'
  /** The server refused our key (or there is no key and no agent). */
  | 'auth_failed'
  /** The private key file cannot be read or parsed. */
  | 'key_unreadable'
  /** No SSH handshake within the connect time-out (transient). */
  | 'connect_timeout'
  /** The host does not answer or the network says no route (transient). */
  | 'unreachable'
  /** Any other connect failure (transient). */
  | 'connect_failed'
  // SSH session (src/adapters/ssh/node-ssh-session.ts).
  /** The command was aborted through its AbortSignal. */
  | 'aborted'
  /** `run()` was given a string that was not built with sh`...`. */
  | 'not_a_shell_command'
  /** The command did not finish within its time-out. */
  | 'step_timeout'
  /** The command's standard input could not be sent; the command was stopped. */
  | 'stdin_failed'
  /** The server refused to run the command. */
  | 'exec_failed'
  /** The session was closed before or while the command ran. */
  | 'session_closed'
  /** The connection dropped and the command may not be re-run (or reconnecting failed). */
  | 'connection_lost'
  // Rollout store (src/adapters/store, and the in-memory fake).
  /** A stored row does not parse: the store was written by something else or damaged. */
  | 'store_corrupt'
  /** The store file cannot be opened, created or written. */
  | 'store_unavailable'
  /** An event was appended to a rollout that does not exist. */
  | 'rollout_not_found'
  /** A rollout with that id already exists. */
  | 'rollout_exists'
  /** Refused to store an event that would not read back. */
  | 'invalid_rollout_event'
  /** Refused to store a record that would not read back. */
  | 'invalid_rollout_record'
  // Slack adapter (src/adapters/slack).
  /** A Web API call failed; Slack's own `error` is in `SlackApiError.slackError`. */
  | 'slack_api_failed'
  /** A button value does not fit or does not parse. */
  | 'invalid_button_value'
  /** A modal's private_metadata does not fit or does not parse. */
  | 'invalid_modal_metadata'
  // Test harness (test/support/local-cluster): listed so that one union covers every CodedError.
  /** No OpenSSH server binary on this machine. */
  | 'sshd_missing'
  /** sshd or ssh-keygen did not come up or answered something unexpected. */
  | 'sshd_failed'
  /** A local cluster was asked for with options it cannot honour. */
  | 'invalid_options'
  /** A local cluster has no node of that name. */
  | 'unknown_node'
  /** A simulated node does not answer on its health port. */
  | 'node_down'
  /** A polled condition did not hold within its time-out. */
  | 'wait_timeout';
