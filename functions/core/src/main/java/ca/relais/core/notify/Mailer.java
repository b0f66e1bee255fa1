package ca.relais.core.notify;

/** Port: sends one email (SES v2 in AWS, aws-ses-v2-local on a workstation). */
public interface Mailer {

  /**
   * Sends, or throws.
   *
   * @return the provider's message id
   * @throws MailerException when the email was not accepted; the alert is retried later
   */
  String send(EmailMessage email) throws MailerException;

  /** The email was not accepted: throttled, provider down, or refused. */
  final class MailerException extends Exception {
    public MailerException(String reason, Throwable cause) {
      super(reason, cause, false, false);
    }
  }
}
