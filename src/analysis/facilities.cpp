// Facilities and finance formulas (see facilities.hpp).
#include "archplan/analysis/facilities.hpp"

#include <cmath>

namespace archplan::analysis::facilities {

double pdu_watts(const spec::Pdu& pdu) {
    double va = pdu.phases == 3 ? std::sqrt(3.0) * pdu.voltage * pdu.current : pdu.voltage * pdu.current;
    return va * k_continuous * pdu.power_factor;
}

double hpl_seconds(double n, double rmax) { return (2.0 / 3.0 * n * n * n + 2.0 * n * n) / rmax; }

double energy_cost_per_year(double watts, double pue, double usd_per_joule) {
    return watts * k_seconds_per_year * pue * usd_per_joule;
}

int fits_per_rack(double budget_watts, double watts_each, double factor) {
    if (watts_each <= 0) return 0;
    return static_cast<int>(std::floor(budget_watts / (watts_each * factor) + 1e-9));
}

} // namespace archplan::analysis::facilities
