/** A structured log sink: one object per event. */
export type Logger = (entry: object) => void;

/** Writes each entry as one JSON line on stdout, with a timestamp; bigints become strings. */
export const jsonLogger: Logger = (entry) => {
  process.stdout.write(
    `${JSON.stringify({ ts: new Date().toISOString(), ...entry }, (_k, v) => (typeof v === "bigint" ? v.toString() : v))}\n`,
  );
};
