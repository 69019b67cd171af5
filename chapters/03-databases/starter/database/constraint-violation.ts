/**
 * A write that broke a unique index or a foreign key, named as PostgreSQL names the constraint (`books_isbn_key`).
 * Both repositories turn their driver's error into this, and then into what the violation means to a client.
 */
export interface ConstraintViolation {
  kind: 'unique' | 'foreign-key';
  constraint: string;
}
