// Strong quantity types and the strict parser/formatter for quantities written in a spec.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace archplan::units {

// All quantities are stored in SI base units (bytes, bytes per second, seconds) as doubles.
template <class Tag>
class Quantity {
public:
    constexpr Quantity() = default;
    constexpr explicit Quantity(double v) : m_value(v) {}
    [[nodiscard]] constexpr double value() const { return m_value; }

    constexpr Quantity& operator+=(Quantity o) {
        m_value += o.m_value;
        return *this;
    }
    constexpr Quantity& operator-=(Quantity o) {
        m_value -= o.m_value;
        return *this;
    }
    friend constexpr Quantity operator+(Quantity a, Quantity b) { return Quantity(a.m_value + b.m_value); }
    friend constexpr Quantity operator-(Quantity a, Quantity b) { return Quantity(a.m_value - b.m_value); }
    friend constexpr Quantity operator*(Quantity a, double k) { return Quantity(a.m_value * k); }
    friend constexpr Quantity operator*(double k, Quantity a) { return Quantity(a.m_value * k); }
    friend constexpr Quantity operator/(Quantity a, double k) { return Quantity(a.m_value / k); }
    friend constexpr double operator/(Quantity a, Quantity b) { return a.m_value / b.m_value; }
    friend constexpr bool operator<(Quantity a, Quantity b) { return a.m_value < b.m_value; }
    friend constexpr bool operator>(Quantity a, Quantity b) { return a.m_value > b.m_value; }
    friend constexpr bool operator<=(Quantity a, Quantity b) { return a.m_value <= b.m_value; }
    friend constexpr bool operator>=(Quantity a, Quantity b) { return a.m_value >= b.m_value; }
    friend constexpr bool operator==(Quantity a, Quantity b) { return a.m_value == b.m_value; }
    friend constexpr bool operator!=(Quantity a, Quantity b) { return a.m_value != b.m_value; }

private:
    double m_value = 0.0;
};

struct BytesTag {};
struct RateTag {};
struct SecondsTag {};

using Bytes = Quantity<BytesTag>;         // bytes (B)
using BytesPerSecond = Quantity<RateTag>; // bytes per second (B/s); bit rates are divided by 8
using Seconds = Quantity<SecondsTag>;     // seconds

inline BytesPerSecond operator/(Bytes b, Seconds s) { return BytesPerSecond(b.value() / s.value()); }
inline Seconds operator/(Bytes b, BytesPerSecond r) { return Seconds(b.value() / r.value()); }
inline Bytes operator*(BytesPerSecond r, Seconds s) { return Bytes(r.value() * s.value()); }

// What a quantity string turned out to be; used to say "expected a rate, got a size".
// power W, voltage V, current A, money USD, energy_price USD/J (written USD/kWh), money_rate USD/s (written
// USD/h), flops floating-point operations per second.
enum class Kind { size, rate, duration, ratio, frequency, power, voltage, current, money, energy_price, money_rate, flops };
const char* kind_name(Kind k);

// Outcome of parsing: a value in SI base units, or an error message (lower case, no period)
// that names what was expected and, for an unknown unit, the valid units.
struct Parsed {
    std::optional<double> value;
    std::string error;
};

// "3.84 TB", "30.72 TiB", "512 Gb": sizes. A bare number is an error.
Parsed parse_size(std::string_view text);
// "400 Gb/s", "10 TB/s", "90 GB/s", "1.5 GiB/s", "100 Gbit/s": rates. Bits are divided by 8.
Parsed parse_rate(std::string_view text);
// "30 s", "30 min", "2 h", "1.5 d", "1 y" (8,760 h): durations.
Parsed parse_duration(std::string_view text);
// "95%" or a bare 0.95: a dimensionless ratio.
Parsed parse_ratio(std::string_view text);
// "20000/s", "20k/s", "1.5M/s": operations per second (file creates, opens).
// (Parsed with parse(Kind::frequency, text).)
// Dispatch on kind.
Parsed parse(Kind kind, std::string_view text);

// The values archplan accepts for a kind (other than zero, where a key allows it): beyond them a figure is a
// typo or a unit slip, and the arithmetic downstream (ratios, counts, probabilities) would lose its meaning.
// Ratios have a range per key instead.
struct PhysicalRange {
    double lo, hi;    // in SI base units
    const char* text; // "1 B/s to 1 EB/s"
};
PhysicalRange physical_range(Kind kind);

// Formatting, deterministic, for reports. Three significant digits unless stated.
std::string format_size(Bytes b);              // "50.0 PB", "737 TB", "3.84 TB"
std::string format_rate(BytesPerSecond r);     // "10.0 TB/s", "47.5 GB/s"
std::string format_bit_rate(BytesPerSecond r); // "400 Gb/s"
// The same with `digits` significant digits, to tell two figures apart that agree in three ("10.99 TB/s").
std::string format_size(Bytes b, int digits);
std::string format_rate(BytesPerSecond r, int digits);
// Input figures echoed in derivations: up to 6 significant digits, no trailing zeros ("30.72 TB").
std::string format_size_exact(Bytes b);
std::string format_rate_exact(BytesPerSecond r);
std::string format_duration(Seconds s);           // "2.67 s", "12.0 min", "3.09 h"
std::string format_percent(double ratio);         // "95.0%"
std::string format_per_second(double per_second); // "20,000/s", "1.50/s"
std::string format_sig(double v, int digits = 3); // "1.23", "12.3", "123", "1,234"
std::string format_count(double n);               // "131,072"
std::string format_power(double watts);           // "700 W", "18.4 kW", "14.7 MW"
std::string format_money(double usd);             // "$58,500", "$1.23 M", "$0.12"

} // namespace archplan::units
