import { run } from '../../src/cli/main';

/** What one in-process CLI run printed and returned. */
export interface CliResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs `aks-istio-mesh <args...>` in-process, capturing stdout and stderr. */
export async function runCli(args: readonly string[]): Promise<CliResult> {
  let out = '';
  let err = '';
  const o = jest.spyOn(process.stdout, 'write').mockImplementation(s => { out += String(s); return true; });
  const e = jest.spyOn(process.stderr, 'write').mockImplementation(s => { err += String(s); return true; });
  try {
    const code = await run(['node', 'aks-istio-mesh', ...args]);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

/** Captures stdout and stderr line by line until `restore()`, for tests that call `run` themselves. */
export function captureOutput(): { out: string[]; err: string[]; restore: () => void } {
  const out: string[] = [];
  const err: string[] = [];
  const o = jest.spyOn(process.stdout, 'write').mockImplementation(s => { out.push(String(s)); return true; });
  const e = jest.spyOn(process.stderr, 'write').mockImplementation(s => { err.push(String(s)); return true; });
  return { out, err, restore: () => { o.mockRestore(); e.mockRestore(); } };
}
