// Power telemetry: reading the two CSV formats and the figures of an oversubscription decision (telemetry.hpp).
#include "archplan/telemetry/telemetry.hpp"

#include "archplan/spec/catalog.hpp"
#include "archplan/units/units.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fmt/format.h>
#include <map>
#include <set>
#include <sstream>

namespace archplan::telemetry {

namespace {

std::vector<std::string> split(const std::string& line) {
    std::vector<std::string> out;
    std::string cell;
    std::istringstream in(line);
    while (std::getline(in, cell, ',')) {
        auto b = cell.find_first_not_of(" \t\r"), e = cell.find_last_not_of(" \t\r");
        out.push_back(b == std::string::npos ? std::string() : cell.substr(b, e - b + 1));
    }
    if (!line.empty() && line.back() == ',') out.emplace_back();
    return out;
}

std::optional<double> number(const std::string& s) {
    if (s.empty() || s.find_first_not_of("0123456789.eE+-") != std::string::npos) return std::nullopt;
    char* end = nullptr;
    double v = std::strtod(s.c_str(), &end);
    if (*end != '\0' || !std::isfinite(v)) return std::nullopt;
    return v;
}

// Seconds: a number, or ISO 8601 UTC "2026-11-30T12:00:00Z" (fractional seconds allowed, the Z optional).
std::optional<double> timestamp(const std::string& s) {
    if (auto v = number(s)) return v;
    if (s.size() < 19 || s[10] != 'T') return std::nullopt;
    auto day = spec::day_number(s.substr(0, 10));
    int h = 0, m = 0;
    double sec = 0;
    char c1 = 0, c2 = 0;
    std::string rest = s.substr(11);
    if (!rest.empty() && rest.back() == 'Z') rest.pop_back();
    std::istringstream in(rest);
    if (!day || !(in >> h >> c1 >> m >> c2 >> sec) || c1 != ':' || c2 != ':' || !in.eof() || h > 23 || m > 59 || sec >= 61)
        return std::nullopt;
    return static_cast<double>(*day) * 86400 + h * 3600 + m * 60 + sec;
}

double median_spacing(const std::vector<Sample>& s) {
    if (s.size() < 2) return 0;
    std::vector<double> d;
    for (std::size_t i = 1; i < s.size(); ++i) d.push_back(s[i].t - s[i - 1].t);
    return quantile(d, 0.5);
}

Stats stats_of(const std::string& domain, const std::vector<Sample>& s, double capacity) {
    Stats st;
    st.domain = domain;
    st.samples = s.size();
    st.interval = median_spacing(s);
    std::vector<double> v;
    for (const auto& x : s) v.push_back(x.value);
    st.p50 = quantile(v, 0.5);
    st.p95 = quantile(v, 0.95);
    st.p99 = quantile(v, 0.99);
    st.p999 = quantile(v, 0.999);
    st.max = v.empty() ? 0 : *std::max_element(v.begin(), v.end());
    st.capacity = capacity;
    if (capacity > 0)
        for (double x : v)
            if (x > 0.8 * capacity) ++st.above;
    st.above_seconds = static_cast<double>(st.above) * st.interval;
    return st;
}

} // namespace

double quantile(std::vector<double> values, double q) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    double h = (static_cast<double>(values.size()) - 1) * q;
    auto lo = static_cast<std::size_t>(std::floor(h));
    auto hi = std::min(lo + 1, values.size() - 1);
    return values[lo] + (h - static_cast<double>(lo)) * (values[hi] - values[lo]);
}

TraceResult read_csv(const std::string& text, const std::string& file) {
    TraceResult r{std::nullopt, spec::Diagnostics(file)};
    auto& d = r.diagnostics;
    std::istringstream in(text);
    std::string line;
    int n = 0;
    std::vector<std::string> header;
    while (header.empty() && std::getline(in, line)) {
        ++n;
        if (line.find_first_not_of(" \t\r") != std::string::npos) header = split(line);
    }
    if (header.empty()) {
        d.error({n, 1}, "empty file: expected a header 'timestamp,domain,watts' (optional 'stat', 'capacity') or "
                        "'time,pdu,measured_power_util'");
        return r;
    }
    auto col = [&](const char* name) -> int {
        auto it = std::find(header.begin(), header.end(), name);
        return it == header.end() ? -1 : static_cast<int>(it - header.begin());
    };
    Trace t;
    t.file = file;
    t.normalised = col("measured_power_util") >= 0;
    int c_time = t.normalised ? col("time") : col("timestamp");
    int c_domain = t.normalised ? col("pdu") : col("domain");
    int c_value = t.normalised ? col("measured_power_util") : col("watts");
    int c_stat = col("stat"), c_cap = col("capacity");
    if (c_time < 0 || c_domain < 0 || c_value < 0) {
        d.error({n, 1}, fmt::format("the header '{}' is neither 'timestamp,domain,watts[,stat][,capacity]' nor "
                                    "'time,pdu,measured_power_util'",
                                    line));
        return r;
    }
    static const std::set<std::string> known = {"timestamp", "domain", "watts", "stat",
                                                "capacity",  "time",   "pdu",   "measured_power_util"};
    for (std::size_t i = 0; i < header.size(); ++i)
        if (!known.count(header[i]))
            d.error({n, 1}, fmt::format("unknown column '{}'", header[i]),
                    t.normalised ? "columns: time, pdu, measured_power_util"
                                 : "columns: timestamp, domain, watts, stat, capacity");
    // Per domain and statistic: the samples, and where each domain was first seen.
    std::map<std::pair<std::string, std::string>, std::vector<Sample>> rows;
    std::map<std::string, double> capacity;
    std::vector<std::string> order;
    while (std::getline(in, line)) {
        ++n;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        auto cells = split(line);
        if (cells.size() != header.size()) {
            d.error({n, 1}, fmt::format("expected {} fields like the header, got {}", header.size(), cells.size()));
            continue;
        }
        auto time = timestamp(cells[static_cast<std::size_t>(c_time)]);
        auto value = number(cells[static_cast<std::size_t>(c_value)]);
        const auto& domain = cells[static_cast<std::size_t>(c_domain)];
        if (!time) {
            d.error({n, 1}, fmt::format("'{}' is not a time: seconds, or ISO 8601 like 2026-11-30T12:00:00Z",
                                        cells[static_cast<std::size_t>(c_time)]));
            continue;
        }
        if (!value || *value < 0) {
            d.error({n, 1},
                    fmt::format("'{}' is not a {}", cells[static_cast<std::size_t>(c_value)],
                                t.normalised ? "share of capacity (a number from 0)" : "power in watts (a number from 0)"));
            continue;
        }
        if (domain.empty()) {
            d.error({n, 1}, "empty domain");
            continue;
        }
        std::string stat = c_stat >= 0 ? cells[static_cast<std::size_t>(c_stat)] : "sample";
        if (stat != "sample" && stat != "avg" && stat != "min" && stat != "max") {
            d.error({n, 1}, fmt::format("unknown stat '{}'", stat), "expected avg, min or max");
            continue;
        }
        if (c_cap >= 0 && !cells[static_cast<std::size_t>(c_cap)].empty()) {
            auto cap = number(cells[static_cast<std::size_t>(c_cap)]);
            if (!cap || *cap <= 0) {
                d.error({n, 1}, fmt::format("'{}' is not a capacity in watts", cells[static_cast<std::size_t>(c_cap)]));
                continue;
            }
            if (capacity.count(domain) && capacity[domain] != *cap) {
                d.error({n, 1}, fmt::format("domain '{}' has capacity {} here and {} before", domain, *cap, capacity[domain]));
                continue;
            }
            capacity[domain] = *cap;
        }
        double secs = t.normalised ? *time / 1e6 : *time; // the Google trace counts microseconds
        auto& s = rows[{domain, stat}];
        if (!s.empty() && secs <= s.back().t) {
            d.error({n, 1}, fmt::format("domain '{}' ({}) goes back in time or repeats a timestamp", domain, stat),
                    "rows of a domain must come in time order");
            continue;
        }
        if (std::find(order.begin(), order.end(), domain) == order.end()) order.push_back(domain);
        s.push_back({secs, *value});
    }
    if (!d.empty()) return r;
    if (order.empty()) {
        d.error({n, 1}, "no rows after the header");
        return r;
    }
    for (const auto& domain : order) {
        Series s;
        s.domain = domain;
        s.capacity = t.normalised ? 1.0 : (capacity.count(domain) ? capacity[domain] : 0.0);
        // The peaks: max rows when there are any, else plain samples, else averages; min rows never.
        for (const char* stat : {"max", "sample", "avg"}) {
            auto it = rows.find({domain, stat});
            if (it == rows.end()) continue;
            if (s.samples.empty()) {
                s.samples = it->second;
                s.stat = stat;
            } else {
                s.ignored += it->second.size();
            }
        }
        if (auto it = rows.find({domain, "min"}); it != rows.end()) s.ignored += it->second.size();
        if (s.samples.empty()) {
            d.error({n, 1}, fmt::format("domain '{}' has only 'min' rows: peaks need max, avg or plain samples", domain));
            return r;
        }
        t.series.push_back(std::move(s));
    }
    r.trace = std::move(t);
    return r;
}

Analysis analyse(const Trace& trace, double q) {
    Analysis a;
    a.quantile = q;
    double sum_of_maxima = 0;
    for (const auto& s : trace.series) {
        a.domains.push_back(stats_of(s.domain, s.samples, s.capacity));
        sum_of_maxima += a.domains.back().max;
        if (s.stat == "avg" && a.domains.back().interval >= 60)
            a.warnings.push_back(
                fmt::format("'{}' has only averages over {}: a synchronous training job swings within a minute, and an average "
                            "hides the peaks, so its figures understate them and a factor from them is not safe",
                            s.domain, units::format_duration(units::Seconds(a.domains.back().interval))));
        if (s.ignored > 0)
            a.warnings.push_back(fmt::format("'{}': {} {} not used (peaks come from its {} rows)", s.domain, s.ignored,
                                             s.ignored == 1 ? "row of another statistic" : "rows of other statistics", s.stat));
    }
    if (trace.series.size() < 2) { // one domain: its own quantile against its own peak
        a.diversity = 1.0;
        std::vector<double> v;
        for (const auto& x : trace.series.front().samples) v.push_back(x.value);
        if (sum_of_maxima > 0) a.safe_factor = quantile(v, q) / sum_of_maxima;
        return a;
    }
    // The aggregate: the sum at the timestamps every domain reports.
    std::map<double, std::pair<std::size_t, double>> at; // time -> (domains reporting, sum)
    for (const auto& s : trace.series)
        for (const auto& x : s.samples) {
            auto& e = at[x.t];
            ++e.first;
            e.second += x.value;
        }
    std::vector<Sample> sum;
    for (const auto& [t, e] : at) {
        if (e.first == trace.series.size())
            sum.push_back({t, e.second});
        else
            ++a.dropped;
    }
    if (sum.empty()) {
        a.warnings.push_back("no timestamp is reported by every domain: there is no aggregate, no diversity ratio and no "
                             "safe factor");
        return a;
    }
    double total_capacity = 0;
    for (const auto& s : trace.series) total_capacity += s.capacity;
    bool all_capacities = std::all_of(trace.series.begin(), trace.series.end(), [](const Series& s) { return s.capacity > 0; });
    a.aggregate = stats_of("(aggregate)", sum, all_capacities ? total_capacity : 0);
    if (a.aggregate->max > 0) a.diversity = sum_of_maxima / a.aggregate->max;
    std::vector<double> v;
    for (const auto& x : sum) v.push_back(x.value);
    if (sum_of_maxima > 0) a.safe_factor = quantile(v, q) / sum_of_maxima;
    if (a.dropped > 0)
        a.warnings.push_back(
            fmt::format("{} timestamps are not reported by every domain and are left out of the aggregate", a.dropped));
    if (trace.normalised)
        a.warnings.push_back("a normalised trace: the aggregate sums each PDU's share of its own capacity, as if every PDU "
                             "had the same capacity");
    return a;
}

} // namespace archplan::telemetry
