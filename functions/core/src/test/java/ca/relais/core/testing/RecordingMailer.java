package ca.relais.core.testing;

import ca.relais.core.notify.EmailMessage;
import ca.relais.core.notify.Mailer;
import java.util.ArrayList;
import java.util.List;

/** A fake mailer that keeps what it sent and can be switched off (an SES outage). */
public final class RecordingMailer implements Mailer {

  public final List<EmailMessage> sent = new ArrayList<>();
  public boolean down;

  @Override
  public String send(EmailMessage email) throws MailerException {
    if (down) {
      throw new MailerException("ses down", new IllegalStateException());
    }
    sent.add(email);
    return "msg-" + sent.size();
  }
}
