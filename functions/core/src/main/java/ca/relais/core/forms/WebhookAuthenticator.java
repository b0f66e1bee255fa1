package ca.relais.core.forms;

import ca.relais.core.log.StructuredLogger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks that a delivery comes from the configured form tool, before anything of it is read. Every
 * comparison takes the same time whatever the bytes ({@link MessageDigest#isEqual}); secrets and
 * header values are compared through their SHA-256 so that their lengths leak nothing either.
 */
public final class WebhookAuthenticator {

  private static final StructuredLogger LOG =
      StructuredLogger.forComponent(WebhookAuthenticator.class);

  private final FormSecrets secrets;

  public WebhookAuthenticator(FormSecrets secrets) {
    this.secrets = secrets;
  }

  /** The verdict on one delivery. */
  public sealed interface Result {
    /** Authenticated, or a form without authentication. */
    record Accepted() implements Result {}

    /** The credential is absent: {@code credential} names the header or parameter. */
    record Missing(String credential) implements Result {}

    /** The credential is there and wrong (or no secret is configured for the form). */
    record Invalid(String credential) implements Result {}
  }

  /**
   * @param rawBody the exact bytes received (after API Gateway's base64 is undone)
   * @param headers a header by name, whatever its case
   * @param query a query parameter by name
   */
  public Result check(
      String formId,
      AuthConfig auth,
      byte[] rawBody,
      Function<String, Optional<String>> headers,
      Function<String, Optional<String>> query) {
    if (auth.type() == AuthConfig.Type.NONE) {
      return new Result.Accepted();
    }
    String credential = auth.credentialName();
    Optional<String> provided =
        auth.type() == AuthConfig.Type.SECRET_QUERY
            ? query.apply(credential)
            : headers.apply(credential);
    if (provided.isEmpty() || provided.get().isBlank()) {
      return new Result.Missing(credential);
    }
    String secretName = auth.secretName().orElseThrow();
    List<byte[]> accepted = secrets.named(secretName);
    if (accepted.isEmpty()) {
      LOG.error("forms.secret_not_configured", "form", formId, "secretName", secretName);
      return new Result.Invalid(credential);
    }
    boolean ok =
        switch (auth.type()) {
          case HMAC_SHA256 -> hmacMatches(auth, provided.get().strip(), rawBody, accepted);
          case SECRET_HEADER, SECRET_QUERY ->
              anyEqual(provided.get().strip().getBytes(StandardCharsets.UTF_8), accepted);
          case BASIC -> basicMatches(auth, provided.get().strip(), accepted);
          case NONE -> true;
        };
    return ok ? new Result.Accepted() : new Result.Invalid(credential);
  }

  private static boolean hmacMatches(
      AuthConfig auth, String value, byte[] body, List<byte[]> accepted) {
    if (!value.regionMatches(true, 0, auth.prefix(), 0, auth.prefix().length())) {
      return false;
    }
    byte[] signature;
    try {
      String encoded = value.substring(auth.prefix().length()).strip();
      signature =
          auth.encoding() == AuthConfig.Encoding.HEX
              ? HexFormat.of().parseHex(encoded.toLowerCase(Locale.ROOT))
              : Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException notEncoded) {
      return false;
    }
    boolean match = false;
    for (byte[] secret : accepted) {
      // every secret is tried, so that timing does not tell which one matched
      match |= MessageDigest.isEqual(hmacSha256(secret, body), signature);
    }
    return match;
  }

  private static boolean basicMatches(AuthConfig auth, String value, List<byte[]> accepted) {
    if (!value.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(value.substring(6).strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notEncoded) {
      return false;
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return false;
    }
    boolean user =
        MessageDigest.isEqual(
            sha256(decoded.substring(0, colon).getBytes(StandardCharsets.UTF_8)),
            sha256(auth.username().orElse("").getBytes(StandardCharsets.UTF_8)));
    boolean password =
        anyEqual(decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8), accepted);
    return user & password;
  }

  private static boolean anyEqual(byte[] provided, List<byte[]> accepted) {
    byte[] providedHash = sha256(provided);
    boolean match = false;
    for (byte[] secret : accepted) {
      match |= MessageDigest.isEqual(providedHash, sha256(secret));
    }
    return match;
  }

  /** HMAC-SHA256 of {@code body} with {@code secret}. */
  public static byte[] hmacSha256(byte[] secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
