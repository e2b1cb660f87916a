// A labelled text input for amounts, days and percentages (the label wraps the input, so it names it).
import type { ReactNode } from "react";

export function TextField(props: {
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  /** The on-screen keyboard: "decimal" for amounts, "numeric" for whole numbers. */
  mode?: "decimal" | "numeric";
  describedBy?: string | undefined;
  invalid?: boolean;
  size?: number;
}) {
  return (
    <label>
      {props.label}
      <input
        inputMode={props.mode ?? "decimal"}
        autoComplete="off"
        size={props.size}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={props.invalid || undefined}
        aria-describedby={props.describedBy}
      />
    </label>
  );
}
