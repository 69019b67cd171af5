import type { Palette } from '../color';

export interface Item {
  ok: boolean;
  /** The chapter or package the item is about, for example `01-http-from-scratch`. */
  scope: string;
  text: string;
  /** Lines printed under a failed item: the reason, failing tests, the fix. */
  details?: string[];
  /** How many passes and failures the item adds to the totals; one either way by default. */
  passed?: number;
  failed?: number;
}

/** Prints contract items as they complete and keeps the totals for the last line. */
export class Report {
  passed = 0;
  failed = 0;

  constructor(private readonly p: Palette) {}

  add(item: Item): boolean {
    this.passed += item.passed ?? (item.ok ? 1 : 0);
    this.failed += item.failed ?? (item.ok ? 0 : 1);
    const mark = item.ok ? this.p.green('✓') : this.p.red('✗');
    console.log(`${mark} ${item.scope}  ${item.text}`);
    if (!item.ok) for (const line of item.details ?? []) console.log(`    ${line}`);
    return item.ok;
  }

  totals(): string {
    return `${this.passed} passed, ${this.failed} failed`;
  }
}
