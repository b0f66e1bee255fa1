package ca.relais.aws.ses;

import ca.relais.aws.AwsClientSettings;
import ca.relais.core.notify.EmailMessage;
import ca.relais.core.notify.Mailer;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.MessageTag;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/**
 * Sends through SES v2: the configured sender and reply-to, HTML and text parts in UTF-8, the
 * configuration set when one is given. The client does not retry: a throttled or failed send fails
 * the queue message, which comes back after the visibility timeout (no sleeping here).
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
    } catch (SdkException e) {
      // The exception class only: provider messages may quote the address.
      throw new MailerException("ses " + e.getClass().getSimpleName(), e);
    }
  }

  private static Content text(String data) {
    return Content.builder().data(data).charset("UTF-8").build();
  }
}
