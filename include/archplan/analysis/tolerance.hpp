// Named numerical tolerances shared by the analyses.
#pragma once

namespace archplan::analysis {

inline constexpr double k_met_tol = 1e-9;
inline constexpr double k_ceil_tol = 1e-12;

} // namespace archplan::analysis
