package ca.relais.aws.dynamodb;

/**
 * The single Relais table (see {@code template.yaml}, resource {@code RelaisTable}).
 *
 * <pre>
 * record type   pk                         sk            GSI ByMrcTime (gsi1pk, gsi1sk)
 * SUBMISSION    SUB#{id}                   SUBMISSION    MRC#{mrcCode}, {receivedAt}#{id}
 * GUARD         GUARD#CONTENT#{sha256}     GUARD         -
 * GUARD         GUARD#KEY#{sha256}         GUARD         -
 * </pre>
 *
 * <p>Every item has {@code recordType} and a TTL attribute {@code expiresAt} (epoch seconds). The
 * stream ({@code NEW_IMAGE}) carries every insert; dispatch keeps only {@code SUBMISSION} inserts.
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

  private TableLayout() {}

  public static String submissionPk(String id) {
    return "SUB#" + id;
  }

  public static String mrcPartition(String mrcCode) {
    return "MRC#" + mrcCode;
  }

  static String contentGuardPk(String fingerprint) {
    return "GUARD#CONTENT#" + fingerprint;
  }

  static String keyGuardPk(String keyHash) {
    return "GUARD#KEY#" + keyHash;
  }
}
