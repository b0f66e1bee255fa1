package ca.relais.aws.ses;

import ca.relais.aws.AwsClientSettings;
import ca.relais.core.notify.EmailMessage;
import ca.relais.core.notify.Mailer;
import java.io.IOException;
import java.util.Optional;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.MessageTag;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/**
 * Sends through SES v2: the configured sender and reply-to, HTML and text parts in UTF-8, the
 * configuration set when one is given.
 *
 * <p>One HTTP attempt per send: the client does not retry (a timed-out attempt may have been
 * accepted, and a second one would send the email twice); a throttled, timed-out or failed send
 * fails the queue message, which comes back after the visibility timeout (no sleeping here). SES's
 * {@code MessageRejected} and {@code BadRequest} answers are refusals of this very email (an
 * address it will not take, content it rejects): {@link MailerException#refused()}, never retried.
 * Account-wide answers (sending paused, account suspended, quota, identity not verified) are
 * failures a later attempt may overcome once an operator acts. No answer in time (a timeout, a
 * connection dropped) is {@link MailerException#unanswered()}: SES may have accepted the email.
 */
public final class SesMailer implements Mailer {

  private final SesV2Client ses;
  private final String sender;
  private final Optional<String> replyTo;
  private final Optional<String> configurationSet;

  public SesMailer(
      SesV2Client ses, String sender, Optional<String> replyTo, Optional<String> configurationSet) {
    this.ses = ses;
    this.sender = sender;
    this.replyTo = replyTo;
    this.configurationSet = configurationSet;
  }

  public static SesV2Client client(AwsClientSettings settings) {
    return settings.buildWithoutRetries(SesV2Client.builder(), "SESV2");
  }

  @Override
  public String send(EmailMessage email) throws MailerException {
    SendEmailRequest.Builder request =
        SendEmailRequest.builder()
            .fromEmailAddress(sender)
            .destination(d -> d.toAddresses(email.to()))
            .content(
                c ->
                    c.simple(
                        m ->
                            m.subject(text(email.subject()))
                                .body(b -> b.html(text(email.html())).text(text(email.text())))));
    replyTo.ifPresent(request::replyToAddresses);
    configurationSet.ifPresent(request::configurationSetName);
    if (!email.tags().isEmpty()) {
      // returned with bounce events, to find the ledger entry (no personal information)
      request.emailTags(
          email.tags().entrySet().stream()
              .map(tag -> MessageTag.builder().name(tag.getKey()).value(tag.getValue()).build())
              .toList());
    }
    try {
      return ses.sendEmail(request.build()).messageId();
    } catch (MessageRejectedException | BadRequestException e) {
      // this email, as it is, will never be accepted (e.g. a recipient address SES refuses)
      throw MailerException.refusal("ses " + e.getClass().getSimpleName(), e);
    } catch (SdkException e) {
      // The exception class only: provider messages may quote the address.
      String reason = "ses " + e.getClass().getSimpleName();
      throw unanswered(e) ? MailerException.unanswered(reason, e) : new MailerException(reason, e);
    }
  }

  /**
   * No answer: a call or attempt timeout, or a network failure (read timeout, connection dropped,
   * reset or refused). Unless the connection was refused, SES may have accepted the email.
   */
  static boolean unanswered(SdkException e) {
    if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
      return true;
    }
    if (!(e instanceof SdkClientException)) {
      return false; // SES answered (throttled, refused, failed)
    }
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  private static Content text(String data) {
    return Content.builder().data(data).charset("UTF-8").build();
  }
}
