package org.latchkey.operations.internal;

import java.util.Map;

import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /actuator/health}, {@code /actuator/health/liveness} and {@code /actuator/health/readiness} on the
 * application port, where load balancers and orchestrators have always asked: every other actuator endpoint lives
 * on the management port only. The answer is the health endpoint's status and nothing else (no details), 200 when
 * up and 503 otherwise, as the actuator's own.
 */
@RestController
class ApplicationPortHealth {

	private final HealthEndpoint health;

	ApplicationPortHealth(HealthEndpoint health) {
		this.health = health;
	}

	@GetMapping(path = "/actuator/health", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, String>> health() {
		return answer(this.health.health());
	}

	@GetMapping(path = "/actuator/health/liveness", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, String>> liveness() {
		return answer(this.health.healthForPath("liveness"));
	}

	@GetMapping(path = "/actuator/health/readiness", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, String>> readiness() {
		return answer(this.health.healthForPath("readiness"));
	}

	private static ResponseEntity<Map<String, String>> answer(HealthDescriptor descriptor) {
		if (descriptor == null) {
			return ResponseEntity.notFound().build();
		}
		Status status = descriptor.getStatus();
		return ResponseEntity.status(Status.UP.equals(status) ? 200 : 503).body(Map.of("status", status.getCode()));
	}

}
