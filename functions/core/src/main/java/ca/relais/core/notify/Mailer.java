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
   * The email was not accepted: throttled, provider down (a later attempt may work), unanswered (no
   * answer in time: the provider may have accepted it all the same), or refused for good (no retry
   * can fix it). The message is a code (e.g. {@code ses MessageRejectedException}), never the
   * provider's text, which may quote the address.
   */
  final class MailerException extends Exception {

    private final boolean refused;
    private final boolean unanswered;

    /** A failure that a later attempt may overcome: throttled, provider down. */
    public MailerException(String reason, Throwable cause) {
      this(reason, cause, false, false);
    }

    private MailerException(String reason, Throwable cause, boolean refused, boolean unanswered) {
      super(reason, cause, false, false);
      this.refused = refused;
      this.unanswered = unanswered;
    }

    /**
     * The provider refused this very email (a recipient address it will not take, content it
     * rejects): sending it again would be refused again.
     */
    public static MailerException refusal(String reason, Throwable cause) {
      return new MailerException(reason, cause, true, false);
    }

    /**
     * No answer (a timeout, a connection dropped or refused): the provider is slow or unreachable
     * and, unless the request never left, may have accepted the email without saying so. A retry
     * may send it twice; another send now would most likely fail the same way.
     */
    public static MailerException unanswered(String reason, Throwable cause) {
      return new MailerException(reason, cause, false, true);
    }

    /** True when no retry can make the provider accept this email. */
    public boolean refused() {
      return refused;
    }

    /** True when the provider did not answer in time: the email may have gone out. */
    public boolean unanswered() {
      return unanswered;
    }
  }
}
