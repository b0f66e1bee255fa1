package ca.relais.core.intake;

import ca.relais.core.i18n.Messages;
import ca.relais.core.model.Language;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A phone number as Québec writes it, read with Google's libphonenumber (numbers without a country
 * code are read as Canadian): {@code (418) 555-0142}, {@code 418.555.0142}, {@code +1 418 555
 * 0142}, {@code +33 1 42 68 53 00}, with or without an extension written {@code poste 12}, {@code
 * p. 12}, {@code ext. 12}, {@code ext 12}, {@code extension 12}, {@code x12} or {@code #12}.
 *
 * <p>Stored form: E.164, then {@code ;ext=} and the extension's digits when there is one (the
 * extension parameter of RFC 3966): {@code +14185550142;ext=12}. Shown to an agent as {@code +1
 * 418-555-0142, poste 12} (English: {@code +1 418-555-0142, ext. 12}).
 */
public final class PhoneNumber {

  /** An extension at the end: a marker (poste, p., ext., extension, x, #), then 1 to 10 digits. */
  private static final Pattern EXTENSION =
      Pattern.compile(
          "^(.*\\d.*?)[\\s,;]*(?:postes?|p|ext(?:ension)?|x|#)\\s*[.:=]?\\s*(\\d{1,10})$",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  private static final String STORED_EXTENSION = ";ext=";
  private static final String DEFAULT_REGION = "CA";

  private PhoneNumber() {}

  /**
   * The stored form of a number as a person typed it, or empty when it is not a valid number (an
   * extension marker without digits included).
   */
  public static Optional<String> normalise(String typed) {
    String number = typed.strip();
    String extension = "";
    Matcher withExtension = EXTENSION.matcher(number);
    if (withExtension.matches()) {
      number = withExtension.group(1);
      extension = withExtension.group(2);
    }
    PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
    try {
      Phonenumber.PhoneNumber parsed = phones.parse(number, DEFAULT_REGION);
      if (parsed.hasExtension() && extension.isEmpty()) {
        // an extension libphonenumber knows (";ext=12", "ext 12") that our pattern left
        extension = parsed.getExtension();
      } else if (parsed.hasExtension()) {
        return Optional.empty();
      }
      parsed.clearExtension();
      if (!phones.isValidNumber(parsed)) {
        return Optional.empty();
      }
      String e164 = phones.format(parsed, PhoneNumberFormat.E164);
      return Optional.of(extension.isEmpty() ? e164 : e164 + STORED_EXTENSION + extension);
    } catch (NumberParseException e) {
      return Optional.empty();
    }
  }

  /**
   * How an agent reads a stored number: {@code +1 418-555-0142} or {@code +1 418-555-0142, poste
   * 12} in French, {@code +1 418-555-0142, ext. 12} in English. A value that is not in the stored
   * form (an older record) is shown as it is.
   */
  public static String display(String stored, Language language) {
    int separator = stored.indexOf(STORED_EXTENSION);
    String number = separator < 0 ? stored : stored.substring(0, separator);
    String extension = separator < 0 ? "" : stored.substring(separator + STORED_EXTENSION.length());
    PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
    String shown;
    try {
      shown = phones.format(phones.parse(number, DEFAULT_REGION), PhoneNumberFormat.INTERNATIONAL);
    } catch (NumberParseException e) {
      return stored;
    }
    return extension.isEmpty()
        ? shown
        : Messages.of(language).format("phone.with_extension", shown, extension);
  }
}
