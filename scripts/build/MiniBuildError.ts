/**
 * What `build:mini` refuses (a flag value it cannot compile in, a folder that is not a release
 * build); the command prints the message and exits 2 instead of a stack trace. The message is
 * Chinese first, then English, on two lines.
 */
export class MiniBuildError extends Error {
  constructor(zh: string, en: string) {
    super(`${zh}\n${en}`);
    this.name = 'MiniBuildError';
  }
}
