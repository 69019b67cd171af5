// Character classes from RFC 9110 §5.6 and RFC 9112, shared by the parser's exercises.

export const SP = 0x20;
export const HTAB = 0x09;

/** token = 1*tchar (RFC 9110 §5.6.2): methods, field names and transfer codings are tokens. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export function isToken(text: string): boolean {
  return TOKEN.test(text);
}

/** Visible ASCII, the characters allowed in a request-target (RFC 3986 plus percent-encoding). */
export function isVisibleAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x21 || code > 0x7e) return false;
  }
  return text.length > 0;
}

/** field-value characters: VCHAR, SP, HTAB and obs-text; never CR, LF, NUL or another control (RFC 9110 §5.5). */
export function isFieldValue(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < SP && code !== HTAB) || code === 0x7f || code > 0xff) return false;
  }
  return true;
}

/** Removes optional whitespace (OWS: spaces and tabs) around a field value. */
export function trimOws(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isOws(text.charCodeAt(start))) start++;
  while (end > start && isOws(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}

function isOws(code: number): boolean {
  return code === SP || code === HTAB;
}
