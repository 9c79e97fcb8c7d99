import type { NetworkPage } from '@renown/ingestion';
import type { QuarantinedPage } from './network-connector.js';

/** A page the connector cannot use: not JSON, or not the shape its method promises. Set aside, never imported. */
export class PageProblem extends Error {
  constructor(
    readonly url: string,
    readonly reason: string,
    readonly raw: string,
  ) {
    super(reason);
  }
}

/**
 * The pages one account fetch has read, for the importer, and the ones it set aside. The profile comes first; each
 * secondary page (posts, engagers, follows) is read through `read`, where a PageProblem quarantines that page and
 * the fetch goes on.
 */
export class AccountPages {
  private readonly kept: NetworkPage[];
  readonly quarantined: QuarantinedPage[] = [];

  constructor(profile: NetworkPage) {
    this.kept = [profile];
  }

  /** Runs one page read: its value, or null when it was skipped (the reader's null) or set aside (a PageProblem). */
  async read<T>(load: () => Promise<T | null>): Promise<T | null> {
    try {
      return await load();
    } catch (err) {
      if (!(err instanceof PageProblem)) throw err;
      this.quarantined.push({ url: err.url, reason: err.reason, raw: err.raw });
      return null;
    }
  }

  keep(page: NetworkPage) {
    this.kept.push(page);
  }

  /**
   * Every page, dated at the moment the fetch began. The importer keeps one metrics-history row per account per
   * observation time; without this, the few seconds an account's fetch takes would add a row for each page that
   * shows its counts (the profile, then every feed page that embeds it) instead of one.
   */
  get pages(): NetworkPage[] {
    const at = this.kept[0].fetchedAt;
    return this.kept.map((p) => (p.fetchedAt === at ? p : { ...p, fetchedAt: at }));
  }
}
