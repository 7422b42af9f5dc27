package org.latchkey.secret;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.oidc.NewClient;
import org.latchkey.oidc.OidcClients;
import org.latchkey.oidc.RegisteredApplication;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.secret.internal.KeyRing;
import org.latchkey.secret.internal.MasterKey;
import org.latchkey.secret.internal.SecretSettings;
import org.latchkey.system.SettingsCache;
import org.latchkey.testing.Browser;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.MailScenarios;
import org.latchkey.testing.People;
import org.latchkey.testing.StorageInvariants;
import org.latchkey.testing.TokenClient;
import org.latchkey.testing.Totp;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Rotating the master key: while nodes hold the new key and the old one, each opens and matches what the
 * other sealed and hashed; the rotation re-encrypts every sealed value in the database (an app's key, the
 * outbox's message bodies) under the new key, leaves the plaintexts as they were, and finds nothing to do the
 * second time; a server holding only the new key then reads everything, and one holding only the old key
 * nothing. The application under test rotates back afterwards. It gets a context of its own, as the rotation
 * rewrites every row of its database; it also holds a previous key, under which an application's
 * tokens were hashed before the key changed, and which still finds them.
 */
@LatchkeyTest
@StorageInvariants
@TestPropertySource(properties = "latchkey.secret.previous-master-keys=" + MasterKeyRotationTests.PREVIOUS_KEY)
class MasterKeyRotationTests extends MailScenarios {

	/** The key the application under test had before its current one (a test key, 32 bytes in Base64). */
	static final String PREVIOUS_KEY = "cHJldmlvdXMtbWFzdGVyLWtleS1vZi10aGUtdGVzdHM=";

	@Test
	void nodesHoldingTheOldAndTheNewKeyReadWhatEitherKeySealedAndHashed() {
		MasterKey old = key();
		MasterKey next = key();
		SecretCipher oldNode = new SecretCipher(new KeyRing(old, List.of()));
		SecretCipher rotatingNode = new SecretCipher(new KeyRing(next, List.of(old)));
		SecretCipher newNode = new SecretCipher(new KeyRing(next, List.of()));
		TokenHasher oldHasher = new TokenHasher(new KeyRing(old, List.of()));
		TokenHasher rotatingHasher = new TokenHasher(new KeyRing(next, List.of(old)));

		String sealedByOld = oldNode.seal("JBSWY3DPEHPK3PXP");
		String sealedByNew = rotatingNode.seal("JBSWY3DPEHPK3PXP");
		String sealedBeforeKeyIds = sealedByOld.substring(sealedByOld.indexOf(':') + 1);

		assertThat(sealedByOld).startsWith("k" + old.id() + ":");
		assertThat(sealedByNew).startsWith("k" + next.id() + ":").doesNotContain("JBSWY3DPEHPK3PXP");
		assertThat(rotatingNode.open(sealedByOld)).isEqualTo("JBSWY3DPEHPK3PXP");
		assertThat(rotatingNode.open(sealedBeforeKeyIds)).isEqualTo("JBSWY3DPEHPK3PXP");
		assertThat(newNode.open(sealedByNew)).isEqualTo("JBSWY3DPEHPK3PXP");
		assertThatIllegalStateException().isThrownBy(() -> newNode.open(sealedByOld));
		assertThatIllegalStateException().isThrownBy(() -> oldNode.open(sealedByNew));
		assertThat(rotatingHasher.matches("a link token", oldHasher.hash("a link token"))).isTrue();
		assertThat(rotatingHasher.hashes("a link token")).contains(oldHasher.hash("a link token")).hasSize(2);
		assertThat(rotatingHasher.hash("a link token")).isNotEqualTo(oldHasher.hash("a link token"));
		assertThat(rotatingHasher.matches("another token", oldHasher.hash("a link token"))).isFalse();
	}

	static MasterKey key() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return key(Base64.getEncoder().encodeToString(key));
	}

	static MasterKey key(String base64) {
		return MasterKey.previous(new SecretSettings(null, List.of(base64), Path.of("unused"))).get(0);
	}

	@Autowired
	List<SealedColumns> sealedColumns;

	@Autowired
	SettingsCache settings;

	@Autowired
	KeyRing applicationKeys;

	@Autowired
	SecretCipher applicationCipher;

	@Autowired
	TokenHasher applicationHasher;

	@Autowired
	OidcClients applications;

	/**
	 * The row of an application's authorization is rewritten as a node whose current key was the previous
	 * one wrote it (every value hashed under that key); the tokens go on working, and the refresh stores
	 * its new token under the current key.
	 */
	@Test
	void tokensIssuedUnderThePreviousKeyStillWorkAndRefresh() {
		RegisteredApplication app = this.applications.register(new NewClient("Wiki", true, true,
				TokenClient.REDIRECT_URI, "https://app.example.com/signed-out", Set.of("openid", "offline_access")));
		TokenClient client = new TokenClient(this.port, app.client().clientId(), app.secret());
		Browser browser = new Browser(this.port);
		browser.signIn(People.alice(this.accounts).login(), People.PASSWORD);
		String code = TokenClient.codeOf(client.authorize(browser, Map.of("scope", "openid")));
		TokenClient.Response tokens = client.exchange(code, null);
		TokenHasher previous = new TokenHasher(new KeyRing(key(PREVIOUS_KEY), List.of()));
		int rewritten = this.jdbc.sql("""
				UPDATE oauth2_authorization SET authorization_code_value = :code, access_token_value = :access,
				oidc_id_token_value = :id, refresh_token_value = :refresh WHERE refresh_token_value = :current
				""")
			.param("code", previous.hash(code))
			.param("access", previous.hash(tokens.field("access_token")))
			.param("id", previous.hash(tokens.field("id_token")))
			.param("refresh", previous.hash(tokens.field("refresh_token")))
			.param("current", this.applicationHasher.hash(tokens.field("refresh_token")))
			.update();

		TokenClient.Response userInfo = client.userInfo(tokens.field("access_token"));
		TokenClient.Response refreshed = client.refresh(tokens.field("refresh_token"));

		assertThat(rewritten).isOne();
		assertThat(previous.hash(code)).isNotEqualTo(this.applicationHasher.hash(code));
		assertThat(userInfo.status()).isEqualTo(200);
		assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM oauth2_authorization WHERE refresh_token_value = :hash")
			.param("hash", this.applicationHasher.hash(refreshed.field("refresh_token")))
			.query(Integer.class)
			.single()).isOne();
		assertThat(client.refresh(tokens.field("refresh_token")).field("error")).isEqualTo("invalid_grant");
		assertThat(client.refresh(refreshed.field("refresh_token")).status()).isEqualTo(200);
	}

	@Test
	void rotationReEncryptsEverySealedValueUnderTheNewKey() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OPTIONAL);
		Account alice = People.alice(this.accounts);
		Browser browser = new Browser(this.port);
		browser.signIn(alice.login(), People.PASSWORD);
		String secret = Totp.enrol(browser, this.clock);
		this.mailbox.next(alice.businessEmail());
		// the dispatcher wipes a body once it is sent: the rotation starts when only the waiting one is left
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> this.jdbc.sql(
				"SELECT COUNT(*) FROM outbox_message WHERE status = 'PENDING'").query(Long.class).single() == 0);
		waitingMessage("{\"subject\":\"A message waiting for its next attempt\"}");
		Map<String, String> before = sealedValues(this.applicationCipher);
		MasterKey next = key();
		SecretCipher rotating = new SecretCipher(new KeyRing(next, List.of(this.applicationKeys.current())));
		SecretCipher newOnly = new SecretCipher(new KeyRing(next, List.of()));

		MasterKeyRotation.Result first = rotation(rotating).rotate();
		MasterKeyRotation.Result second = rotation(rotating).rotate();
		Map<String, String> after = sealedValues(newOnly);

		try {
			assertThat(first.columns()).map(String::toLowerCase)
				.contains("authenticator_app.sealed_secret", "outbox_message.sealed_body",
						"oidc_signing_key.sealed_private_key", "sms_settings.twilio_sealed_auth_token");
			assertThat(first.resealed()).isEqualTo(before.size()).isGreaterThanOrEqualTo(2);
			assertThat(first.unreadable()).isZero();
			assertThat(second.resealed()).isZero();
			assertThat(after.values()).as("the plaintexts").containsExactlyInAnyOrderElementsOf(before.values());
			assertThat(after.keySet()).allSatisfy(sealed -> assertThat(sealed).startsWith("k" + next.id() + ":"));
			assertThat(after.values()).contains(secret);
			assertThat(this.applicationCipher.isCurrent(after.keySet().iterator().next())).isFalse();
		}
		finally {
			SecretCipher back = new SecretCipher(new KeyRing(this.applicationKeys.current(), List.of(next)));
			assertThat(rotation(back).rotate().unreadable()).isZero();
		}
		this.clock.advance(Duration.ofSeconds(30));
		Browser later = new Browser(this.port);
		later.signIn(alice.login(), People.PASSWORD);
		assertThat(later.get("/login/verify").form("form[action$=/login/verify/app]")
			.set("code", Totp.code(secret, this.clock))
			.submit()
			.location()).isEqualTo("/");
	}

	/** A message whose next attempt is a day away: its body stays sealed in the outbox meanwhile. */
	private void waitingMessage(String body) {
		java.sql.Timestamp now = java.sql.Timestamp.from(this.clock.instant());
		this.jdbc.sql("""
				INSERT INTO outbox_message (channel, recipient, template, sealed_body, status, created_at,
					next_attempt_at)
				VALUES ('EMAIL', 'waiting@example.com', 'code', :body, 'PENDING', :now, :later)
				""")
			.param("body", this.applicationCipher.seal(body))
			.param("now", now)
			.param("later", java.sql.Timestamp.from(this.clock.instant().plus(Duration.ofDays(1))))
			.update();
	}

	/** Every sealed value in the database, opened: ciphertext to plaintext. */
	private Map<String, String> sealedValues(SecretCipher cipher) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String column : List.of("authenticator_app.sealed_secret", "outbox_message.sealed_body",
				"oidc_signing_key.sealed_private_key", "sms_settings.twilio_sealed_auth_token",
				"sms_settings.http_sealed_headers")) {
			String[] tableAndColumn = column.split("\\.");
			this.jdbc.sql("SELECT " + tableAndColumn[1] + " FROM " + tableAndColumn[0] + " WHERE " + tableAndColumn[1]
					+ " IS NOT NULL")
				.query(String.class)
				.list()
				.forEach(sealed -> values.put(sealed, cipher.open(sealed)));
		}
		return values;
	}

	private MasterKeyRotation rotation(SecretCipher cipher) {
		return new MasterKeyRotation(this.jdbc, cipher, this.sealedColumns, this.settings);
	}

}
