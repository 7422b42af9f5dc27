package org.latchkey.admin;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.latchkey.oidc.NewClient;
import org.latchkey.oidc.OidcClients;
import org.latchkey.oidc.RegisteredApplication;
import org.latchkey.sms.SmsAdministration;
import org.latchkey.sms.SmsProviderChange;
import org.latchkey.sms.SmsProviderKind;
import org.latchkey.testing.ApiClient;
import org.latchkey.testing.ApplicationScenarios;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.People;
import org.latchkey.testing.Secrets;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's side of the Verify API: an application's keys created (the key shown once, its hash stored),
 * listed with their last use, revoked; and Twilio Verify chosen in Advanced settings with its service SID.
 */
@LatchkeyTest
class ApiKeysConsoleTests extends ApplicationScenarios {

	@Autowired
	OidcClients clients;

	@Autowired
	SmsAdministration sms;

	@Test
	void aKeyIsShownOnceListedWithItsLastUseAndRevoked() {
		RegisteredApplication app = this.clients.register(new NewClient(People.unique("Wiki"), true, true,
				"https://wiki.example.com/callback", "", Set.of("openid")));
		Browser admin = Console.signedIn(this.port, People.ada(this.accounts));
		String keys = "/admin/applications/" + app.client().id() + "/api-keys";
		assertThat(admin.get("/admin/applications/" + app.client().id()).document().select("a[href=" + keys + "]"))
			.hasSize(1);

		Page refused = admin.get(keys).form("#new-api-key").set("name", " ").submit();
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.document().select("#name-error").text()).isEqualTo("Enter a name of at most 100 characters.");

		Page created = admin.get(keys).form("#new-api-key").set("name", "Wiki backend").set("scope", "VERIFICATIONS")
			.submit();
		assertThat(created.status()).isEqualTo(200);
		String key = created.document().select("code.api-key").text();
		Secrets.seen(key);
		assertThat(key).matches("lk_[0-9a-f]{8}_[A-Za-z0-9_-]{43}");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM api_key WHERE key_hash = :key OR key_prefix = :key")
			.param("key", key).query(Long.class).single()).isZero();

		Page list = admin.get(keys);
		assertThat(list.body()).doesNotContain(key);
		assertThat(list.document().select("#api-keys tbody tr").text()).contains("Wiki backend")
			.contains(key.substring(0, 11)).contains("Never");
		ApiClient api = new ApiClient(this.port, key);
		assertThat(api.get("/api/v1/verifications/ve_0").status()).isEqualTo(404);
		assertThat(admin.get(keys).document().select("#api-keys .last-used").text()).doesNotContain("Never");
		assertThat(api.post("/api/v1/users/u/totp", Map.of()).status()).as("a key without the totp scope")
			.isEqualTo(403);

		Page revoked = admin.get(keys).form("#api-keys form").submit();
		assertThat(revoked.location()).isEqualTo(keys);
		assertThat(revoked.follow().text()).contains("The key is revoked");
		assertThat(api.get("/api/v1/verifications/ve_0").status()).isEqualTo(401);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE event IN ('API_KEY_CREATED', "
				+ "'API_KEY_REVOKED') AND subject LIKE 'API key Wiki backend%'").query(Long.class).single())
			.isEqualTo(2);
	}

	@Test
	void twilioVerifyIsChosenInAdvancedSettingsWithItsServiceSid() {
		Browser admin = Console.signedIn(this.port, People.ada(this.accounts));
		Page refused = admin.get("/admin/advanced").form("#sms-settings").set("provider", "TWILIO_VERIFY")
			.set("accountSid", "AC0123456789abcdef0123456789abcdef").set("authToken", "twilio-auth-token-7f3e9a1c5b")
			.submit();
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.document().select("#verifyServiceSid-error").text())
			.isEqualTo("Enter the Twilio Verify service SID.");
		Page saved = refused.form("#sms-settings").set("provider", "TWILIO_VERIFY")
			.set("authToken", "twilio-auth-token-7f3e9a1c5b")
			.set("verifyServiceSid", "VA0123456789abcdef0123456789abcdef")
			.submit();
		assertThat(saved.location()).isEqualTo("/admin/advanced");
		assertThat(this.sms.view().provider()).isEqualTo(SmsProviderKind.TWILIO_VERIFY);
		assertThat(saved.follow().document().select("#verifyServiceSid").val())
			.isEqualTo("VA0123456789abcdef0123456789abcdef");
		this.sms.change(new SmsProviderChange("NONE", null, null, null, null, null, null, false, null, null, "200", ""));
	}

}
