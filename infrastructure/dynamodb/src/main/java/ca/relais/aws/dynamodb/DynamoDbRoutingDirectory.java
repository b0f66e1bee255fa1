package ca.relais.aws.dynamodb;

import ca.relais.core.model.Language;
import ca.relais.core.routing.AgentRole;
import ca.relais.core.routing.RelayAgent;
import ca.relais.core.routing.RoutingDirectory;
import ca.relais.core.routing.Scope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The routing directory in the Relais table: one partition {@code ROUTING}, one item per agent and
 * scope ({@code sk = {scope}#{email}}). Read with a Query, cached for a minute per container.
 */
public final class DynamoDbRoutingDirectory implements RoutingDirectory {

  static final String PARTITION = "ROUTING";
  static final String RECORD_TYPE = "ROUTE";

  private final DynamoDbClient dynamoDb;
  private final String tableName;
  private final Clock clock;
  private final Duration cacheFor;
  private List<RelayAgent> cached = List.of();
  private Instant cachedAt = Instant.MIN;

  public DynamoDbRoutingDirectory(
      DynamoDbClient dynamoDb, String tableName, Clock clock, Duration cacheFor) {
    this.dynamoDb = dynamoDb;
    this.tableName = tableName;
    this.clock = clock;
    this.cacheFor = cacheFor;
  }

  @Override
  public List<RelayAgent> agentsOf(Scope scope) {
    return all().stream().filter(a -> a.scope().equals(scope)).toList();
  }

  @Override
  public synchronized List<RelayAgent> all() {
    Instant now = clock.instant();
    if (cachedAt.plus(cacheFor).isAfter(now)) {
      return cached;
    }
    List<RelayAgent> agents = new ArrayList<>();
    for (Map<String, AttributeValue> item : items()) {
      Scope.parse(item.get("scope").s())
          .ifPresent(
              scope ->
                  agents.add(
                      new RelayAgent(
                          scope,
                          item.get("email").s(),
                          item.get("name").s(),
                          Language.parse(item.get("language").s()).orElse(Language.FR),
                          AgentRole.fromCode(item.get("role").s()).orElse(AgentRole.BACKUP))));
    }
    cached = List.copyOf(agents);
    cachedAt = now;
    return cached;
  }

  /** Writes every agent, then deletes the agents no longer listed. */
  @Override
  public synchronized void replaceAll(List<RelayAgent> agents) {
    Set<String> keep = new HashSet<>();
    List<WriteRequest> writes = new ArrayList<>();
    for (RelayAgent agent : agents) {
      String sk = agent.scope() + "#" + agent.email().toLowerCase(Locale.ROOT);
      keep.add(sk);
      Map<String, AttributeValue> item = new HashMap<>();
      item.put(TableLayout.PK, AttributeValue.fromS(PARTITION));
      item.put(TableLayout.SK, AttributeValue.fromS(sk));
      item.put(TableLayout.RECORD_TYPE, AttributeValue.fromS(RECORD_TYPE));
      item.put("scope", AttributeValue.fromS(agent.scope().toString()));
      item.put("email", AttributeValue.fromS(agent.email()));
      item.put("name", AttributeValue.fromS(agent.name()));
      item.put("language", AttributeValue.fromS(agent.language().code()));
      item.put("role", AttributeValue.fromS(agent.role().code()));
      writes.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
    }
    for (Map<String, AttributeValue> existing : items()) {
      if (!keep.contains(existing.get(TableLayout.SK).s())) {
        writes.add(
            WriteRequest.builder()
                .deleteRequest(
                    d ->
                        d.key(
                            Map.of(
                                TableLayout.PK,
                                existing.get(TableLayout.PK),
                                TableLayout.SK,
                                existing.get(TableLayout.SK))))
                .build());
      }
    }
    for (int i = 0; i < writes.size(); i += 25) {
      Map<String, List<WriteRequest>> batch =
          Map.of(tableName, writes.subList(i, Math.min(i + 25, writes.size())));
      Map<String, List<WriteRequest>> unprocessed =
          dynamoDb.batchWriteItem(r -> r.requestItems(batch)).unprocessedItems();
      while (unprocessed != null && !unprocessed.isEmpty()) {
        Map<String, List<WriteRequest>> retry = unprocessed;
        unprocessed = dynamoDb.batchWriteItem(r -> r.requestItems(retry)).unprocessedItems();
      }
    }
    cachedAt = Instant.MIN;
  }

  private List<Map<String, AttributeValue>> items() {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    dynamoDb
        .queryPaginator(
            r ->
                r.tableName(tableName)
                    .consistentRead(true)
                    .keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(Map.of("#pk", TableLayout.PK))
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(PARTITION))))
        .items()
        .forEach(items::add);
    return items;
  }
}
