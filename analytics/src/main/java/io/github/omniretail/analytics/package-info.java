/**
 * Retail KPIs. {@link io.github.omniretail.analytics.KpiEvent}s (orders, returns, fulfilments, rejections, quotes,
 * stock levels, receipts, expired lots) go into a thread-safe {@link io.github.omniretail.analytics.KpiTracker} as they
 * happen, or are read in batch from CSV exports by {@link io.github.omniretail.analytics.KpiCsv}; either way
 * {@link io.github.omniretail.analytics.KpiTracker#kpis} answers the same {@link io.github.omniretail.analytics.Kpis}.
 * Every KPI's formula is in {@code docs/analytics.md}.
 */
@NullMarked
package io.github.omniretail.analytics;

import org.jspecify.annotations.NullMarked;
