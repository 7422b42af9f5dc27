package org.latchkey.account;

import java.util.List;

import org.latchkey.system.Paged;

/** One page of accounts, with what a pager needs. */
public record AccountPage(List<Account> accounts, int page, int size, long total) implements Paged {
}
