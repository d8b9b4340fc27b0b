// Integer search on the model: the smallest value of a knob that meets a predicate.
#pragma once

#include <functional>
#include <optional>

namespace archplan::analysis {

// The smallest v in (from, limit] with meets(v), for a predicate that is monotone (false, then true):
// probes from + 1, from + 2, from + 4, ... up to `limit`, then bisects the last step. Going upward keeps
// the probes near the answer. Empty when even `limit` does not meet.
std::optional<int> smallest_meeting(int from, int limit, const std::function<bool(int)>& meets);

} // namespace archplan::analysis
