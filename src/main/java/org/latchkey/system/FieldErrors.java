package org.latchkey.system;

import org.springframework.ui.Model;

/**
 * How a form page shows a refused value: the field at fault as {@code fieldError} (the template marks it and
 * moves the focus there) and the key of the message that says why as {@code errorKey}.
 */
public final class FieldErrors {

	private FieldErrors() {
	}

	/** Puts the refused field and the message key in the page's model. */
	public static void show(Model model, InvalidFieldException refusal) {
		model.addAttribute("fieldError", refusal.field());
		model.addAttribute("errorKey", refusal.messageKey());
	}

}
