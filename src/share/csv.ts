/**
 * Customer lists as CSV for download (win-back list, RFM segment members). Columns are named
 * in snake_case like the report JSON; numbers are written as they are (no locale formatting),
 * so a spreadsheet reads them as numbers.
 */
import Papa from 'papaparse';
import type { WinbackRow } from '../analyses/winback';
import type { RfmCustomer } from '../analyses/rfm';

export function winbackCsv(rows: readonly WinbackRow[]): string {
  return Papa.unparse({
    fields: ['customer_id', 'orders', 'revenue', 'first_order', 'last_order', 'days_since_last_order'],
    data: rows.map((r) => [r.customerId, r.orders, r.revenue, r.firstOrder, r.lastOrder, r.daysSince]),
  });
}

export function rfmCustomersCsv(rows: readonly RfmCustomer[]): string {
  return Papa.unparse({
    fields: ['customer_id', 'segment', 'score', 'r', 'f', 'm', 'days_since_last_order', 'orders', 'revenue'],
    data: rows.map((r) => [r.customerId, r.segment, r.score, r.r, r.f, r.m, r.recencyDays, r.frequency, r.monetary]),
  });
}
