package ca.relais.core.privacy;

import java.time.Instant;
import java.util.List;

/**
 * Port: the register of every use of the person tool (who, when, what, how many records), kept for
 * {@link ca.relais.core.model.SubmissionSchema#REGISTER_RETENTION}. It names the person by their
 * {@link PersonKey} (never the address) or the submission id asked for.
 */
public interface PrivacyRegister {

  void record(Entry entry);

  /** The entries written in {@code [from, to)}, oldest first. */
  List<Entry> between(Instant from, Instant to);

  /**
   * @param subject {@code person:{key}} or {@code submission:{id}}
   * @param records how many submissions the action found or changed
   */
  record Entry(Instant at, String operator, String action, String subject, int records) {}
}
