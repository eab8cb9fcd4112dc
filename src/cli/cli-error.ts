/**
 * Input a command cannot use (a missing file, YAML that does not parse, a bad flag value):
 * the CLI prints the one-line message, without a stack trace, and exits 2.
 */
export class CliInputError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'CliInputError';
  }
}
