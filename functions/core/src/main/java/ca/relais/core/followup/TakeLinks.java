package ca.relais.core.followup;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signed "pris en charge" links of the alerts: one per submission and recipient, valid until a
 * time. A token is {@code {submissionId}.{recipientKey}.{expiresEpochSecond}.{mac}}, the MAC being
 * an HMAC-SHA256 (base64url, no padding) of the first three parts under the template's {@code
 * TakeLinkSecret}. The recipient key is an HMAC-SHA256 of the lowercased address under the same key
 * (hex): a link never carries an address, nor a hash that a dictionary of addresses reverses.
 */
public final class TakeLinks {

  /** The path of the acknowledgement page on the HTTP API. */
  public static final String PATH = "/pris-en-charge";

  private static final Pattern TOKEN =
      Pattern.compile(
          "([SOR]-\\d{8}-[0-9A-Z]{8})\\.([0-9a-f]{64})\\.(\\d{1,12})\\.([A-Za-z0-9_-]{43})");

  private final byte[] key;
  private final String baseUrl;
  private final Duration validFor;

  /**
   * @param secret the signing key (32+ characters)
   * @param baseUrl the public base URL of the HTTP API, without a trailing slash
   * @param validFor how long a link stays valid after the email is sent
   */
  public TakeLinks(String secret, String baseUrl, Duration validFor) {
    if (secret.length() < 32) {
      throw new IllegalArgumentException("The take-link secret needs 32 characters or more");
    }
    this.key = secret.getBytes(StandardCharsets.UTF_8);
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.validFor = validFor;
  }

  /** The recipient key of an address: a keyed HMAC-SHA256 of the lowercased address, hex. */
  public String recipientKey(String address) {
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] digest =
          hmac.doFinal(
              ("recipient:" + address.toLowerCase(java.util.Locale.ROOT))
                  .getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** The link for one address (see {@link #url(String, String, Instant)}). */
  public String urlFor(String submissionId, String address, Instant now) {
    return url(submissionId, recipientKey(address), now);
  }

  /** The token for one recipient of one submission, valid from {@code now} for the set period. */
  public String token(String submissionId, String recipientKey, Instant now) {
    String payload = submissionId + "." + recipientKey + "." + now.plus(validFor).getEpochSecond();
    return payload + "." + mac(payload);
  }

  /** The full link: {@code {baseUrl}/pris-en-charge?t={token}}. */
  public String url(String submissionId, String recipientKey, Instant now) {
    return baseUrl + PATH + "?t=" + token(submissionId, recipientKey, now);
  }

  /** What a presented token is worth at {@code now}. */
  public Verification verify(String token, Instant now) {
    Matcher m = TOKEN.matcher(token == null ? "" : token.trim());
    if (!m.matches()) {
      return new Verification.Invalid();
    }
    String payload = m.group(1) + "." + m.group(2) + "." + m.group(3);
    byte[] expected = mac(payload).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, m.group(4).getBytes(StandardCharsets.US_ASCII))) {
      return new Verification.Invalid();
    }
    Instant expires = Instant.ofEpochSecond(Long.parseLong(m.group(3)));
    if (!now.isBefore(expires)) {
      return new Verification.Expired(m.group(1));
    }
    return new Verification.Valid(m.group(1), m.group(2), expires);
  }

  private String mac(String payload) {
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(new SecretKeySpec(key, "HmacSHA256"));
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(hmac.doFinal(payload.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** The result of checking a token. */
  public sealed interface Verification {
    /** Signed by us, not expired. */
    record Valid(String submissionId, String recipientKey, Instant expiresAt)
        implements Verification {}

    /** Signed by us, but past its time. */
    record Expired(String submissionId) implements Verification {}

    /** Malformed, forged or tampered with. */
    record Invalid() implements Verification {}
  }
}
