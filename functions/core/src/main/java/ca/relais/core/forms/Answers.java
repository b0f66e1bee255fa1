package ca.relais.core.forms;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A delivery's answers as a provider gives them, each question reachable by every name the provider
 * gives it (id, ref, key, label), and the provider's delivery id.
 */
final class Answers {

  private final Map<String, List<String>> byName;
  private final Map<String, List<String>> byFoldedName = new LinkedHashMap<>();
  private final Optional<String> deliveryId;

  Answers(Map<String, List<String>> byName, Optional<String> deliveryId) {
    this.byName = Map.copyOf(byName);
    byName.forEach((name, values) -> byFoldedName.putIfAbsent(ChoiceFolding.fold(name), values));
    this.deliveryId = deliveryId.map(String::strip).filter(id -> !id.isEmpty());
  }

  /**
   * The raw answers of a question: by its exact name first, then whatever the case, accents or
   * spacing of a label; empty when the question was not answered.
   */
  List<String> values(String question) {
    List<String> exact = byName.get(question);
    if (exact != null) {
      return exact;
    }
    return byFoldedName.getOrDefault(ChoiceFolding.fold(question), List.of());
  }

  Optional<String> deliveryId() {
    return deliveryId;
  }

  /** Collects names and answers in order; the first question of a name keeps it. */
  static final class Builder {
    private final Map<String, List<String>> byName = new LinkedHashMap<>();

    Builder put(String name, List<String> values) {
      if (name != null && !name.isEmpty()) {
        byName.putIfAbsent(name, List.copyOf(values));
      }
      return this;
    }

    Answers build(Optional<String> deliveryId) {
      return new Answers(byName, deliveryId);
    }
  }
}
