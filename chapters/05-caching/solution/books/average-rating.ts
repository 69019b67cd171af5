/** The mean of a book's ratings, rounded to two decimals, or null while it has no reviews. */
export function averageRating(reviewCount: number, ratingSum: number): number | null {
  return reviewCount === 0 ? null : Math.round((ratingSum / reviewCount) * 100) / 100;
}
