package ca.relais.core.notify;

/** Port: sends one email (SES v2 in AWS, aws-ses-v2-local on a workstation). */
public interface Mailer {

  /**
   * Sends, or throws.
   *
   * @return the provider's message id
   * @throws MailerException when the email was not accepted: {@link MailerException#refused()} when
   *     the provider refused this email for good, else a failure that a later attempt may overcome
   *     (timeout, throttling, outage)
   */
  String send(EmailMessage email) throws MailerException;

  /**
   * The email was not accepted: throttled, timed out, provider down (a later attempt may work), or
   * refused for good (no retry can fix it). The message is a code (e.g. {@code ses
   * MessageRejectedException}), never the provider's text, which may quote the address.
   */
  final class MailerException extends Exception {

    private final boolean refused;

    /** A failure that a later attempt may overcome: throttled, timed out, provider down. */
    public MailerException(String reason, Throwable cause) {
      this(reason, cause, false);
    }

    private MailerException(String reason, Throwable cause, boolean refused) {
      super(reason, cause, false, false);
      this.refused = refused;
    }

    /**
     * The provider refused this very email (a recipient address it will not take, content it
     * rejects): sending it again would be refused again.
     */
    public static MailerException refusal(String reason, Throwable cause) {
      return new MailerException(reason, cause, true);
    }

    /** True when no retry can make the provider accept this email. */
    public boolean refused() {
      return refused;
    }
  }
}
