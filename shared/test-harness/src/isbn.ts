/** The check digit of the first twelve digits of an ISBN-13 (weights 1 and 3, modulo 10). */
export function isbn13CheckDigit(twelveDigits: string): number {
  const sum = [...twelveDigits].reduce(
    (total, digit, index) => total + Number(digit) * (index % 2 === 0 ? 1 : 3),
    0,
  );
  return (10 - (sum % 10)) % 10;
}

/**
 * A generator of valid ISBN-13s: 978, nine digits counting up from `start`, and the right check digit. Each test
 * file gets fresh modules in jest, so two files may produce the same ISBNs; they do not share a database.
 */
export function isbnSequence(start = 100_000): () => string {
  let counter = start;
  return () => {
    const digits = `978${String(counter++).padStart(9, '0')}`;
    return `${digits}${isbn13CheckDigit(digits)}`;
  };
}

/** A new valid ISBN-13 on every call. */
export const nextIsbn: () => string = isbnSequence();

/** The same ISBN with a wrong check digit. */
export function withWrongCheckDigit(isbn: string): string {
  const last = Number(isbn.at(-1));
  return `${isbn.slice(0, -1)}${(last + 1) % 10}`;
}
