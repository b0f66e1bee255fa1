package ca.relais.local.template;

/**
 * An {@code HttpApi} event: one route of the HTTP API.
 *
 * @param name the event's name
 * @param method upper case ({@code POST}), or {@code ANY} (also for {@code
 *     x-amazon-apigateway-any-method}, and when the event gives no method)
 * @param path the route's path, which may hold {@code {param}} and a final {@code {proxy+}}; {@code
 *     /{proxy+}} when the event gives none (SAM's catch-all {@code $default} route)
 */
public record HttpApiEvent(String name, String method, String path) implements EventSourceDef {}
