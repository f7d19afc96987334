// The passcode entries every device machine handles alike: a wrong passcode, or one the policy refuses, is refused
// with the reason on screen and reported to the runtime.
import { assign, enqueueActions } from 'xstate';
import { type PasscodePolicy, passcodeRefusal } from '../../shared/policy.js';
import {
  type DeviceEmitted,
  type DeviceEvent,
  PASSCODE_REFUSED,
  refused,
  WRONG_PASSCODE,
} from './device-events.js';

export interface PasscodeEntryContext {
  policy: PasscodePolicy | null;
  message: string | null;
}

/** Why the policy refuses the passcode a `setPasscode` event carries, or null when it is acceptable. */
export const policyRefusalOf = (context: PasscodeEntryContext, event: DeviceEvent): string | null =>
  event.type === 'setPasscode' ? passcodeRefusal(context.policy, event.passcode) : PASSCODE_REFUSED;

/** Named actions for a machine's `setup({ actions })`. */
export function passcodeEntryActions<TContext extends PasscodeEntryContext>() {
  /** Refuses the input: shows `reasonOf` on screen and tells the runtime. */
  const refuse = (reasonOf: (context: TContext, event: DeviceEvent) => string) =>
    enqueueActions<TContext, DeviceEvent, undefined, DeviceEvent, never, never, never, never, DeviceEmitted>(
      ({ context, event, enqueue }) => {
        const reason = reasonOf(context, event);
        enqueue.assign(() => ({ message: reason }) as Partial<TContext>);
        enqueue.emit(refused(reason));
      },
    );
  return {
    clearMessage: assign<TContext, DeviceEvent, undefined, DeviceEvent, never>(
      () => ({ message: null }) as Partial<TContext>,
    ),
    refuseWrongPasscode: refuse(() => WRONG_PASSCODE),
    refusePasscode: refuse((context, event) => policyRefusalOf(context, event) ?? PASSCODE_REFUSED),
  };
}
