import type { RolloutEvent } from '../../domain/rollout/rollout-event.ts';
import { cliText } from './render-text.ts';

const seconds = (ms: number): string => (ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`);
const time = (iso: string): string => iso.slice(11, 19);
const indent = (text: string, prefix: string): string => text.split('\n').map((l) => `${prefix}${l}`).join('\n');

/** One event as terminal lines (the CLI prints them live). */
export function formatEvent(event: RolloutEvent): string {
  switch (event.type) {
    case 'RolloutStarted':
      return `${time(event.at)} rollout started on ${event.nodes.join(', ')} (plan ${event.planHash.slice(0, 12)})\n`;
    case 'StepStarted':
      return `${time(event.at)} ${event.node.padEnd(8)} ▶ ${event.title}\n`;
    case 'StepSucceeded':
      return `${time(event.at)} ${event.node.padEnd(8)} ✓ done in ${seconds(event.durationMs)}${event.detail === undefined ? '' : `: ${event.detail}`}\n`;
    case 'StepFailed': {
      const lines = [`${time(event.at)} ${event.node.padEnd(8)} ✗ FAILED after ${seconds(event.durationMs)}: ${event.message}`];
      if (event.command !== undefined) {
        const command = event.command.split('\n');
        lines.push('      command:', indent(command.slice(0, 20).join('\n'), '      $ '), ...(command.length > 20 ? [`      $ … (${command.length - 20} more lines)`] : []));
      }
      if (event.exitCode !== undefined) lines.push(`      exit code: ${event.exitCode}`);
      if (event.outputTail.trim() !== '') lines.push('      output (tail):', indent(event.outputTail, '      | '));
      return `${lines.join('\n')}\n`;
    }
    case 'NodeDone':
      return `${time(event.at)} ${event.node.padEnd(8)} ● healthy and back in the cluster (${seconds(event.durationMs)} for this node)\n`;
    case 'RestoreStarted':
      return `${time(event.at)} ${event.node.padEnd(8)} ↺ ${event.purpose === 'rollback' ? 'rolling back' : 'putting back the backup'}\n`;
    case 'RestoreFinished':
      return `${time(event.at)} ${event.node.padEnd(8)} ${event.ok ? '↺' : '✗'} ${event.message}\n`;
    case 'NodeFound':
      return `${time(event.at)} ${event.node.padEnd(8)} ? now: ${event.detail}\n`;
    case 'RolloutResumed':
      return `${time(event.at)} ${event.message} (${event.mode}, asked by ${event.by})\n`;
    case 'RunStopping':
      return `${time(event.at)} stopping: ${event.message}${event.by === undefined ? "" : ` (asked by ${event.by})`}\n`;
    case 'RolloutDone':
      return `${time(event.at)} rollout ${event.outcome.toUpperCase()} in ${seconds(event.durationMs)}: ${cliText(event.summary)}\n`;
    case 'RolloutInterrupted':
      return `${time(event.at)} rollout INTERRUPTED: ${cliText(event.summary)}\n`;
    case 'RolloutLeft':
      return `${time(event.at)} rollout LEFT AS IT IS by ${event.by}: ${cliText(event.summary)}\n`;
  }
}
