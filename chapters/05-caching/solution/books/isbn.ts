/**
 * The ISBN-13 check: weight the 13 digits 1, 3, 1, 3, ... and the sum must be a multiple of 10.
 * The schema already guarantees 13 digits; this catches the typos that a pattern cannot.
 */
export function isValidIsbn13(isbn: string): boolean {
  if (!/^\d{13}$/.test(isbn)) return false;
  const sum = [...isbn].reduce((total, digit, index) => total + Number(digit) * (index % 2 === 0 ? 1 : 3), 0);
  return sum % 10 === 0;
}
