// Strict parser and deterministic formatter for the sizes, rates, durations and ratios written in a spec.
#include "archplan/units/units.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

namespace archplan::units {

namespace {

// ---------------------------------------------------------------------------------------------
// Unit tables
// ---------------------------------------------------------------------------------------------

// value = (written number × 10^shift) × factor. The decimal shift is applied to the decimal text
// before conversion, so "3.84 TB" is exactly the double nearest to 3.84e12; the factor is only
// ever a power of two (binary prefixes, 1/8 for bits) or a small integer (60, 3600, ...).
struct UnitDef {
    std::string name;
    int shift;
    double factor;
};

const std::vector<UnitDef>& size_units() {
    static const std::vector<UnitDef> table = [] {
        std::vector<UnitDef> t;
        const std::array<const char*, 7> si = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
        for (int i = 0; i < 7; ++i) t.push_back({si[static_cast<std::size_t>(i)], 3 * i, 1.0});
        const std::array<const char*, 6> bin = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        for (int i = 0; i < 6; ++i) t.push_back({bin[static_cast<std::size_t>(i)], 0, std::ldexp(1.0, 10 * (i + 1))});
        const std::array<const char*, 6> bits = {"b", "kb", "Mb", "Gb", "Tb", "Pb"};
        for (int i = 0; i < 6; ++i) t.push_back({bits[static_cast<std::size_t>(i)], 3 * i, 0.125});
        const std::array<const char*, 6> bitw = {"bit", "kbit", "Mbit", "Gbit", "Tbit", "Pbit"};
        for (int i = 0; i < 6; ++i) t.push_back({bitw[static_cast<std::size_t>(i)], 3 * i, 0.125});
        return t;
    }();
    return table;
}

const std::vector<UnitDef>& rate_units() {
    static const std::vector<UnitDef> table = [] {
        std::vector<UnitDef> t;
        for (const UnitDef& u : size_units()) t.push_back({u.name + "/s", u.shift, u.factor});
        const std::array<const char*, 6> bps = {"bps", "kbps", "Mbps", "Gbps", "Tbps", "Pbps"};
        for (int i = 0; i < 6; ++i) t.push_back({bps[static_cast<std::size_t>(i)], 3 * i, 0.125});
        return t;
    }();
    return table;
}

const std::vector<UnitDef>& duration_units() {
    static const std::vector<UnitDef> table = {
        {"ms", -3, 1.0},      {"s", 0, 1.0},        {"second", 0, 1.0},      {"seconds", 0, 1.0},
        {"min", 0, 60.0},     {"minute", 0, 60.0},  {"minutes", 0, 60.0},    {"h", 0, 3600.0},
        {"hour", 0, 3600.0},  {"hours", 0, 3600.0}, {"d", 0, 86400.0},       {"day", 0, 86400.0},
        {"days", 0, 86400.0}, {"y", 0, 31536000.0}, {"year", 0, 31536000.0}, {"years", 0, 31536000.0},
    };
    return table;
}

const std::vector<UnitDef>& ratio_units() {
    static const std::vector<UnitDef> table = {{"%", -2, 1.0}};
    return table;
}

const std::vector<UnitDef>& frequency_units() {
    static const std::vector<UnitDef> table = {{"/s", 0, 1.0}, {"k/s", 3, 1.0}, {"M/s", 6, 1.0}, {"G/s", 9, 1.0}};
    return table;
}

const std::vector<UnitDef>& power_units() {
    static const std::vector<UnitDef> table = {{"W", 0, 1.0}, {"kW", 3, 1.0}, {"MW", 6, 1.0}};
    return table;
}

const std::vector<UnitDef>& voltage_units() {
    static const std::vector<UnitDef> table = {{"V", 0, 1.0}, {"kV", 3, 1.0}};
    return table;
}

const std::vector<UnitDef>& current_units() {
    static const std::vector<UnitDef> table = {{"A", 0, 1.0}};
    return table;
}

// Money is in US dollars, written after the number as a currency code ("350000 USD", "1.2 MUSD").
const std::vector<UnitDef>& money_units() {
    static const std::vector<UnitDef> table = {{"USD", 0, 1.0}, {"kUSD", 3, 1.0}, {"MUSD", 6, 1.0}};
    return table;
}

// An energy price, stored in USD per joule.
const std::vector<UnitDef>& energy_price_units() {
    static const std::vector<UnitDef> table = {{"USD/kWh", 0, 1.0 / 3.6e6}, {"USD/MWh", 0, 1.0 / 3.6e9}};
    return table;
}

// A price per unit of time (a node-hour), stored in USD per second.
const std::vector<UnitDef>& money_rate_units() {
    static const std::vector<UnitDef> table = {{"USD/h", 0, 1.0 / 3600.0}};
    return table;
}

// Floating-point operations per second (HPL's Rmax).
const std::vector<UnitDef>& flops_units() {
    static const std::vector<UnitDef> table = [] {
        std::vector<UnitDef> t;
        const std::array<const char*, 6> prefix = {"", "G", "T", "P", "E", "M"};
        const std::array<int, 6> shift = {0, 9, 12, 15, 18, 6};
        for (std::size_t i = 0; i < prefix.size(); ++i) {
            t.push_back({std::string(prefix[i]) + "flop/s", shift[i], 1.0});
            if (i > 0) t.push_back({std::string(prefix[i]) + "Flop/s", shift[i], 1.0});
        }
        return t;
    }();
    return table;
}

const std::vector<UnitDef>& units_of(Kind k) {
    switch (k) {
    case Kind::size: return size_units();
    case Kind::rate: return rate_units();
    case Kind::duration: return duration_units();
    case Kind::frequency: return frequency_units();
    case Kind::power: return power_units();
    case Kind::voltage: return voltage_units();
    case Kind::current: return current_units();
    case Kind::money: return money_units();
    case Kind::energy_price: return energy_price_units();
    case Kind::money_rate: return money_rate_units();
    case Kind::flops: return flops_units();
    case Kind::ratio: break;
    }
    return ratio_units();
}

const UnitDef* find_unit(const std::vector<UnitDef>& table, std::string_view name) {
    for (const UnitDef& u : table)
        if (u.name == name) return &u;
    return nullptr;
}

std::string valid_list(Kind k) {
    if (k == Kind::duration) return "ms, s, min, h, d, y, second(s), minute(s), hour(s), day(s), year(s)";
    if (k == Kind::ratio) return "% or no unit";
    std::string out;
    for (const UnitDef& u : units_of(k)) {
        if (!out.empty()) out += ", ";
        out += u.name;
    }
    return out;
}

const char* examples(Kind k) {
    switch (k) {
    case Kind::size: return "'3.84 TB' or '30.72 TiB'";
    case Kind::rate: return "'400 Gb/s' or '10 TB/s'";
    case Kind::duration: return "'30 min'";
    case Kind::frequency: return "'20000/s' or '20k/s'";
    case Kind::power: return "'700 W' or '10.2 kW'";
    case Kind::voltage: return "'415 V'";
    case Kind::current: return "'32 A'";
    case Kind::money: return "'350000 USD' or '1.2 MUSD'";
    case Kind::energy_price: return "'0.12 USD/kWh'";
    case Kind::money_rate: return "'60 USD/h'";
    case Kind::flops: return "'561200 TFlop/s'";
    case Kind::ratio: break;
    }
    return "'95%' or '0.95'";
}

// ---------------------------------------------------------------------------------------------
// Small string helpers
// ---------------------------------------------------------------------------------------------

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
char to_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (to_lower(s[i]) != to_lower(prefix[i])) return false;
    return true;
}

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string quote(std::string_view s) { return "'" + std::string(s) + "'"; }

// Optimal-string-alignment edit distance (insert, delete, substitute, swap adjacent).
std::size_t edit_distance(std::string_view a, std::string_view b, bool fold_case) {
    auto eq = [fold_case](char x, char y) { return fold_case ? to_lower(x) == to_lower(y) : x == y; };
    const std::size_t n = a.size();
    const std::size_t m = b.size();
    std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1, 0));
    for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= n; ++i) {
        for (std::size_t j = 1; j <= m; ++j) {
            const std::size_t cost = eq(a[i - 1], b[j - 1]) ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && eq(a[i - 1], b[j - 2]) && eq(a[i - 2], b[j - 1]))
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[n][m];
}

// "; did you mean 'TB'?" when a valid unit is close (case-insensitively) to the one written, else "".
// Ties on the case-insensitive distance are broken by the case-sensitive one, so "TBs" suggests 'TB'
// (not 'Tb'); but a unit that differs from several valid ones only in case ("gb") lists them all
// ('GB' or 'Gb'), since bytes versus bits is exactly what we cannot guess.
std::string suggestion(std::string_view unit, Kind k) {
    if (k == Kind::duration) {
        static const std::array<std::pair<const char*, const char*>, 7> hints = {
            {{"sec", "s"}, {"secs", "s"}, {"msec", "ms"}, {"hr", "h"}, {"hrs", "h"}, {"yr", "y"}, {"yrs", "y"}}};
        for (const auto& [alias, name] : hints)
            if (unit == alias) return "; did you mean " + quote(name) + "?";
    }
    using Key = std::pair<std::size_t, std::size_t>;
    std::vector<std::pair<Key, std::string>> found;
    for (const UnitDef& u : units_of(k)) {
        const std::size_t ci = edit_distance(unit, u.name, true);
        const std::size_t limit = std::max(unit.size(), u.name.size()) <= 3 ? 1 : 2;
        if (ci > limit || ci >= std::min(unit.size(), u.name.size())) continue;
        found.push_back({{ci, edit_distance(unit, u.name, false)}, u.name});
    }
    if (found.empty()) return "";
    Key best = found.front().first;
    for (const auto& f : found) best = std::min(best, f.first);
    std::vector<std::string> names;
    for (const auto& f : found)
        if (best.first == 0 ? f.first.first == 0 : f.first == best) names.push_back(f.second);
    if (names.size() > 3) names.resize(3);
    std::string out = "; did you mean ";
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) out += (i + 1 == names.size()) ? " or " : ", ";
        out += quote(names[i]);
    }
    return out + "?";
}

// ---------------------------------------------------------------------------------------------
// Unit classification
// ---------------------------------------------------------------------------------------------

// "KB" → "kB" when that is valid in the table (an upper-case K is ambiguous: 1000 or 1024?).
const UnitDef* find_capital_k_variant(const std::vector<UnitDef>& table, std::string_view unit) {
    if (unit.empty() || unit.front() != 'K') return nullptr;
    std::string lower_k(unit);
    lower_k[0] = 'k';
    return find_unit(table, lower_k);
}

// "GBps", "KBps", "Bps": byte units followed by "ps", easily misread as bits per second.
bool is_byte_ps(std::string_view unit) {
    if (!ends_with(unit, "ps") || unit.size() < 3) return false;
    const std::string_view prefix = unit.substr(0, unit.size() - 2);
    if (prefix.back() != 'B') return false;
    return find_unit(size_units(), prefix) != nullptr || find_capital_k_variant(size_units(), prefix) != nullptr;
}

// "TB/h", "GB/min": a size per some time unit other than the second.
bool is_size_per_other_time(std::string_view unit) {
    const std::size_t slash = unit.find('/');
    if (slash == std::string_view::npos) return false;
    const std::string_view num = unit.substr(0, slash);
    const std::string_view den = unit.substr(slash + 1);
    const bool size_ok = find_unit(size_units(), num) != nullptr || find_capital_k_variant(size_units(), num);
    return size_ok && den != "s" && find_unit(duration_units(), den) != nullptr;
}

bool belongs_to(Kind k, std::string_view unit) {
    const std::vector<UnitDef>& table = units_of(k);
    if (find_unit(table, unit) != nullptr || find_capital_k_variant(table, unit) != nullptr) return true;
    if (k == Kind::rate) return is_byte_ps(unit) || is_size_per_other_time(unit);
    return false;
}

// ---------------------------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------------------------

// Decimal text mantissa × 10^exponent, correctly rounded; nullopt when out of the double range.
std::optional<double> decimal_to_double(const std::string& mantissa, long long exponent) {
    const std::string s = mantissa + "e" + std::to_string(exponent);
    double v = 0.0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
    const bool nonzero = std::any_of(mantissa.begin(), mantissa.end(), [](char c) { return c >= '1' && c <= '9'; });
    if (nonzero && v == 0.0) return std::nullopt;
    return v;
}

Parsed fail(std::string message) { return Parsed{std::nullopt, std::move(message)}; }

Parsed parse_quantity(std::string_view text, Kind kind) {
    const std::string_view t = trim(text);
    const std::string what = kind_name(kind);
    if (t.empty()) return fail("empty value; expected a " + what + ", e.g. " + examples(kind));

    const bool minus = t.front() == '-';
    const bool plus = t.front() == '+';
    const std::string_view body = (minus || plus) ? t.substr(1) : t;
    if (starts_with_ci(body, "inf") || starts_with_ci(body, "nan")) return fail(quote(t) + " is not a finite number");
    const bool number_follows = !body.empty() && (is_digit(body.front()) || body.front() == '.');
    if (minus && number_follows) return fail("negative value " + quote(t) + " is not allowed");
    if (plus && number_follows) return fail("unexpected '+' in " + quote(t) + "; write the number without a sign");

    // number: digits [ '.' digits ] [ ('e'|'E') ['+'|'-'] digits ]
    std::size_t p = 0;
    std::size_t ndigits = 0;
    while (p < t.size() && is_digit(t[p])) {
        ++p;
        ++ndigits;
    }
    if (p < t.size() && t[p] == '.') {
        ++p;
        while (p < t.size() && is_digit(t[p])) {
            ++p;
            ++ndigits;
        }
    }
    if (ndigits == 0) return fail("expected a " + what + ", e.g. " + examples(kind) + ", got " + quote(t));
    std::string mantissa(t.substr(0, p));
    if (mantissa.back() == '.') mantissa.pop_back();
    if (mantissa.front() == '.') mantissa.insert(0, "0");

    long long exponent = 0;
    if (p < t.size() && (t[p] == 'e' || t[p] == 'E')) {
        std::size_t q = p + 1;
        bool exp_negative = false;
        if (q < t.size() && (t[q] == '+' || t[q] == '-')) {
            exp_negative = t[q] == '-';
            ++q;
        }
        if (q < t.size() && is_digit(t[q])) { // otherwise the 'e'/'E' starts the unit, as in "1EB"
            while (q < t.size() && is_digit(t[q])) {
                exponent = std::min(exponent * 10 + (t[q] - '0'), 1000000LL); // saturate; surely out of range
                ++q;
            }
            if (exp_negative) exponent = -exponent;
            p = q;
        }
    }

    if (p < t.size()) {
        const char c = t[p];
        if (c == ',')
            return fail("commas are not allowed in numbers: " + quote(t) +
                        "; write '1800' rather than '1,800' and use '.' for a decimal point");
        if (c == '_') return fail("underscores are not allowed in numbers: " + quote(t));
        if (c == '.') return fail("malformed number in " + quote(t));
    }

    std::size_t unit_start = p;
    while (unit_start < t.size() && is_space(t[unit_start])) ++unit_start;
    const std::size_t gap = unit_start - p;
    if (gap > 1 || (gap == 1 && t[p] != ' ')) return fail("use at most one space between the number and the unit: " + quote(t));
    const std::string_view unit = t.substr(unit_start);
    if (std::any_of(unit.begin(), unit.end(), is_space))
        return fail("malformed " + what + " " + quote(t) + "; expected a number, an optional space and a unit, e.g. " +
                    examples(kind));

    if (!decimal_to_double(mantissa, exponent)) return fail("value " + quote(t) + " is out of range");

    // Resolve the unit.
    static const UnitDef bare_ratio{"", 0, 1.0};
    const UnitDef* def = nullptr;
    if (unit.empty()) {
        if (kind != Kind::ratio) return fail("a " + what + " needs a unit, e.g. " + examples(kind));
        def = &bare_ratio;
    } else {
        def = find_unit(units_of(kind), unit);
    }

    if (def == nullptr) {
        const std::vector<UnitDef>& table = units_of(kind);
        if (const UnitDef* lower_k = find_capital_k_variant(table, unit)) {
            std::string binary = "Ki" + std::string(unit.substr(1));
            if (find_unit(table, binary) != nullptr)
                return fail("ambiguous unit " + quote(unit) + "; write " + quote(lower_k->name) + " (powers of 1000) or " +
                            quote(binary) + " (powers of 1024)");
            return fail("ambiguous unit " + quote(unit) + "; write " + quote(lower_k->name) + " (powers of 1000)");
        }
        if (kind == Kind::rate && is_byte_ps(unit)) {
            const std::string_view prefix = unit.substr(0, unit.size() - 2);
            std::string write = quote(std::string(prefix) + "/s");
            if (find_unit(size_units(), prefix) == nullptr) // "KBps": the prefix itself is ambiguous
                write = quote("k" + std::string(prefix.substr(1)) + "/s") + " or " +
                        quote("Ki" + std::string(prefix.substr(1)) + "/s");
            return fail("unit " + quote(unit) + " is not accepted because it is easily misread as bits per second; write " +
                        write);
        }
        if (kind == Kind::rate && is_size_per_other_time(unit))
            return fail("rates must be given per second, e.g. '10 TB/s', not " + quote(unit));

        for (Kind other : {Kind::size, Kind::rate, Kind::duration, Kind::ratio, Kind::frequency, Kind::power, Kind::voltage,
                           Kind::current, Kind::money, Kind::energy_price, Kind::money_rate, Kind::flops}) {
            if (other == kind || !belongs_to(other, unit)) continue;
            std::string message = "expected a " + what + ", got a " + kind_name(other);
            if (kind == Kind::rate && other == Kind::size) message += "; write e.g. '10 TB/s'";
            return fail(message);
        }
        // Anything else per second is still a rate (for a size, so is anything ending in "ps").
        if (kind != Kind::rate && kind != Kind::frequency && kind != Kind::flops &&
            (ends_with(unit, "/s") || (kind == Kind::size && ends_with(unit, "ps"))))
            return fail("expected a " + what + ", got a rate");

        if (kind == Kind::duration && unit == "m")
            return fail("ambiguous unit 'm'; write 'min' (minutes) or 'ms' (milliseconds)");
        return fail("unknown unit " + quote(unit) + " (valid: " + valid_list(kind) + ")" + suggestion(unit, kind));
    }

    const std::optional<double> scaled = decimal_to_double(mantissa, exponent + def->shift);
    if (!scaled) return fail("value " + quote(t) + " is out of range");
    const double value = *scaled * def->factor;
    if (!std::isfinite(value) || (*scaled != 0.0 && value == 0.0)) return fail("value " + quote(t) + " is out of range");
    return Parsed{value, std::string()};
}

// ---------------------------------------------------------------------------------------------
// Decimal rounding for the formatters
// ---------------------------------------------------------------------------------------------

// A non-negative decimal d1.d2d3... × 10^exp (digits empty means zero). Built from the shortest
// decimal text that round-trips to the double, so 9.995 rounds like the 9.995 a reviewer sees
// ("10.0"), not like its binary neighbour 9.99499999999999957...
struct Decimal {
    std::string digits;
    int exp = 0;
    [[nodiscard]] bool zero() const { return digits.empty(); }
};

Decimal to_decimal(double a) { // a finite, ≥ 0
    Decimal d;
    if (a == 0.0) return d;
    std::array<char, 64> buf{};
    // 12 significant digits: enough for any figure archplan prints, and it drops the last-bit noise of
    // computed values (1424999999999.9998 is 1.425e12, and must not print as 1.42).
    const auto res = std::to_chars(buf.data(), buf.data() + buf.size(), a, std::chars_format::scientific, 11);
    const std::string_view s(buf.data(), static_cast<std::size_t>(res.ptr - buf.data()));
    const std::size_t e = s.find('e');
    for (char c : s.substr(0, e))
        if (is_digit(c)) d.digits.push_back(c);
    int x = 0;
    std::from_chars(s.data() + e + 1 + (s[e + 1] == '+' ? 1 : 0), s.data() + s.size(), x);
    d.exp = x;
    while (d.digits.size() > 1 && d.digits.back() == '0') d.digits.pop_back();
    return d;
}

// Round half away from zero, keeping digits down to the 10^place position.
Decimal round_to_place(const Decimal& d, int place) {
    if (d.zero()) return d;
    const long keep = static_cast<long>(d.exp) - place + 1;
    if (keep >= static_cast<long>(d.digits.size())) return d;
    if (keep < 0) return Decimal{};
    if (keep == 0) return d.digits[0] >= '5' ? Decimal{"1", place} : Decimal{};
    Decimal r{d.digits.substr(0, static_cast<std::size_t>(keep)), d.exp};
    if (d.digits[static_cast<std::size_t>(keep)] >= '5') {
        std::size_t i = r.digits.size();
        while (i > 0 && r.digits[i - 1] == '9') {
            r.digits[i - 1] = '0';
            --i;
        }
        if (i == 0) {
            r.digits.insert(0, "1");
            r.exp += 1;
        } else {
            r.digits[i - 1] = static_cast<char>(r.digits[i - 1] + 1);
        }
    }
    return r;
}

char digit_at(const Decimal& d, int pos) { // digit at the 10^pos position
    const long i = static_cast<long>(d.exp) - pos;
    if (d.zero() || i < 0 || i >= static_cast<long>(d.digits.size())) return '0';
    return d.digits[static_cast<std::size_t>(i)];
}

// Fixed-point text with thousands separators and exactly `decimals` digits after the point.
std::string render_fixed(const Decimal& d, int decimals) {
    std::string integer;
    const int top = d.zero() ? 0 : std::max(d.exp, 0);
    for (int pos = top; pos >= 0; --pos) {
        integer.push_back(digit_at(d, pos));
        if (pos > 0 && pos % 3 == 0) integer.push_back(',');
    }
    if (decimals <= 0) return integer;
    std::string out = integer + ".";
    for (int pos = -1; pos >= -decimals; --pos) out.push_back(digit_at(d, pos));
    return out;
}

std::string non_finite(double v) {
    if (std::isnan(v)) return "nan";
    return v < 0 ? "-inf" : "inf";
}

// The exponent of `a` once rounded to `digits` significant digits (999.6 → 3).
int rounded_exponent(double a, int digits) {
    const Decimal d = to_decimal(std::fabs(a));
    if (d.zero()) return 0;
    return round_to_place(d, d.exp - digits + 1).exp;
}

struct Scale {
    const char* name;
    double divisor;
};

// Largest unit in which |v| ≥ 1, moving one unit up when the 3-digit rounding reaches 1,000.
template <std::size_t N>
std::string format_scaled(double v, const std::array<Scale, N>& scales, int digits = 3, bool trim_zeros = false) {
    if (!std::isfinite(v)) return non_finite(v) + " " + scales[0].name;
    if (v == 0.0) return std::string("0 ") + scales[0].name;
    const double a = std::fabs(v);
    std::size_t i = 0;
    while (i + 1 < N && a >= scales[i + 1].divisor) ++i;
    if (i + 1 < N && rounded_exponent(a / scales[i].divisor, digits) >= 3) ++i;
    auto number = format_sig(v / scales[i].divisor, digits);
    if (trim_zeros && number.find('.') != std::string::npos && number.find('e') == std::string::npos) {
        number.erase(number.find_last_not_of('0') + 1);
        if (number.back() == '.') number.pop_back();
    }
    return number + " " + scales[i].name;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Public interface
// ---------------------------------------------------------------------------------------------

const char* kind_name(Kind k) {
    switch (k) {
    case Kind::size: return "size";
    case Kind::rate: return "rate";
    case Kind::duration: return "duration";
    case Kind::frequency: return "rate of operations";
    case Kind::power: return "power";
    case Kind::voltage: return "voltage";
    case Kind::current: return "current";
    case Kind::money: return "price";
    case Kind::energy_price: return "price of energy";
    case Kind::money_rate: return "price per hour";
    case Kind::flops: return "floating-point rate";
    case Kind::ratio: break;
    }
    return "ratio";
}

Parsed parse_size(std::string_view text) { return parse_quantity(text, Kind::size); }
Parsed parse_rate(std::string_view text) { return parse_quantity(text, Kind::rate); }
Parsed parse_duration(std::string_view text) { return parse_quantity(text, Kind::duration); }
PhysicalRange physical_range(Kind kind) {
    constexpr double year = 8760.0 * 3600.0;
    switch (kind) {
    case Kind::size: return {1.0, 1e21, "1 B to 1 ZB (10^21 B)"};
    case Kind::rate: return {1.0, 1e18, "1 B/s to 1 EB/s (10^18 B/s)"};
    case Kind::duration: return {1e-6, 1e6 * year, "1 us to 1,000,000 y"};
    case Kind::frequency: return {1e-9, 1e15, "10^-9/s to 10^15/s"};
    case Kind::power: return {1e-3, 1e10, "1 mW to 10 GW"};
    case Kind::voltage: return {1.0, 1e6, "1 V to 1,000 kV"};
    case Kind::current: return {1e-3, 1e5, "1 mA to 100,000 A"};
    case Kind::money: return {1e-2, 1e13, "1 cent to 10^13 USD"};
    case Kind::energy_price: return {1e-3 / 3.6e6, 100.0 / 3.6e6, "0.001 to 100 USD/kWh"};
    case Kind::money_rate: return {1e-3 / 3600, 1e6 / 3600, "0.001 to 1,000,000 USD/h"};
    case Kind::flops: return {1.0, 1e21, "1 flop/s to 1,000 Eflop/s"};
    case Kind::ratio: break;
    }
    return {0.0, std::numeric_limits<double>::infinity(), "any"};
}

Parsed parse_ratio(std::string_view text) { return parse_quantity(text, Kind::ratio); }
Parsed parse(Kind kind, std::string_view text) { return parse_quantity(text, kind); }

std::string format_sig(double v, int digits) {
    if (!std::isfinite(v)) return non_finite(v);
    if (v == 0.0) return "0";
    digits = std::max(digits, 1);
    const std::string sign = v < 0 ? "-" : "";
    const Decimal d = to_decimal(std::fabs(v));
    const Decimal r = round_to_place(d, d.exp - digits + 1);
    if (r.exp >= 3) return sign + render_fixed(round_to_place(d, 0), 0); // ≥ 1,000: whole number
    if (r.exp < -3) {                                                    // < 0.001: 1.23e-05
        std::string m(1, r.digits[0]);
        if (digits > 1) {
            m += ".";
            for (int i = 1; i < digits; ++i)
                m.push_back(static_cast<std::size_t>(i) < r.digits.size() ? r.digits[static_cast<std::size_t>(i)] : '0');
        }
        const int e = -r.exp;
        return sign + m + "e-" + (e < 10 ? "0" : "") + std::to_string(e);
    }
    return sign + render_fixed(r, std::max(0, digits - 1 - r.exp));
}

std::string format_count(double n) {
    if (!std::isfinite(n)) return non_finite(n);
    const Decimal r = round_to_place(to_decimal(std::fabs(n)), 0);
    if (r.zero()) return "0";
    return (n < 0 ? "-" : "") + render_fixed(r, 0);
}

namespace {
const std::array<Scale, 7> size_scales = {
    {{"B", 1.0}, {"kB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"TB", 1e12}, {"PB", 1e15}, {"EB", 1e18}}};
const std::array<Scale, 7> rate_scales = {
    {{"B/s", 1.0}, {"kB/s", 1e3}, {"MB/s", 1e6}, {"GB/s", 1e9}, {"TB/s", 1e12}, {"PB/s", 1e15}, {"EB/s", 1e18}}};
const std::array<Scale, 4> power_scales = {{{"W", 1.0}, {"kW", 1e3}, {"MW", 1e6}, {"GW", 1e9}}};
} // namespace

std::string format_power(double watts) { return format_scaled(watts, power_scales); }

// Whole dollars below a million (what a quote shows), three digits in millions above; cents below one dollar.
std::string format_money(double usd) {
    if (!std::isfinite(usd)) return non_finite(usd);
    std::string sign = usd < 0 ? "-" : "";
    double a = std::fabs(usd);
    if (a >= 1e6) return sign + "$" + format_sig(a / 1e6, 3) + " M";
    if (a >= 1.0) return sign + "$" + format_count(a);
    return sign + "$" + format_sig(a, 2);
}

std::string format_size(Bytes b) { return format_scaled(b.value(), size_scales); }
std::string format_rate(BytesPerSecond r) { return format_scaled(r.value(), rate_scales); }
std::string format_size(Bytes b, int digits) { return format_scaled(b.value(), size_scales, digits); }
std::string format_rate(BytesPerSecond r, int digits) { return format_scaled(r.value(), rate_scales, digits); }
std::string format_size_exact(Bytes b) { return format_scaled(b.value(), size_scales, 6, true); }
std::string format_rate_exact(BytesPerSecond r) { return format_scaled(r.value(), rate_scales, 6, true); }

std::string format_bit_rate(BytesPerSecond r) {
    static const std::array<Scale, 6> scales = {
        {{"b/s", 1.0}, {"kb/s", 1e3}, {"Mb/s", 1e6}, {"Gb/s", 1e9}, {"Tb/s", 1e12}, {"Pb/s", 1e15}}};
    return format_scaled(r.value() * 8.0, scales);
}

std::string format_duration(Seconds s) {
    const double v = s.value();
    if (!std::isfinite(v)) return non_finite(v) + " s";
    if (v == 0.0) return "0 s";
    const double a = std::fabs(v);
    if (a < 1.0 && rounded_exponent(a * 1000.0, 3) < 3) return format_sig(v * 1000.0, 3) + " ms";
    if (a < 120.0) return format_sig(v, 3) + " s";
    if (a < 7200.0) return format_sig(v / 60.0, 3) + " min";
    if (a < 172800.0) return format_sig(v / 3600.0, 3) + " h";
    if (a < 31536000.0) return format_sig(v / 86400.0, 3) + " d";
    return format_sig(v / 31536000.0, 3) + " y";
}

std::string format_percent(double ratio) { return format_sig(ratio * 100.0, 3) + "%"; }

std::string format_per_second(double per_second) { return format_sig(per_second, 3) + "/s"; }

} // namespace archplan::units
