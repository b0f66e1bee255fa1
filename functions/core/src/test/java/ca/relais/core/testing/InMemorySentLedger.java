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
  public synchronized Set<String> sentAmong(Collection<String> submissionIds, String kind) {
    return submissionIds.stream()
        .filter(id -> sent.keySet().stream().anyMatch(k -> k.startsWith(id + "|" + kind + "#")))
        .collect(Collectors.toSet());
  }

  /** Simulates a worker that died after claiming. */
  public synchronized void claimAndCrash(String submissionId, String emailKey, Instant at) {
    pending.put(submissionId + "|" + emailKey, at);
  }
}
