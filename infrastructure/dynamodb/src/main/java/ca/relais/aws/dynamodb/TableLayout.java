package ca.relais.aws.dynamodb;

/**
 * The single Relais table (see {@code template.yaml}, resource {@code RelaisTable}).
 *
 * <pre>
 * record type   pk                         sk            GSI ByMrcTime (gsi1pk, gsi1sk)
 * SUBMISSION    SUB#{id}                   SUBMISSION    MRC#{mrcCode}, {receivedAt}#{id}
 * GUARD         GUARD#CONTENT#{sha256}     GUARD         -
 * GUARD         GUARD#KEY#{sha256}         GUARD         -
 * PERSON        PERSON#{personKey}         SUB#{id}      -
 * SENT          SENT#{submissionId}        {kind}#{personKey} or a marker
 * REGISTER      REGISTER                   {at}#{random}  -
 * KEYCHECK      KEYCHECK                   KEYCHECK      -
 * </pre>
 *
 * <p>Every item has {@code recordType} and a TTL attribute {@code expiresAt} (epoch seconds). The
 * person index ({@code PERSON#}) is keyed on the keyed HMAC of the submitter's address ({@link
 * ca.relais.core.privacy.PersonKey}), never on the address or a plain hash. The stream ({@code
 * KEYS_ONLY}) carries keys only; dispatch keeps the inserts whose sort key is {@code SUBMISSION}
 * and reads the MRC from the table. The index {@code ByMrcTime} projects only {@link
 * #INDEX_ATTRIBUTES}, the schema's technical attributes of flow {@code INDEX}. The one {@code
 * KEYCHECK} item holds {@link ca.relais.core.privacy.PersonKey#check()} of the key the functions
 * use, in {@link #CHECK}, without expiry: the person tool tells a wrong key by it.
 */
public final class TableLayout {

  public static final String PK = "pk";
  public static final String SK = "sk";
  public static final String GSI_BY_MRC_TIME = "ByMrcTime";
  public static final String GSI1_PK = "gsi1pk";
  public static final String GSI1_SK = "gsi1sk";
  public static final String RECORD_TYPE = "recordType";
  public static final String EXPIRES_AT = "expiresAt";

  public static final String SUBMISSION = "SUBMISSION";
  public static final String GUARD = "GUARD";
  public static final String PERSON = "PERSON";
  public static final String REGISTER = "REGISTER";
  public static final String KEY_CHECK = "KEYCHECK";

  /** On the {@code KEYCHECK} item: the person key's check. */
  public static final String CHECK = "check";

  /** On a submission: the partition keys of its duplicate guards (erasure removes them too). */
  public static final String GUARDS = "guards";

  /** The non-key attributes the index {@code ByMrcTime} projects (template: NonKeyAttributes). */
  public static final java.util.Set<String> INDEX_ATTRIBUTES =
      ca.relais.core.model.SubmissionSchema.attributesFlowingTo(ca.relais.core.model.Flow.INDEX);

  private TableLayout() {}

  public static String submissionPk(String id) {
    return "SUB#" + id;
  }

  public static String mrcPartition(String mrcCode) {
    return "MRC#" + mrcCode;
  }

  public static String personPk(String personKey) {
    return "PERSON#" + personKey;
  }

  /** The {@code KEYCHECK} item holding this check of the person key. */
  public static java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>
      keyCheckItem(String check) {
    return java.util.Map.of(
        PK, software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(KEY_CHECK),
        SK, software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(KEY_CHECK),
        RECORD_TYPE, software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(KEY_CHECK),
        CHECK, software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(check));
  }

  static String contentGuardPk(String fingerprint) {
    return "GUARD#CONTENT#" + fingerprint;
  }

  static String keyGuardPk(String keyHash) {
    return "GUARD#KEY#" + keyHash;
  }
}
