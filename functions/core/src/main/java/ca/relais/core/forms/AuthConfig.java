package ca.relais.core.forms;

import java.util.Locale;
import java.util.Optional;

/**
 * How a form's deliveries prove where they come from.
 *
 * @param type the scheme
 * @param header the header carrying the signature or the secret ({@code hmac-sha256}, {@code
 *     secret-header})
 * @param encoding how an HMAC signature is written: base64 or hex
 * @param prefix what comes before the signature in the header ({@code sha256=} for Typeform)
 * @param secretName the name of the secret list in {@code FORM_SECRETS}
 * @param username the user name of {@code basic}
 * @param parameter the query parameter carrying the secret ({@code secret-query})
 */
public record AuthConfig(
    Type type,
    Optional<String> header,
    Encoding encoding,
    String prefix,
    Optional<String> secretName,
    Optional<String> username,
    Optional<String> parameter) {

  /** The schemes a form may use. */
  public enum Type {
    /** HMAC-SHA256 of the raw body in a header: Typeform, Tally, the Google Apps Script. */
    HMAC_SHA256("hmac-sha256"),
    /** A header equal to a secret: Power Automate, any server that can set headers. */
    SECRET_HEADER("secret-header"),
    /** HTTP Basic authentication: KoBoToolbox REST services. */
    BASIC("basic"),
    /** A query parameter of the webhook URL equal to a secret: tools that cannot set headers. */
    SECRET_QUERY("secret-query"),
    /** No proof at all: discouraged, for a plain HTML form on a partner's site. */
    NONE("none");

    private final String code;

    Type(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }

    static Optional<Type> fromCode(String code) {
      for (Type type : values()) {
        if (type.code.equals(code)) {
          return Optional.of(type);
        }
      }
      return Optional.empty();
    }
  }

  /** How an HMAC signature is written in its header. */
  public enum Encoding {
    BASE64,
    HEX;

    static Optional<Encoding> fromCode(String code) {
      return switch (code.toLowerCase(Locale.ROOT)) {
        case "base64" -> Optional.of(BASE64);
        case "hex" -> Optional.of(HEX);
        default -> Optional.empty();
      };
    }
  }

  public static AuthConfig none() {
    return new AuthConfig(
        Type.NONE,
        Optional.empty(),
        Encoding.BASE64,
        "",
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** What a 401 names: the header, {@code Authorization}, or the query parameter. */
  public String credentialName() {
    return switch (type) {
      case HMAC_SHA256, SECRET_HEADER -> header.orElse("");
      case BASIC -> "Authorization";
      case SECRET_QUERY -> parameter.orElse("");
      case NONE -> "";
    };
  }
}
