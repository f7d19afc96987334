// A labelled passcode field with one button: how the user types a passcode on any of the phone's screens.
import { useState } from 'preact/hooks';

interface Props {
  label: string;
  submitLabel: string;
  onSubmit(passcode: string, currentPasscode?: string): void;
  /** A phone's keypad (digits); a computer takes any password. */
  numeric?: boolean;
  /** A change of a passcode set: the field for the current one, asked first as the OS asks for it. */
  currentLabel?: string;
}

export function PasscodeForm({ label, submitLabel, onSubmit, numeric = true, currentLabel }: Props) {
  const [value, setValue] = useState('');
  const [current, setCurrent] = useState('');
  return (
    <form
      class="passcode-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (!value || (currentLabel !== undefined && !current)) return;
        onSubmit(value, currentLabel === undefined ? undefined : current);
        setValue('');
        setCurrent('');
      }}
    >
      {currentLabel !== undefined && (
        <PasscodeField label={currentLabel} numeric={numeric} value={current} onInput={setCurrent} />
      )}
      <PasscodeField label={label} numeric={numeric} value={value} onInput={setValue} />
      <button type="submit" class="phone-button">
        {submitLabel}
      </button>
    </form>
  );
}

interface FieldProps {
  label: string;
  numeric: boolean;
  value: string;
  onInput(value: string): void;
}

/** One labelled, hidden passcode field: a phone's keypad (digits) or a computer's keyboard. */
function PasscodeField({ label, numeric, value, onInput }: FieldProps) {
  return (
    <label>
      <span>{label}</span>
      <input
        type="password"
        inputMode={numeric ? 'numeric' : 'text'}
        autoComplete="off"
        value={value}
        onInput={(event) => onInput(event.currentTarget.value)}
      />
    </label>
  );
}
