// Unit tests for the quantity parser/formatter (archplan::units); every expected value is worked by hand.
#include "catch.hpp"

#include "archplan/units/units.hpp"

#include <string>

using namespace archplan::units;

namespace {

// The parsed value; fails the test (showing the error) when parsing failed.
double value_of(const Parsed& p, const std::string& text) {
    INFO("text: '" << text << "', error: '" << p.error << "'");
    REQUIRE(p.value.has_value());
    CHECK(p.error.empty());
    return *p.value;
}

// The error message; fails the test (showing the value) when parsing succeeded.
std::string error_of(const Parsed& p, const std::string& text) {
    INFO("text: '" << text << "', value: " << (p.value ? *p.value : -1.0));
    REQUIRE_FALSE(p.value.has_value());
    REQUIRE_FALSE(p.error.empty());
    return p.error;
}

double size_of(const std::string& t) { return value_of(parse_size(t), t); }
double rate_of(const std::string& t) { return value_of(parse_rate(t), t); }
double duration_of(const std::string& t) { return value_of(parse_duration(t), t); }
double ratio_of(const std::string& t) { return value_of(parse_ratio(t), t); }
std::string size_error(const std::string& t) { return error_of(parse_size(t), t); }
std::string rate_error(const std::string& t) { return error_of(parse_rate(t), t); }
std::string duration_error(const std::string& t) { return error_of(parse_duration(t), t); }
std::string ratio_error(const std::string& t) { return error_of(parse_ratio(t), t); }

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

const std::string size_valid = "(valid: B, kB, MB, GB, TB, PB, EB, KiB, MiB, GiB, TiB, PiB, EiB, b, kb, Mb, Gb, Tb, Pb, "
                               "bit, kbit, Mbit, Gbit, Tbit, Pbit)";
const std::string duration_valid = "(valid: ms, s, min, h, d, y, second(s), minute(s), hour(s), day(s), year(s))";

} // namespace

// ---------------------------------------------------------------------------------------------
// Sizes
// ---------------------------------------------------------------------------------------------

TEST_CASE("units: SI byte sizes are powers of 1000", "[units]") {
    CHECK(size_of("0 B") == 0.0);
    CHECK(size_of("1 B") == 1.0);
    CHECK(size_of("512 B") == 512.0);
    CHECK(size_of("1 kB") == 1000.0);                  // 1 × 10^3
    CHECK(size_of("4 kB") == 4000.0);                  // 4 × 10^3
    CHECK(size_of("1.5 MB") == 1500000.0);             // 1.5 × 10^6
    CHECK(size_of("90 GB") == 90000000000.0);          // 90 × 10^9 = 9.0e10
    CHECK(size_of("3.84 TB") == 3840000000000.0);      // 3.84 × 10^12 = 3,840,000,000,000
    CHECK(size_of("7.68 TB") == 7680000000000.0);      // 7.68 × 10^12
    CHECK(size_of("50 PB") == 50000000000000000.0);    // 50 × 10^15 = 5.0e16
    CHECK(size_of("1.5 EB") == 1500000000000000000.0); // 1.5 × 10^18
    // The decimal scale is applied to the text, so the result is the double nearest the exact
    // decimal value, identical to the C++ literal.
    CHECK(size_of("3.84 TB") == 3.84e12);
    CHECK(size_of("0.1 kB") == 100.0); // 0.1 × 1000 = 100 exactly (not 100.00000000000001)
    CHECK(size_of("1.1 TB") == 1.1e12);
}

TEST_CASE("units: binary byte sizes are powers of 1024", "[units]") {
    CHECK(size_of("1 KiB") == 1024.0);                // 2^10
    CHECK(size_of("4 KiB") == 4096.0);                // 4 × 1024
    CHECK(size_of("1 MiB") == 1048576.0);             // 2^20 = 1024 × 1024
    CHECK(size_of("1 GiB") == 1073741824.0);          // 2^30
    CHECK(size_of("1.5 GiB") == 1610612736.0);        // 1.5 × 1,073,741,824 = 1,610,612,736
    CHECK(size_of("1 TiB") == 1099511627776.0);       // 2^40
    CHECK(size_of("1 PiB") == 1125899906842624.0);    // 2^50
    CHECK(size_of("1 EiB") == 1152921504606846976.0); // 2^60
    // 30.72 TiB = 30.72 × 2^40 = 30.72 × 1,099,511,627,776 = 33,776,997,205,278.72 B.
    // Scaling by 2^40 is exact, so the result is (the double nearest 30.72) × 2^40.
    CHECK(size_of("30.72 TiB") == 30.72 * 1099511627776.0);
    CHECK(size_of("30.72 TiB") == Approx(33776997205278.72).epsilon(1e-15));
    // SI vs binary differ: 1 TiB / 1 TB = 1,099,511,627,776 / 10^12 = 1.099511627776
    CHECK(size_of("1 TiB") / size_of("1 TB") == Approx(1.099511627776).epsilon(1e-15));
}

TEST_CASE("units: bit sizes are divided by 8", "[units]") {
    CHECK(size_of("8 b") == 1.0);                // 8 / 8
    CHECK(size_of("1 b") == 0.125);              // 1 / 8
    CHECK(size_of("8 kb") == 1000.0);            // 8 × 10^3 / 8
    CHECK(size_of("1 Mb") == 125000.0);          // 10^6 / 8
    CHECK(size_of("512 Gb") == 64000000000.0);   // 512 × 10^9 / 8 = 64 × 10^9
    CHECK(size_of("400 Gb") == 50000000000.0);   // 400 × 10^9 / 8 = 5.0e10
    CHECK(size_of("1 Tb") == 125000000000.0);    // 10^12 / 8 = 1.25e11
    CHECK(size_of("2 Pb") == 250000000000000.0); // 2 × 10^15 / 8 = 2.5e14
    CHECK(size_of("16 Gbit") == 2000000000.0);   // 16 × 10^9 / 8 = 2 × 10^9
    CHECK(size_of("8 bit") == 1.0);              // 8 / 8
    // "Tb" and "TB" are both valid and differ by a factor of 8: 10^12 / (10^12 / 8) = 8
    CHECK(size_of("1 TB") / size_of("1 Tb") == 8.0);
}

TEST_CASE("units: number syntax (fraction, exponent, whitespace)", "[units]") {
    CHECK(size_of("400Gb") == 50000000000.0);  // no space: 400 × 10^9 / 8
    CHECK(size_of("400 Gb") == 50000000000.0); // one space
    CHECK(size_of("  3.84 TB  ") == 3.84e12);  // surrounding spaces are trimmed
    CHECK(size_of("\t3.84 TB\n") == 3.84e12);  // surrounding tabs/newlines too
    CHECK(size_of("1e3 B") == 1000.0);         // 1 × 10^3
    CHECK(size_of("1E3 B") == 1000.0);
    CHECK(size_of("2.5e3 GB") == 2.5e12); // 2.5 × 10^3 × 10^9 = 2.5 × 10^12
    CHECK(size_of("1e+3 B") == 1000.0);
    CHECK(size_of("5e-1 kB") == 500.0); // 0.5 × 1000
    CHECK(size_of("1EB") == 1e18);      // 'E' then a letter: the unit EB, not an exponent
    CHECK(size_of("1e3EB") == 1e21);    // 10^3 × 10^18
    CHECK(size_of(".5 kB") == 500.0);   // 0.5 × 1000
    CHECK(size_of("5. kB") == 5000.0);  // 5 × 1000
    CHECK(size_of("007 B") == 7.0);
    CHECK(size_of("0.0 TB") == 0.0);
}

// ---------------------------------------------------------------------------------------------
// Rates
// ---------------------------------------------------------------------------------------------

TEST_CASE("units: byte rates", "[units]") {
    CHECK(rate_of("10 TB/s") == 10000000000000.0); // 10 × 10^12 = 1e13
    CHECK(rate_of("90 GB/s") == 90000000000.0);    // 90 × 10^9
    CHECK(rate_of("47.5 GB/s") == 47500000000.0);  // 47.5 × 10^9
    CHECK(rate_of("1.5 GiB/s") == 1610612736.0);   // 1.5 × 2^30 = 1.5 × 1,073,741,824
    CHECK(rate_of("100 MiB/s") == 104857600.0);    // 100 × 2^20 = 100 × 1,048,576
    CHECK(rate_of("250 MB/s") == 250000000.0);     // 250 × 10^6
    CHECK(rate_of("1 B/s") == 1.0);
    CHECK(rate_of("0 B/s") == 0.0);
}

TEST_CASE("units: bit rates are divided by 8 (400 Gb/s = 50 GB/s)", "[units]") {
    CHECK(rate_of("400 Gb/s") == 50000000000.0);      // 400 × 10^9 / 8 = 5.0e10 B/s
    CHECK(rate_of("400 Gb/s") == rate_of("50 GB/s")); // both 5.0e10 B/s
    CHECK(rate_of("400Gb/s") == 50000000000.0);       // no space
    CHECK(rate_of("100 Gbit/s") == 12500000000.0);    // 100 × 10^9 / 8 = 1.25e10
    CHECK(rate_of("10 Mbit/s") == 1250000.0);         // 10 × 10^6 / 8
    CHECK(rate_of("1 Tbit/s") == 125000000000.0);     // 10^12 / 8
    CHECK(rate_of("8 kbit/s") == 1000.0);             // 8 × 10^3 / 8
    CHECK(rate_of("10 Gbps") == 1250000000.0);        // 10 × 10^9 / 8 = 1.25e9
    CHECK(rate_of("100 Mbps") == 12500000.0);         // 100 × 10^6 / 8
    CHECK(rate_of("1.6 Tbps") == 200000000000.0);     // 1.6 × 10^12 / 8 = 2.0e11
    CHECK(rate_of("25 Gb/s") == 3125000000.0);        // 25 × 10^9 / 8 = 3.125e9
    CHECK(rate_of("8 b/s") == 1.0);                   // 8 / 8
}

// ---------------------------------------------------------------------------------------------
// Durations and ratios
// ---------------------------------------------------------------------------------------------

TEST_CASE("units: durations", "[units]") {
    CHECK(duration_of("250 ms") == 0.25); // 250 × 10^-3
    CHECK(duration_of("1 ms") == 0.001);
    CHECK(duration_of("30 s") == 30.0);
    CHECK(duration_of("30 min") == 1800.0);   // 30 × 60
    CHECK(duration_of("2 h") == 7200.0);      // 2 × 3600
    CHECK(duration_of("1.5 d") == 129600.0);  // 1.5 × 86,400
    CHECK(duration_of("1 y") == 31536000.0);  // 8,760 h × 3,600 = 365 × 86,400 = 31,536,000
    CHECK(duration_of("5 y") == 157680000.0); // 5 × 31,536,000
    CHECK(duration_of("1 second") == 1.0);
    CHECK(duration_of("10 seconds") == 10.0);
    CHECK(duration_of("1 minute") == 60.0);
    CHECK(duration_of("5 minutes") == 300.0); // 5 × 60
    CHECK(duration_of("1 hour") == 3600.0);
    CHECK(duration_of("3 hours") == 10800.0); // 3 × 3600
    CHECK(duration_of("1 day") == 86400.0);   // 24 × 3600
    CHECK(duration_of("7 days") == 604800.0); // 7 × 86,400
    CHECK(duration_of("1 year") == 31536000.0);
    CHECK(duration_of("2 years") == 63072000.0); // 2 × 31,536,000
    CHECK(duration_of("30min") == 1800.0);       // no space
    CHECK(duration_of("0 s") == 0.0);
}

TEST_CASE("units: ratios", "[units]") {
    CHECK(ratio_of("95%") == 0.95); // 95 / 100; same double as the literal 0.95
    CHECK(ratio_of("95 %") == 0.95);
    CHECK(ratio_of("0.95") == 0.95); // bare number
    CHECK(ratio_of("100%") == 1.0);
    CHECK(ratio_of("0%") == 0.0);
    CHECK(ratio_of("12.5%") == 0.125); // 12.5 / 100
    CHECK(ratio_of("150%") == 1.5);    // range checks are the caller's job
    CHECK(ratio_of("95") == 95.0);     // a bare 95 is 95, not 95%
}

TEST_CASE("units: parse dispatches on kind and kind_name names it", "[units]") {
    CHECK(value_of(parse(Kind::size, "3.84 TB"), "3.84 TB") == 3.84e12);
    CHECK(value_of(parse(Kind::rate, "400 Gb/s"), "400 Gb/s") == 5e10);
    CHECK(value_of(parse(Kind::duration, "30 min"), "30 min") == 1800.0);
    CHECK(value_of(parse(Kind::ratio, "95%"), "95%") == 0.95);
    CHECK(error_of(parse(Kind::size, "10 TB/s"), "10 TB/s") == "expected a size, got a rate");
    CHECK(std::string(kind_name(Kind::size)) == "size");
    CHECK(std::string(kind_name(Kind::rate)) == "rate");
    CHECK(std::string(kind_name(Kind::duration)) == "duration");
    CHECK(std::string(kind_name(Kind::ratio)) == "ratio");
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

TEST_CASE("units: a bare number is an error for sizes, rates and durations", "[units]") {
    CHECK(size_error("3") == "a size needs a unit, e.g. '3.84 TB' or '30.72 TiB'");
    CHECK(size_error("3.84") == "a size needs a unit, e.g. '3.84 TB' or '30.72 TiB'");
    CHECK(rate_error("400") == "a rate needs a unit, e.g. '400 Gb/s' or '10 TB/s'");
    CHECK(duration_error("30") == "a duration needs a unit, e.g. '30 min'");
    CHECK(size_error("0") == "a size needs a unit, e.g. '3.84 TB' or '30.72 TiB'");
}

TEST_CASE("units: the wrong kind of quantity is named", "[units]") {
    CHECK(size_error("10 TB/s") == "expected a size, got a rate");
    CHECK(size_error("400 Gb/s") == "expected a size, got a rate");
    CHECK(size_error("10 Gbps") == "expected a size, got a rate");
    CHECK(size_error("10 GBps") == "expected a size, got a rate");
    CHECK(size_error("10 TB/h") == "expected a size, got a rate");
    CHECK(size_error("30 s") == "expected a size, got a duration");
    CHECK(size_error("2 h") == "expected a size, got a duration");
    CHECK(size_error("95%") == "expected a size, got a ratio");
    CHECK(rate_error("10 TB") == "expected a rate, got a size; write e.g. '10 TB/s'");
    CHECK(rate_error("400 Gb") == "expected a rate, got a size; write e.g. '10 TB/s'");
    CHECK(rate_error("30 min") == "expected a rate, got a duration");
    CHECK(duration_error("3 TB") == "expected a duration, got a size");
    CHECK(duration_error("3 Gb/s") == "expected a duration, got a rate");
    CHECK(ratio_error("3 TB") == "expected a ratio, got a size");
    CHECK(ratio_error("3 s") == "expected a ratio, got a duration");
}

TEST_CASE("units: ambiguous and look-alike units are rejected with advice", "[units]") {
    CHECK(size_error("3 KB") == "ambiguous unit 'KB'; write 'kB' (powers of 1000) or 'KiB' (powers of 1024)");
    CHECK(size_error("3 Kb") == "ambiguous unit 'Kb'; write 'kb' (powers of 1000)");
    CHECK(rate_error("3 KB/s") == "ambiguous unit 'KB/s'; write 'kB/s' (powers of 1000) or 'KiB/s' (powers of 1024)");
    CHECK(rate_error("10 GBps") == "unit 'GBps' is not accepted because it is easily misread as bits per second; write 'GB/s'");
    CHECK(rate_error("10 KBps") ==
          "unit 'KBps' is not accepted because it is easily misread as bits per second; write 'kB/s' or 'KiB/s'");
    CHECK(rate_error("10 TB/h") == "rates must be given per second, e.g. '10 TB/s', not 'TB/h'");
    CHECK(duration_error("3 m") == "ambiguous unit 'm'; write 'min' (minutes) or 'ms' (milliseconds)");
}

TEST_CASE("units: unknown units list the valid ones and suggest a close match", "[units]") {
    CHECK(size_error("3 TBs") == "unknown unit 'TBs' " + size_valid + "; did you mean 'TB'?");
    CHECK(size_error("3 TiBs") == "unknown unit 'TiBs' " + size_valid + "; did you mean 'TiB'?");
    CHECK(size_error("3 BT") == "unknown unit 'BT' " + size_valid + "; did you mean 'TB'?"); // swapped letters
    // differs only in case from both a byte and a bit unit: both are offered
    CHECK(size_error("3 gb") == "unknown unit 'gb' " + size_valid + "; did you mean 'GB' or 'Gb'?");
    CHECK(size_error("3 kib") == "unknown unit 'kib' " + size_valid + "; did you mean 'KiB'?");
    CHECK(size_error("3 xyz") == "unknown unit 'xyz' " + size_valid); // nothing close
    CHECK(size_error("3 furlongs") == "unknown unit 'furlongs' " + size_valid);
    CHECK(contains(rate_error("3 Gb/sec"), "unknown unit 'Gb/sec' (valid: B/s, kB/s, "));
    CHECK(contains(rate_error("3 Gb/sec"), "Gbps, Tbps, Pbps); did you mean 'Gb/s'?"));
    CHECK(contains(rate_error("3 tb/s"), "; did you mean 'TB/s' or 'Tb/s'?"));
    CHECK(duration_error("3 mins") == "unknown unit 'mins' " + duration_valid + "; did you mean 'min'?");
    CHECK(duration_error("3 sec") == "unknown unit 'sec' " + duration_valid + "; did you mean 's'?");
    CHECK(duration_error("3 hrs") == "unknown unit 'hrs' " + duration_valid + "; did you mean 'h'?");
    // one edit from both 'day' (drop z) and 'days' (z → s): both are offered
    CHECK(duration_error("3 dayz") == "unknown unit 'dayz' " + duration_valid + "; did you mean 'day' or 'days'?");
    CHECK(duration_error("3 fortnights") == "unknown unit 'fortnights' " + duration_valid);
    CHECK(ratio_error("95 pct") == "unknown unit 'pct' (valid: % or no unit)");
}

TEST_CASE("units: negative, non-finite and out-of-range numbers are rejected", "[units]") {
    CHECK(size_error("-3 TB") == "negative value '-3 TB' is not allowed");
    CHECK(size_error("  -3 TB ") == "negative value '-3 TB' is not allowed"); // quoted text is trimmed
    CHECK(size_error("-0 B") == "negative value '-0 B' is not allowed");
    CHECK(rate_error("-400 Gb/s") == "negative value '-400 Gb/s' is not allowed");
    CHECK(duration_error("-.5 h") == "negative value '-.5 h' is not allowed");
    CHECK(ratio_error("-5%") == "negative value '-5%' is not allowed");
    CHECK(size_error("+3 TB") == "unexpected '+' in '+3 TB'; write the number without a sign");
    CHECK(size_error("inf") == "'inf' is not a finite number");
    CHECK(size_error("inf TB") == "'inf TB' is not a finite number");
    CHECK(size_error("Infinity TB") == "'Infinity TB' is not a finite number");
    CHECK(size_error("-inf TB") == "'-inf TB' is not a finite number");
    CHECK(size_error("NaN TB") == "'NaN TB' is not a finite number");
    CHECK(ratio_error("nan") == "'nan' is not a finite number");
    CHECK(size_error("1e400 TB") == "value '1e400 TB' is out of range");   // beyond DBL_MAX ≈ 1.8e308
    CHECK(size_error("1e300 EB") == "value '1e300 EB' is out of range");   // 10^300 × 10^18 = 10^318
    CHECK(size_error("1e300 EiB") == "value '1e300 EiB' is out of range"); // 10^300 × 2^60 ≈ 1.15e318
    CHECK(size_error("1e-400 B") == "value '1e-400 B' is out of range");   // below the smallest double
    CHECK(size_of("1e300 B") == 1e300);                                    // large but finite is fine
}

TEST_CASE("units: empty, garbage and malformed text", "[units]") {
    CHECK(size_error("") == "empty value; expected a size, e.g. '3.84 TB' or '30.72 TiB'");
    CHECK(size_error("   ") == "empty value; expected a size, e.g. '3.84 TB' or '30.72 TiB'");
    CHECK(rate_error("") == "empty value; expected a rate, e.g. '400 Gb/s' or '10 TB/s'");
    CHECK(duration_error("") == "empty value; expected a duration, e.g. '30 min'");
    CHECK(ratio_error("") == "empty value; expected a ratio, e.g. '95%' or '0.95'");
    CHECK(size_error("abc") == "expected a size, e.g. '3.84 TB' or '30.72 TiB', got 'abc'");
    CHECK(size_error("TB") == "expected a size, e.g. '3.84 TB' or '30.72 TiB', got 'TB'");
    CHECK(size_error(".") == "expected a size, e.g. '3.84 TB' or '30.72 TiB', got '.'");
    CHECK(size_error("-") == "expected a size, e.g. '3.84 TB' or '30.72 TiB', got '-'");
    CHECK(duration_error("soon") == "expected a duration, e.g. '30 min', got 'soon'");
    CHECK(size_error("1,800 GB") ==
          "commas are not allowed in numbers: '1,800 GB'; write '1800' rather than '1,800' and use '.' for a decimal point");
    CHECK(size_error("1,5 TB") ==
          "commas are not allowed in numbers: '1,5 TB'; write '1800' rather than '1,800' and use '.' for a decimal point");
    CHECK(size_error("1_800 GB") == "underscores are not allowed in numbers: '1_800 GB'");
    CHECK(size_error("1.2.3 TB") == "malformed number in '1.2.3 TB'");
    CHECK(size_error("3  TB") == "use at most one space between the number and the unit: '3  TB'");
    CHECK(size_error("3\tTB") == "use at most one space between the number and the unit: '3\tTB'");
    CHECK(size_error("3 TB extra") ==
          "malformed size '3 TB extra'; expected a number, an optional space and a unit, e.g. '3.84 TB' or '30.72 TiB'");
    CHECK(rate_error("400 Gb / s") ==
          "malformed rate '400 Gb / s'; expected a number, an optional space and a unit, e.g. '400 Gb/s' or '10 TB/s'");
}

TEST_CASE("units: every error is lower case with no trailing period", "[units]") {
    const std::string samples[] = {
        size_error("3"),       size_error("10 TB/s"), size_error("3 KB"), size_error("3 TBs"),    size_error("-3 TB"),
        size_error("inf"),     size_error(""),        size_error("abc"),  size_error("1,800 GB"), rate_error("3 TB"),
        rate_error("10 GBps"), duration_error("3 m"), ratio_error("3 x"),
    };
    for (const std::string& e : samples) {
        INFO(e);
        CHECK_FALSE(e.empty());
        CHECK(e.back() != '.');
        const char first = e.front();
        CHECK_FALSE((first >= 'A' && first <= 'Z'));
    }
}

// ---------------------------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------------------------

TEST_CASE("units: format_sig keeps three significant digits", "[units]") {
    CHECK(format_sig(0.0) == "0");
    CHECK(format_sig(-0.0) == "0");
    CHECK(format_sig(1.234) == "1.23");     // 1.234 → 1.23
    CHECK(format_sig(12.34) == "12.3");     // 12.34 → 12.3
    CHECK(format_sig(123.4) == "123");      // 123.4 → 123
    CHECK(format_sig(0.1234) == "0.123");   // 0.1234 → 0.123
    CHECK(format_sig(0.01234) == "0.0123"); // 0.01234 → 0.0123
    CHECK(format_sig(0.001234) == "0.00123");
    CHECK(format_sig(50.0) == "50.0"); // trailing zeros are kept: 50 → 50.0
    CHECK(format_sig(5.0) == "5.00");
    CHECK(format_sig(1.0) == "1.00");
    CHECK(format_sig(100.0) == "100");
    CHECK(format_sig(-2.5) == "-2.50");
    CHECK(format_sig(-1234.0) == "-1,234");
    CHECK(format_sig(1.2345, 2) == "1.2"); // two significant digits
    CHECK(format_sig(1.2345, 5) == "1.2345");
    CHECK(format_sig(123.0, 2) == "120"); // 123 to 2 significant digits is 1.2 × 10^2
}

TEST_CASE("units: format_sig prints values of 1,000 and more as whole numbers with separators", "[units]") {
    CHECK(format_sig(1000.0) == "1,000");
    CHECK(format_sig(1234.4) == "1,234"); // rounded to an integer, not to 3 digits (1,230)
    CHECK(format_sig(1234.5) == "1,235"); // .5 rounds away from zero
    CHECK(format_sig(131072.0) == "131,072");
    CHECK(format_sig(11000.0) == "11,000");
    CHECK(format_sig(1234567.89) == "1,234,568");
    CHECK(format_sig(1e20) == "100,000,000,000,000,000,000");
}

TEST_CASE("units: format_sig rounding edge cases", "[units]") {
    CHECK(format_sig(999.4) == "999");    // 999.4 → 999
    CHECK(format_sig(999.5) == "1,000");  // 999.5 → 1.00 × 10^3 → integer path: 1,000
    CHECK(format_sig(999.95) == "1,000"); // 999.95 → 1,000
    CHECK(format_sig(99.95) == "100");    // 99.95 → 100 (3 digits: "100", not "100.0")
    CHECK(format_sig(99.94) == "99.9");
    // 9.995 is rounded as the decimal a reader sees (half away from zero), giving 10.0, even though
    // the double is 9.99499999999999957...; the carry moves to one decimal: "10.0", not "10.00".
    CHECK(format_sig(9.995) == "10.0");
    CHECK(format_sig(9.994) == "9.99");
    CHECK(format_sig(2.675) == "2.68");            // likewise 2.675 → 2.68
    CHECK(format_sig(0.5) == "0.500");             // 0.5 → three significant digits
    CHECK(format_sig(0.9995) == "1.00");           // 0.9995 → 1.00
    CHECK(format_sig(0.001) == "0.00100");         // 1 × 10^-3 still fixed-point
    CHECK(format_sig(0.000999996) == "0.00100");   // rounds up to 1.00 × 10^-3: fixed-point
    CHECK(format_sig(0.0000123456) == "1.23e-05"); // < 10^-3: scientific
    CHECK(format_sig(0.00012345) == "1.23e-04");
    CHECK(format_sig(1e-300) == "1.00e-300");
}

TEST_CASE("units: format_count", "[units]") {
    CHECK(format_count(0.0) == "0");
    CHECK(format_count(7.0) == "7");
    CHECK(format_count(999.0) == "999");
    CHECK(format_count(1000.0) == "1,000");
    CHECK(format_count(131072.0) == "131,072");    // 2^17
    CHECK(format_count(1048576.0) == "1,048,576"); // 2^20
    CHECK(format_count(2.5) == "3");               // half away from zero
    CHECK(format_count(2.4) == "2");
    CHECK(format_count(-1234.0) == "-1,234");
    CHECK(format_count(-0.4) == "0"); // never "-0"
}

TEST_CASE("units: format_size picks the largest SI unit with value >= 1", "[units]") {
    CHECK(format_size(Bytes(5.0e16)) == "50.0 PB");   // 5.0e16 / 10^15 = 50.0
    CHECK(format_size(Bytes(7.3728e14)) == "737 TB"); // 7.3728e14 / 10^12 = 737.28 → 737
    CHECK(format_size(Bytes(3.84e12)) == "3.84 TB");  // 3.84e12 / 10^12 = 3.84
    CHECK(format_size(Bytes(1.5e18)) == "1.50 EB");   // 1.5e18 / 10^18 = 1.50
    CHECK(format_size(Bytes(1.2e21)) == "1,200 EB");  // 1.2e21 / 10^18 = 1,200: no larger unit
    CHECK(format_size(Bytes(0.0)) == "0 B");
    CHECK(format_size(Bytes(512.0)) == "512 B");
    CHECK(format_size(Bytes(0.5)) == "0.500 B");
    CHECK(format_size(Bytes(1000.0)) == "1.00 kB"); // exactly 1 kB
    CHECK(format_size(Bytes(999.0)) == "999 B");
    CHECK(format_size(Bytes(1099511627776.0)) == "1.10 TB");   // 1 TiB = 1.099511627776e12 → 1.10 TB
    CHECK(format_size(Bytes(33776997205278.72)) == "33.8 TB"); // 30.72 TiB = 33.777e12 → 33.8 TB
    // 999.96 GB would print as "1,000 GB"; it moves up a unit instead: 999.96e9 / 10^12 = 0.99996 → 1.00
    CHECK(format_size(Bytes(999.96e9)) == "1.00 TB");
    CHECK(format_size(Bytes(999.4e9)) == "999 GB");
    CHECK(format_size(Bytes(-3.84e12)) == "-3.84 TB"); // a negative difference keeps its sign
}

TEST_CASE("units: format_rate and format_bit_rate", "[units]") {
    CHECK(format_rate(BytesPerSecond(1e13)) == "10.0 TB/s");    // 1e13 / 10^12 = 10.0
    CHECK(format_rate(BytesPerSecond(4.75e10)) == "47.5 GB/s"); // 4.75e10 / 10^9 = 47.5
    CHECK(format_rate(BytesPerSecond(5e10)) == "50.0 GB/s");
    CHECK(format_rate(BytesPerSecond(0.0)) == "0 B/s");
    CHECK(format_rate(BytesPerSecond(250e6)) == "250 MB/s");
    CHECK(format_bit_rate(BytesPerSecond(5e10)) == "400 Gb/s");     // 5e10 × 8 = 4e11 b/s / 10^9 = 400
    CHECK(format_bit_rate(BytesPerSecond(1.25e9)) == "10.0 Gb/s");  // 1.25e9 × 8 = 1e10 → 10.0 Gb/s
    CHECK(format_bit_rate(BytesPerSecond(1.25e11)) == "1.00 Tb/s"); // 1.25e11 × 8 = 1e12 → 1.00 Tb/s
    CHECK(format_bit_rate(BytesPerSecond(125.0)) == "1.00 kb/s");   // 125 × 8 = 1000 b/s
    CHECK(format_bit_rate(BytesPerSecond(1.0)) == "8.00 b/s");
    CHECK(format_bit_rate(BytesPerSecond(1.5e18)) == "12,000 Pb/s"); // 1.2e19 b/s / 10^15 = 12,000
    // round trip with the parser: "400 Gb/s" → 5e10 B/s → "400 Gb/s" and "50.0 GB/s"
    CHECK(format_bit_rate(BytesPerSecond(rate_of("400 Gb/s"))) == "400 Gb/s");
    CHECK(format_rate(BytesPerSecond(rate_of("400 Gb/s"))) == "50.0 GB/s");
}

TEST_CASE("units: format_duration", "[units]") {
    CHECK(format_duration(Seconds(0.0)) == "0 s");
    CHECK(format_duration(Seconds(0.5)) == "500 ms");      // 0.5 × 1000
    CHECK(format_duration(Seconds(0.0001)) == "0.100 ms"); // 10^-4 × 1000 = 0.1
    CHECK(format_duration(Seconds(0.9996)) == "1.00 s");   // 999.6 ms would print "1,000 ms"
    CHECK(format_duration(Seconds(1.0)) == "1.00 s");
    CHECK(format_duration(Seconds(8.0 / 3.0)) == "2.67 s"); // 2.666… → 2.67
    CHECK(format_duration(Seconds(119.0)) == "119 s");
    CHECK(format_duration(Seconds(120.0)) == "2.00 min");          // 120 / 60
    CHECK(format_duration(Seconds(720.0)) == "12.0 min");          // 720 / 60 = 12
    CHECK(format_duration(Seconds(7199.0)) == "120 min");          // 7199 / 60 = 119.98 → 120
    CHECK(format_duration(Seconds(7200.0)) == "2.00 h");           // 7200 / 3600
    CHECK(format_duration(Seconds(11124.0)) == "3.09 h");          // 11,124 / 3,600 = 3.09
    CHECK(format_duration(Seconds(172800.0)) == "2.00 d");         // 48 h = 2 d
    CHECK(format_duration(Seconds(483840.0)) == "5.60 d");         // 483,840 / 86,400 = 5.6
    CHECK(format_duration(Seconds(31535999.0)) == "365 d");        // 31,535,999 / 86,400 = 364.99999 → 365
    CHECK(format_duration(Seconds(31536000.0)) == "1.00 y");       // 365 d
    CHECK(format_duration(Seconds(346896000000.0)) == "11,000 y"); // 11,000 × 31,536,000 s
}

TEST_CASE("units: format_percent", "[units]") {
    CHECK(format_percent(0.95) == "95.0%");   // 0.95 × 100 = 95 → 95.0
    CHECK(format_percent(0.0123) == "1.23%"); // 0.0123 × 100 = 1.23
    CHECK(format_percent(1.5) == "150%");     // 1.5 × 100 = 150
    CHECK(format_percent(12.34) == "1,234%"); // 12.34 × 100 = 1234
    CHECK(format_percent(0.0) == "0%");
    CHECK(format_percent(1.0) == "100%");
    CHECK(format_percent(0.99999) == "100%"); // 99.999 → 100
    CHECK(format_percent(0.125) == "12.5%");
}

TEST_CASE("units: exact formatting echoes input figures without rounding them away", "[units]") {
    using namespace archplan::units;
    CHECK(format_size_exact(Bytes(30.72e12)) == "30.72 TB"); // 3 digits would print 30.7 TB
    CHECK(format_size_exact(Bytes(3.84e12)) == "3.84 TB");
    CHECK(format_size_exact(Bytes(24e12)) == "24 TB");
    CHECK(format_rate_exact(BytesPerSecond(6.8e9)) == "6.8 GB/s");
    CHECK(format_rate_exact(BytesPerSecond(10e12)) == "10 TB/s");
    CHECK(format_rate_exact(BytesPerSecond(1.23456789e9)) == "1.23457 GB/s"); // 6 significant digits
}

TEST_CASE("units: formatting ignores floating-point noise in computed values", "[units]") {
    using namespace archplan::units;
    // 1.425e12 computed as 1.9e12 x 0.75 is 1424999999999.9998 in binary; it must round as 1.425 -> 1.43.
    CHECK(format_rate(BytesPerSecond(1424999999999.9998)) == "1.43 TB/s");
    CHECK(format_sig(0.30000000000000004) == "0.300");
}

TEST_CASE("units: operation rates", "[units]") {
    using namespace archplan::units;
    CHECK(*parse(Kind::frequency, "20000/s").value == 20000.0);
    CHECK(*parse(Kind::frequency, "20k/s").value == 20000.0);
    CHECK(*parse(Kind::frequency, "1.5M/s").value == 1.5e6);
    CHECK(parse(Kind::frequency, "20000").error.find("needs a unit") != std::string::npos);
    CHECK(parse(Kind::frequency, "20 GB/s").error.find("expected a rate of operations, got a rate") != std::string::npos);
    CHECK(format_per_second(20000) == "20,000/s");
}
