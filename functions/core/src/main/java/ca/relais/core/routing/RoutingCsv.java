package ca.relais.core.routing;

import ca.relais.core.csv.CsvReader;
import ca.relais.core.intake.EmailAddresses;
import ca.relais.core.model.Language;
import ca.relais.core.territory.TerritoryDirectory;
import ca.relais.core.territory.TestTerritory;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a routing directory from CSV with the header {@code scope,email,name,language,role}. Every
 * row is checked; one bad row rejects the whole file, with every problem named by row and column.
 */
public final class RoutingCsv {

  static final List<String> HEADER = List.of("scope", "email", "name", "language", "role");

  private RoutingCsv() {}

  /** Thrown with every problem found; nothing of the file is to be loaded. */
  public static final class InvalidRoutingFile extends Exception {
    private final List<String> problems;

    public InvalidRoutingFile(List<String> problems) {
      super(String.join("\n", problems), null, false, false);
      this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
      return problems;
    }
  }

  public static List<RelayAgent> parse(Reader reader, TerritoryDirectory territory)
      throws InvalidRoutingFile, IOException {
    List<List<String>> rows;
    try {
      rows = CsvReader.readAll(reader);
    } catch (IOException e) {
      throw new InvalidRoutingFile(List.of(e.getMessage()));
    }
    if (rows.isEmpty()) {
      throw new InvalidRoutingFile(
          List.of("The file is empty: expected the header " + String.join(",", HEADER)));
    }
    List<String> header = rows.get(0).stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
    if (!header.equals(HEADER)) {
      throw new InvalidRoutingFile(
          List.of(
              "Row 1: the header must be "
                  + String.join(",", HEADER)
                  + ", not "
                  + String.join(",", rows.get(0))));
    }
    List<String> problems = new ArrayList<>();
    List<RelayAgent> agents = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 1; i < rows.size(); i++) {
      int rowNumber = i + 1;
      List<String> row = rows.get(i);
      if (row.size() != HEADER.size()) {
        problems.add("Row " + rowNumber + ": expected 5 columns, found " + row.size());
        continue;
      }
      Optional<Scope> scope = Scope.parse(row.get(0));
      String email = row.get(1).trim();
      String name = row.get(2).trim();
      String languageText = row.get(3).trim();
      Optional<Language> language =
          languageText.isEmpty() ? Optional.of(Language.FR) : Language.parse(languageText);
      Optional<AgentRole> role = AgentRole.fromCode(row.get(4));
      int before = problems.size();
      if (scope.isEmpty()) {
        problems.add(
            "Row "
                + rowNumber
                + ", scope: '"
                + row.get(0).trim()
                + "' is not a 3-digit MRC code, region:NN or *");
      } else if (scope.get().kind() == Scope.Kind.MRC
          && territory.mrc(scope.get().code()).isEmpty()
          && !TestTerritory.isScope(scope.get())) {
        problems.add("Row " + rowNumber + ", scope: unknown MRC code " + scope.get().code());
      } else if (scope.get().kind() == Scope.Kind.REGION
          && territory.region(scope.get().code()).isEmpty()) {
        problems.add("Row " + rowNumber + ", scope: unknown region code " + scope.get().code());
      }
      if (!EmailAddresses.isValid(email)) {
        problems.add("Row " + rowNumber + ", email: '" + email + "' is not a valid email address");
      }
      if (name.isEmpty() || name.length() > 200) {
        problems.add("Row " + rowNumber + ", name: required (at most 200 characters)");
      }
      if (language.isEmpty()) {
        problems.add("Row " + rowNumber + ", language: '" + languageText + "' must be fr or en");
      }
      if (role.isEmpty()) {
        problems.add(
            "Row " + rowNumber + ", role: '" + row.get(4).trim() + "' must be primary or backup");
      }
      if (problems.size() > before) {
        continue;
      }
      String key = scope.get() + "|" + email.toLowerCase(Locale.ROOT);
      if (!seen.add(key)) {
        problems.add(
            "Row " + rowNumber + ": " + email + " is listed twice for scope " + scope.get());
        continue;
      }
      agents.add(new RelayAgent(scope.get(), email, name, language.get(), role.get()));
    }
    if (!problems.isEmpty()) {
      throw new InvalidRoutingFile(problems);
    }
    if (agents.stream().noneMatch(a -> a.scope().kind() == Scope.Kind.PROGRAM)) {
      throw new InvalidRoutingFile(
          List.of(
              "No program inbox: add a row with scope * so that no submission is ever left without a recipient"));
    }
    return agents;
  }
}
