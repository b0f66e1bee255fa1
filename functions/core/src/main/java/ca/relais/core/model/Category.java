package ca.relais.core.model;

import java.util.Optional;

/** What a vigie observation reports: a concern, a need, or a bon coup. */
public enum Category {
  CONCERN("concern"),
  NEED("need"),
  GOOD_NEWS("good_news");

  private final String code;

  Category(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static Optional<Category> fromCode(String value) {
    for (Category category : values()) {
      if (category.code.equalsIgnoreCase(value.trim())) {
        return Optional.of(category);
      }
    }
    return Optional.empty();
  }
}
