// A labelled passcode field with one button: how the user types a passcode on any of the phone's screens.
import { useState } from 'preact/hooks';

interface Props {
  label: string;
  submitLabel: string;
  onSubmit(passcode: string): void;
  /** Whether an empty field may be submitted (unlocking a device that has no passcode). */
  allowEmpty?: boolean;
}

export function PasscodeForm({ label, submitLabel, onSubmit, allowEmpty = false }: Props) {
  const [value, setValue] = useState('');
  return (
    <form
      class="passcode-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (!value && !allowEmpty) return;
        onSubmit(value);
        setValue('');
      }}
    >
      <label>
        <span>{label}</span>
        <input
          type="password"
          inputMode="numeric"
          autoComplete="off"
          aria-label={label}
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
