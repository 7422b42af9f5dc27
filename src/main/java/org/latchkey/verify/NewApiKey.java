package org.latchkey.verify;

/**
 * A key just created: the only time it exists in clear, to show the administrator once.
 *
 * @param key the whole key, to paste into the application's configuration
 */
public record NewApiKey(ApiKeyView view, String key) {

	/** Keeps the key out of logs. */
	@Override
	public String toString() {
		return "NewApiKey[" + this.view.prefix() + ", key not shown]";
	}

}
