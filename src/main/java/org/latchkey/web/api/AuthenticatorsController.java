package org.latchkey.web.api;

import java.net.URI;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.latchkey.factor.TotpCheck;
import org.latchkey.factor.TotpEnrolment;
import org.latchkey.verify.ApiAuthenticators;
import org.latchkey.verify.ApiCaller;
import org.latchkey.web.QrCodes;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/users/{id}/totp}: an authenticator app for one of the application's own users: create it
 * (its {@code otpauth://} URI and a QR code, drawn here as on My account), confirm it with a first code, check a
 * code, delete it.
 */
@RestController
@RequestMapping(path = "/api/v1/users/{id}/totp", produces = MediaType.APPLICATION_JSON_VALUE)
class AuthenticatorsController {

	private final ApiAuthenticators authenticators;

	AuthenticatorsController(ApiAuthenticators authenticators) {
		this.authenticators = authenticators;
	}

	/** The body of a creation. */
	record CreateBody(@Nullable String label) {
	}

	/** The body of a confirmation or a check. */
	record CodeBody(@Nullable String code) {
	}

	/** A new factor: shown once; the secret and its URI are not readable again. */
	record Created(String user, String status, String secret, String otpauthUri, String qrCodePng) {
	}

	/** The answer to a confirmation or a check. */
	record Answer(String user, String status, @Nullable String reason) {
	}

	@PostMapping
	ResponseEntity<Created> create(@RequestAttribute(ApiKeyFilter.CALLER) ApiCaller caller, @PathVariable("id") String user,
			@RequestBody(required = false) @Nullable CreateBody body) {
		TotpEnrolment enrolment = this.authenticators.create(caller, user, (body != null) ? body.label() : null);
		return ResponseEntity.created(URI.create("/api/v1/users/" + user + "/totp"))
			.header("Cache-Control", "no-store")
			.body(new Created(user, "unconfirmed", enrolment.secret(), enrolment.uri(),
					QrCodes.pngDataUri(enrolment.uri())));
	}

	@PostMapping(path = "/confirm", consumes = MediaType.APPLICATION_JSON_VALUE)
	Answer confirm(@RequestAttribute(ApiKeyFilter.CALLER) ApiCaller caller, @PathVariable("id") String user,
			@RequestBody CodeBody body) {
		boolean confirmed = this.authenticators.confirm(caller, user, body.code());
		return new Answer(user, confirmed ? "confirmed" : "denied", confirmed ? null : "wrong_code");
	}

	@PostMapping(path = "/check", consumes = MediaType.APPLICATION_JSON_VALUE)
	Answer check(@RequestAttribute(ApiKeyFilter.CALLER) ApiCaller caller, @PathVariable("id") String user,
			@RequestBody CodeBody body) {
		TotpCheck check = this.authenticators.check(caller, user, body.code());
		return (check == TotpCheck.ACCEPTED) ? new Answer(user, "approved", null)
				: new Answer(user, "denied", reasonOf(check));
	}

	private static String reasonOf(TotpCheck check) {
		return switch (check) {
			case REPLAYED -> "already_used";
			case LOCKED -> "too_many_attempts";
			default -> check.name().toLowerCase(Locale.ROOT) + "_code";
		};
	}

	@DeleteMapping
	ResponseEntity<Void> delete(@RequestAttribute(ApiKeyFilter.CALLER) ApiCaller caller, @PathVariable("id") String user) {
		this.authenticators.delete(caller, user);
		return ResponseEntity.noContent().build();
	}

}
