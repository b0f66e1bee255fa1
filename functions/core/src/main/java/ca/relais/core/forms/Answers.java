package ca.relais.core.forms;

import ca.relais.core.model.ReportToReview.ReceivedAnswer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A delivery's answers as a provider gives them, each question reachable by every name the provider
 * gives it (id, ref, key, label), the provider's delivery id, the answers as received (for a report
 * kept for review), and, for providers that send the form's own definition (Typeform, Tally), every
 * question the form has, answered or not.
 */
final class Answers {

  private final Map<String, List<String>> byName;
  private final Map<String, List<String>> byFoldedName = new LinkedHashMap<>();
  private final Optional<String> deliveryId;
  private final List<ReceivedAnswer> received;
  private final Optional<Set<String>> defined;

  private Answers(
      Map<String, List<String>> byName,
      Optional<String> deliveryId,
      List<ReceivedAnswer> received,
      Optional<Set<String>> defined) {
    this.byName = Map.copyOf(byName);
    byName.forEach((name, values) -> byFoldedName.putIfAbsent(ChoiceFolding.fold(name), values));
    this.deliveryId = deliveryId.map(String::strip).filter(id -> !id.isEmpty());
    this.received = List.copyOf(received);
    this.defined =
        defined.map(
            names -> {
              Set<String> folded = new LinkedHashSet<>();
              names.forEach(n -> folded.add(ChoiceFolding.fold(n)));
              return Set.copyOf(folded);
            });
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

  /** The answered questions as received, in the delivery's order, one entry per question. */
  List<ReceivedAnswer> received() {
    return received;
  }

  /**
   * Whether the form's own definition has this question (by any of its names); always true for a
   * provider that does not send its definition.
   */
  boolean defines(String question) {
    return defined.isEmpty() || defined.get().contains(ChoiceFolding.fold(question));
  }

  /** Collects names and answers in order; the first question of a name keeps it. */
  static final class Builder {
    private final Map<String, List<String>> byName = new LinkedHashMap<>();
    private final List<ReceivedAnswer> received = new ArrayList<>();
    private Set<String> defined;

    Builder put(String name, List<String> values) {
      if (name != null && !name.isEmpty()) {
        byName.putIfAbsent(name, List.copyOf(values));
      }
      return this;
    }

    /** One question as a person would read it (its title or label), with its answers. */
    Builder received(String label, List<String> values) {
      if (label != null && !label.isEmpty() && !values.isEmpty()) {
        received.add(new ReceivedAnswer(label, values));
      }
      return this;
    }

    /** A question of the form's own definition, by one of its names, answered or not. */
    Builder defines(String name) {
      if (defined == null) {
        defined = new LinkedHashSet<>();
      }
      if (name != null && !name.isEmpty()) {
        defined.add(name);
      }
      return this;
    }

    Answers build(Optional<String> deliveryId) {
      return new Answers(byName, deliveryId, received, Optional.ofNullable(defined));
    }
  }
}
