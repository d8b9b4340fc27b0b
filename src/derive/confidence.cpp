// The confidence line of a predicted bandwidth (docs/validation.md).
#include "archplan/derive/confidence.hpp"

#include "archplan/units/units.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace archplan::derive {

const char* validated_label(Validated v) {
    switch (v) {
    case Validated::ports: return "network ports and links";
    case Validated::drives_datasheet: return "drives at their datasheet rate";
    case Validated::drives_positioning: return "HDDs with positioning per chunk";
    case Validated::controller: return "a server's own ceiling";
    case Validated::client: return "the file-system client";
    case Validated::router: return "router forwarding";
    }
    return "";
}

Validated validated_of(const spec::Spec& spec, const model::SystemGraph& g, std::uint32_t cls) {
    const auto& c = g.classes()[cls];
    if (c.element == "drives") {
        const auto* s = spec.find_storage(c.group);
        return s && s->drives.kind == spec::Drives::Kind::hdd ? Validated::drives_positioning : Validated::drives_datasheet;
    }
    if (c.element == "server controller") return Validated::controller;
    if (c.element == "file-system client") return Validated::client;
    if (c.element == "router forwarding") return Validated::router;
    return Validated::ports;
}

// Measured / predicted, rounded outward to two digits, from examples/real (docs/validation.md, "Results").
const std::vector<ValidationBand>& validation_bands() {
    static const std::vector<ValidationBand> bands = {
        {Validated::ports, 0.82, 0.83, 1, "CSCS Alps Iopsstor read"},
        {Validated::drives_datasheet, 0.53, 0.82, 4,
         "CSCS Alps Capstor read and write, Iopsstor write; DDN AI400X2 Turbo MLPerf UNet3D"},
        {Validated::drives_positioning, 0.87, 1.10, 2, "OLCF Alpine read and write"},
    };
    return bands;
}

const ValidationBand* band_of(Validated v) {
    for (const auto& b : validation_bands())
        if (b.sort == v) return &b;
    return nullptr;
}

std::string confidence_text(Validated v, double achievable) {
    const auto* b = band_of(v);
    if (!b)
        return fmt::format("bound by {}, which no published system in docs/validation.md is bound by: how far real "
                           "throughput runs below this ceiling is not measured",
                           validated_label(v));
    auto r = [](double x) { return units::format_rate(units::BytesPerSecond(x)); };
    if (b->figures == 1)
        return fmt::format("bound by {}: the one published figure bound there ({}) ran at {:.0f}%-{:.0f}% of the prediction "
                           "(docs/validation.md), so expect {} to {}; one figure is not a spread",
                           validated_label(v), b->systems, b->lo * 100, b->hi * 100, r(b->lo * achievable),
                           r(b->hi * achievable));
    return fmt::format("bound by {}: {} published figure{} bound there ran at {:.0f}%-{:.0f}% of the prediction "
                       "(docs/validation.md), so expect {} to {}{}",
                       validated_label(v), b->figures, b->figures == 1 ? "" : "s", b->lo * 100, b->hi * 100,
                       r(b->lo * achievable), r(b->hi * achievable),
                       b->hi > 1 ? " (above 1: the model under-predicts there)" : "");
}

std::string confidence_text(const std::vector<Validated>& tied, double achievable) {
    std::vector<Validated> sorts;
    for (auto v : tied)
        if (std::find(sorts.begin(), sorts.end(), v) == sorts.end()) sorts.push_back(v);
    if (sorts.size() == 1) return confidence_text(sorts.front(), achievable);
    std::string names, bands;
    for (std::size_t i = 0; i < sorts.size(); ++i) {
        const auto* b = band_of(sorts[i]);
        auto sep = i == 0 ? "" : i + 1 == sorts.size() ? " and " : ", ";
        names += sep + std::string(validated_label(sorts[i]));
        bands += sep + (b ? fmt::format("{:.0f}%-{:.0f}%", b->lo * 100, b->hi * 100) : std::string("not measured"));
    }
    return fmt::format("bound by {} at once (tied): their bands are {} of the prediction (docs/validation.md), so no one "
                       "band applies",
                       names, bands);
}

} // namespace archplan::derive
