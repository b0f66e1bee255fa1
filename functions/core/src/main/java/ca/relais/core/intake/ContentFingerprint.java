package ca.relais.core.intake;

import ca.relais.core.model.FieldSpec;
import ca.relais.core.model.Observation;
import ca.relais.core.model.ReportToReview;
import ca.relais.core.model.Role;
import ca.relais.core.model.SignUp;
import ca.relais.core.model.SubmissionContent;
import ca.relais.core.model.SubmissionSchema;
import ca.relais.core.model.SubmissionType;
import ca.relais.core.model.Territory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A SHA-256 of a submission's normalised content: the same person posting the same thing twice (a
 * double click, a retry, the same form re-sent) gets the same fingerprint, whatever the encoding,
 * field order, letter case, accents or spacing (the email address by letter case only). Only the
 * hash is stored, never the content.
 */
public final class ContentFingerprint {

  private ContentFingerprint() {}

  /**
   * The fingerprint of what a submission says: its address (letter case folded), then every other
   * attribute {@link SubmissionSchema#duplicateCheckOf} declares for its record type, in the
   * schema's order, normalised; an absent optional attribute counts as empty text.
   *
   * @return 64 lowercase hex digits
   */
  public static String of(SubmissionContent content) {
    SubmissionType type = content.type();
    Optional<String> addressAttribute = SubmissionSchema.duplicateCheckAddress(type);
    // the address is folded by letter case only: Jean.Tremblay@X.ca and jean.tremblay@x.ca are
    // one person, jean.tremblay@x.ca and jeantremblay@x.ca are two
    String address = addressAttribute.map(a -> String.join("", valueOf(a, content))).orElse("");
    StringBuilder canonical = new StringBuilder(address.toLowerCase(Locale.ROOT)).append('\u001f');
    for (FieldSpec field : SubmissionSchema.duplicateCheckOf(type)) {
      if (addressAttribute.filter(field.name()::equals).isPresent()) {
        continue;
      }
      for (String part : valueOf(field.name(), content)) {
        canonical.append(normalise(part)).append('\u001f');
      }
    }
    return sha256(canonical.toString());
  }

  /**
   * A compared attribute as text: one part, or one per answer of a report kept for review.
   *
   * @throws IllegalStateException for an attribute the schema compares that this reader does not
   *     know (a new declaration must say how it is compared)
   */
  private static List<String> valueOf(String attribute, SubmissionContent content) {
    Territory territory = content.territory();
    String single =
        switch (attribute) {
          case "submissionType" -> content.type().name();
          case "mrcCode" -> territory.mrcCode();
          case "municipalityCode" -> territory.municipalityCode().orElse("");
          default -> null;
        };
    if (single != null) {
      return List.of(single);
    }
    if (content instanceof SignUp s) {
      single =
          switch (attribute) {
            case "email" -> s.email();
            case "firstName" -> s.firstName();
            case "lastName" -> s.lastName();
            case "phone" -> s.phone().orElse("");
            case "roles" ->
                s.roles().stream().map(Role::code).sorted().collect(Collectors.joining(","));
            case "availability" -> s.availability().orElse("");
            case "message" -> s.message().orElse("");
            default -> null;
          };
    } else if (content instanceof Observation o) {
      single =
          switch (attribute) {
            case "reporterEmail" -> o.reporterEmail();
            case "category" -> o.category().code();
            case "description" -> o.description();
            case "distress" -> Boolean.toString(o.distress());
            case "observedOn" -> o.observedOn().map(Object::toString).orElse("");
            case "place" -> o.place().orElse("");
            case "reporterName" -> o.reporterName().orElse("");
            default -> null;
          };
    } else if (content instanceof ReportToReview r) {
      if (attribute.equals("answers")) {
        return r.answers().stream()
            .map(a -> a.question() + "=" + String.join("\u001e", a.values()))
            .toList();
      }
      single =
          switch (attribute) {
            case "formId" -> r.formId();
            case "reviewReason" -> r.reason().name();
            default -> null;
          };
    }
    if (single == null) {
      throw new IllegalStateException(
          "The duplicate check of " + content.type() + " compares " + attribute + ": not read");
    }
    return List.of(single);
  }

  /** A SHA-256 hex digest of a text, e.g. of a client's idempotency key. */
  public static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static String normalise(String text) {
    String folded =
        Normalizer.normalize(text, Normalizer.Form.NFD)
            .replaceAll("\\p{M}+", "")
            .toLowerCase(Locale.ROOT);
    return folded.replaceAll("[\\s\\p{Punct}’«»“”–—]+", " ").strip();
  }
}
