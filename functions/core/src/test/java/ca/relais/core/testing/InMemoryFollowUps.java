package ca.relais.core.testing;

import ca.relais.core.followup.AlertRound;
import ca.relais.core.followup.FollowUp;
import ca.relais.core.followup.FollowUps;
import ca.relais.core.followup.Taken;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Follow-ups in memory, with the same conditions as the DynamoDB adapter. */
public final class InMemoryFollowUps implements FollowUps {

  /** Ids that exist (a submission was stored); others are "missing". */
  public final java.util.Set<String> existing = new java.util.HashSet<>();

  public final Map<String, FollowUp> byId = new HashMap<>();

  @Override
  public synchronized void open(String id, AlertRound first, Optional<Instant> dueAt) {
    existing.add(id);
    FollowUp current = byId.get(id);
    if (current != null && (!current.rounds().isEmpty() || current.taken().isPresent())) {
      return;
    }
    byId.put(id, new FollowUp(id, List.of(first), Optional.empty(), dueAt));
  }

  @Override
  public synchronized Optional<FollowUp> find(String id) {
    if (!existing.contains(id)) {
      return Optional.empty();
    }
    return Optional.of(
        byId.getOrDefault(id, new FollowUp(id, List.of(), Optional.empty(), Optional.empty())));
  }

  @Override
  public synchronized Optional<Taking> take(String id, Taken taken) {
    Optional<FollowUp> current = find(id);
    if (current.isEmpty()) {
      return Optional.empty();
    }
    if (current.get().taken().isPresent()) {
      return Optional.of(new Taking(current.get().taken().get(), false));
    }
    byId.put(id, new FollowUp(id, current.get().rounds(), Optional.of(taken), Optional.empty()));
    return Optional.of(new Taking(taken, true));
  }

  @Override
  public synchronized List<String> due(Instant now, int limit) {
    return byId.values().stream()
        .filter(f -> f.dueAt().isPresent() && !f.dueAt().get().isAfter(now))
        .sorted(Comparator.comparing(f -> f.dueAt().get()))
        .map(FollowUp::submissionId)
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized boolean escalate(
      String id, AlertRound.Level after, AlertRound round, Optional<Instant> nextDue) {
    FollowUp current = byId.get(id);
    if (current == null
        || current.taken().isPresent()
        || current.lastRound().map(AlertRound::level).orElse(null) != after) {
      return false;
    }
    List<AlertRound> rounds = new ArrayList<>(current.rounds());
    rounds.add(round);
    byId.put(id, new FollowUp(id, rounds, Optional.empty(), nextDue));
    return true;
  }

  @Override
  public synchronized void close(String id) {
    FollowUp current = byId.get(id);
    if (current != null) {
      byId.put(id, new FollowUp(id, current.rounds(), current.taken(), Optional.empty()));
    }
  }

  @Override
  public synchronized Map<String, Taken> takenAmong(Collection<String> ids) {
    Map<String, Taken> taken = new HashMap<>();
    for (String id : ids) {
      FollowUp f = byId.get(id);
      if (f != null && f.taken().isPresent()) {
        taken.put(id, f.taken().get());
      }
    }
    return taken;
  }
}
