export interface Palette {
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
  bold(text: string): string;
  dim(text: string): string;
}

const ESC = '\u001b';
const ANSI = new RegExp(`${ESC}\\[[0-9;]*[A-Za-z]`, 'g');

/**
 * Colors only for a terminal, unless the user says otherwise: a `--color`/`--no-color` flag first,
 * then FORCE_COLOR and NO_COLOR (https://no-color.org), in the order Node's own tools honour them.
 */
export function colorEnabled(stream: { isTTY?: boolean }, flag?: boolean): boolean {
  if (flag !== undefined) return flag;
  const force = process.env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  if (process.env.NO_COLOR) return false;
  return stream.isTTY === true;
}

const sgr =
  (open: number, close: number) =>
  (text: string): string =>
    `${ESC}[${open}m${text}${ESC}[${close}m`;

const plain = (text: string): string => text;

export function palette(enabled: boolean): Palette {
  if (!enabled) return { green: plain, red: plain, yellow: plain, cyan: plain, bold: plain, dim: plain };
  return {
    green: sgr(32, 39),
    red: sgr(31, 39),
    yellow: sgr(33, 39),
    cyan: sgr(36, 39),
    bold: sgr(1, 22),
    dim: sgr(2, 22),
  };
}

/** The palette for what a command prints to stdout. */
export function stdoutPalette(flag?: boolean): Palette {
  return palette(colorEnabled(process.stdout, flag));
}

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}
