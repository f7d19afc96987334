// A labelled passcode field with one button: how the user types a passcode on any of the phone's screens.
import { useState } from 'preact/hooks';

interface Props {
  label: string;
  submitLabel: string;
  onSubmit(passcode: string): void;
  /** A phone's keypad (digits); a computer takes any password. */
  numeric?: boolean;
}

export function PasscodeForm({ label, submitLabel, onSubmit, numeric = true }: Props) {
  const [value, setValue] = useState('');
  return (
    <form
      class="passcode-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (!value) return;
        onSubmit(value);
        setValue('');
      }}
    >
      <label>
        <span>{label}</span>
        <input
          type="password"
          inputMode={numeric ? 'numeric' : 'text'}
          autoComplete="off"
          value={value}
          onInput={(event) => setValue(event.currentTarget.value)}
        />
      </label>
      <button type="submit" class="phone-button">
        {submitLabel}
      </button>
    </form>
  );
}
