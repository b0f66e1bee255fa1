package ca.relais.core.intake;

import java.util.List;

/** The result of validating a form: a value, or every field error found. */
public sealed interface Validation<T> {

  record Valid<T>(T value) implements Validation<T> {}

  record Invalid<T>(List<FieldError> errors) implements Validation<T> {
    public Invalid {
      errors = List.copyOf(errors);
    }
  }
}
