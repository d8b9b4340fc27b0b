// The tolerances every "met" decision uses, so an exact fit never fails on rounding.
#pragma once

namespace archplan::analysis {

// Relative tolerance of "achievable >= required" for flows, concurrency and workload rates.
inline constexpr double k_met_tol = 1e-9;
// Relative tolerance of capacity fits and of rounding a count up (10 servers for exactly 10 servers' worth).
inline constexpr double k_ceil_tol = 1e-12;

// achieved >= required, within k_met_tol of required.
inline bool meets(double achieved, double required) { return achieved >= required * (1.0 - k_met_tol); }

} // namespace archplan::analysis
