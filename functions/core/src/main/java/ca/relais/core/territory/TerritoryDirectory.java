package ca.relais.core.territory;

import ca.relais.core.csv.CsvReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Québec's regions, MRCs and municipalities, from the reference CSVs in {@code /territory/} (see
 * the README for their sources). Immutable and thread-safe; loaded once per container.
 */
public final class TerritoryDirectory {

  private static final Pattern FORMER_CODE = Pattern.compile("former code (\\d{5})");

  private final Map<String, Region> regions = new HashMap<>();
  private final Map<String, Mrc> mrcs = new HashMap<>();
  private final Map<String, Municipality> municipalities = new HashMap<>();
  private final Map<String, String> formerCodes = new HashMap<>();
  private final Map<String, Mrc> mrcsByName = new HashMap<>();
  private final Map<String, List<Municipality>> municipalitiesByName = new HashMap<>();
  private final Map<String, List<Municipality>> aliasesByName = new HashMap<>();
  private final List<Mrc> sortedMrcs;
  private final List<Municipality> sortedMunicipalities;

  private TerritoryDirectory() {
    read(
        "regions.csv",
        row -> regions.put(row.get("code"), new Region(row.get("code"), row.get("name"))));
    read(
        "mrc.csv",
        row -> {
          Mrc mrc =
              new Mrc(row.get("code"), row.get("name"), row.get("region_code"), row.get("kind"));
          mrcs.put(mrc.code(), mrc);
          String folded = NameFolding.fold(mrc.name());
          mrcsByName.put(folded, mrc);
          mrcsByName.putIfAbsent(NameFolding.withoutArticle(folded), mrc);
        });
    read(
        "municipalities.csv",
        row -> {
          Municipality m =
              new Municipality(
                  row.get("code"),
                  row.get("name"),
                  row.get("mrc_code"),
                  row.get("designation"),
                  row.get("region_code"));
          municipalities.put(m.code(), m);
          municipalitiesByName
              .computeIfAbsent(NameFolding.fold(m.name()), k -> new ArrayList<>())
              .add(m);
        });
    read(
        "aliases.csv",
        row -> {
          Municipality current = municipalities.get(row.get("code"));
          if (current == null) {
            return;
          }
          aliasesByName
              .computeIfAbsent(NameFolding.fold(row.get("alias")), k -> new ArrayList<>())
              .add(current);
          Matcher former = FORMER_CODE.matcher(row.getOrDefault("note", ""));
          while (former.find()) {
            formerCodes.put(former.group(1), current.code());
          }
        });
    sortedMrcs = mrcs.values().stream().sorted(Comparator.comparing(Mrc::code)).toList();
    sortedMunicipalities =
        municipalities.values().stream()
            .sorted(Comparator.comparing(Municipality::name).thenComparing(Municipality::code))
            .toList();
  }

  /** The directory from the reference data on the classpath. */
  public static TerritoryDirectory loadDefault() {
    return Holder.DEFAULT;
  }

  private static final class Holder {
    static final TerritoryDirectory DEFAULT = new TerritoryDirectory();
  }

  public Optional<Mrc> mrc(String code) {
    return Optional.ofNullable(mrcs.get(code));
  }

  public Optional<Region> region(String code) {
    return Optional.ofNullable(regions.get(code));
  }

  /** A municipality by its code, or by a former code it had before a merger. */
  public Optional<Municipality> municipality(String code) {
    Municipality m = municipalities.get(code);
    if (m == null && formerCodes.containsKey(code)) {
      m = municipalities.get(formerCodes.get(code));
    }
    return Optional.ofNullable(m);
  }

  public List<Mrc> mrcs() {
    return sortedMrcs;
  }

  public List<Municipality> municipalities() {
    return sortedMunicipalities;
  }

  Optional<Mrc> mrcByFoldedName(String folded) {
    return Optional.ofNullable(mrcsByName.get(folded));
  }

  List<Municipality> municipalitiesByFoldedName(String folded) {
    return municipalitiesByName.getOrDefault(folded, List.of());
  }

  List<Municipality> aliasesByFoldedName(String folded) {
    return aliasesByName.getOrDefault(folded, List.of());
  }

  private static void read(String file, Consumer<Map<String, String>> rowHandler) {
    String path = "/territory/" + file;
    try (InputStream in = TerritoryDirectory.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("Missing reference data " + path);
      }
      List<List<String>> rows =
          CsvReader.readAll(new InputStreamReader(in, StandardCharsets.UTF_8));
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
