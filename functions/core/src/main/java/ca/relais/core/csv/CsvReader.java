package ca.relais.core.csv;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/** Reads RFC 4180 CSV: quoted fields with commas, doubled quotes and line breaks; CRLF or LF. */
public final class CsvReader {

  private CsvReader() {}

  /**
   * Every row, each a list of fields; a UTF-8 byte-order mark is ignored; blank lines are skipped.
   */
  public static List<List<String>> readAll(Reader reader) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean fieldStarted = false;
    int c = reader.read();
    if (c == '\uFEFF') {
      c = reader.read();
    }
    while (c != -1) {
      char ch = (char) c;
      if (quoted) {
        if (ch == '"') {
          int next = reader.read();
          if (next == '"') {
            field.append('"');
          } else {
            quoted = false;
            c = next;
            continue;
          }
        } else {
          field.append(ch);
        }
      } else if (ch == '"' && field.length() == 0) {
        quoted = true;
        fieldStarted = true;
      } else if (ch == ',') {
        row.add(field.toString());
        field.setLength(0);
        fieldStarted = true;
      } else if (ch == '\n' || ch == '\r') {
        if (ch == '\r') {
          int next = reader.read();
          if (next != '\n') {
            endRow(rows, row, field, fieldStarted);
            row = new ArrayList<>();
            fieldStarted = false;
            c = next;
            continue;
          }
        }
        endRow(rows, row, field, fieldStarted);
        row = new ArrayList<>();
        fieldStarted = false;
      } else {
        field.append(ch);
        fieldStarted = true;
      }
      c = reader.read();
    }
    if (quoted) {
      throw new IOException("Unterminated quoted field in row " + (rows.size() + 1));
    }
    endRow(rows, row, field, fieldStarted);
    return rows;
  }

  private static void endRow(
      List<List<String>> rows, List<String> row, StringBuilder field, boolean fieldStarted) {
    if (fieldStarted || field.length() > 0 || !row.isEmpty()) {
      row.add(field.toString());
      rows.add(row);
    }
    field.setLength(0);
  }
}
