package org.latchkey.web;

import org.junit.jupiter.api.Test;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.StorageInvariants;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Load balancers and orchestrators ask whether Latchkey is alive and ready, the database included. */
@LatchkeyTest
@StorageInvariants
class HealthTests {

	@LocalServerPort
	int port;

	@Test
	void livenessAndReadinessAreUpWithoutSigningIn() {
		Browser browser = new Browser(this.port);

		Page liveness = browser.get("/actuator/health/liveness");
		Page readiness = browser.get("/actuator/health/readiness");

		assertThat(liveness.status()).isEqualTo(200);
		assertThat(liveness.body()).contains("\"status\":\"UP\"");
		assertThat(readiness.status()).isEqualTo(200);
		assertThat(readiness.body()).contains("\"status\":\"UP\"");
	}

	@Test
	void nothingElseOfTheActuatorIsExposed() {
		assertThat(new Browser(this.port).get("/actuator/env").status()).isIn(302, 404);
	}

}
