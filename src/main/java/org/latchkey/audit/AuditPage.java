package org.latchkey.audit;

import java.util.List;

import org.latchkey.system.Paged;

/** One page of audit events, newest first, with what a pager needs. */
public record AuditPage(List<AuditEntry> entries, int page, int size, long total) implements Paged {
}
