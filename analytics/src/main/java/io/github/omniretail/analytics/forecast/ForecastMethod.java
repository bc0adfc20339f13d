package io.github.omniretail.analytics.forecast;

/**
 * The forecasting methods a {@link DemandForecaster} chooses among per series. Smoothing parameters are fitted by
 * grid search on in-sample one-step squared error, as statsforecast's AutoETS and CrostonOptimized do by optimiser.
 */
public enum ForecastMethod {
    /** Each day repeats the same weekday a season ago; the MASE yardstick, never better by construction. */
    SEASONAL_NAIVE,
    /** Simple exponential smoothing, ETS(A,N,N): a level, no trend, no seasonality. */
    SES,
    /** ETS(A,N,A): a level and additive weekday effects (Holt–Winters without trend), for fast movers. */
    ETS_SEASONAL,
    /**
     * Croston's method, optimised: demand sizes and the intervals between demands smoothed separately, each with its
     * own parameter in [0.1, 0.3]; forecast = size ÷ interval. For intermittent demand.
     */
    CROSTON,
    /**
     * Teunter–Syntetos–Babai: the probability of a demand (updated every day, so obsolescence shows) times the
     * smoothed size. For intermittent demand.
     */
    TSB
}
