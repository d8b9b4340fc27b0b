// Power telemetry (docs/facilities.md, power telemetry): a long CSV of measured power per PDU domain
// (`timestamp,domain,watts[,stat][,capacity]`) or a Google-style normalised trace (`time,pdu,measured_power_util`),
// read into series, and the figures an oversubscription decision needs: percentiles per domain and in aggregate,
// the diversity ratio, intervals above the derated budget, and the factor that is safe at a chosen quantile.
#pragma once

#include "archplan/spec/diagnostics.hpp"

#include <optional>
#include <string>
#include <vector>

namespace archplan::telemetry {

struct Sample {
    double t = 0;     // seconds
    double value = 0; // watts, or a share of capacity for a normalised trace
};

struct Series {
    std::string domain;
    std::vector<Sample> samples; // in time order
    double capacity = 0;         // W; 0: not given (a normalised trace's capacity is 1)
    std::string stat = "sample"; // what each value is: a sample, or the avg / max over its interval
    std::size_t ignored = 0;     // rows of another statistic not used (min, or avg when max is given)
};

struct Trace {
    std::string file;
    bool normalised = false; // values are shares of each PDU's capacity
    std::vector<Series> series;
};

struct TraceResult {
    std::optional<Trace> trace;
    spec::Diagnostics diagnostics; // malformed rows, with file and line
};

// Reads either format, told apart by the header. Timestamps are seconds or ISO 8601 UTC ("2026-11-30T12:00:00Z") in the
// long format, microseconds in the Google format (as its published trace). A domain's rows must come in time order.
TraceResult read_csv(const std::string& text, const std::string& file);

// A quantile by linear interpolation between the closest ranks (q in [0, 1]; the "type 7" definition of R and NumPy).
double quantile(std::vector<double> values, double q);

struct Stats {
    std::string domain; // "(aggregate)" for the sum over domains
    std::size_t samples = 0;
    double interval = 0; // median spacing, s
    double p50 = 0, p95 = 0, p99 = 0, p999 = 0, max = 0;
    double capacity = 0;      // W (1 for a normalised trace); 0: not given
    std::size_t above = 0;    // samples above 80% of capacity (the derated, continuous budget)
    double above_seconds = 0; // and the time they cover (each sample stands for its interval)
};

struct Analysis {
    std::vector<Stats> domains;
    std::optional<Stats> aggregate; // with two or more domains: the sum at timestamps every domain reports
    std::size_t dropped = 0;        // timestamps left out of the aggregate because some domain lacks them
    double diversity = 0;           // sum of per-domain maxima / maximum of the sum (>= 1)
    double quantile = 0.99;
    double safe_factor = 0; // the aggregate's quantile / the sum of per-domain maxima
    std::vector<std::string> warnings;
};

Analysis analyse(const Trace& trace, double quantile);

} // namespace archplan::telemetry
