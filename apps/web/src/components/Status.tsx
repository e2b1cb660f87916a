// Loading and error placeholders.
import { formatError } from "@backstop/core";

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status">
      Loading {what}…
    </p>
  );
}

export function ErrorNote({ error }: { error: unknown }) {
  return (
    <p className="error" role="alert">
      {formatError(error)}
    </p>
  );
}
