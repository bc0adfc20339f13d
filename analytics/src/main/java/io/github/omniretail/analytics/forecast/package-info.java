/**
 * Daily demand forecasts per SKU and node: ETS with weekly seasonality for fast movers, Croston and TSB for
 * intermittent demand, each series' method chosen by backtest and scored by MASE against a seasonal-naive
 * forecast, with prediction intervals. See {@link io.github.omniretail.analytics.forecast.DemandForecaster}.
 */
@NullMarked
package io.github.omniretail.analytics.forecast;

import org.jspecify.annotations.NullMarked;
