package ca.relais.core.privacy;

import ca.relais.core.intake.ContentFingerprint;
import ca.relais.core.model.Language;
import ca.relais.core.model.SubmissionSchema;
import ca.relais.core.model.SubmissionType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/**
 * The privacy notice shown on every form and in the confirmation email, in French and English
 * ({@code privacy/notice.fr.txt}, {@code privacy/notice.en.txt}) with the deployment's {@link
 * NoticeParameters} and the schema's retention filled in. Its version is derived from the SHA-256
 * of both texts: changing a word, a parameter or a retention changes the version that new consents
 * record.
 */
public final class PrivacyNotice {

  private final Map<Language, String> texts;
  private final String hash;

  private PrivacyNotice(Map<Language, String> texts) {
    this.texts = Map.copyOf(texts);
    this.hash = ContentFingerprint.sha256(texts.get(Language.FR) + "\n\n" + texts.get(Language.EN));
  }

  /** The notice from the packaged templates and these parameters. */
  public static PrivacyNotice of(NoticeParameters parameters) {
    Map<Language, String> texts = new EnumMap<>(Language.class);
    for (Language language : Language.values()) {
      texts.put(language, fill(template(language), parameters));
    }
    return new PrivacyNotice(texts);
  }

  /** A notice of given texts (a test changes one word and sees a new version). */
  public static PrivacyNotice ofTexts(String french, String english) {
    return new PrivacyNotice(Map.of(Language.FR, french, Language.EN, english));
  }

  /** The full text in one language: plain text, paragraphs separated by blank lines. */
  public String text(Language language) {
    return texts.get(language);
  }

  /** SHA-256 (hex) of the French and English texts. */
  public String hash() {
    return hash;
  }

  /** {@code notice-} and the first 12 hex digits of the hash. */
  public String version() {
    return "notice-" + hash.substring(0, 12);
  }

  private static String fill(String template, NoticeParameters parameters) {
    return template
        .replace("{responsibleBody}", parameters.responsibleBody())
        .replace("{privacyOfficer}", parameters.privacyOfficer())
        .replace("{contactEmail}", parameters.contactEmail())
        .replace(
            "{signUpYears}",
            Long.toString(SubmissionSchema.retentionOf(SubmissionType.SIGNUP).toDays() / 365))
        .replace(
            "{observationYears}",
            Long.toString(SubmissionSchema.retentionOf(SubmissionType.OBSERVATION).toDays() / 365));
  }

  private static String template(Language language) {
    String path = "/privacy/notice." + language.code() + ".txt";
    try (InputStream in = PrivacyNotice.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
