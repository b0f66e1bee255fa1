package ca.relais.intake;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signed token of a web form: {@code v1.<issued-at epoch millis>.<HMAC-SHA256>} over the form
 * and the issued-at time, with a secret from the environment. A post is taken only with a token
 * this function issued for the same form, no older than {@code maxAge} and no younger than {@code
 * minFill} (a person needs a few seconds to fill a form; a bot does not).
 */
final class FormToken {

  /** What a token check finds. */
  enum Check {
    VALID,
    MISSING,
    FORGED,
    EXPIRED,
    TOO_FAST
  }

  private static final String VERSION = "v1";
  private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

  private final SecretKeySpec key;
  private final Clock clock;
  private final Duration maxAge;
  private final Duration minFill;

  FormToken(String secret, Clock clock, Duration maxAge, Duration minFill) {
    if (secret == null || secret.length() < 16) {
      throw new IllegalArgumentException("The form token secret must have at least 16 characters");
    }
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    this.clock = clock;
    this.maxAge = maxAge;
    this.minFill = minFill;
  }

  Duration minFill() {
    return minFill;
  }

  /** A fresh token for a form shown now. */
  String issue(WebForm form) {
    long issuedAt = clock.millis();
    return VERSION + "." + issuedAt + "." + signature(form, issuedAt);
  }

  /** Checks the token a form came back with. */
  Check verify(WebForm form, Optional<String> token) {
    if (token.isEmpty() || token.get().isBlank()) {
      return Check.MISSING;
    }
    String[] parts = token.get().strip().split("\\.", -1);
    if (parts.length != 3 || !parts[0].equals(VERSION) || parts[1].length() > 15) {
      return Check.FORGED;
    }
    long issuedAt;
    try {
      issuedAt = Long.parseLong(parts[1]);
    } catch (NumberFormatException e) {
      return Check.FORGED;
    }
    byte[] expected = signature(form, issuedAt).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, parts[2].getBytes(StandardCharsets.US_ASCII))) {
      return Check.FORGED;
    }
    Instant issued = Instant.ofEpochMilli(issuedAt);
    Instant now = clock.instant();
    if (issued.isAfter(now.plus(CLOCK_SKEW))) {
      return Check.FORGED;
    }
    if (issued.plus(maxAge).isBefore(now)) {
      return Check.EXPIRED;
    }
    if (issued.plus(minFill).isAfter(now)) {
      return Check.TOO_FAST;
    }
    return Check.VALID;
  }

  private String signature(WebForm form, long issuedAt) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] digest = mac.doFinal((form.code() + "|" + issuedAt).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
