package ca.relais.core.intake;

import ca.relais.core.model.SubmissionType;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;

/**
 * Reference ids that a person can read over the phone: type letter, Québec date, eight random
 * Crockford base-32 characters. {@code O-20261123-7K3M9Q2X} is an observation of 23 November 2026.
 */
public final class ReferenceIds {

  static final ZoneId QUEBEC = ZoneId.of("America/Toronto");
  private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyyMMdd").withZone(QUEBEC);

  private final Supplier<Long> randomBits;

  private ReferenceIds(Supplier<Long> randomBits) {
    this.randomBits = randomBits;
  }

  /** Ids from a secure random source. */
  public static ReferenceIds secure() {
    SecureRandom random = new SecureRandom();
    return new ReferenceIds(random::nextLong);
  }

  /**
   * Ids from the given bits: tests, or a SnapStart function's secure generator that is made anew
   * after each restore.
   */
  public static ReferenceIds fromBits(Supplier<Long> randomBits) {
    return new ReferenceIds(randomBits);
  }

  public String next(SubmissionType type, Instant at) {
    long bits = randomBits.get();
    char[] suffix = new char[8];
    for (int i = 0; i < suffix.length; i++) {
      suffix[i] = CROCKFORD[(int) (bits & 31)];
      bits >>>= 5;
    }
    return type.idPrefix() + "-" + DAY.format(at) + "-" + new String(suffix);
  }

  /** True when a text has the shape of a reference id (for safe use in URLs and pages). */
  public static boolean looksLikeId(String value) {
    return value != null && value.matches("[SOR]-\\d{8}-[0-9A-HJKMNP-TV-Z]{8}");
  }
}
