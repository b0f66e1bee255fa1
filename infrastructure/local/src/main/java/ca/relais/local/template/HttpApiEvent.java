package ca.relais.local.template;

/** An {@code HttpApi} event: a method (upper case, or ANY) and a path ({@code /forms/{formId}}). */
public record HttpApiEvent(String name, String method, String path) implements EventSourceDef {}
