// Facilities and finance formulas (docs/models.md, facilities and finance; §6 of the references): rack power
// feeds, HPL run time, the yearly cost of energy and of node-hours. Pure arithmetic on SI figures, checked by hand
// in the tests; derive applies them to the bill of materials.
#pragma once

#include "archplan/spec/spec.hpp"

namespace archplan::analysis::facilities {

inline constexpr double k_continuous = 0.8;        // a breaker may carry 80% of its rating continuously
inline constexpr double k_hours_per_year = 8760.0; // 365 days
inline constexpr double k_seconds_per_year = 8760.0 * 3600.0;

// What one PDU feeds continuously, in W: sqrt(3) x V (line to line) x I for three phases, V x I for one, times
// 0.8 and the power factor. 415 V x 32 A three-phase at power factor 1: 23.0 kVA x 0.8 = 18.4 kW.
double pdu_watts(const spec::Pdu& pdu);

// HPL's operation count over its rate: (2/3 n^3 + 2 n^2) / rmax, in seconds.
double hpl_seconds(double n, double rmax);

// Energy cost of a year at `watts` of average IT power: W x 8,760 h x PUE x price (USD per joule x 3,600 per Wh).
double energy_cost_per_year(double watts, double pue, double usd_per_joule);

// Node time priced: nodes x seconds x USD per node-second.
inline double node_time_cost(double nodes, double seconds, double usd_per_node_second) {
    return nodes * seconds * usd_per_node_second;
}

// The most elements of `watts_each` one rack budget holds at oversubscription `factor` (at least 0).
int fits_per_rack(double budget_watts, double watts_each, double factor);

} // namespace archplan::analysis::facilities
