package ca.relais.core.intake;

import java.util.regex.Pattern;

/** The shape of an email address that Relais accepts and can send to. */
public final class EmailAddresses {

  private static final Pattern EMAIL =
      Pattern.compile(
          "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
              + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");

  private EmailAddresses() {}

  public static boolean isValid(String address) {
    return address.length() <= 254 && EMAIL.matcher(address).matches();
  }
}
