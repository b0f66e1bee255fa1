package ca.relais.core.intake;

import java.util.regex.Pattern;

/**
 * The shape of an email address that Relais accepts and can send to: a local part of 1 to 64
 * characters of the dot-atom form (letters, digits and {@code !#$%&'*+/=?^_`{|}~-}, separated by
 * single dots: no leading, trailing or doubled dot, which strict servers refuse for good), an
 * {@code @}, and a domain of at least two labels.
 */
public final class EmailAddresses {

  private static final Pattern EMAIL =
      Pattern.compile(
          "^(?=[^@]{1,64}@)[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
              + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");

  private EmailAddresses() {}

  public static boolean isValid(String address) {
    return address.length() <= 254 && EMAIL.matcher(address).matches();
  }
}
