/** Where the CLI prints: injectable so tests can read it. */
export interface Output {
  stdout(line: string): void;
  stderr(line: string): void;
}

export const consoleOutput: Output = {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
};
