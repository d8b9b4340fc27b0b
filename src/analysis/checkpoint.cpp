// Checkpoint/restart formulas (Young 1974; Daly 2006) and their inversion for a goodput target.
#include "archplan/analysis/checkpoint.hpp"

#include <cmath>

namespace archplan::analysis::checkpoint {

Seconds young_interval(Seconds delta, Seconds mtbf) { return Seconds(std::sqrt(2.0 * delta.value() * mtbf.value())); }

Seconds daly_interval(Seconds delta, Seconds mtbf) {
    double d = delta.value(), M = mtbf.value();
    if (d >= 2.0 * M) return mtbf;
    double x = d / (2.0 * M);
    return Seconds(std::sqrt(2.0 * d * M) * (1.0 + std::sqrt(x) / 3.0 + x / 9.0) - d);
}

double daly_goodput(Seconds tau, Seconds delta, Seconds restart, Seconds mtbf) {
    double M = mtbf.value();
    // expm1 keeps precision when (tau + delta) << M.
    return tau.value() / (M * std::exp(restart.value() / M) * std::expm1((tau.value() + delta.value()) / M));
}

double goodput_ceiling(Seconds restart, Seconds mtbf) { return std::exp(-restart.value() / mtbf.value()); }

std::optional<Seconds> max_dump_time(double goodput, Seconds restart, Seconds mtbf) {
    if (goodput >= goodput_ceiling(restart, mtbf)) return std::nullopt;
    auto at = [&](double d) { return daly_goodput(daly_interval(Seconds(d), mtbf), Seconds(d), restart, mtbf); };
    double lo = 0.0, hi = mtbf.value();
    if (at(hi) >= goodput) return mtbf; // any dump time up to the MTBF will do
    for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; ++i) {
        double mid = 0.5 * (lo + hi);
        if (mid <= 0) break;
        (at(mid) >= goodput ? lo : hi) = mid;
    }
    return Seconds(lo);
}

std::optional<Seconds> max_dump_time_first_order(double goodput, Seconds restart, Seconds mtbf) {
    double w = 1.0 - goodput, M = mtbf.value(), r = restart.value() / M;
    if (r >= w) return std::nullopt;
    return Seconds(M / 2.0 * (w - r) * (w - r));
}

} // namespace archplan::analysis::checkpoint
