package org.latchkey.web.api;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.latchkey.verify.VerifyRefusal;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place that turns what the API refuses into problem details (RFC 9457, {@code application/problem+json}):
 * a refusal of the use cases gets its status and a type of its own ({@code urn:latchkey:problem:…}); a request
 * Spring MVC cannot read (bad JSON, wrong method or media type) gets Spring's standard problem.
 */
@RestControllerAdvice(basePackageClasses = ApiProblems.class)
class ApiProblems extends ResponseEntityExceptionHandler {

	static final String TYPE_BASE = "urn:latchkey:problem:";

	private final Clock clock;

	ApiProblems(Clock clock) {
		this.clock = clock;
	}

	@ExceptionHandler(VerifyRefusal.class)
	ResponseEntity<ProblemDetail> refused(VerifyRefusal refusal, HttpServletRequest request) {
		HttpStatus status = switch (refusal.reason()) {
			case INVALID_FIELD -> HttpStatus.BAD_REQUEST;
			case SCOPE -> HttpStatus.FORBIDDEN;
			case NOT_FOUND -> HttpStatus.NOT_FOUND;
			case CONFLICT -> HttpStatus.CONFLICT;
			case TOO_MANY_SENDS -> HttpStatus.TOO_MANY_REQUESTS;
			case SMS_UNAVAILABLE -> HttpStatus.UNPROCESSABLE_CONTENT;
			case PROVIDER_FAILED -> HttpStatus.SERVICE_UNAVAILABLE;
		};
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, refusal.getMessage());
		problem.setType(
				URI.create(TYPE_BASE + refusal.reason().name().toLowerCase(Locale.ROOT).replace('_', '-')));
		problem.setTitle(status.getReasonPhrase());
		problem.setInstance(URI.create(request.getRequestURI().replaceAll("[^\\w/.-]", "")));
		if (refusal.field() != null) {
			problem.setProperty("field", refusal.field());
		}
		ResponseEntity.BodyBuilder answer = ResponseEntity.status(status);
		if (refusal.retryAt() != null) {
			long seconds = Math.max(1, Duration.between(this.clock.instant(), refusal.retryAt()).toSeconds());
			answer.header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
		}
		return answer.body(problem);
	}

	@Override
	protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
			WebRequest request) {
		// Spring's own problems (unreadable JSON, wrong method or media type) get a type of the API's too
		if (body instanceof ProblemDetail problem
				&& (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
			problem.setType(URI.create(TYPE_BASE + "http-" + statusCode.value()));
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

}
