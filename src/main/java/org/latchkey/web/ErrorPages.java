package org.latchkey.web;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.latchkey.signin.SignInCompletion;
import org.latchkey.signin.SignInPrincipal;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * The one place that turns a failure into what a person or a program sees: a page in the product's style
 * that says what happened and what to do, or an RFC 9457 problem for API paths. Never a stack trace.
 */
@Controller
class ErrorPages implements ErrorController, AccessDeniedHandler {

	static final String REASON = "latchkey.error.reason";

	private final MessageSource messages;

	ErrorPages(MessageSource messages) {
		this.messages = messages;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		String owedStep = (accessDeniedException instanceof CsrfException) ? null : owedStep();
		if (owedStep != null) {
			response.sendRedirect(request.getContextPath() + owedStep);
			return;
		}
		if (accessDeniedException instanceof CsrfException) {
			request.setAttribute(REASON, "csrf");
		}
		response.sendError(HttpStatus.FORBIDDEN.value());
	}

	/**
	 * The page a half-signed-in session must go through before any other: the code page while the second
	 * factor is owed, then the new-password page after a temporary password; null for any other session.
	 */
	private static String owedStep() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !(authentication.getPrincipal() instanceof SignInPrincipal principal)) {
			return null;
		}
		if (principal.isSecondFactorPending()) {
			return "/login/verify";
		}
		return principal.isPasswordChangeRequired() ? SignInCompletion.NEW_PASSWORD_PATH : null;
	}

	/** API paths and clients that do not read HTML get a problem document; browsers get a page. */
	@RequestMapping("/error")
	Object error(HttpServletRequest request, HttpServletResponse response) {
		HttpStatus status = status(request);
		String messageKey = messageKey(status, request);
		if (isApi(request) || !acceptsHtml(request)) {
			return problem(request, status, messageKey);
		}
		response.setStatus(status.value());
		return new ModelAndView("error", Map.of("status", status.value(), "messageKey", messageKey),
				status);
	}

	private ResponseEntity<ProblemDetail> problem(HttpServletRequest request, HttpStatus status, String messageKey) {
		ProblemDetail problem = ProblemDetail.forStatus(status);
		problem.setTitle(status.getReasonPhrase());
		problem.setDetail(this.messages.getMessage(messageKey + ".text", null, RequestContextUtils.getLocale(request)));
		if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) {
			problem.setInstance(URI.create(uri.replaceAll("[^\\w/.-]", "")));
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private static boolean isApi(HttpServletRequest request) {
		return request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri
				&& (uri.startsWith("/api/") || uri.startsWith("/actuator/"));
	}

	private static boolean acceptsHtml(HttpServletRequest request) {
		String accept = request.getHeader("Accept");
		if (accept == null || accept.isBlank()) {
			return true;
		}
		try {
			return MediaType.parseMediaTypes(accept).stream().anyMatch(type -> type.includes(MediaType.TEXT_HTML));
		}
		catch (InvalidMediaTypeException ex) {
			return true;
		}
	}

	private static HttpStatus status(HttpServletRequest request) {
		if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) == null) {
			// asked for by its address rather than forwarded to after a failure: there is nothing here
			return HttpStatus.NOT_FOUND;
		}
		for (Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION); failure instanceof Throwable cause;
				failure = (cause.getCause() != cause) ? cause.getCause() : null) {
			// a body the server could not even read (a multipart without its boundary…) is the client's doing
			if (cause instanceof MaxUploadSizeExceededException) {
				return HttpStatus.PAYLOAD_TOO_LARGE;
			}
			if (cause instanceof MultipartException || cause instanceof InvalidParameterException) {
				return HttpStatus.BAD_REQUEST;
			}
		}
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = (code instanceof Integer value) ? HttpStatus.resolve(value) : null;
		return (status != null) ? status : HttpStatus.INTERNAL_SERVER_ERROR;
	}

	private static String messageKey(HttpStatus status, HttpServletRequest request) {
		if ("csrf".equals(request.getAttribute(REASON))) {
			return "error.csrf";
		}
		if ("busy".equals(request.getAttribute(REASON))) {
			return "error.busy";
		}
		// the server could not decode the form (bytes that are not UTF-8, for example) before any page saw it
		if ("form".equals(request.getAttribute(REASON))
				|| request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof InvalidParameterException) {
			return "error.form";
		}
		return switch (status) {
			case BAD_REQUEST, FORBIDDEN, NOT_FOUND, METHOD_NOT_ALLOWED, PAYLOAD_TOO_LARGE, TOO_MANY_REQUESTS,
					UNSUPPORTED_MEDIA_TYPE, NOT_ACCEPTABLE ->
				"error." + status.value();
			default -> status.is4xxClientError() ? "error.400" : "error.500";
		};
	}

}
