package org.latchkey.mail;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.latchkey.mail.internal.Recipients;
import org.latchkey.outbox.InvalidRecipientException;
import org.latchkey.outbox.TemplateNames;
import org.latchkey.system.Masks;

/**
 * An email to send: to whom, which template ({@code templates/mail/<template>.html} and {@code .txt}, subject
 * {@code mail.<template>.subject} in the {@code mail} bundle), in which language, and the values the template
 * shows. The values may carry secrets (codes, links); they are kept only sealed.
 *
 * @param recipient a bare address ({@code someone@example.com}): no name, no list, no space or control character
 * @param template lower-case letters, digits and dashes
 * @param locale the language to render in; a language without texts falls back to English
 * @param variables the template's values, none of them {@code null}
 */
public record Email(String recipient, String template, Locale locale, Map<String, Object> variables) {

	/**
	 * @throws InvalidRecipientException when the recipient is not an address that can be written to
	 * @throws IllegalArgumentException when the template name is not lower-case words joined by dashes
	 */
	public Email {
		recipient = Recipients.check(recipient);
		TemplateNames.check(template);
		Objects.requireNonNull(locale, "locale must not be null");
		variables = Map.copyOf(Objects.requireNonNull(variables, "variables must not be null"));
	}

	/** Names the template and the masked recipient only: the values may hold a code. */
	@Override
	public String toString() {
		return "Email[" + this.template + " to " + Masks.email(this.recipient) + "]";
	}

}
