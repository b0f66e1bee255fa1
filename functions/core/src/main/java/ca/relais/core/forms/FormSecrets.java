package ca.relais.core.forms;

import ca.relais.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The webhook secrets, from the one environment variable {@code FORM_SECRETS}: a JSON object of
 * named lists, {@code {"typeform-bsl": ["current", "previous"]}}. Every secret of a list is
 * accepted, so that a secret can be rotated without losing deliveries: add the new one first,
 * change it at the provider, then remove the old one. A single string is read as a list of one.
 */
public final class FormSecrets {

  private final Map<String, List<byte[]>> secrets;

  private FormSecrets(Map<String, List<byte[]>> secrets) {
    this.secrets = secrets;
  }

  public static FormSecrets none() {
    return new FormSecrets(Map.of());
  }

  /**
   * Reads {@code FORM_SECRETS}; unset is no secret at all.
   *
   * @throws IllegalStateException when the value is not a JSON object of strings or string lists
   *     (the message never quotes the value)
   */
  public static FormSecrets parse(Optional<String> json) {
    if (json.isEmpty() || json.get().isBlank()) {
      return none();
    }
    Object root;
    try {
      root = Json.read(json.get());
    } catch (IOException e) {
      throw new IllegalStateException("FORM_SECRETS is not valid JSON");
    }
    if (!(root instanceof Map)) {
      throw new IllegalStateException("FORM_SECRETS must be a JSON object of secret lists");
    }
    Map<String, List<byte[]>> secrets = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : Json.members(root)) {
      Object value = entry.getValue();
      List<byte[]> list = new ArrayList<>();
      if (value instanceof String) {
        list.add(bytes(entry.getKey(), value));
      } else if (value instanceof List) {
        for (Object item : Json.items(value)) {
          list.add(bytes(entry.getKey(), item));
        }
      } else {
        throw new IllegalStateException(
            "FORM_SECRETS." + entry.getKey() + " must be a string or a list of strings");
      }
      secrets.put(entry.getKey(), List.copyOf(list));
    }
    return new FormSecrets(Map.copyOf(secrets));
  }

  private static byte[] bytes(String name, Object value) {
    if (!(value instanceof String text) || text.isEmpty()) {
      throw new IllegalStateException("FORM_SECRETS." + name + " must hold non-empty strings only");
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The accepted secrets of a name, current first; empty when the name is not configured. */
  public List<byte[]> named(String name) {
    return secrets.getOrDefault(name, List.of());
  }

  @Override
  public String toString() {
    return "FormSecrets" + secrets.keySet();
  }
}
