// Checkpoint/restart arithmetic: job MTBF, Young and Daly intervals, Daly's goodput, and the inverse
// (the write bandwidth a goodput target needs). Reference: docs/models.md, workloads; [1], [2], [4] in docs/references.md.
#pragma once

#include "archplan/units/units.hpp"

#include <optional>
#include <string>

namespace archplan::analysis::checkpoint {

using units::Seconds;

// Young (1974): tau = sqrt(2 delta M), for delta << M.
Seconds young_interval(Seconds delta, Seconds mtbf);

// Daly (2006), eq. 37: sqrt(2 delta M) [1 + sqrt(delta / 2M) / 3 + (delta / 2M) / 9] - delta for delta < 2M, else M.
Seconds daly_interval(Seconds delta, Seconds mtbf);

// Daly's complete model: the share of wall time spent on useful work with interval tau, dump time
// delta, restart time R (detection + relaunch + checkpoint read) and exponential failures of mean M:
// E = tau / (M e^(R/M) (e^((tau + delta)/M) - 1)).
double daly_goodput(Seconds tau, Seconds delta, Seconds restart, Seconds mtbf);

// The best goodput any checkpoint speed allows: as delta -> 0, E -> e^(-R/M).
double goodput_ceiling(Seconds restart, Seconds mtbf);

// The largest blocking checkpoint time delta that still reaches `goodput` at Daly's optimal interval
// (full model, solved by bisection; E falls as delta grows). Empty when even delta -> 0 falls short.
std::optional<Seconds> max_dump_time(double goodput, Seconds restart, Seconds mtbf);

// First-order closed form of the same (docs/models.md, goodput target inverted into a write requirement; [1], [4] in
// docs/references.md): C_max = (M/2) (w - R/M)^2, w = 1 - goodput.
std::optional<Seconds> max_dump_time_first_order(double goodput, Seconds restart, Seconds mtbf);

} // namespace archplan::analysis::checkpoint
