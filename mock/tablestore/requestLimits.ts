import { OtsError, invalid } from './OtsError';
import type { Row } from './plainBuffer';

/**
 * The service's limits on one request, checked before anything in it runs: the docs say a
 * BatchWriteRow with a parameter error fails whole, none of its rows written.
 *
 * Sources (the limits tests cite them too):
 * - https://www.alibabacloud.com/help/doc-detail/91524.html (general limits: 200 rows and 4 MB per
 *   BatchWriteRow, 100 rows per BatchGetRow, 1 KB key columns, 2 MB cells)
 * - https://www.alibabacloud.com/help/en/tablestore/table-store-service/developer-reference/batch-write-row-in-nodejs
 *   (200 rows, 4 MB in all; a parameter error fails the whole request)
 * - https://alibabacloud.com/help/en/tablestore/support/what-do-i-do-if-the-count-of-attribute-columns-exceeded-the-maximum
 *   (up to 1,024 columns written to a row)
 * - https://www.alibabacloud.com/help/doc-detail/172551.htm (a local transaction lives 60 s at most)
 * - https://developer.aliyun.com/ask/534832 (OTSOutOfTransactionDataSizeLimit past 4194304 bytes in a transaction)
 * - https://help.aliyun.com/en/tablestore/developer-reference/error-codes (413 OTSRequestBodyTooLarge)
 */

export const MAX_BODY = 5 * 1024 * 1024;
export const MAX_REQUEST_DATA = 4 * 1024 * 1024;
export const MAX_TRANSACTION_BYTES = 4 * 1024 * 1024;
export const TRANSACTION_TTL_MS = 60_000;
export const MAX_BATCH_WRITE = 200;
export const MAX_BATCH_GET = 100;
export const MAX_COLUMNS_PER_WRITE = 1024;
export const MAX_RANGE_ROWS = 5000;
export const MAX_STRING_PK = 1024;
export const MAX_CELL = 2 * 1024 * 1024;

/** The HTTP body cap, which the front end applies before it even reads the request. */
export function checkBody(bytes: number): void {
  if (bytes > MAX_BODY) throw new OtsError(413, 'OTSRequestBodyTooLarge', 'The size of POST data is too large.');
}

/** The data of one write request (its encoded rows) against the 4 MB cap. */
export function checkRequestData(bytes: number): void {
  if (bytes > MAX_REQUEST_DATA) throw invalid(`The total data size of the request exceeds the limit: ${bytes} > ${MAX_REQUEST_DATA}.`);
}

/** The columns one row write names (puts, deletes and increments alike). */
export function checkColumnCount(row: Row): void {
  if (row.cells.length > MAX_COLUMNS_PER_WRITE) throw invalid(`The count of attribute columns exceeds the maximum:${MAX_COLUMNS_PER_WRITE}.`);
}

export function checkBatchWriteRows(total: number): void {
  if (total === 0) throw invalid('No row specified in the request of BatchWriteRow.');
  if (total > MAX_BATCH_WRITE) throw invalid(`Rows count exceeds the upper limit: ${MAX_BATCH_WRITE}.`);
}

export function checkBatchGetRows(total: number): void {
  if (total > MAX_BATCH_GET) throw invalid(`Rows count exceeds the upper limit: ${MAX_BATCH_GET}.`);
}
