package ca.relais.core.routing;

import java.util.Optional;

/**
 * What a relay agent is responsible for: an MRC ({@code 100}), a region's relay team ({@code
 * region:01}) or the program inbox ({@code *}).
 */
public record Scope(Kind kind, String code) {

  /** The three levels of responsibility, from the most local. */
  public enum Kind {
    MRC,
    REGION,
    PROGRAM
  }

  public static Scope mrc(String code) {
    return new Scope(Kind.MRC, code);
  }

  public static Scope region(String code) {
    return new Scope(Kind.REGION, code);
  }

  public static Scope program() {
    return new Scope(Kind.PROGRAM, "*");
  }

  /** Reads the CSV form: {@code 100}, {@code region:01}, {@code *}. Shape only, not existence. */
  public static Optional<Scope> parse(String text) {
    String value = text.trim();
    if (value.equals("*")) {
      return Optional.of(program());
    }
    if (value.matches("\\d{3}")) {
      return Optional.of(mrc(value));
    }
    if (value.matches("(?i)region:\\d{2}")) {
      return Optional.of(region(value.substring(7)));
    }
    return Optional.empty();
  }

  /** The CSV and storage form. */
  @Override
  public String toString() {
    return switch (kind) {
      case MRC -> code;
      case REGION -> "region:" + code;
      case PROGRAM -> "*";
    };
  }
}
