import { styleText } from 'node:util';

/** Where a command writes; `isTTY` decides colour. `process.stdout` fits. */
export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/** The outside world of one `warden` run; tests pass their own to capture output. */
export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  /** Directory that relative paths are resolved against. */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export function defaultIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env };
}

/** Colour only for a terminal, and never when `NO_COLOR` is set (https://no-color.org). */
export function wantsColor(stream: OutputStream, env: CliIo['env']): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') {
    return true;
  }
  return stream.isTTY === true;
}

type Style = 'red' | 'yellow' | 'green' | 'cyan' | 'bold' | 'dim';

/** A writer bound to one stream that knows whether that stream gets colour. */
export interface Printer {
  readonly color: boolean;
  line(text?: string): void;
  paint(style: Style, text: string): string;
}

export function printer(stream: OutputStream, env: CliIo['env']): Printer {
  const color = wantsColor(stream, env);
  return {
    color,
    line: (text = '') => void stream.write(text + '\n'),
    // We decide about colour ourselves (the stream may be a test capture), so Node must not.
    paint: (style, text) => (color ? styleText(style, text, { validateStream: false }) : text),
  };
}
