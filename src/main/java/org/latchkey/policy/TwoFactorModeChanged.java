package org.latchkey.policy;

/** An administrator changed the two-factor mode; published inside the transaction that changed it. */
public record TwoFactorModeChanged(TwoFactorMode from, TwoFactorMode to) {
}
