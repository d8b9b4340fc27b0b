// Integer search on the model: the smallest value of a knob that meets a predicate, for the sizing of `auto`
// counts and the smallest-change search alike.
#pragma once

#include "archplan/units/units.hpp"

#include <functional>
#include <optional>
#include <string>

namespace archplan::analysis {

// What one trial value gives: met or not, or the reason the design cannot even be built at it.
struct Probe {
    bool met = false;
    units::BytesPerSecond achievable; // of the requirement searched for, where the caller tracks one
    std::string build_error;          // non-empty: this value cannot be wired
};

struct Raised {
    std::optional<int> met_at; // the smallest value that meets
    Probe at;                  // its probe
    int best = 0;              // when none meets: the largest value tried that builds (`from` when none does)
    std::string why_not;       // when none meets: "not met even at 96", "not met at 2688, the largest value that can be
                               // built; at 2689: ...", "at 3 the design cannot be built: ..."
};

// The smallest v in (from, limit] that meets, for a predicate monotone where the design can be built: probes
// from + 1, from + 2, from + 4, ... up to `limit`, then bisects the last step. Going upward keeps the probes near
// the answer and clear of values that cannot be wired. When a probe cannot be built, the largest value that still
// builds is found by bisection: it meets or is the best this knob can do. Build errors below the first value that
// builds (too few drives for the protection) are stepped over; `from_builds` says whether `from` itself builds.
// At most about 2 log2(limit - from) probes.
Raised raise_until_met(int from, int limit, bool from_builds, const std::function<Probe(int)>& probe);

} // namespace archplan::analysis
