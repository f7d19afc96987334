// One readable line per scenario step, for progress, failures and reports.
import { formatDuration } from './duration.js';
import type { Step } from './scenario-schema.js';

export function stepLabel(step: Step): string {
  if ('resetPasscode' in step) {
    const device = typeof step.resetPasscode === 'string' ? step.resetPasscode : step.resetPasscode.device;
    return `resetPasscode "${device}"`;
  }
  if ('readDevice' in step)
    return `readDevice "${step.readDevice.device}"${expectSuffix(step.readDevice.expect)}`;
  if ('readDeviceActions' in step) {
    return `readDeviceActions "${step.readDeviceActions.device}"${expectSuffix(step.readDeviceActions.expect)}`;
  }
  if ('input' in step) {
    const { type, ...rest } = step.input.do;
    const args = Object.values(rest).map((value) => JSON.stringify(value));
    return `input "${step.input.device}" ${type}${args.length ? ` ${args.join(' ')}` : ''}${step.input.outcome === 'refused' ? ' (refused)' : ''}`;
  }
  if ('clock' in step) {
    const parts = [
      step.clock.advance !== undefined ? `advance ${formatDuration(step.clock.advance)}` : '',
      step.clock.speed !== undefined ? `speed ${step.clock.speed}` : '',
    ];
    return `clock ${parts.filter(Boolean).join(', ')}`;
  }
  if ('fault' in step) {
    const { device, kind, ...rest } = step.fault;
    const args = Object.entries(rest).map(([key, value]) => `${key}=${value}`);
    return `fault "${device}" ${kind}${args.length ? ` ${args.join(' ')}` : ''}`;
  }
  if ('graphFault' in step) {
    if (step.graphFault === 'clear') return 'graphFault clear';
    const { method, path, seed: _seed, ...rest } = step.graphFault;
    const args = Object.entries(rest).map(([key, value]) => `${key}=${value}`);
    return `graphFault ${method} ${path}${args.length ? ` ${args.join(' ')}` : ''}`;
  }
  if ('restartAgents' in step) {
    return `restartAgents ${step.restartAgents === 'all' ? 'all' : step.restartAgents.map((name) => `"${name}"`).join(', ')}`;
  }
  if ('restartServer' in step) return 'restartServer';
  const { device, within, ...fields } = step.expect;
  const what = Object.entries(fields).map(([key, value]) => `${key}=${JSON.stringify(value)}`);
  return `expect${device ? ` "${device}"` : ''} ${what.join(', ')}${within ? ` within ${formatDuration(within)}` : ''}`;
}

function expectSuffix(expect: Record<string, unknown> | undefined): string {
  return expect ? ` expecting ${JSON.stringify(expect)}` : '';
}
