import type { NetworkPage, RawRecord } from '@renown/ingestion';

/** A fetch's pages as the importer's raw records (format `network-pages`), one per page, in the order read. */
export const pagesToRecords = (pages: NetworkPage[]): AsyncIterable<RawRecord> =>
  (async function* () {
    let line = 0;
    for (const page of pages) yield { raw: JSON.stringify(page), position: { line: ++line, byteOffset: 0 } };
  })();
