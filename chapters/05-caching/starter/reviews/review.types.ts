export interface Review {
  /** A UUID, assigned by the server. */
  id: string;
  bookId: string;
  reviewer: string;
  /** @isInt */
  rating: number;
  body?: string;
  createdAt: Date;
}

export interface ReviewInput {
  /**
   * Who writes the review. One review per reviewer and book.
   * @minLength 1
   * @maxLength 100
   * @pattern \S
   * @example "ged@roke.example"
   */
  reviewer: string;
  /**
   * From 1 (poor) to 5 (excellent).
   * @isInt
   * @minimum 1
   * @maximum 5
   * @example 5
   */
  rating: number;
  /** @maxLength 5000 */
  body?: string;
}
