package ca.relais.core.forms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where one Relais field comes from in a provider's payload.
 *
 * @param field the Relais field ({@code description}, {@code category}...)
 * @param questions the provider's questions that may answer it, by id, ref, key or label as the
 *     provider gives them; the first one answered wins
 * @param values the value map, from choice label to Relais value ({@code "Bon coup" → good_news}),
 *     its keys folded (case, accents and spacing do not matter); a value not in the map passes
 *     through unchanged, and validation names it when it is not a valid choice
 * @param split a separator that splits a single answer into several values (KoBoToolbox's {@code
 *     select_multiple} answers are space-separated)
 */
public record FieldMapping(
    String field, List<String> questions, Map<String, String> values, Optional<String> split) {

  public FieldMapping {
    questions = List.copyOf(questions);
    Map<String, String> folded = new LinkedHashMap<>();
    values.forEach((label, value) -> folded.put(ChoiceFolding.fold(label), value));
    values = Map.copyOf(folded);
  }

  /** The question a 422 names: the first one configured. */
  public String question() {
    return questions.get(0);
  }

  /** The Relais values of one question's raw answers: split, trimmed, blanks dropped, mapped. */
  List<String> apply(List<String> raw) {
    List<String> out = new ArrayList<>();
    for (String answer : raw) {
      List<String> parts =
          split.isPresent()
              ? List.of(answer.split(java.util.regex.Pattern.quote(split.get())))
              : List.of(answer);
      for (String part : parts) {
        String value = part.strip();
        if (value.isEmpty()) {
          continue;
        }
        out.add(values.getOrDefault(ChoiceFolding.fold(value), value));
      }
    }
    return out;
  }
}
