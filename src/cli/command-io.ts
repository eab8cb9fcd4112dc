import { ManifestInputIo, readStdinLimited } from './read-manifests';

/** Where a command reads standard input and writes its output; replaced in tests. */
export interface CommandIo extends ManifestInputIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** The process's own streams, with standard input read up to the byte limit. */
export const PROCESS_IO: CommandIo = {
  stdout: text => { process.stdout.write(text); },
  stderr: text => { process.stderr.write(text); },
  readStdin: readStdinLimited,
};
