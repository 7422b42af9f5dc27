package org.latchkey.admin;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.latchkey.account.AccountNotFoundException;
import org.latchkey.system.InvalidFieldException;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Failures of the console's pages that no form caught: an unknown user id is a 404, a refused value a 400.
 * Both end on the product's error page, which the container renders for the status.
 */
@ControllerAdvice(basePackageClasses = AdminErrors.class)
class AdminErrors {

	@ExceptionHandler(AccountNotFoundException.class)
	void accountNotFound(HttpServletResponse response) throws IOException {
		response.sendError(HttpStatus.NOT_FOUND.value());
	}

	@ExceptionHandler(InvalidFieldException.class)
	void invalidField(HttpServletResponse response) throws IOException {
		response.sendError(HttpStatus.BAD_REQUEST.value());
	}

}
