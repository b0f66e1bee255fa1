package ca.relais.core.privacy;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key under which Relais finds a person without storing a plain hash of their address: an
 * HMAC-SHA256 of the normalised address (NFC, trimmed, lowercased), keyed with the deployment's
 * secret (template parameter {@code PersonKeySecret}, environment {@code PERSON_KEY_SECRET}).
 * Unlike a plain SHA-256, it cannot be reversed by hashing a list of addresses without the secret.
 * The person index, the sent ledger and the {@code relais-recipient} email tag use it.
 */
public final class PersonKey {

  /** The environment variable that holds the secret. */
  public static final String ENVIRONMENT = "PERSON_KEY_SECRET";

  /** The shortest secret accepted, in characters. */
  public static final int MIN_SECRET_LENGTH = 32;

  private static final String ALGORITHM = "HmacSHA256";

  /** What {@link #check()} is an HMAC of: no address, so never a person's key. */
  private static final String CHECK_LABEL = "relais person key check v1";

  private final SecretKeySpec key;

  /**
   * One initialised {@link Mac} a thread: {@code Mac.getInstance} looks the provider up each time,
   * a cost on every request's warm path; a {@code Mac} is not thread-safe, and {@code doFinal}
   * leaves it ready for the next text under the same key.
   */
  private final ThreadLocal<Mac> macs;

  private PersonKey(SecretKeySpec key) {
    this.key = key;
    this.macs = ThreadLocal.withInitial(this::newMac);
  }

  /**
   * @throws IllegalArgumentException when the secret is shorter than {@value #MIN_SECRET_LENGTH}
   *     characters
   */
  public static PersonKey fromSecret(String secret) {
    if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
      throw new IllegalArgumentException(
          ENVIRONMENT + " must hold at least " + MIN_SECRET_LENGTH + " characters");
    }
    return new PersonKey(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
  }

  /** The key of {@code PERSON_KEY_SECRET}, which {@code template.yaml} sets. */
  public static PersonKey fromEnvironment(ca.relais.core.config.Environment environment) {
    return fromSecret(environment.require("PERSON_KEY_SECRET"));
  }

  /** The person's key for an email address: 64 lowercase hex digits. */
  public String of(String address) {
    return hmac(normalise(address));
  }

  /**
   * The key's check: an HMAC of a fixed label (no address has its form), 64 lowercase hex digits.
   * The functions store it once in the table; the person tool compares it with its own to tell a
   * wrong {@code PERSON_KEY_SECRET} from a person without records. Like every HMAC of the key, it
   * reveals nothing of the secret.
   */
  public String check() {
    return hmac(CHECK_LABEL);
  }

  private String hmac(String text) {
    return HexFormat.of().formatHex(macs.get().doFinal(text.getBytes(StandardCharsets.UTF_8)));
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /** An address as Relais compares them: NFC, trimmed, lowercased. */
  public static String normalise(String address) {
    return Normalizer.normalize(address, Normalizer.Form.NFC).strip().toLowerCase(Locale.ROOT);
  }
}
