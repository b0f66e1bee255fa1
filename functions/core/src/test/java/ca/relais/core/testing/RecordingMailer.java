package ca.relais.core.testing;

import ca.relais.core.notify.EmailMessage;
import ca.relais.core.notify.Mailer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A fake mailer that keeps what it sent, can be switched off (an SES outage, or an SES that does
 * not answer) and can refuse some addresses for good (as SES refuses an address it will not take).
 */
public final class RecordingMailer implements Mailer {

  public final List<EmailMessage> sent = new ArrayList<>();
  public boolean down;

  /** SES does not answer in time (a freeze): the email may have gone out. */
  public boolean unresponsive;

  /** Addresses refused at sending ({@code MessageRejected}). */
  public final Set<String> refusing = new HashSet<>();

  /** Every call, accepted or not. */
  public int attempts;

  @Override
  public String send(EmailMessage email) throws MailerException {
    attempts++;
    if (refusing.contains(email.to())) {
      throw MailerException.refusal("ses MessageRejectedException", new IllegalStateException());
    }
    if (unresponsive) {
      throw MailerException.unanswered("ses ApiCallTimeoutException", new IllegalStateException());
    }
    if (down) {
      throw new MailerException("ses down", new IllegalStateException());
    }
    sent.add(email);
    return "msg-" + sent.size();
  }
}
