package ca.relais.core.intake;

import ca.relais.core.model.Observation;
import ca.relais.core.model.ReportToReview;
import ca.relais.core.model.Role;
import ca.relais.core.model.SignUp;
import ca.relais.core.model.SubmissionContent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A SHA-256 of a submission's normalised content: the same person posting the same thing twice (a
 * double click, a retry, the same form re-sent) gets the same fingerprint, whatever the encoding,
 * field order, letter case, accents or spacing (the email address by letter case only). Only the
 * hash is stored, never the content.
 */
public final class ContentFingerprint {

  private ContentFingerprint() {}

  public static String of(SubmissionContent content) {
    String address;
    List<String> parts;
    if (content instanceof SignUp s) {
      address = s.email();
      parts =
          List.of(
              "signup",
              s.firstName(),
              s.lastName(),
              s.phone().orElse(""),
              s.territory().mrcCode(),
              s.territory().municipalityCode().orElse(""),
              s.roles().stream().map(Role::code).sorted().collect(Collectors.joining(",")),
              s.availability().orElse(""),
              s.message().orElse(""));
    } else if (content instanceof ReportToReview r) {
      List<String> review = new ArrayList<>();
      address = "";
      review.add("review");
      review.add(r.formId());
      review.add(r.reason().name());
      review.add(r.territory().mrcCode());
      r.answers().forEach(a -> review.add(a.question() + "=" + String.join("\u001e", a.values())));
      parts = review;
    } else {
      Observation o = (Observation) content;
      address = o.reporterEmail();
      parts =
          List.of(
              "observation",
              o.territory().mrcCode(),
              o.territory().municipalityCode().orElse(""),
              o.category().code(),
              o.description(),
              Boolean.toString(o.distress()),
              o.observedOn().map(Object::toString).orElse(""),
              o.place().orElse(""),
              o.reporterName().orElse(""));
    }
    // the address is folded by letter case only: Jean.Tremblay@X.ca and jean.tremblay@x.ca are
    // one person, jean.tremblay@x.ca and jeantremblay@x.ca are two
    StringBuilder canonical = new StringBuilder(address.toLowerCase(Locale.ROOT)).append('\u001f');
    for (String part : parts) {
      canonical.append(normalise(part)).append('\u001f');
    }
    return sha256(canonical.toString());
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
