package org.latchkey.outbox;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.latchkey.outbox.internal.DeliverySettings;

import static org.assertj.core.api.Assertions.assertThat;

/** The back-off between attempts. */
class DeliverySettingsTests {

	private final DeliverySettings settings = new DeliverySettings(Duration.ofSeconds(2), 20,
			Duration.ofSeconds(10), Duration.ofHours(1), 10, Duration.ofMinutes(5));

	@Test
	void delayDoublesAfterEachFailedAttempt() {
		assertThat(this.settings.delayAfter(1)).isEqualTo(Duration.ofSeconds(10));
		assertThat(this.settings.delayAfter(2)).isEqualTo(Duration.ofSeconds(20));
		assertThat(this.settings.delayAfter(3)).isEqualTo(Duration.ofSeconds(40));
		assertThat(this.settings.delayAfter(9)).isEqualTo(Duration.ofSeconds(2560));
	}

	@Test
	void delayNeverExceedsTheCeilingHoweverManyAttemptsFailed() {
		assertThat(this.settings.delayAfter(10)).isEqualTo(Duration.ofHours(1));
		assertThat(this.settings.delayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofHours(1));
	}

}
