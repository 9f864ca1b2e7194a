/* test-ui-import.c — the CSV import assistant under a display: a GB18030
 * file's preview (detected encoding, mapped columns), a file with an error
 * (the problem listed, nothing written), a good file imported, Cancel, and
 * the remembered column mapping.  Skips without a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <glib/gi18n-lib.h>
#include <gtk/gtk.h>

#include "chc-test-util.h"
#include "store/chc-database-private.h"
#include "io/chc-xlsx-writer.h"
#include "ui/chc-import-assistant.h"

static gboolean have_display;

static const char header[] = "机构编码,统计月份,常住人口,签约人数,重点人群数,重点人群签约数\r\n";


/* Writes @text to a temporary file, in GB18030 when asked. */
static GFile *
write_csv (const char *name,
           const char *text,
           gboolean    gb18030)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *converted = NULL;
  gsize length = strlen (text);

  if (gb18030)
    {
      converted = g_convert (text, -1, "GB18030", "UTF-8", NULL, &length, &error);
      g_assert_no_error (error);
    }
  g_file_set_contents (path, converted != NULL ? converted : text, (gssize) length, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static void
wait_while_busy (ChcImportAssistant *assistant)
{
  gint64 end = g_get_monotonic_time () + 60 * G_TIME_SPAN_SECOND;

  while ((chc_import_assistant_get_busy (assistant) ||
          g_strcmp0 (chc_import_assistant_get_page (assistant), "working") == 0) &&
         g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (chc_import_assistant_get_busy (assistant));
}


static ChcImportAssistant *
open_assistant (ChcDatabase *db,
                GFile       *file)
{
  ChcImportAssistant *assistant = chc_import_assistant_new (db, CHC_CSV_KIND_SIGNING);

  gtk_window_present (GTK_WINDOW (assistant));
  g_assert_cmpstr (chc_import_assistant_get_page (assistant), ==, "file");
  chc_import_assistant_set_file (assistant, file);
  return assistant;
}

/* A GB18030 file: previewed with its encoding and columns found; a row
 * breaking a rule: listed at its line and column, nothing written. */
static void
test_preview_and_problems (void)
{
  g_autoptr(ChcDatabase) db = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *text = NULL;
  g_autofree char *problems = NULL;
  ChcImportAssistant *assistant;
  ChcCsvMapping *mapping;
  gint64 before;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  db = chc_test_new_demo ();
  before = chc_test_query_int (db, "SELECT count (*) FROM signing");
  /* 310118C02: 金泽; 41000 signed of 40000 residents breaks a rule. */
  text = g_strconcat (header,
                      "310118C02,2027年1月,80000,30000,20000,15000\r\n",
                      "310118B01,2027-01,40000,41000,10000,7000\r\n", NULL);
  file = write_csv ("签约2027.csv", text, TRUE);

  assistant = open_assistant (db, file);
  g_assert_cmpstr (chc_import_assistant_get_page (assistant), ==, "preview");
  g_assert_cmpint (chc_import_assistant_get_encoding (assistant), ==, CHC_CSV_ENCODING_GB18030);
  g_assert_cmpint (chc_import_assistant_get_delimiter (assistant), ==, ',');
  mapping = chc_import_assistant_get_mapping (assistant);
  g_assert_cmpuint (chc_csv_mapping_get_n_file_columns (mapping), ==, 6);
  g_assert_cmpint (chc_csv_mapping_get_column (mapping, 0), ==, CHC_CSV_OF_FACILITY_CODE);
  g_assert_cmpint (chc_csv_mapping_get_column (mapping, 1), ==, CHC_CSV_SIGNING_PERIOD);
  g_assert_cmpint (chc_csv_mapping_get_column (mapping, 3), ==, CHC_CSV_SIGNING_SIGNED_RESIDENTS);
  chc_test_screenshot ("import-preview.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (assistant), "assistant.next", NULL));
  wait_while_busy (assistant);
  g_assert_cmpstr (chc_import_assistant_get_page (assistant), ==, "check");
  g_assert_cmpuint (chc_import_assistant_get_report (assistant)->n_errors, >, 0);
  problems = chc_import_assistant_dup_problems_text (assistant);
  g_assert_nonnull (strstr (problems, "签约2027.csv:3:4: "));
  chc_test_screenshot ("import-problems.png");

  /* Import is not offered; nothing was written. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (assistant), "assistant.next", NULL));
  g_assert_cmpstr (chc_import_assistant_get_page (assistant), ==, "check");
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM signing"), ==, before);

  gtk_window_destroy (GTK_WINDOW (assistant));
}

/* A good file: checked, imported, the summary; the rows are stored. */
static void
test_import (void)
{
  g_autoptr(ChcDatabase) db = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *text = NULL;
  const ChcCsvReport *report;
  ChcImportAssistant *assistant;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  db = chc_test_new_demo ();
  text = g_strconcat (header,
                      "310118C02,2027-01,80000,30000,20000,15000\r\n",
                      "310118B01,2027/01,40000,15000,10000,7000\r\n", NULL);
  file = write_csv ("good.csv", text, FALSE);

  assistant = open_assistant (db, file);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (assistant), "assistant.next", NULL));
  wait_while_busy (assistant);
  g_assert_cmpstr (chc_import_assistant_get_page (assistant), ==, "check");
  report = chc_import_assistant_get_report (assistant);
  g_assert_cmpuint (report->n_errors, ==, 0);
  g_assert_cmpuint (report->inserted, ==, 2);
  g_assert_false (report->written);
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM signing WHERE period = '2027-01'"), ==, 0);

  if (report->n_warnings > 0)
    {
      /* Not without accepting the warnings. */
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (assistant), "assistant.next", NULL));
      g_assert_cmpstr (chc_import_assistant_get_page (assistant), ==, "check");
      chc_import_assistant_accept_warnings (assistant);
    }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (assistant), "assistant.next", NULL));
  wait_while_busy (assistant);
  g_assert_null (chc_import_assistant_get_error (assistant));
  g_assert_cmpstr (chc_import_assistant_get_page (assistant), ==, "summary");
  report = chc_import_assistant_get_report (assistant);
  g_assert_true (report->written);
  g_assert_cmpuint (report->inserted, ==, 2);
  g_assert_cmpint (chc_test_query_int (db, "SELECT signed_residents FROM signing WHERE period = '2027-01'"
                                   " AND facility_id = (SELECT id FROM facility WHERE code = '310118B01')"), ==, 15000);
  chc_test_screenshot ("import-summary.png");

  gtk_window_destroy (GTK_WINDOW (assistant));
}

/* Cancel while checking a large file: back to the preview, said so. */
static void
test_cancel (void)
{
  g_autoptr(ChcDatabase) db = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GString) text = g_string_new (header);
  ChcImportAssistant *assistant;
  gint64 before;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  db = chc_test_new_demo ();
  before = chc_test_query_int (db, "SELECT count (*) FROM signing");
  for (int year = 1901; year < 2020; year++)
    for (int month = 1; month <= 12; month++)
      for (int f = 1; f <= 9; f++)
        g_string_append_printf (text, "310118C0%d,%d-%02d,80000,30000,20000,15000\r\n", f, year, month);
  file = write_csv ("large.csv", text->str, FALSE);

  assistant = open_assistant (db, file);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (assistant), "assistant.next", NULL));
  g_assert_cmpstr (chc_import_assistant_get_page (assistant), ==, "working");
  g_assert_true (chc_import_assistant_get_busy (assistant));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (assistant), "assistant.cancel", NULL));
  wait_while_busy (assistant);
  g_assert_cmpstr (chc_import_assistant_get_page (assistant), ==, "preview");
  g_assert_cmpstr (chc_import_assistant_get_error (assistant), ==, _("The check was cancelled."));
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM signing"), ==, before);

  gtk_window_destroy (GTK_WINDOW (assistant));
}

/* The mapping chosen for a header set is offered again for it. */
static void
test_remembered_mapping (void)
{
  g_autoptr(ChcDatabase) db = NULL;
  g_autoptr(GFile) file = NULL;
  ChcImportAssistant *assistant;
  const char *text = "代码,月,人口,签约\r\n310118C02,2027-03,80000,30000\r\n";

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  db = chc_test_new_demo ();
  file = write_csv ("odd.csv", text, FALSE);

  assistant = open_assistant (db, file);
  /* Headers it does not know: mapped by hand. */
  g_assert_cmpint (chc_csv_mapping_get_column (chc_import_assistant_get_mapping (assistant), 0), ==, -1);
  chc_import_assistant_map_column (assistant, 0, CHC_CSV_OF_FACILITY_CODE);
  chc_import_assistant_map_column (assistant, 1, CHC_CSV_SIGNING_PERIOD);
  chc_import_assistant_map_column (assistant, 2, CHC_CSV_SIGNING_RESIDENT_POPULATION);
  chc_import_assistant_map_column (assistant, 3, CHC_CSV_SIGNING_SIGNED_RESIDENTS);
  g_assert_cmpint (chc_csv_mapping_get_column (chc_import_assistant_get_mapping (assistant), 3), ==,
                   CHC_CSV_SIGNING_SIGNED_RESIDENTS);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (assistant), "assistant.next", NULL));
  wait_while_busy (assistant);
  g_assert_cmpstr (chc_import_assistant_get_page (assistant), ==, "check");
  g_assert_cmpuint (chc_import_assistant_get_report (assistant)->n_errors, ==, 0);
  gtk_window_destroy (GTK_WINDOW (assistant));

  /* The same headers again: mapped as before. */
  assistant = open_assistant (db, file);
  g_assert_cmpint (chc_csv_mapping_get_column (chc_import_assistant_get_mapping (assistant), 0), ==,
                   CHC_CSV_OF_FACILITY_CODE);
  g_assert_cmpint (chc_csv_mapping_get_column (chc_import_assistant_get_mapping (assistant), 3), ==,
                   CHC_CSV_SIGNING_SIGNED_RESIDENTS);
  gtk_window_destroy (GTK_WINDOW (assistant));
}

/* An Excel workbook: its sheets offered, the chosen one checked and
 * imported; problems told as FILE:SHEET:ROW:COLUMN. */
static void
test_xlsx (void)
{
  static const char *const headers[] = { "机构编码", "统计月份", "常住人口", "签约人数", "重点人群数", "重点人群签约数" };
  static const char *const notes[] = { "填表说明" };
  g_autoptr(ChcDatabase) db = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(ChcXlsxWriter) writer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "签约2027.xlsx", NULL);
  g_autofree char *problems = NULL;
  const ChcCsvReport *report;
  ChcImportAssistant *assistant;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  writer = chc_xlsx_writer_new (path, &error);
  g_assert_no_error (error);
  g_assert_true (chc_xlsx_writer_add_sheet (writer, "说明", NULL, 1, notes, &error));
  g_assert_true (chc_xlsx_writer_add_sheet (writer, "签约", "青浦区 2027年1月", 6, headers, &error));
  chc_xlsx_writer_text (writer, "310118C02");
  chc_xlsx_writer_text (writer, "2027-01");
  chc_xlsx_writer_number (writer, 80000, CHC_XLSX_CELL_COUNT);
  chc_xlsx_writer_number (writer, 30000, CHC_XLSX_CELL_COUNT);
  chc_xlsx_writer_number (writer, 20000, CHC_XLSX_CELL_COUNT);
  chc_xlsx_writer_number (writer, 25000, CHC_XLSX_CELL_COUNT);   /* more than the key population */
  g_assert_true (chc_xlsx_writer_end_row (writer, &error));
  g_assert_true (chc_xlsx_writer_close (writer, &error));
  g_assert_no_error (error);
  file = g_file_new_for_path (path);

  db = chc_test_new_demo ();
  assistant = open_assistant (db, file);
  g_assert_cmpstr (chc_import_assistant_get_page (assistant), ==, "preview");
  g_assert_cmpstr (chc_import_assistant_get_sheet (assistant), ==, "说明");
  chc_import_assistant_set_sheet (assistant, "签约");
  g_assert_cmpstr (chc_import_assistant_get_sheet (assistant), ==, "签约");
  g_assert_cmpint (chc_csv_mapping_get_column (chc_import_assistant_get_mapping (assistant), 3), ==,
                   CHC_CSV_SIGNING_SIGNED_RESIDENTS);
  chc_test_screenshot ("import-xlsx-preview.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (assistant), "assistant.next", NULL));
  wait_while_busy (assistant);
  g_assert_cmpstr (chc_import_assistant_get_page (assistant), ==, "check");
  report = chc_import_assistant_get_report (assistant);
  g_assert_cmpuint (report->n_errors, >, 0);
  problems = chc_import_assistant_dup_problems_text (assistant);
  g_assert_nonnull (strstr (problems, "签约2027.xlsx:签约:3:"));
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM signing WHERE period = '2027-01'"), ==, 0);
  gtk_window_destroy (GTK_WINDOW (assistant));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  have_display = gtk_init_check ();
  chc_test_require_display (have_display);
  chc_test_bind_locale ();

  g_test_add_func ("/ui/import/preview-and-problems", test_preview_and_problems);
  g_test_add_func ("/ui/import/import", test_import);
  g_test_add_func ("/ui/import/cancel", test_cancel);
  g_test_add_func ("/ui/import/remembered-mapping", test_remembered_mapping);
  g_test_add_func ("/ui/import/xlsx", test_xlsx);
  return g_test_run ();
}
