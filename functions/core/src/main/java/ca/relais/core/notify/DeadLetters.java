package ca.relais.core.notify;

/**
 * Port: where an alert-queue message that can never succeed is set aside at once (in AWS the alert
 * queue's dead-letter queue, whose alarm fires), so that the messages behind it in its MRC's group
 * go on within seconds instead of waiting for the queue's last receive.
 */
public interface DeadLetters {

  /** Why a message can never succeed: a code, kept with the message for the operator. */
  enum Reason {
    /** The body is not an alert request (no readable submission id). */
    UNREADABLE,
    /** The submission it names no longer exists (erased, expired, never stored). */
    SUBMISSION_GONE,
    /**
     * Handling it fails the same way at every receive, not for want of a service: e.g. a stored
     * submission that cannot be read.
     */
    UNPROCESSABLE
  }

  /**
   * Sets one message aside.
   *
   * @param messageId the queue's id of the message (the set-aside copy's deduplication id, so a
   *     second attempt stores nothing twice)
   * @param group the message's group (the MRC code); empty when it had none
   * @param body the message as received, kept for the operator, never logged
   * @param reason why it can never succeed
   * @throws RuntimeException when it could not be set aside: the message must stay on its queue
   */
  void setAside(String messageId, String group, String body, Reason reason);
}
