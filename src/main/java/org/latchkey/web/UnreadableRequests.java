package org.latchkey.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.tomcat.util.http.InvalidParameterException;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * A request whose form or multipart body cannot be decoded (bytes that are not UTF-8, a multipart without its
 * boundary, a body over the limit) is the client's doing. Answered here, it ends on the product's error page as a
 * 400 or 413 instead of escaping to the container, which would log every such request as a server error with its
 * stack trace: garbage sent on purpose must not flood the log.
 */
@ControllerAdvice
class UnreadableRequests {

	@ExceptionHandler(MaxUploadSizeExceededException.class)
	void tooLarge(HttpServletResponse response) throws IOException {
		response.sendError(HttpStatus.PAYLOAD_TOO_LARGE.value());
	}

	@ExceptionHandler({ InvalidParameterException.class, MultipartException.class })
	void unreadable(HttpServletRequest request, HttpServletResponse response) throws IOException {
		request.setAttribute(ErrorPages.REASON, "form");
		response.sendError(HttpStatus.BAD_REQUEST.value());
	}

}
