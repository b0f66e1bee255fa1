package ca.relais.core.intake;

/** A request body that cannot be read as a form: the reason says which HTTP answer it gets. */
public final class BodyRejectedException extends Exception {

  /** Why the body was refused. */
  public enum Reason {
    /** 415: a content type other than JSON, urlencoded or multipart. */
    UNSUPPORTED_MEDIA_TYPE,
    /** 413: larger than the documented limit. */
    TOO_LARGE,
    /** 400: the body does not parse in its declared encoding. */
    MALFORMED,
    /** 400: JSON that is not an object, or a field whose value is an object. */
    NOT_A_FORM
  }

  private final Reason reason;
  private final String field;

  public BodyRejectedException(Reason reason) {
    this(reason, "body");
  }

  public BodyRejectedException(Reason reason, String field) {
    super(reason.name(), null, false, false);
    this.reason = reason;
    this.field = field;
  }

  public Reason reason() {
    return reason;
  }

  /** The field to name in the error: {@code body}, or the JSON field with a nested value. */
  public String field() {
    return field;
  }
}
