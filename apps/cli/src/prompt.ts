import { createInterface } from "node:readline";

/** Whether a person can answer prompts: stdin and stderr are terminals. */
export function interactive(): boolean {
  return process.stdin.isTTY === true && process.stderr.isTTY === true;
}

/** Asks a question on stderr and reads one line from the terminal. */
export async function ask(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  try {
    return await new Promise<string>((done) => rl.question(question, done));
  } finally {
    rl.close();
  }
}

/** Reads a secret from the terminal without echoing it. */
export async function askSecret(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  const out = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WritableStream };
  let asked = false;
  out._writeToOutput = (s: string) => {
    if (!asked) {
      process.stderr.write(s);
      asked = true;
    }
  };
  try {
    const answer = await new Promise<string>((done) => rl.question(question, done));
    process.stderr.write("\n");
    return answer;
  } finally {
    rl.close();
  }
}
