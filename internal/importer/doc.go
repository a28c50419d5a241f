// Package importer reads historic fidelity reviews from the service's own
// exports — the long CSV (one row per review × rater × item), the wide CSV
// (one row per review, one column per item) and the XLSX workbook with the
// same sheets — and from hand-filled files of the same layout.
//
// It is pure: it turns bytes into Rows and RowErrors and knows nothing of
// the database. Checking rows against scales, sites and raters is the
// service's job. Rows are handed to a callback as they are read, so a file
// of any length is read in flat memory (an XLSX file's shared-string table
// excepted, which the size limits bound).
//
// Hostile input never panics: invalid UTF-8, formulas, merged cells, wrong
// types and over-long files are errors that name the sheet, row, column and
// value; a zip bomb disguised as XLSX stops at the uncompressed-size limit.
package importer
