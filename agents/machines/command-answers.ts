// How every device machine answers an MDM command: acknowledged, refused with an error chain, or not understood.
import { emit, type MachineContext } from 'xstate';
import type { DeviceErrorCode } from '../../shared/commands.js';
import {
  acknowledged,
  commandFailed,
  commandFormatError,
  type DeviceEmitted,
  type DeviceEvent,
} from './device-events.js';

const commandIdOf = (event: DeviceEvent): string => (event.type === 'command' ? event.commandId : '');

/** Named actions for a machine's `setup({ actions })`, and `fail` to make one for each of its error codes. */
export function commandAnswerActions<TContext extends MachineContext>() {
  const answer = (resultFor: (commandId: string) => DeviceEmitted) =>
    emit<TContext, DeviceEvent, undefined, DeviceEvent, DeviceEmitted>(({ event }) =>
      resultFor(commandIdOf(event)),
    );
  return {
    acknowledge: answer(acknowledged),
    rejectFormat: answer(commandFormatError),
    fail: (errorCode: DeviceErrorCode, errorDomain: string, description: string) =>
      answer((commandId) => commandFailed(commandId, errorCode, errorDomain, description)),
  };
}
