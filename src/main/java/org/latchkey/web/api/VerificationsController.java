package org.latchkey.web.api;

import java.net.URI;

import org.jspecify.annotations.Nullable;
import org.latchkey.verify.ApiCaller;
import org.latchkey.verify.StartVerification;
import org.latchkey.verify.Verification;
import org.latchkey.verify.VerificationCheck;
import org.latchkey.verify.Verifications;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/verifications}: start, check, cancel and read verifications of an address or a number. */
@RestController
@RequestMapping(path = "/api/v1/verifications", produces = MediaType.APPLICATION_JSON_VALUE)
class VerificationsController {

	private final Verifications verifications;

	VerificationsController(Verifications verifications) {
		this.verifications = verifications;
	}

	/** The body of a start. */
	record StartBody(@Nullable String channel, @Nullable String to, @Nullable String locale, @Nullable String prefix) {
	}

	/** The body of a check. */
	record CheckBody(@Nullable String code) {
	}

	/** A verification as the API answers it. */
	record VerificationBody(String id, String status, String channel, String to, String expiresAt, int triesLeft) {

		static VerificationBody of(Verification verification) {
			return new VerificationBody(verification.id(), verification.status().value(), verification.channel(),
					verification.to(), verification.expiresAt().toString(), verification.triesLeft());
		}

	}

	/** A check's answer. */
	record CheckAnswer(String id, String status, int triesLeft, @Nullable String reason) {
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<VerificationBody> start(@RequestAttribute(ApiKeyFilter.CALLER) ApiCaller caller,
			@RequestBody StartBody body,
			@RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey) {
		Verification started = this.verifications.start(caller,
				new StartVerification(body.channel(), body.to(), body.locale(), body.prefix(), idempotencyKey));
		return ResponseEntity.created(URI.create("/api/v1/verifications/" + started.id()))
			.body(VerificationBody.of(started));
	}

	@GetMapping("/{id}")
	VerificationBody status(@RequestAttribute(ApiKeyFilter.CALLER) ApiCaller caller, @PathVariable String id) {
		return VerificationBody.of(this.verifications.status(caller, id));
	}

	@PostMapping(path = "/{id}/check", consumes = MediaType.APPLICATION_JSON_VALUE)
	CheckAnswer check(@RequestAttribute(ApiKeyFilter.CALLER) ApiCaller caller, @PathVariable String id,
			@RequestBody CheckBody body) {
		VerificationCheck check = this.verifications.check(caller, id, body.code());
		return new CheckAnswer(check.id(), check.status().value(), check.triesLeft(), check.reason());
	}

	@PostMapping("/{id}/cancel")
	VerificationBody cancel(@RequestAttribute(ApiKeyFilter.CALLER) ApiCaller caller, @PathVariable String id) {
		return VerificationBody.of(this.verifications.cancel(caller, id));
	}

}
