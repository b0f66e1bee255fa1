package ca.relais.core.territory;

import ca.relais.core.csv.CsvReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Québec's regions, MRCs and municipalities, from the reference CSVs in {@code /territory/} on the
 * classpath (MAMH Répertoire des municipalités and MRNF Découpages administratifs, CC-BY 4.0; see
 * {@code territory/NOTICE.md} beside them). Codes are strings: regions {@code 01}, MRCs {@code
 * 010}, municipalities {@code 01023}.
 *
 * <p>Immutable and thread-safe: every map is filled in the constructor and only read afterwards.
 * {@link #loadDefault()} reads the files once per class loader (one pass each, hash maps only).
 */
public final class TerritoryDirectory {

  /** The note of a merged or recoded alias: "former code 88055". */
  private static final String FORMER_CODE = "former code ";

  private final Map<String, Region> regions = new HashMap<>();
  private final Map<String, Mrc> mrcs = new HashMap<>();
  private final Map<String, Municipality> municipalities = new HashMap<>();
  private final Map<String, String> formerCodes = new HashMap<>();
  private final Map<String, Mrc> mrcsByName = new HashMap<>();
  private final Map<String, List<Municipality>> municipalitiesByName = new HashMap<>();
  private final Map<String, List<Municipality>> aliasesByName = new HashMap<>();
  private final List<Municipality> inFileOrder = new ArrayList<>();
  private final Map<String, String> foldedNames = new HashMap<>();
  private final List<Mrc> sortedMrcs;
  private final List<Municipality> sortedMunicipalities;

  private TerritoryDirectory() {
    read("regions.csv", this::addRegion);
    read("mrc.csv", this::addMrc);
    read("municipalities.csv", this::addMunicipality);
    read("aliases.csv", this::addAlias);
    addCurrentNamesExtendingAliases();
    sortedMrcs = List.copyOf(new TreeMap<>(mrcs).values());
    // French order without a Collator (65 ms at cold start): the folded name first, so accents,
    // case and dashes only break ties, then the name itself, then the code for homonyms.
    TreeMap<String, Municipality> byFoldedName = new TreeMap<>();
    for (Municipality m : inFileOrder) {
      byFoldedName.put(String.join("\u0000", foldedNames.get(m.code()), m.name(), m.code()), m);
    }
    sortedMunicipalities = List.copyOf(byFoldedName.values());
  }

  /** The directory from the reference data on the classpath, loaded on first use. */
  public static TerritoryDirectory loadDefault() {
    return Holder.DEFAULT;
  }

  private static final class Holder {
    static final TerritoryDirectory DEFAULT = new TerritoryDirectory();
  }

  /** An MRC or TE by its 3-digit MAMH code ({@code 100}). */
  public Optional<Mrc> mrc(String code) {
    return Optional.ofNullable(mrcs.get(code));
  }

  /** A region by its 2-digit code ({@code 01}). */
  public Optional<Region> region(String code) {
    return Optional.ofNullable(regions.get(code));
  }

  /**
   * A municipality (or unorganised territory, reserve, land unit) by its 5-digit code, or by a code
   * it had before a merger or recoding ({@code 88055} gives Amos, {@code 88057}).
   */
  public Optional<Municipality> municipality(String code) {
    Municipality m = municipalities.get(code);
    if (m == null && code != null && formerCodes.containsKey(code)) {
      m = municipalities.get(formerCodes.get(code));
    }
    return Optional.ofNullable(m);
  }

  /** Every MRC and TE, sorted by code. */
  public List<Mrc> mrcs() {
    return sortedMrcs;
  }

  /**
   * Every municipality, sorted by name as a French reader expects (accents, case and dashes count
   * only to break ties), then by code for homonyms.
   */
  public List<Municipality> municipalities() {
    return sortedMunicipalities;
  }

  Optional<Mrc> mrcByFoldedName(String folded) {
    return Optional.ofNullable(mrcsByName.get(folded));
  }

  List<Municipality> municipalitiesByFoldedName(String folded) {
    return municipalitiesByName.getOrDefault(folded, List.of());
  }

  /**
   * What a former or variant name may mean: the municipality it became, and also any current
   * municipality whose name extends it. "Saint-Bruno" is a former name of Hébertville (Lac-Saint-
   * Jean-Est), but whoever types it may well mean Saint-Bruno-de-Montarville.
   */
  List<Municipality> aliasesByFoldedName(String folded) {
    return aliasesByName.getOrDefault(folded, List.of());
  }

  private void addRegion(Map<String, String> row) {
    regions.put(row.get("code"), new Region(row.get("code"), row.get("name")));
  }

  private void addMrc(Map<String, String> row) {
    Mrc mrc = new Mrc(row.get("code"), row.get("name"), row.get("region_code"), row.get("kind"));
    require(regions.containsKey(mrc.regionCode()), "mrc.csv: unknown region in", mrc);
    mrcs.put(mrc.code(), mrc);
    String folded = NameFolding.fold(mrc.name());
    mrcsByName.put(folded, mrc);
    // "Matanie" for La Matanie; a full name always wins over a name without its article.
    mrcsByName.putIfAbsent(NameFolding.withoutArticle(folded), mrc);
  }

  private void addMunicipality(Map<String, String> row) {
    Municipality m =
        new Municipality(
            row.get("code"),
            row.get("name"),
            row.get("mrc_code"),
            row.get("designation"),
            row.get("region_code"));
    require(mrcs.containsKey(m.mrcCode()), "municipalities.csv: unknown MRC in", m);
    municipalities.put(m.code(), m);
    inFileOrder.add(m);
    String folded = NameFolding.fold(m.name());
    foldedNames.put(m.code(), folded);
    municipalitiesByName.computeIfAbsent(folded, k -> new ArrayList<>()).add(m);
  }

  private void addAlias(Map<String, String> row) {
    Municipality current = municipalities.get(row.get("code"));
    require(current != null, "aliases.csv: unknown code in", row);
    List<Municipality> targets =
        aliasesByName.computeIfAbsent(NameFolding.fold(row.get("alias")), k -> new ArrayList<>());
    addOnce(targets, current);
    String note = row.getOrDefault("note", "");
    if (note.startsWith(FORMER_CODE) && note.length() == FORMER_CODE.length() + 5) {
      formerCodes.put(note.substring(FORMER_CODE.length()), current.code());
    }
  }

  /** Adds unless already there (by identity: a record's equals costs at cold start). */
  private static void addOnce(List<Municipality> list, Municipality m) {
    for (Municipality present : list) {
      if (present == m) {
        return;
      }
    }
    list.add(m);
  }

  /** Adds, to each former name, the current names that extend it word by word, in file order. */
  private void addCurrentNamesExtendingAliases() {
    for (Municipality m : inFileOrder) {
      String folded = foldedNames.get(m.code());
      for (int space = folded.indexOf(' '); space > 0; space = folded.indexOf(' ', space + 1)) {
        List<Municipality> meanings = aliasesByName.get(folded.substring(0, space));
        if (meanings != null) {
          addOnce(meanings, m);
        }
      }
    }
    aliasesByName.replaceAll((alias, meanings) -> List.copyOf(meanings));
  }

  /** The message is built only on failure: a record's toString costs at cold start. */
  private static void require(boolean condition, String message, Object row) {
    if (!condition) {
      throw new IllegalStateException("Inconsistent territory data: " + message + " " + row);
    }
  }

  private static void read(String file, Consumer<Map<String, String>> rowHandler) {
    String path = "/territory/" + file;
    try (InputStream in = TerritoryDirectory.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("Missing reference data " + path);
      }
      List<List<String>> rows =
          CsvReader.readAll(
              new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16));
      List<String> header = rows.get(0);
      for (List<String> row : rows.subList(1, rows.size())) {
        Map<String, String> named = new HashMap<>();
        for (int i = 0; i < header.size() && i < row.size(); i++) {
          named.put(header.get(i), row.get(i));
        }
        rowHandler.accept(named);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + path, e);
    }
  }
}
