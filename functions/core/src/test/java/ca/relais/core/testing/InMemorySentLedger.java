package ca.relais.core.testing;

import ca.relais.core.notify.SentLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** A fake ledger with the adapter's rules: claim, confirm, release, stale claims reclaimable. */
public final class InMemorySentLedger implements SentLedger {

  private final Map<String, Instant> pending = new HashMap<>();
  private final Map<String, String> sent = new HashMap<>();
  private final Map<String, String> undeliverable = new HashMap<>();
  private final Map<String, Map.Entry<String, Instant>> windows = new HashMap<>();
  private final Map<String, String> temporarilyUndelivered = new HashMap<>();

  @Override
  public String emailKey(String kind, String address) {
    return SentLedger.emailKey(kind, address, Samples.PERSON_KEY);
  }

  @Override
  public synchronized Claim claim(
      String submissionId, String emailKey, Instant now, Duration staleAfter) {
    String key = submissionId + "|" + emailKey;
    if (sent.containsKey(key)) {
      return Claim.ALREADY_SENT;
    }
    Instant claimedAt = pending.get(key);
    if (claimedAt != null && claimedAt.isAfter(now.minus(staleAfter))) {
      return Claim.IN_FLIGHT;
    }
    pending.put(key, now);
    return Claim.CLAIMED;
  }

  @Override
  public synchronized void markSent(
      String submissionId, String emailKey, String messageId, Instant now) {
    String key = submissionId + "|" + emailKey;
    pending.remove(key);
    sent.put(key, messageId);
  }

  @Override
  public synchronized void release(String submissionId, String emailKey) {
    pending.remove(submissionId + "|" + emailKey);
  }

  @Override
  public synchronized boolean holdRecipientWindow(
      String kind, String recipientKey, String submissionId, Instant now, Duration window) {
    String key = kind + "#" + recipientKey;
    Map.Entry<String, Instant> held = windows.get(key);
    if (held != null && held.getValue().isAfter(now.minus(window))) {
      return held.getKey().equals(submissionId);
    }
    windows.put(key, Map.entry(submissionId, now));
    return true;
  }

  @Override
  public synchronized void markUndeliverable(
      String submissionId, String emailKey, String reason, Instant at) {
    String key = submissionId + "|" + emailKey;
    pending.remove(key);
    sent.putIfAbsent(key, "unknown");
    undeliverable.put(key, reason);
  }

  @Override
  public synchronized void markTemporarilyUndelivered(
      String submissionId, String emailKey, String reason, Instant at) {
    temporarilyUndelivered.put(submissionId + "|" + emailKey, reason);
  }

  @Override
  public synchronized Deliveries deliveriesAmong(Collection<String> submissionIds, String kind) {
    return new Deliveries(
        withKind(sent.keySet(), submissionIds, kind),
        withKind(undeliverable.keySet(), submissionIds, kind),
        withKind(temporarilyUndelivered.keySet(), submissionIds, kind));
  }

  /** The reason recorded for a temporary failure of an email, or null. */
  public synchronized String temporaryReason(String submissionId, String emailKey) {
    return temporarilyUndelivered.get(submissionId + "|" + emailKey);
  }

  private static Set<String> withKind(Set<String> keys, Collection<String> ids, String kind) {
    return ids.stream()
        .filter(id -> keys.stream().anyMatch(k -> k.startsWith(id + "|" + kind + "#")))
        .collect(Collectors.toSet());
  }

  /** The reason recorded for an undeliverable email, or null. */
  public synchronized String undeliverableReason(String submissionId, String emailKey) {
    return undeliverable.get(submissionId + "|" + emailKey);
  }

  /** Simulates a worker that died after claiming. */
  public synchronized void claimAndCrash(String submissionId, String emailKey, Instant at) {
    pending.put(submissionId + "|" + emailKey, at);
  }
}
